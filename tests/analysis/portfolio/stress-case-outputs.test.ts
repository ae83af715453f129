import { describe, expect, it } from 'vitest';
import { applyShock, DEFAULT_PORTFOLIO_SHOCKS } from '../../../src/analysis/portfolio/portfolio-shocks.js';
import { checkCovenants } from '../../../src/analysis/covenant-check.js';
import { fixSculptedLoans } from '../../../src/analysis/stress-pack.js';
import type { Deal } from '../../../src/deal/deal-schema.js';
import { parseDeal } from '../../../src/deal/parse-deal.js';
import { evaluateDeal, evaluateStressCase, type Evaluation, type StressCaseEvaluation } from '../../../src/engine/evaluate-deal.js';
import { buildFundedDealInput } from '../../helpers/funded-deal.js';
import { loadTemplate } from '../../helpers/load-template.js';
import { exact, parsed, TEMPLATE_IDS as TEMPLATES } from './helpers-exact.js';

/**
 * A case of a portfolio stress evaluated with evaluateStressCase (methodology §10.12) has every figure
 * the stress reads exactly as the full evaluation has it: the years, the debts (a sculpted loan's
 * agreed profile), each special bond's 自求平衡 test, the debt indicators and waterfall years the
 * covenants are tested on, the after-tax project NPV and the fiscal view by level. Compared as exact
 * decimal strings (finer than the 分) on every template, each under the standard portfolio shocks, and
 * funded deals with a cash sweep and with a sculpted loan (whose agreed debt fixSculptedLoans reads).
 */
const AS_OF = '2026-03-01';
const funded = buildFundedDealInput();
const fundedSources = funded.funding!.sources!;
const bases: { name: string; deal: Deal }[] = [
  ...TEMPLATES.map((id) => ({ name: id, deal: loadTemplate(id) })),
  { name: 'funded deal with a cash sweep', deal: parsed({ ...funded, waterfall: { cashSweep: { sourceId: 'loan', share: '0.5' } } }) },
  { name: 'funded deal with a sculpted loan', deal: parsed({ ...funded, funding: { ...funded.funding, sources: fundedSources.map((s) => (s.id === 'loan' ? { ...s, repayment: { kind: 'sculpted', targetDscr: '1.3' } } : s)) } }) },
];

const evaluateBoth = (deal: Deal): { full: Evaluation; stress: StressCaseEvaluation } | undefined => {
  const full = evaluateDeal(deal, { asOf: AS_OF, breakEven: false });
  const stress = evaluateStressCase(deal, { asOf: AS_OF, breakEven: false });
  // A shocked deal that does not evaluate fails alike both ways, with the same problems.
  if (!full.ok || !stress.ok) {
    expect(exact(stress)).toEqual(exact(full));
    return undefined;
  }
  return { full, stress };
};

/** Every figure of a stress case beside the full evaluation's. */
const expectSameFigures = (name: string, deal: Deal) => {
  const both = evaluateBoth(deal);
  if (!both) return;
  const { full, stress } = both;
  expect(exact(stress.years), name).toEqual(exact(full.years));
  expect(exact(stress.financing.debts), name).toEqual(exact(full.financing.debts));
  // A bond's bullet years (methodology §10.13) are the full evaluation's reading for the lender; the stress does not read them.
  expect(exact(stress.bonds), name).toEqual(exact(full.bonds.map(({ bullet: _bullet, ...bond }) => bond)));
  expect(exact(stress.debt), name).toEqual(exact(full.debt));
  expect(exact(stress.waterfall.lockUpYears), name).toEqual(exact(full.waterfall.lockUpYears));
  expect(exact(stress.waterfall.dsraDrawYears), name).toEqual(exact(full.waterfall.dsraDrawYears));
  expect(exact(stress.metrics), name).toEqual(exact({ minDscr: full.metrics.minDscr, minIcr: full.metrics.minIcr, projectNpvAfterTax: full.metrics.projectNpvAfterTax }));
  expect(exact(stress.fiscal), name).toEqual(exact(full.fiscal));
  // What the stress derives from them: the covenant breaches and the agreed (sculpted) debt.
  expect(checkCovenants(deal.covenants, stress), name).toEqual(checkCovenants(deal.covenants, full));
  expect(fixSculptedLoans(deal, stress), name).toEqual(fixSculptedLoans(deal, full));
};

describe('evaluateStressCase', () => {
  it('has every figure a stress reads as the full evaluation has it, on every template and the funded deals', () => {
    expect(bases.length).toBeGreaterThanOrEqual(10);
    for (const { name, deal } of bases) expectSameFigures(name, deal);
  });

  it('and under each standard portfolio shock of the agreed debt', { timeout: 120_000 }, () => {
    for (const { name, deal } of bases) {
      const full = evaluateDeal(deal, { asOf: AS_OF, breakEven: false });
      if (!full.ok) throw new Error(JSON.stringify(full.problems.slice(0, 3)));
      const agreed = fixSculptedLoans(deal, full);
      for (const shock of DEFAULT_PORTFOLIO_SHOCKS) {
        const shocked = parseDeal(applyShock(agreed, shock.changes));
        if (shocked.ok) expectSameFigures(`${name} × ${shock.id}`, shocked.deal);
      }
    }
  });

  it('computes no statement, IRR, contribution or warning', () => {
    const stress = evaluateStressCase(loadTemplate(TEMPLATES[0]!), { asOf: AS_OF });
    if (!stress.ok) throw new Error('the template evaluates');
    expect(Object.keys(stress).sort()).toEqual(['bonds', 'debt', 'financing', 'fiscal', 'metrics', 'ok', 'projection', 'waterfall', 'years']);
    expect(Object.keys(stress.metrics).sort()).toEqual(['minDscr', 'minIcr', 'projectNpvAfterTax']);
  });
});
