import { describe, expect, it } from 'vitest';
import { createInlineEvaluator, createWorkerPoolEvaluator } from '../../../src/api/evaluation/evaluator.js';
import { DEFAULT_PORTFOLIO_SHOCKS } from '../../../src/analysis/portfolio/portfolio-shocks.js';
import { portfolioSchema } from '../../../src/deal/portfolio-schema.js';
import { buildBondDealInput } from '../../helpers/bond-deal.js';
import { loadTemplate } from '../../helpers/load-template.js';

describe('a portfolio stress on the worker pool (methodology §10.12)', { timeout: 240_000 }, () => {
  it('runs in parts side by side on the workers, counting members, with the answer of one run on this thread', async () => {
    // membersPerPart 5 → stress parts of one member (a fifth of an evaluation part): three parts over two workers.
    const pool = createWorkerPoolEvaluator(2, { membersPerPart: 5 });
    try {
      const deals = [buildBondDealInput({}, { earmark: { streams: [{ stream: 'park' }] } }), loadTemplate('xiangtan-heping'), loadTemplate('xiangtan-bond-card')];
      const portfolio = portfolioSchema.parse({ name: '片区', members: deals.map((_, i) => ({ dealId: `d${i}` })), budget: { kind: 'growth', baseYear: 2026, baseExpenditure: '80000000', growthRate: '0.02' } });
      const members = deals.map((d, i) => ({ index: i, label: `m${i}`, dealId: `d${i}`, revision: 1, content: JSON.stringify(d) }));
      const job = { portfolio, members, asOf: '2026-11-23', shocks: DEFAULT_PORTFOLIO_SHOCKS.slice(0, 3) };
      const seen: [number, number][] = [];
      const answer = await pool.stressPortfolio(job, (done, total) => seen.push([done, total]));
      const inline = await createInlineEvaluator().stressPortfolio(job);
      expect(inline.ok).toBe(true);
      expect(answer).toEqual(inline);
      expect(seen.at(-1)).toEqual([3, 3]);
      expect(seen.every(([d], i) => i === 0 || d >= seen[i - 1]![0])).toBe(true);
      // A member whose base does not read fails the stress at its path, as on this thread.
      const broken = [members[0]!, { ...members[1]!, content: JSON.stringify({ ...deals[1], discountRate: 'abc' }) }, members[2]!];
      const failed = await pool.stressPortfolio({ ...job, members: broken });
      expect(failed.ok ? [] : failed.problems.map((p) => p.path)).toEqual(['members[1].deal.discountRate']);
    } finally {
      await pool.close();
    }
  });
});
