// Bootstrap for worker_threads: register the tsx loader inside this thread,
// then load the TypeScript worker. `new Worker(new URL('./node-worker.mjs', ...))`.
import { register } from 'tsx/esm/api';
register();
await import('./node-worker.ts');
