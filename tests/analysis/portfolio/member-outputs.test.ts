import { describe, expect, it } from 'vitest';
import { evaluatePortfolio, type EvaluatedMember } from '../../../src/analysis/portfolio/evaluate-portfolio.js';
import { applyShock, DEFAULT_PORTFOLIO_SHOCKS } from '../../../src/analysis/portfolio/portfolio-shocks.js';
import { PORTFOLIO_STATEMENTS, type PartInputMember } from '../../../src/analysis/portfolio/portfolio-parts.js';
import { evaluatePortfolioMembers } from '../../../src/api/evaluation/portfolio-jobs.js';
import type { Deal } from '../../../src/deal/deal-schema.js';
import { portfolioSchema } from '../../../src/deal/portfolio-schema.js';
import { evaluateDeal, type Evaluation, type MemberEvaluation } from '../../../src/engine/evaluate-deal.js';
import { buildFundedDealInput } from '../../helpers/funded-deal.js';
import { loadTemplate } from '../../helpers/load-template.js';
import { exact, parsed, TEMPLATE_IDS as TEMPLATES } from './helpers-exact.js';

/**
 * A portfolio member evaluated with `outputs: 'portfolio-member'` (methodology §10.10) has every figure
 * the portfolio reads exactly as the full evaluation has it: the six statements it sums, every debt
 * (the special bonds' service, balance, amount and level), who pays, and the members table's five
 * indicators. Compared as exact decimal strings (finer than the 分) on every template, each template
 * under the standard portfolio shocks (demand −20%, rates +100bp on loans and bonds, a year late,
 * capex +10%, combined), and funded deals with a cash sweep and with a sculpted loan; then whole
 * portfolios of them evaluated both ways give byte-identical JSON.
 */
const AS_OF = '2026-03-01';
const funded = buildFundedDealInput();
const fundedSources = funded.funding!.sources!;
const variants: { name: string; deal: Deal }[] = [
  ...TEMPLATES.map((id) => ({ name: id, deal: loadTemplate(id) })),
  ...TEMPLATES.flatMap((id) => DEFAULT_PORTFOLIO_SHOCKS.map((shock) => ({ name: `${id} × ${shock.id}`, deal: applyShock(loadTemplate(id), shock.changes) }))),
  ...TEMPLATES.map((id, i) => ({ name: `${id} at ${(0.05 + i * 0.00001).toFixed(5)}`, deal: { ...loadTemplate(id), discountRate: (0.05 + i * 0.00001).toFixed(5) } })),
  { name: 'funded deal', deal: parsed(funded) },
  { name: 'funded deal with a cash sweep', deal: parsed({ ...funded, waterfall: { cashSweep: { sourceId: 'loan', share: '0.5' } } }) },
  { name: 'funded deal with a sculpted loan', deal: parsed({ ...funded, funding: { ...funded.funding, sources: fundedSources.map((s) => (s.id === 'loan' ? { ...s, repayment: { kind: 'sculpted', targetDscr: '1.3' } } : s)) } }) },
];

const evaluateBoth = (deal: Deal): { full: Evaluation; member: MemberEvaluation } => {
  const full = evaluateDeal(deal, { asOf: AS_OF, breakEven: false });
  const member = evaluateDeal(deal, { asOf: AS_OF, breakEven: false, outputs: 'portfolio-member' });
  if (!full.ok || !member.ok) throw new Error(JSON.stringify(full.ok ? member : full));
  return { full, member };
};

