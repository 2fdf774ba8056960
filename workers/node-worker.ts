// Node twin of the browser worker: the engine host behind Comlink on a
// worker_threads port. Start it through node-worker.mjs, which registers the
// tsx loader inside the thread first.
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import { createEngineHost } from './engine-host.ts';

if (!parentPort) throw new Error('node-worker.ts must run inside a worker thread');
Comlink.expose(createEngineHost(), nodeEndpoint(parentPort));
