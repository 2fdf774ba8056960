import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { countyPackage } from './fixtures.ts';
import { main } from '../../cli/main.ts';
const dir = '/tmp/imp/pkg'; rmSync('/tmp/imp', { recursive: true, force: true }); mkdirSync(dir, { recursive: true });
const { files, mapping } = await countyPackage({});
for (const [n, b] of Object.entries(files)) writeFileSync(`${dir}/${n}`, b);
writeFileSync(`${dir}/mapping.json`, JSON.stringify(mapping, null, 1));
const code = await main(['import', `${dir}/mapping.json`, '--out', '/tmp/imp/out'], { log: console.log, err: console.error });
console.log('exit', code);
