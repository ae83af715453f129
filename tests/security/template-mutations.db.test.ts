import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestApp, readTemplate, type Reply, type TestApp } from '../api/helpers/test-app.js';
import { mutateTemplate, mutationArbitrary, TEMPLATE_IDS } from './mutate-template.js';

/** A 4xx answer is a problem+json document naming every problem with a code and a path. */
function expectProblemSet(reply: Reply, what: string): void {
  expect(reply.status, `${what}: ${JSON.stringify(reply.body).slice(0, 400)}`).toBeLessThan(500);
  if (reply.status >= 400) {
    expect(reply.headers.get('content-type'), what).toContain('application/problem+json');
    expect(Array.isArray(reply.body.errors), what).toBe(true);
    for (const problem of reply.body.errors) expect(typeof problem.code === 'string' && typeof problem.path === 'string', what).toBe(true);
  }
}

/** Everything a user can do with a stored deal: evaluate, export, and every decision tool. */
async function exerciseStoredDeal(t: TestApp, id: string): Promise<void> {
  // 200, or 422 EVALUATION_FAILED when the engine refuses a deal the schema accepts (a funding source
  // over-committed by its rules): a problem set the user can act on, never a 5xx.
  const evaluated = await t.call('POST', `/api/v1/deals/${id}/evaluate`);
  expectProblemSet(evaluated, 'evaluate the stored deal');
  expect([200, 422]).toContain(evaluated.status);
  expectProblemSet(await t.call('GET', `/api/v1/deals/${id}/term-sheet.xlsx`), 'term sheet');
  expectProblemSet(await t.call('POST', `/api/v1/deals/${id}/solve`, { body: { input: { kind: 'new-operating-subsidy' }, target: { indicator: 'equityIrr', value: '0.06' }, maxEvaluations: 12 } }), 'solve');
  expectProblemSet(await t.call('POST', `/api/v1/deals/${id}/sensitivity`, { body: { steps: ['-0.1', '0.1'], delaySteps: [1], indicators: ['equityIrr', 'minDscr'], switching: null } }), 'sensitivity');
  expectProblemSet(await t.call('POST', `/api/v1/deals/${id}/stress`, { body: {} }), 'stress');
  expectProblemSet(await t.call('POST', `/api/v1/deals/${id}/simulate`, { body: { draws: 5, seed: 7 } }), 'simulate');
}

describe('deals generated from the templates (fast-check)', async () => {
  const t = await createTestApp();

  it('either evaluate or are refused with a 422 problem set; an accepted deal evaluates, exports and runs every decision tool without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TEMPLATE_IDS), mutationArbitrary, async (template, mutation) => {
        const deal = mutateTemplate(readTemplate(template), mutation);
        const evaluated = await t.call('POST', '/api/v1/evaluate', { body: deal });
        expectProblemSet(evaluated, 'evaluate');
        expect([200, 422]).toContain(evaluated.status);
        const created = await t.call('POST', '/api/v1/deals', { body: deal });
        expectProblemSet(created, 'create');
        expect([201, 422]).toContain(created.status);
        // What validation accepts is stored and must stay usable; what it refuses is never stored.
        if (created.status === 201) await exerciseStoredDeal(t, created.body.id);
      }),
      { numRuns: 10, seed: 20261207, endOnFailure: true },
    );
  }, 600_000);
});
