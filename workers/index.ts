// Worker entry points: engine-host.ts (shared), node-worker.ts (worker_threads).
export { createEngineHost, type EngineHost, type HostRunOptions } from './engine-host.ts';
