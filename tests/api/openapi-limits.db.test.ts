/**
 * /openapi.json states every budget and limit on the operations it applies to (issue 12), with the
 * figures of the running configuration: body size and JSON depth where a body is taken, the formula
 * bounds where a deal is, the time budgets where work runs on the workers, the long-job and queue caps
 * with 429 + Retry-After on long routes, and 431 for oversized headers everywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LONG_JOB_ROUTES } from '../../src/api/middleware/limit-long-jobs.js';
import { DEFAULT_FORMULA_LIMITS } from '../../src/deal/formula-cost.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

type Operation = { description?: string; requestBody?: unknown; responses: Record<string, { headers?: Record<string, unknown> }>; 'x-limits': Record<string, any> };
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

// Figures unlike the defaults, so the document is seen to read the configuration.
const config = {
  bodyLimitBytes: 1_234_567,
  jsonMaxDepth: 33,
  longJobsPerOrganisation: 3,
  longJobRetryAfterSeconds: 17,
  queuedJobsPerOrganisation: 7,
  jobBudgetsMs: { evaluation: 11_000, analysis: 22_000, simulationChunk: 4_000, simulationRun: 55_000 },
};

let t: TestApp;
let operations: [string, string, Operation][] = [];
const find = (method: string, path: string) => operations.find(([m, p]) => m === method && p === path)?.[2];
beforeAll(async () => {
  t = await createTestApp(config);
  const document = (await t.call('GET', '/openapi.json', { key: null })).body as { paths: Record<string, Record<string, Operation>> };
  operations = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).filter(([m]) => METHODS.includes(m)).map(([m, op]) => [m, path, op] as [string, string, Operation]));
});
afterAll(() => t.close());

describe('limits in /openapi.json', () => {
  it('gives every operation the header limit and its 431 answer', () => {
    expect(operations.length).toBeGreaterThan(40);
    for (const [method, path, op] of operations) {
      expect({ method, path, headerBytes: op['x-limits']?.headerBytes, has431: '431' in op.responses }).toEqual({ method, path, headerBytes: 16 * 1024, has431: true });
    }
  });

  it('states the body size and depth, as configured, on every operation that takes a body, with 413', () => {
    const withBody = operations.filter(([, , op]) => op.requestBody !== undefined);
    expect(withBody.length).toBeGreaterThan(15);
    for (const [method, path, op] of withBody) {
      expect({ method, path, bodyBytes: op['x-limits'].bodyBytes, jsonDepth: op['x-limits'].jsonDepth, has413: '413' in op.responses }).toEqual({ method, path, bodyBytes: 1_234_567, jsonDepth: 33, has413: true });
      expect(op.description).toContain('at most 1234567 bytes');
    }
    expect(find('get', '/api/v1/deals/{id}')!['x-limits'].bodyBytes).toBeUndefined();
  });

  it('states the formula bounds and the evaluation-work bound where a deal is taken, not elsewhere', () => {
    for (const [method, path] of [['post', '/api/v1/evaluate'], ['post', '/api/v1/deals'], ['put', '/api/v1/deals/{id}'], ['patch', '/api/v1/deals/{id}'], ['post', '/api/v1/term-sheet'], ['post', '/api/v1/deals/{id}/scenarios']] as const) {
      const op = find(method, path)!;
      expect(op['x-limits'].formula).toEqual(DEFAULT_FORMULA_LIMITS);
      expect(op.description).toMatch(/at most 400 nodes.*FORMULA_TOO_COMPLEX.*at most 50000 work units.*EVALUATION_TOO_COSTLY/);
      expect('422' in op.responses).toBe(true);
    }
    expect(find('post', '/api/v1/keys')!['x-limits'].formula).toBeUndefined();
    expect(find('post', '/api/v1/deals/{id}/solve')!['x-limits'].formula).toBeUndefined();
  });

  it('states the time budget of work on the workers: evaluation, decision tool, simulation chunk and run with the draw cap', () => {
    expect(find('post', '/api/v1/evaluate')!['x-limits'].timeBudget).toEqual({ evaluationMs: 11_000 });
    expect(find('post', '/api/v1/deals/{id}/stress')!['x-limits'].timeBudget).toEqual({ analysisMs: 22_000 });
    expect(find('post', '/api/v1/portfolios/{id}/evaluate')!['x-limits'].timeBudget).toEqual({ analysisMs: 22_000 });
    const simulate = find('post', '/api/v1/deals/{id}/simulate')!;
    expect(simulate['x-limits'].timeBudget).toEqual({ simulationChunkMs: 4_000, simulationRunMs: 55_000, maxDraws: 100_000 });
    expect(simulate.description).toContain('simulationRun 55 s');
    expect('503' in simulate.responses).toBe(true);
    expect(find('get', '/api/v1/deals')!['x-limits'].timeBudget).toBeUndefined();
  });

  it('gives every long-job route its caps and a 429 with Retry-After', () => {
    const long = LONG_JOB_ROUTES.map((route) => `/api/v1${route.replace(/:(\w+)/g, '{$1}')}`);
    for (const path of long) {
      const ops = operations.filter(([, p]) => p === path);
      expect(ops.length, path).toBeGreaterThan(0);
      for (const [method, , op] of ops) {
        expect({ method, path, caps: [op['x-limits'].longJobsPerOrganisation, op['x-limits'].queuedJobsPerOrganisation, op['x-limits'].retryAfterSeconds] }).toEqual({ method, path, caps: [3, 7, 17] });
        expect(op.responses['429']?.headers).toHaveProperty('Retry-After');
        expect(op.description).toContain('TOO_MANY_LONG_JOBS with Retry-After: 17');
      }
    }
    expect(find('post', '/api/v1/evaluate')!['x-limits'].longJobsPerOrganisation).toBeUndefined();
  });
});
