// Bootstrap for the log writer's thread: register the tsx loader, then load it.
import { register } from 'tsx/esm/api';
register();
await import('./store-thread.ts');
