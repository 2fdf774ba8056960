#!/usr/bin/env node
// The drilltwin command. Node runs the TypeScript sources through the tsx
// loader (registered here), so there is no build step that can go stale.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
