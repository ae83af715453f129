import { DEFAULT_FORMULA_LIMITS } from '../../deal/formula-cost.js';
import { MAX_HEADER_BYTES } from '../http/answer-client-error.js';
import { LONG_JOB_ROUTES } from '../middleware/limit-long-jobs.js';
import type { AppConfig } from '../app-config.js';

import type { JobBudgetsMs } from '../app-config.js';

/** Most draws one simulation may ask for (simulation-request.ts). */
const MAX_DRAWS = 100_000;

type Operation = { description?: string; responses?: Record<string, unknown>; requestBody?: unknown; 'x-limits'?: Record<string, unknown> };
/** The part of an OpenAPI document this reads: its operations by path and method. */
type Document = { paths?: object };

const problemResponse = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete', 'head', 'options']);
const toOpenApiPath = (route: string) => `/api/v1${route.replace(/:(\w+)/g, '{$1}')}`;
const LONG = new Set(LONG_JOB_ROUTES.map(toOpenApiPath));
/** Operations that take a deal (as the body, or overrides of one) and so meet the formula bounds. */
const TAKES_DEAL = (path: string, method: string) =>
  (method === 'post' && ['/api/v1/evaluate', '/api/v1/deals', '/api/v1/term-sheet'].includes(path)) ||
  (['put', 'patch'].includes(method) && path === '/api/v1/deals/{id}') ||
  (['post', 'put'].includes(method) && /\/scenarios(\/\{scenarioId\})?$/.test(path));
/** Operations that run on the evaluator's workers, and under which budget. */
/** Operations whose path names a term sheet but that only read or change a link's record: they run nothing on the workers. */
const NO_BUDGET = new Set(['get /api/v1/term-sheet-links', 'delete /api/v1/term-sheet-links/{token}']);

const budgetOf = (path: string, method: string, budgets: JobBudgetsMs): Record<string, number> | undefined => {
  if (NO_BUDGET.has(`${method} ${path}`)) return undefined;
  if (path.endsWith('/simulate')) return { simulationChunkMs: budgets.simulationChunk, simulationRunMs: budgets.simulationRun, maxDraws: MAX_DRAWS };
  if (/\/(solve|sensitivity|stress)$/.test(path) || path.startsWith('/api/v1/portfolios/{id}/evaluate') || path.startsWith('/api/v1/portfolios/{id}/term-sheet')) return { analysisMs: budgets.analysis };
  if (path.includes('evaluate') || path.includes('term-sheet') || TAKES_DEAL(path, method)) return { evaluationMs: budgets.evaluation };
  return undefined;
};

/**
 * Every budget and limit a client can meet, on the operations it applies to, in the served OpenAPI
 * document: each operation gains `x-limits` (the figures, as configured) and a sentence at the end of
 * its description, and the problem responses those limits answer with — 413 for the body size, 400 for
 * JSON nested too deep, 422 for a formula or a deal's formulas past their bounds, 429 with Retry-After
 * for the long-job and queue caps, 503 for a job past its time budget, and 431 for headers over 16 KB.
 */
