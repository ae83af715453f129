import { parentPort } from 'node:worker_threads';
import type { Deal } from '../../deal/deal-schema.js';
import { runSimulationChunk } from './run-chunk.js';
import type { SimulationRequest } from './simulation-request.js';

/** A worker of the simulation pool: runs one chunk per message and answers its outcomes. */
parentPort!.on('message', (message: { deal: Deal; request: SimulationRequest; asOf: string; chunk: number }) => {
  try {
    parentPort!.postMessage({ outcomes: runSimulationChunk(message.deal, message.request, message.asOf, message.chunk) });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).message });
  }
});

// Loaded: the pool may send chunks (their time budgets start when they are sent, not while this thread starts).
parentPort!.postMessage({ ready: true });
