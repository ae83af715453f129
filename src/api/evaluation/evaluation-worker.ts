import { parentPort } from 'node:worker_threads';
import { evaluateInput, runAnalysis, writeTermSheetOfInput, type AnalysisJob, type EvaluationJob } from './evaluate-input.js';

export type WorkerRequest =
  | { id: number; kind: 'evaluate' | 'term-sheet'; job: EvaluationJob }
  | { id: number; kind: 'analysis'; job: AnalysisJob };

/** A worker thread of the evaluation pool: each job answered with its id; workbook bytes are transferred, not copied. */
parentPort!.on('message', async (request: WorkerRequest) => {
  const { id } = request;
  try {
    if (request.kind === 'evaluate') {
      parentPort!.postMessage({ id, outcome: evaluateInput(request.job) });
    } else if (request.kind === 'analysis') {
      parentPort!.postMessage({ id, outcome: runAnalysis(request.job) });
    } else {
      const outcome = await writeTermSheetOfInput(request.job);
      parentPort!.postMessage({ id, outcome }, outcome.ok ? [outcome.bytes.buffer as ArrayBuffer] : []);
    }
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).stack ?? String(error) });
  }
});
