import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../../src/deal/parse-deal.js';
import { evaluateDeal } from '../../../src/engine/evaluate-deal.js';
import { serializeEvaluation } from '../../../src/engine/to-wire.js';
import { buildWaterfallHtml } from '../../../src/export/pdf/waterfall-html.js';
import { buildTwoLoanDeal } from '../../helpers/two-loan-deal.js';

/*
 * The PDF's 现金流分配 terms with two sweeps (methodology §11.11): the two-loan deal, junior in equal parts,
 * half of each year's cash to the senior loan (shortened), three tenths to the junior (re-amortised).
 * One row a sweep in the order given, each naming its loan and what that loan took (the engine's own
 * per-loan totals, worked by hand for 2027–2029 in tests/engine/waterfall/cash-sweep-several.test.ts:
 * the senior loan takes 20,650.00 + 26,687.27 = 47,337.27 = 4.73 万元 before it is repaid in 2029).
 */
describe('the PDF waterfall terms list each sweep', () => {
  it('prints one row a sweep, in order, with its share, loan, mode and total prepaid', () => {
    const input = buildTwoLoanDeal();
    input.funding.sources[1].repayment = { kind: 'equal-principal' };
    input.waterfall = { cashSweep: [{ sourceId: 'senior', share: '0.5', mode: 'shorten' }, { sourceId: 'junior', share: '0.3', mode: 'reamortise' }] };
    const parsed = parseDeal(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const e = evaluateDeal(parsed.deal, { asOf: '2026-03-01' });
    if (!e.ok) throw new Error(JSON.stringify(e.problems));
    const html = buildWaterfallHtml(parsed.deal, serializeEvaluation(e));
    const senior = html.indexOf('当年留存现金的 50.00% 提前偿还 优先级贷款，缩短期限');
    const junior = html.indexOf('当年留存现金的 30.00% 提前偿还 次级贷款，剩余期限重新摊还');
    expect(senior).toBeGreaterThan(0);
    expect(junior).toBeGreaterThan(senior);
    expect(html).toContain('提前还本合计 prepaid 4.73 万元');
    // Two term rows, no "none" row.
    expect(html.match(/现金流量扫款 Cash sweep/g)?.length).toBe(2);
  });
});
