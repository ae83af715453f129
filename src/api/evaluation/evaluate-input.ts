import type { Problem } from '../../deal/problem.js';
import { parseDeal } from '../../deal/parse-deal.js';
import { applyOverrides } from '../../deal/apply-overrides.js';
import { evaluateDeal, type Evaluation } from '../../engine/evaluate-deal.js';
import { serializeEvaluation } from '../../engine/to-wire.js';
import { writeTermSheet } from '../../export/build-term-sheet.js';
import type { SimulationExport } from '../../export/simulation-sheet.js';
import { runTermSheetAnalyses, type TermSheetIncludes } from '../../export/term-sheet-extras.js';
import { solveGoal } from '../../analysis/goal-seek.js';
import type { SolveRequest } from '../../analysis/goal-seek-request.js';
import { analyseSensitivity } from '../../analysis/sensitivity.js';
import type { SensitivityRequest } from '../../analysis/sensitivity-request.js';
import { readStressCases, runStressPack, type StressRequest } from '../../analysis/stress-pack.js';
import type { Deal } from '../../deal/deal-schema.js';
import { evaluatePortfolioMembers, type MemberProgress, type PortfolioJob } from './portfolio-jobs.js';

/** A deal as JSON (a request body, a stored revision, a scenario) and the as-of date to evaluate it. */
export interface EvaluationJob {
  input: unknown;
  asOf: string;
  /** Term sheets only: the analysis sheets to add. */
  include?: TermSheetIncludes;
  /** Term sheets only: a simulation already run (on the simulation pool), written as its sheet. */
  simulation?: SimulationExport;
}

/** Why a job has no result: the deal is invalid, or the engine refused it. */
export type JobFailure = { ok: false; code: 'VALIDATION_FAILED' | 'EVALUATION_FAILED'; problems: Problem[] };

/** The evaluation as JSON text, or why there is none. */
export type EvaluationJobOutcome = { ok: true; json: string } | JobFailure;

/** A workbook (.xlsx bytes: a term sheet, a portfolio), or why there is none. */
export type WorkbookJobOutcome = { ok: true; bytes: Uint8Array<ArrayBuffer> } | JobFailure;

/** A deal to validate (parse, check every field and formula), or a base deal with a scenario's overrides applied first. */
export interface ValidationJob {
  input: unknown;
  overrides?: unknown;
}

/** The parsed deal with its defaults, or every problem by path. */
export type ValidationJobOutcome = { ok: true; deal: Deal } | { ok: false; problems: Problem[] };

/**
 * Full validation of what a client sent: shape, cross-field checks, formulas compiled and priced.
 * Bounded (formula-cost.ts, the list limits) but not free, so the server runs it on a worker too.
 */
export function validateInput(job: ValidationJob): ValidationJobOutcome {
  return job.overrides === undefined ? parseDeal(job.input) : applyOverrides(job.input, job.overrides);
}

/** Parse, evaluate and serialise: the whole CPU cost of a request, done in one place (a worker or this thread). */
export function evaluateInput(job: EvaluationJob): EvaluationJobOutcome {
  const evaluated = parseAndEvaluate(job);
  if (!evaluated.ok) return evaluated;
  return { ok: true, json: JSON.stringify(serializeEvaluation(evaluated.evaluation)) };
}

/** Parse, evaluate and build the term-sheet workbook (some 70 ms for 25 years: worth a worker). */
export async function writeTermSheetOfInput(job: EvaluationJob): Promise<WorkbookJobOutcome> {
  const evaluated = parseAndEvaluate(job);
  if (!evaluated.ok) return evaluated;
  const analyses = runTermSheetAnalyses(evaluated.deal, job.asOf, job.include ?? {});
  if (!analyses.ok) return { ok: false, code: 'EVALUATION_FAILED', problems: analyses.problems };
  const extras = { ...analyses.extras, ...(job.simulation ? { simulation: job.simulation } : {}) };
  return { ok: true, bytes: new Uint8Array(await writeTermSheet(evaluated.deal, evaluated.evaluation, extras)) };
}

function parseAndEvaluate(job: EvaluationJob): { ok: true; deal: Deal; evaluation: Evaluation } | JobFailure {
  const parsed = parseDeal(job.input);
  if (!parsed.ok) return { ok: false, code: 'VALIDATION_FAILED', problems: parsed.problems };
  const outcome = evaluateDeal(parsed.deal, { asOf: job.asOf });
  if (!outcome.ok) return { ok: false, code: 'EVALUATION_FAILED', problems: outcome.problems };
  return { ok: true, deal: parsed.deal, evaluation: outcome };
}

/** A decision tool (src/analysis) on a parsed deal, with its request already validated against the tool's schema. */
export type AnalysisJob =
  | { tool: 'solve'; deal: Deal; request: SolveRequest; asOf: string }
  | { tool: 'sensitivity'; deal: Deal; request: SensitivityRequest; asOf: string }
  | { tool: 'stress'; deal: Deal; request: StressRequest; asOf: string }
  | ({ tool: 'portfolio' } & PortfolioJob);

/** The tool's result as JSON data, or the problems it found. */
export type AnalysisJobOutcome = { ok: true; result: unknown } | { ok: false; problems: Problem[] };

/** Run a decision tool: each is dozens to hundreds of evaluations, so the server runs it on a worker. */
export function runAnalysis(job: AnalysisJob, onProgress?: MemberProgress): AnalysisJobOutcome {
  switch (job.tool) {
    case 'solve':
      return solveGoal(job.deal, job.request, job.asOf);
    case 'sensitivity':
      return analyseSensitivity(job.deal, job.request, job.asOf);
    case 'stress':
      return runStressPack(job.deal, job.asOf, readStressCases(job.request));
    case 'portfolio':
      return evaluatePortfolioMembers(job, onProgress);
  }
}
