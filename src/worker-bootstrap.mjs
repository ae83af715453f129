// Entry of every worker thread (evaluation pool, simulation pool). From TypeScript sources (npm start and the tests run through
// tsx) the worker registers tsx's loader first — a worker does not inherit the parent's loader, and
// Node 20 ignores --import in a worker's execArgv — then imports the worker module.
// `workerData.arithmetic: 'float64'` makes the engine in this thread run on float64 (src/finance/decimal.ts);
// it must be set before the engine's first import.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';

// Pool threads yield the CPU to the request thread: on Linux a thread's nice value is its own
// (setpriority on its thread id), so evaluations at +10 cannot keep /health and the event loop
// waiting when the cores are busy. Best effort: elsewhere, or without /proc, nothing changes.
const POOL_THREAD_NICENESS = 10;
try {
  const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, POOL_THREAD_NICENESS);
} catch {
  // not Linux, or no /proc: the thread keeps the process's priority
}

if (workerData.arithmetic !== undefined) globalThis[Symbol.for('renovation-capital-planner.arithmetic')] = workerData.arithmetic;
if (workerData.script.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.script);
