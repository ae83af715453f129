import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createInlineEvaluator, createWorkerPoolEvaluator } from '../../../src/api/evaluation/evaluator.js';
import { loadTemplate } from '../../helpers/load-template.js';
import { portfolioSchema } from '../../../src/deal/portfolio-schema.js';

const fuzhou: unknown = JSON.parse(readFileSync(new URL('../../../models/fuzhou-gulou-25y.json', import.meta.url), 'utf8'));

describe('the worker-thread evaluator', () => {
  const pool = createWorkerPoolEvaluator(2);
  afterAll(() => pool.close());

  it('answers exactly what the request thread would, for jobs run side by side', async () => {
    const inline = await createInlineEvaluator().evaluate({ input: fuzhou, asOf: '2026-11-23' });
    const answers = await Promise.all([1, 2, 3].map(() => pool.evaluate({ input: fuzhou, asOf: '2026-11-23' })));
    expect(inline.ok).toBe(true);
    for (const answer of answers) expect(answer).toEqual(inline);
  });

  it('returns the problems of an invalid deal as data', async () => {
    const answer = await pool.evaluate({ input: { name: '' }, asOf: '2026-11-23' });
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.code).toBe('VALIDATION_FAILED');
      expect(answer.problems.length).toBeGreaterThan(0);
    }
  });

  it('builds the term-sheet workbook on a worker and hands its bytes over', async () => {
    const answer = await pool.writeTermSheet({ input: fuzhou, asOf: '2026-11-23' });
    expect(answer.ok).toBe(true);
    // An .xlsx file is a zip: it starts with "PK".
    if (answer.ok) expect(Buffer.from(answer.bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
  });

  it('runs a decision tool on a worker: the stress pack answers as on this thread', async () => {
    const deal = loadTemplate('lugu-package');
    const job = { tool: 'stress' as const, deal, request: {}, asOf: '2026-11-23' };
    expect(await pool.analyse(job)).toEqual(await createInlineEvaluator().analyse(job));
  });

  it('evaluates a portfolio on a worker, member by member, as on this thread', async () => {
    const portfolio = portfolioSchema.parse({ name: '片区', members: [{ dealId: 'a' }, { dealId: 'b' }] });
    const members = [
      { label: '鲁谷', dealId: 'a', revision: 1, deal: loadTemplate('lugu-package') },
      { label: '湘潭', dealId: 'b', revision: 1, deal: loadTemplate('xiangtan-heping') },
    ];
    const job = { tool: 'portfolio' as const, portfolio, members, asOf: '2026-11-23' };
    const inline = await createInlineEvaluator().analyse(job);
    expect(inline.ok).toBe(true);
    expect(await pool.analyse(job)).toEqual(inline);
  });

  it('builds a portfolio workbook on a worker, member by member, and hands its bytes over', async () => {
    const portfolio = portfolioSchema.parse({ name: '片区', members: [{ dealId: 'a' }, { dealId: 'b' }] });
    const members = [
      { label: '鲁谷', dealId: 'a', revision: 1, deal: loadTemplate('lugu-package') },
      { label: '湘潭', dealId: 'b', revision: 1, deal: loadTemplate('xiangtan-heping') },
    ];
    const answer = await pool.writePortfolioWorkbook({ portfolio, members, asOf: '2026-11-23' });
    expect(answer.ok).toBe(true);
    if (answer.ok) expect(Buffer.from(answer.bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
  });

  it('refuses work once closed', async () => {
    const short = createWorkerPoolEvaluator(1);
    await short.close();
    await expect(short.evaluate({ input: fuzhou, asOf: '2026-11-23' })).rejects.toThrow('closed');
  });

  it('fails a job that runs past its deadline, replaces the worker, and goes on', async () => {
    const impatient = createWorkerPoolEvaluator(1, { jobTimeoutMs: 1 });
    await expect(impatient.evaluate({ input: fuzhou, asOf: '2026-11-23' })).rejects.toThrow('time budget of 1 ms');
    await impatient.close();
    const patient = createWorkerPoolEvaluator(1, { jobTimeoutMs: 60_000 });
    expect((await patient.evaluate({ input: fuzhou, asOf: '2026-11-23' })).ok).toBe(true);
    await patient.close();
  });

  it('stops replacing workers that cannot start, and says why', async () => {
    const broken = createWorkerPoolEvaluator(1, { workerScript: 'data:text/javascript,throw new Error("no engine here")' });
    // The first job fails with the worker; after three failed starts the pool refuses work with the reason.
    const reasons: string[] = [];
    for (let attempt = 0; attempt < 100 && !reasons.at(-1)?.includes('cannot start'); attempt++) {
      await broken.evaluate({ input: fuzhou, asOf: '2026-11-23' }).catch((error: Error) => reasons.push(error.message));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(reasons.at(-1)).toMatch(/cannot start \(3 in a row failed\)/);
    await broken.close();
  });

  it('fails the jobs in flight when it closes, rather than leaving them unsettled', async () => {
    const closing = createWorkerPoolEvaluator(1);
    const settled = expect(closing.evaluate({ input: fuzhou, asOf: '2026-11-23' })).rejects.toThrow('closed');
    await closing.close();
    await settled;
  });
});

