// Writes the shipped import templates (tools/import/templates/: site and
// population tables with Chinese and English headers, as CSV and XLSX, and a
// mapping file for each) and the filled example package
// (tools/import/example/: the fictional 示例县 as GBK CSV, zipped shapefile,
// OSM XML and XLSX, with its mapping). Run: node --import tsx tools/import/write-examples.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainModule } from '../kit/index.ts';
import { countyPackage, csvText, xlsxBytes } from './fixtures.ts';
import { IMPORT_FORMAT_V1, type ImportMapping } from '../../authoring/import/mapping.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

const SITES = {
  zh: ['站点编码', '站点名称', '经度', '纬度', '运营商', '制式', '站点类型', '覆盖场景', '蓄电池容量', '功耗', '固定油机续航', '传输方式', '所属乡镇', '汇聚站点'],
  en: ['id', 'name', 'lon', 'lat', 'operators', 'tech', 'siteClass', 'environment', 'batteryKwh', 'loadKw', 'generatorFuelHours', 'backhaul', 'township', 'aggregation'],
};
const SITE_EXAMPLE = {
  zh: [['XX-0001', '城关镇政府站', 104.05, 35.15, '移动/联通/电信', '4G/5G', '宏站', '城区', 19.2, 4.6, '', '光纤', '城关镇', ''], ['XX-0002', '河西村站', 104.21, 35.16, '移动', '4G', '宏站', '农村', 14.4, 1.3, '', '微波', '河西乡', 'XX-0001']],
  en: [['XX-0001', 'Town hall', 104.05, 35.15, 'cmcc/cucc/ctcc', '4G/5G', 'macro', 'urban', 19.2, 4.6, '', 'fibre', '城关镇', ''], ['XX-0002', 'Hexi village', 104.21, 35.16, 'cmcc', '4G', 'macro', 'rural', 14.4, 1.3, '', 'microwave', '河西乡', 'XX-0001']],
};
const POPULATION = { zh: ['乡镇', '村', '常住人口', '经度', '纬度'], en: ['township', 'village', 'population', 'lon', 'lat'] };
const POPULATION_EXAMPLE = [['城关镇', '城关一村', 17333, 104.07, 35.16], ['河西乡', '河西一村', 6000, 104.22, 35.15], ['石峡镇', '石峡一村', 8000, 104.06, 35.05], ['高山乡', '高山一村', 3000, 104.22, 35.04]];

function templateMapping(lang: 'zh' | 'en', ext: 'csv' | 'xlsx'): ImportMapping {
  const cols = (headers: string[], fields: string[]) => Object.fromEntries(fields.map((f, i) => [f, headers[i]]));
  return {
    format: IMPORT_FORMAT_V1,
    name: { zh: 'XX县', en: 'XX County' },
    region: 'XX省XX市XX县',
    seed: 1,
    start: '2025-07-20T02:00:00+08:00',
    durationHours: 72,
    inputs: {
      townships: { file: 'townships.zip', crs: 'CGCS2000', encoding: 'gbk', columns: { id: 'XZQDM', nameZh: 'XZQMC' } },
      population: { file: `population.${lang}.${ext}`, crs: 'WGS84', ...(ext === 'csv' ? { encoding: 'auto' } : {}), columns: cols(POPULATION[lang], ['township', 'name', 'population', 'lon', 'lat']) },
      sites: { file: `sites.${lang}.${ext}`, crs: 'WGS84', ...(ext === 'csv' ? { encoding: 'auto' } : {}), columns: cols(SITES[lang], SITES.en) },
      roads: { file: 'roads.osm' },
    },
    hazard: { type: 'earthquake', epicenter: [104.12, 35.09], crs: 'WGS84', magnitude: 6.5, magnitudeType: 'Ms', depthKm: 10, strikeDeg: 300, zone: 'auto' },
  };
}

export async function writeExamples(): Promise<string[]> {
  const written: string[] = [];
  const put = (rel: string, bytes: Uint8Array | string) => {
    const path = join(HERE, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    written.push(rel);
  };
  for (const lang of ['zh', 'en'] as const) {
    // CSV with a UTF-8 byte-order mark, so Excel opens Chinese headers right; GBK files are read as well.
    put(`templates/sites.${lang}.csv`, '\ufeff' + csvText(SITES[lang], SITE_EXAMPLE[lang]));
    put(`templates/population.${lang}.csv`, '\ufeff' + csvText(POPULATION[lang], POPULATION_EXAMPLE));
    put(`templates/sites.${lang}.xlsx`, await xlsxBytes(lang === 'zh' ? '站点' : 'sites', SITES[lang], SITE_EXAMPLE[lang]));
    put(`templates/population.${lang}.xlsx`, await xlsxBytes(lang === 'zh' ? '人口' : 'population', POPULATION[lang], POPULATION_EXAMPLE));
    for (const ext of ['csv', 'xlsx'] as const) put(`templates/mapping.${lang}.${ext}.json`, `${JSON.stringify(templateMapping(lang, ext), null, 1)}\n`);
  }
  const { files, mapping } = await countyPackage({ dem: true });
  for (const [name, bytes] of Object.entries(files)) put(`example/${name}`, bytes);
  put('example/mapping.json', `${JSON.stringify(mapping, null, 1)}\n`);
  return written;
}

if (isMainModule(import.meta.url)) {
  for (const rel of await writeExamples()) console.log(`wrote tools/import/${rel}`);
}
