import { parentPort } from 'node:worker_threads';
import { evaluateInput, runAnalysis, validateInput, writeTermSheetOfInput, type AnalysisJob, type EvaluationJob, type ValidationJob, type WorkbookJobOutcome } from './evaluate-input.js';
import { listTransferredBuffers, readRequestBody, type BodyJob } from './read-request-body.js';
import { combinePortfolioPartOutcomes, evaluatePortfolioPart, evaluateWorkbookPart, writePortfolioWorkbookOfMembers, writePortfolioWorkbookOfParts, type PortfolioJob, type PortfolioPartOutcome, type WorkbookPartOutcome } from './portfolio-jobs.js';
import type { Portfolio } from '../../deal/portfolio-schema.js';
import type { StressCase } from '../../analysis/stress-pack.js';
import { combineStressPartOutcomes, stressPortfolioPart, type PortfolioStressJob, type StressPartOutcome } from './portfolio-stress-jobs.js';

export type WorkerRequest =
  | { id: number; kind: 'validate'; job: ValidationJob }
  | { id: number; kind: 'read-body'; job: BodyJob }
  | { id: number; kind: 'evaluate'; job: EvaluationJob }
  | { id: number; kind: 'term-sheet'; job: EvaluationJob }
  | { id: number; kind: 'analysis'; job: AnalysisJob }
  | { id: number; kind: 'portfolio-workbook'; job: PortfolioJob }
  | { id: number; kind: 'portfolio-workbook-part'; job: PortfolioJob }
  | { id: number; kind: 'portfolio-workbook-write'; job: { portfolio: Portfolio; asOf: string; parts: WorkbookPartOutcome[] } }
  | { id: number; kind: 'portfolio-part'; job: PortfolioJob }
  | { id: number; kind: 'portfolio-combine'; job: { portfolio: Portfolio; outcomes: PortfolioPartOutcome[] } }
  | { id: number; kind: 'portfolio-stress-part'; job: PortfolioStressJob }
  | { id: number; kind: 'portfolio-stress-combine'; job: { portfolio: Portfolio; shocks: StressCase[]; outcomes: StressPartOutcome[] } };

/** A worker thread of the evaluation pool: each job answered with its id; workbook bytes and a body's fields read as bytes are transferred, not copied. */
parentPort!.on('message', async (request: WorkerRequest) => {
  const { id } = request;
  // A portfolio's members as they are evaluated: the pool passes them on to the job's progress.
  const onProgress = (done: number, total: number) => parentPort!.postMessage({ id, progress: { done, total } });
  try {
    if (request.kind === 'validate') {
      parentPort!.postMessage({ id, outcome: validateInput(request.job) });
    } else if (request.kind === 'read-body') {
      const outcome = readRequestBody(request.job);
      parentPort!.postMessage({ id, outcome }, listTransferredBuffers(outcome));
    } else if (request.kind === 'evaluate') {
      parentPort!.postMessage({ id, outcome: evaluateInput(request.job) });
    } else if (request.kind === 'analysis') {
      parentPort!.postMessage({ id, outcome: runAnalysis(request.job, onProgress) });
    } else if (request.kind === 'portfolio-part') {
      parentPort!.postMessage({ id, outcome: evaluatePortfolioPart(request.job, onProgress) });
    } else if (request.kind === 'portfolio-stress-part') {
      parentPort!.postMessage({ id, outcome: stressPortfolioPart(request.job, onProgress) });
    } else if (request.kind === 'portfolio-stress-combine') {
      parentPort!.postMessage({ id, outcome: combineStressPartOutcomes(request.job.portfolio, request.job.shocks, request.job.outcomes) });
    } else if (request.kind === 'portfolio-combine') {
      parentPort!.postMessage({ id, outcome: combinePortfolioPartOutcomes(request.job.portfolio, request.job.outcomes) });
    } else if (request.kind === 'portfolio-workbook-part') {
      parentPort!.postMessage({ id, outcome: evaluateWorkbookPart(request.job, onProgress) });
    } else {
      const outcome: WorkbookJobOutcome =
        request.kind === 'term-sheet' ? await writeTermSheetOfInput(request.job) : request.kind === 'portfolio-workbook-write' ? await writePortfolioWorkbookOfParts(request.job) : await writePortfolioWorkbookOfMembers(request.job, onProgress);
      parentPort!.postMessage({ id, outcome }, outcome.ok ? [outcome.bytes.buffer as ArrayBuffer] : []);
    }
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).stack ?? String(error) });
  }
});

// Loaded: the pool may send jobs (their time budgets start when they are sent, not while this thread starts).
parentPort!.postMessage({ ready: true });
