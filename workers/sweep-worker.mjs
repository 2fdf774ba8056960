// Bootstrap for the sweep's piscina threads: register the tsx loader inside
// the thread, then hand piscina the TypeScript worker's task function (the
// default, a sweep row) and, by name, the hindcast's run (drilltwin hindcast:
// pool.run(task, { name: 'runHindcastTask' })).
import { register } from 'tsx/esm/api';
register();
const worker = await import('./sweep-worker.ts');
const hindcast = await import('./hindcast-task.ts');
export default worker.runSweepTask;
export const runHindcastTask = hindcast.runHindcastTask;
