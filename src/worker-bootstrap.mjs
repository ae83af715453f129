// Entry of every worker thread (evaluation pool, simulation pool). From TypeScript sources (npm start and the tests run through
// tsx) the worker registers tsx's loader first — a worker does not inherit the parent's loader, and
// Node 20 ignores --import in a worker's execArgv — then imports the worker module.
// `workerData.arithmetic: 'float64'` makes the engine in this thread run on float64 (src/finance/decimal.ts);
// it must be set before the engine's first import.
import { workerData } from 'node:worker_threads';

if (workerData.arithmetic !== undefined) globalThis[Symbol.for('renovation-capital-planner.arithmetic')] = workerData.arithmetic;
if (workerData.script.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.script);
