import type { Deal } from '../../../src/deal/deal-schema.js';
import { parseDeal } from '../../../src/deal/parse-deal.js';
import { evaluateDeal, type Evaluation } from '../../../src/engine/evaluate-deal.js';
import { buildFundedDealInput } from '../../helpers/funded-deal.js';
import { loadTemplate } from '../../helpers/load-template.js';

/**
 * Deals whose waterfall does something (methodology §11), for the workbook's waterfall, reserves and
 * balance-sheet sheets: the templates keep the defaults (no reserve, no distribution), so every step
 * would be 0 there.
 *  - fuzhou-lender: 福州 with a 6-month DSRA funded at close, an MMRA built 2 years ahead, lock-up
 *    below a DSCR of 1.5 on the year's DSCR, and distributions.
 *  - funded-short-term: the small funded deal with a 1,950,000 garage rebuild in its 7th operating
 *    year, a 6-month DSRA built from cash, lock-up on the trailing 2-year DSCR below 1.2,
 *    distributions at 80%, and 临时借款 at 4% for the year the rebuild leaves cash short.
 */
export const LENDER_DEAL_IDS = ['fuzhou-lender', 'funded-short-term'] as const;
export type LenderDealId = (typeof LENDER_DEAL_IDS)[number];

export function buildLenderDeal(id: LenderDealId): Deal {
  const input = id === 'fuzhou-lender'
    ? { ...structuredClone(loadTemplate('fuzhou-gulou-25y')), waterfall: { dsra: { months: 6, funding: 'at-close' }, mmra: { buildUpYears: 2 }, lockUp: { minDscr: '1.5' }, distributions: { enabled: true } } }
    : {
      ...buildFundedDealInput(),
      opex: { fixed: [{ id: 'staff', name: '人员', annualAmount: '200000' }], majorMaintenance: [{ id: 'rebuild', name: '车库大修', operatingYears: [7], amount: '1950000' }] },
      waterfall: { dsra: { months: 6, funding: 'from-cash' }, mmra: { buildUpYears: 0 }, lockUp: { minDscr: '1.2', basis: 'trailing', trailingYears: 2 }, distributions: { enabled: true, payoutRatio: '0.8' }, shortTermBorrowing: { rate: '0.04' } },
    };
  const parsed = parseDeal(input);
  if (!parsed.ok) throw new Error(`${id}: ${JSON.stringify(parsed.problems)}`);
  return parsed.deal;
}

/** A lender deal parsed and evaluated as of a fixed date. */
export function evaluateLenderDeal(id: LenderDealId): { deal: Deal; evaluation: Evaluation } {
  const deal = buildLenderDeal(id);
  const evaluation = evaluateDeal(deal, { asOf: '2026-03-01' });
  if (!evaluation.ok) throw new Error(`${id}: ${JSON.stringify(evaluation.problems)}`);
  return { deal, evaluation };
}
