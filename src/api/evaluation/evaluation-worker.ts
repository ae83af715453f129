import { parentPort } from 'node:worker_threads';
import { evaluateInput, writeTermSheetOfInput, type EvaluationJob } from './evaluate-input.js';

export type WorkerRequest = { id: number; kind: 'evaluate' | 'term-sheet'; job: EvaluationJob };

/** A worker thread of the evaluation pool: each job answered with its id; workbook bytes are transferred, not copied. */
parentPort!.on('message', async ({ id, kind, job }: WorkerRequest) => {
  try {
    if (kind === 'evaluate') {
      parentPort!.postMessage({ id, outcome: evaluateInput(job) });
      return;
    }
    const outcome = await writeTermSheetOfInput(job);
    parentPort!.postMessage({ id, outcome }, outcome.ok ? [outcome.bytes.buffer as ArrayBuffer] : []);
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).stack ?? String(error) });
  }
});