describe("evaluateDeal with outputs: 'portfolio-member'", () => {
  it('covers every template, each under the standard shocks, and the funded deals', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(8);
    expect(variants.length).toBe(TEMPLATES.length * (2 + DEFAULT_PORTFOLIO_SHOCKS.length) + 3);
  });

  it.each(variants.map((v) => [v.name, v.deal] as const))('%s: every figure the portfolio reads is the full evaluation\'s, exactly', (_, deal) => {
    const { full, member } = evaluateBoth(deal);
    expect(member.engineVersion).toBe(full.engineVersion);
    expect(member.asOf).toBe(full.asOf);
    expect(member.deal).toEqual(full.deal);
    expect(member.years).toEqual(full.years);
    for (const key of PORTFOLIO_STATEMENTS) expect(exact(member.statements[key]), key).toEqual(exact(full.statements[key]));
    expect(exact(member.financing)).toEqual(exact(full.financing));
    expect(exact(member.contributions)).toEqual(exact(full.contributions));
    expect(exact(member.metrics)).toEqual({
      totalInvestment: full.metrics.totalInvestment.toString(),
      projectIrrAfterTax: full.metrics.projectIrrAfterTax?.toString() ?? null,
      projectNpvAfterTax: full.metrics.projectNpvAfterTax.toString(),
      equityIrr: full.metrics.equityIrr?.toString() ?? null,
      minDscr: full.metrics.minDscr?.toString() ?? null,
    });
  });

  it('computes none of what a portfolio does not read (no balance sheet, warnings, per-facility cover or distribution returns)', () => {
    const { member } = evaluateBoth(loadTemplate('xiangtan-bond-card'));
    expect(Object.keys(member).sort()).toEqual(['asOf', 'contributions', 'deal', 'engineVersion', 'financing', 'metrics', 'ok', 'statements', 'years']);
    expect(Object.keys(member.statements).sort()).toEqual([...PORTFOLIO_STATEMENTS].sort());
    expect(Object.keys(member.metrics).sort()).toEqual(['equityIrr', 'minDscr', 'projectIrrAfterTax', 'projectNpvAfterTax', 'totalInvestment']);
  });

  it('gives the same problems as the full evaluation for a deal or date that does not evaluate', () => {
    const deal = loadTemplate('fuzhou-gulou-25y');
    const full = evaluateDeal(deal, { asOf: '2026-02-30' });
    const member = evaluateDeal(deal, { asOf: '2026-02-30', outputs: 'portfolio-member' });
    expect(full.ok).toBe(false);
    expect(member).toEqual(full);
  });
});

describe('a portfolio of narrow members', () => {
  const members = variants.map((v, i) => ({ label: v.name, dealId: `d${i}`, revision: 1 + (i % 3), ...(i % 4 === 0 ? { scenarioId: `s${i}` } : {}), ...evaluateBoth(v.deal) }));
  const portfolio = portfolioSchema.parse({
    name: '片区打捆（两种评估）',
    members: members.map((m) => ({ dealId: m.dealId })),
    budget: { kind: 'growth', baseYear: 2027, baseExpenditure: '50000000', growthRate: '0.03' },
    fundBudget: { kind: 'growth', baseYear: 2027, baseExpenditure: '20000000', growthRate: '0.02' },
    bondQuota: [{ year: 2028, available: '1000000' }],
    bondCapitalCap: '0.1',
  });
  const strip = ({ full: _, member: __, ...m }: (typeof members)[number]) => m;

  it('is byte for byte the portfolio of full evaluations (statements, members table, contributions, affordability, bonds)', () => {
    const fromFull: EvaluatedMember[] = members.map((m) => ({ ...strip(m), evaluation: m.full }));
    const fromMember: PartInputMember[] = members.map((m) => ({ ...strip(m), evaluation: m.member }));
    const expected = JSON.stringify(evaluatePortfolio(portfolio, fromFull));
    expect(JSON.stringify(evaluatePortfolio(portfolio, fromMember))).toBe(expected);
    // Not trivially equal: the portfolio has figures, a bond breach list and every member.
    const result = evaluatePortfolio(portfolio, fromFull);
    expect(result.members).toHaveLength(variants.length);
    expect(result.bondCapital.provinces.length).toBeGreaterThan(0);
    expect(result.statements.fiscalView.rows.some((r) => r.total !== null && r.total !== '0.00')).toBe(true);
  });

  it('is what the evaluator answers from the members\' stored texts, in parts (the job path evaluates narrow members)', () => {
    const texts = variants.map((v, i) => ({ index: i, label: members[i]!.label, dealId: members[i]!.dealId, revision: members[i]!.revision, ...(members[i]!.scenarioId ? { scenarioId: members[i]!.scenarioId } : {}), content: JSON.stringify(v.deal) }));
    const answered = evaluatePortfolioMembers({ portfolio, members: texts, asOf: AS_OF });
    expect(answered.ok).toBe(true);
    const fromFull: EvaluatedMember[] = members.map((m) => ({ ...strip(m), evaluation: m.full }));
    expect(JSON.stringify(answered.ok && answered.result)).toBe(JSON.stringify(evaluatePortfolio(portfolio, fromFull)));
  });
});
