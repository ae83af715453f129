import { parentPort } from 'node:worker_threads';
import { evaluateInput, type EvaluationJob } from './evaluate-input.js';

/** A worker thread of the evaluation pool: one job at a time, answered with its id. */
parentPort!.on('message', ({ id, job }: { id: number; job: EvaluationJob }) => {
  try {
    parentPort!.postMessage({ id, outcome: evaluateInput(job) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).stack ?? String(error) });
  }
});
