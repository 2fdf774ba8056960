// Bootstrap for the sweep's piscina threads: register the tsx loader inside
// the thread, then hand piscina the TypeScript worker's task function.
import { register } from 'tsx/esm/api';
register();
const worker = await import('./sweep-worker.ts');
export default worker.runSweepTask;
