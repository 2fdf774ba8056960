// Bootstrap for a drill's worker thread: register the tsx loader inside the
// thread first, then load the TypeScript worker (as ../node-worker.mjs does).
import { register } from 'tsx/esm/api';
register();
await import('./drill-thread.ts');
