// Entry of every worker thread (evaluation pool, simulation pool). From TypeScript sources (npm start and the tests run through
// tsx) the worker registers tsx's loader first — a worker does not inherit the parent's loader, and
// Node 20 ignores --import in a worker's execArgv — then imports the worker module.
import { workerData } from 'node:worker_threads';

if (workerData.script.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.script);
