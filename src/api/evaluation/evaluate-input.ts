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
import type { Problem } from '../../deal/problem.js';
import { dealFromTemplateSchema, isTemplateRequest, type TemplateRequest } from '../deals/template-request-schema.js';
import { MAX_LISTED_PROBLEMS } from '../problems/render-problem.js';
import { convertRequestIssues } from '../problems/validation-hook.js';

/**
 * What a job is given as a deal or as overrides: a value already parsed (a stored revision, a
 * template, a scenario's overrides), or a request body as the bytes sent — a Uint8Array, which no
 * JSON value can be — decoded and parsed here, on the evaluator, never on the request thread.
 */
export type JobInput = unknown;

/** A deal as JSON (a request body's bytes, a stored revision, a scenario) and the as-of date to evaluate it. */
export interface EvaluationJob {
  input: JobInput;
  asOf: string;
  /** Term sheets only: the analysis sheets to add. */
  include?: TermSheetIncludes;
  /** Term sheets only: a simulation already run (on the simulation pool), written as its sheet. */
  simulation?: SimulationExport;
}

/**
 * Why a job has no result: the body is not JSON, the deal is invalid, or the engine refused it. At
 * most MAX_LISTED_PROBLEMS problems come back (a response lists no more), with `total` counting all (when omitted, the list is all):
 * 150,000 unknown fields would otherwise cost the request thread their copy.
 */
export type JobFailure = { ok: false; code: 'MALFORMED_JSON' | 'VALIDATION_FAILED' | 'EVALUATION_FAILED'; problems: Problem[]; total?: number };

/** The evaluation as JSON text, or why there is none. */
export type EvaluationJobOutcome = { ok: true; json: string } | JobFailure;

/** A workbook (.xlsx bytes: a term sheet, a portfolio), or why there is none. */
export type WorkbookJobOutcome = { ok: true; bytes: Uint8Array<ArrayBuffer> } | JobFailure;

/** A deal to validate (parse, check every field and formula), or a base deal with a scenario's overrides applied first. */
export interface ValidationJob {
  input: JobInput;
  overrides?: JobInput;
  /** Where problems of a JSON Patch's operations are reported (`overrides` by default; a PATCH body: the root). */
  overridesPath?: string;
  /** The form the overrides must have: a PATCH body says which by its media type. */
  overridesForm?: 'json-patch' | 'merge-patch';
  /** POST /deals: a body `{ template, name? }` asks for a template's deal; its request comes back for the route to look up. */
  acceptTemplateRequest?: boolean;
}

/** The parsed deal with its defaults, a template request (acceptTemplateRequest), or the problems by path (at most MAX_LISTED_PROBLEMS, with their total). */
export type ValidationJobOutcome =
  | { ok: true; deal: Deal }
  | { ok: true; templateRequest: TemplateRequest }
  | { ok: false; code: 'MALFORMED_JSON' | 'VALIDATION_FAILED'; problems: Problem[]; total: number };

/**
 * Full validation of what a client sent: the body's bytes decoded and parsed, then shape, cross-field
 * checks, formulas compiled and priced. Bounded (formula-cost.ts, the list limits) but not free, so the
 * server runs it on a worker.
 */
export function validateInput(job: ValidationJob): ValidationJobOutcome {
  const input = readJobInput(job.input);
  if (!input.ok) return input;
  if (job.overrides === undefined) {
    if (job.acceptTemplateRequest && isTemplateRequest(input.value)) return readTemplateRequest(input.value);
    return capProblems(parseDeal(input.value));
  }
  const overrides = readJobInput(job.overrides);
  if (!overrides.ok) return overrides;
  const wrongForm = checkOverridesForm(overrides.value, job.overridesForm);
  if (wrongForm) return capProblems({ ok: false, problems: [wrongForm] });
  return capProblems(applyOverrides(input.value, overrides.value, job.overridesPath));
}