export function describeLimits<D extends Document>(document: D, config: Pick<AppConfig, 'bodyLimitBytes' | 'jsonMaxDepth' | 'longJobsPerOrganisation' | 'longJobRetryAfterSeconds' | 'queuedJobsPerOrganisation' | 'jobBudgetsMs' | 'sharesPerDeal' | 'shareOrganisationsPerOrganisation'>): D {
  const budgets = config.jobBudgetsMs;
  for (const [path, operations] of Object.entries((document.paths ?? {}) as Record<string, Record<string, Operation>>)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!METHODS.has(method)) continue;
      const limits: Record<string, unknown> = { headerBytes: MAX_HEADER_BYTES };
      const sentences = [`headers at most ${MAX_HEADER_BYTES} bytes (else 431 HEADERS_TOO_LARGE)`];
      const responses = (operation.responses ??= {});
      responses['431'] ??= problemResponse(`Request headers over ${MAX_HEADER_BYTES} bytes (HEADERS_TOO_LARGE)`);
      if (operation.requestBody !== undefined) {
        Object.assign(limits, { bodyBytes: config.bodyLimitBytes, jsonDepth: config.jsonMaxDepth, listedProblems: 100 });
        sentences.push(`a body of at most ${config.bodyLimitBytes} bytes (else 413 BODY_TOO_LARGE), nested at most ${config.jsonMaxDepth} levels (else 400 JSON_TOO_DEEP); a 422 lists the first 100 problems and their total`);
        responses['413'] ??= problemResponse(`Request body over ${config.bodyLimitBytes} bytes (BODY_TOO_LARGE)`);
      }
      if (TAKES_DEAL(path, method)) {
        const f = DEFAULT_FORMULA_LIMITS;
        limits.formula = { ...f };
        sentences.push(
          `each custom formula at most ${f.maxNodes} nodes, ${f.maxDepth} levels deep, ${f.maxFunctionNesting} nested function calls, ${f.maxBracketDepth} open brackets, ${f.maxPrefixRun} prefix signs in a row (else 422 FORMULA_TOO_COMPLEX at the formula), and the deal's formulas at most ${f.maxEvaluationWork} work units per evaluation — Σ formula cost × years it runs (else 422 EVALUATION_TOO_COSTLY at revenue)`,
        );
        responses['422'] ??= problemResponse('The input is invalid, or its formulas are past their bounds; every problem by path');
      }
      const budget = budgetOf(path, method, budgets);
      if (budget) {
        limits.timeBudget = budget;
        const figures = Object.entries(budget).map(([name, value]) => (name === 'maxDraws' ? `at most ${value} draws` : `${name.replace(/Ms$/, '')} ${value / 1000} s`));
        sentences.push(`time budget on the workers: ${figures.join(', ')} (else 503 JOB_TIME_BUDGET_EXCEEDED; other requests are not affected)`);
        responses['503'] ??= problemResponse('A job ran past its time budget (JOB_TIME_BUDGET_EXCEEDED), or a part of the service is unavailable');
      }
      if (LONG.has(path)) {
        Object.assign(limits, { longJobsPerOrganisation: config.longJobsPerOrganisation, queuedJobsPerOrganisation: config.queuedJobsPerOrganisation, retryAfterSeconds: config.longJobRetryAfterSeconds });
        sentences.push(
          `a long job${path.endsWith('term-sheet.xlsx') || path.endsWith('/term-sheet') ? ' (a deal\'s term sheet only with include=)' : ''}: at most ${config.longJobsPerOrganisation} run at once per organisation (else 429 TOO_MANY_LONG_JOBS with Retry-After: ${config.longJobRetryAfterSeconds}) and ${config.queuedJobsPerOrganisation} wait as jobs (Prefer: respond-async; else 429 TOO_MANY_QUEUED_JOBS); the workers take organisations' jobs in turn`,
        );
        responses['429'] = problemResponse('Too many long jobs running, or jobs queued, for your organisation', { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } });
      }
      if (method === 'post' && /^\/api\/v1\/(deals|portfolios)\/\{id\}\/shares$/.test(path)) {
        Object.assign(limits, { sharesPerDeal: config.sharesPerDeal, shareOrganisationsPerOrganisation: config.shareOrganisationsPerOrganisation });
        sentences.push(
          `a deal or portfolio is shared with at most ${config.sharesPerDeal} organisations, and an organisation shares its deals and portfolios with at most ${config.shareOrganisationsPerOrganisation} different organisations, known or not yet (else 422 TOO_MANY_SHARES; sharing again is never refused)`,
        );
      }
      operation['x-limits'] = limits;
      operation.description = `${operation.description ? `${operation.description}\n\n` : ''}**Limits.** ${sentences.join('; ')}.`;
    }
  }
  return document;
}
