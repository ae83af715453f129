import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createInlineEvaluator, createWorkerPoolEvaluator } from '../../../src/api/evaluation/evaluator.js';

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

  it('refuses work once closed', async () => {
    const short = createWorkerPoolEvaluator(1);
    await short.close();
    await expect(short.evaluate({ input: fuzhou, asOf: '2026-11-23' })).rejects.toThrow('closed');
  });
});