/** A request body's bytes decoded (UTF-8, a byte-order mark dropped, as fetch's text() does) and parsed; any other input as it is. */
export function readJobInput(input: JobInput): { ok: true; value: unknown } | ReturnType<typeof malformed> {
  if (!(input instanceof Uint8Array)) return { ok: true, value: input };
  const text = new TextDecoder().decode(input);
  if (text.trim() === '') return malformed('the body is empty');
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return malformed((error as Error).message);
  }
}

/** A body that is not JSON: the reason is the parser's, as the problem's message. */
const malformed = (reason: string) => ({ ok: false as const, code: 'MALFORMED_JSON' as const, problems: [{ code: 'MALFORMED_JSON', path: '', message: reason }], total: 1 });

/** The first MAX_LISTED_PROBLEMS problems of a failed parse and their total; a success as it is. */
function capProblems(result: { ok: true; deal: Deal } | { ok: false; problems: Problem[] }): ValidationJobOutcome {
  if (result.ok) return result;
  return { ok: false, code: 'VALIDATION_FAILED', problems: result.problems.slice(0, MAX_LISTED_PROBLEMS), total: result.problems.length };
}

function readTemplateRequest(value: unknown): ValidationJobOutcome {
  const request = dealFromTemplateSchema.safeParse(value);
  if (request.success) return { ok: true, templateRequest: request.data };
  return capProblems({ ok: false, problems: convertRequestIssues(request.error.issues, value) });
}

/** A JSON Patch is an array of operations, a merge patch an object: the problem when the body is the other. */
function checkOverridesForm(value: unknown, form: ValidationJob['overridesForm']): Problem | undefined {
  if (form === 'json-patch' && !Array.isArray(value)) {
    return { path: '', code: 'INVALID_TYPE', message: 'a JSON Patch is an array of operations, e.g. [{"op":"replace","path":"/discountRate","value":"0.08"}]' };
  }
  if (form === 'merge-patch' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    return { path: '', code: 'INVALID_TYPE', message: 'a JSON merge patch is an object, e.g. {"discountRate":"0.08"}' };
  }
  return undefined;
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
  if (!analyses.ok) return { ok: false, code: 'EVALUATION_FAILED', problems: analyses.problems, total: analyses.problems.length };
  const extras = { ...analyses.extras, ...(job.simulation ? { simulation: job.simulation } : {}) };
  return { ok: true, bytes: new Uint8Array(await writeTermSheet(evaluated.deal, evaluated.evaluation, extras)) };
}

function parseAndEvaluate(job: EvaluationJob): { ok: true; deal: Deal; evaluation: Evaluation } | JobFailure {
  const input = readJobInput(job.input);
  if (!input.ok) return input;
  const parsed = capProblems(parseDeal(input.value));
  if (!parsed.ok) return parsed;
  if (!('deal' in parsed)) throw new Error('a template request cannot be evaluated');
  const outcome = evaluateDeal(parsed.deal, { asOf: job.asOf });
  if (!outcome.ok) return { ok: false, code: 'EVALUATION_FAILED', problems: outcome.problems.slice(0, MAX_LISTED_PROBLEMS), total: outcome.problems.length };
  return { ok: true, deal: parsed.deal, evaluation: outcome };
}

/** A decision tool (src/analysis) on a parsed deal, with its request already validated against the tool's schema. */
export type AnalysisJob =
  | { tool: 'solve'; deal: Deal; request: SolveRequest; asOf: string }
  | { tool: 'sensitivity'; deal: Deal; request: SensitivityRequest; asOf: string }
  | { tool: 'stress'; deal: Deal; request: StressRequest; asOf: string }
  | ({ tool: 'portfolio' } & PortfolioJob);

/** The tool's result as JSON data, or the problems it found. */
export type AnalysisJobOutcome = { ok: true; result: unknown } | { ok: false; problems: Problem[]; total?: number };

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
