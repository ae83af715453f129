import type { Deal } from '../../../src/deal/deal-schema.js';
import { parseDeal } from '../../../src/deal/parse-deal.js';
import { evaluateDeal, type Evaluation } from '../../../src/engine/evaluate-deal.js';
import { buildFundedDealInput } from '../../helpers/funded-deal.js';

/**
 * A bank-loan deal whose waterfall runs every step a lender prints (methodology §11.6, §11.11): the
 * small funded deal (one annuity loan of 300万, no bond) with a 1,950,000 garage rebuild in its 7th
 * operating year, a 6-month DSRA built from cash, lock-up on the trailing
 * 2-year DSCR below 1.3, distributions at 80%, half the year's cash swept into the loan (shortening it)
 * and 临时借款 at 4%.
 */
export function buildSweepLenderDeal(): Deal {
  const parsed = parseDeal({
    ...buildFundedDealInput(),
    opex: { fixed: [{ id: 'staff', name: '人员', annualAmount: '200000' }], majorMaintenance: [{ id: 'rebuild', name: '车库大修', operatingYears: [7], amount: '1950000' }] },
    waterfall: {
      dsra: { months: 6, funding: 'from-cash' }, lockUp: { minDscr: '1.3', basis: 'trailing', trailingYears: 2 },
      distributions: { enabled: true, payoutRatio: '0.8' }, cashSweep: { sourceId: 'loan', share: '0.5', mode: 'shorten' }, shortTermBorrowing: { rate: '0.04' },
    },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.deal;
}

/** The sweep deal parsed and evaluated as of a fixed date. */
export function evaluateSweepLenderDeal(): { deal: Deal; evaluation: Evaluation } {
  const deal = buildSweepLenderDeal();
  const evaluation = evaluateDeal(deal, { asOf: '2026-03-01' });
  if (!evaluation.ok) throw new Error(JSON.stringify(evaluation.problems));
  return { deal, evaluation };
}
