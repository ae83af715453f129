import type { BudgetEnvelope, Portfolio } from '../../deal/portfolio-schema.js';
import { D, ZERO } from '../../finance/decimal.js';
import { readAggregatedRow, type AggregatedStatement } from './aggregate-statements.js';

export interface AffordabilityYear {
  year: number;
  expenditure: string | null;
  pppSpending: string;
  pppRatio: string | null;
  governmentPay: string;
  governmentPayRatio: string | null;
}

export interface Affordability {
  level: Portfolio['affordability']['level'];
  pppLimit: string;
  governmentPayLimit: string;
  years: AffordabilityYear[];
  /** Years whose PPP-type spending is above the PPP limit of the budget. */
  pppBreaches: number[];
  /** Years whose government-pay spending is above its limit. */
  governmentPayBreaches: number[];
  /** Years of spending the envelope does not state (by-year envelopes): not checked. */
  uncheckedYears: number[];
}

/** General public budget expenditure of a year: as stated, or base × (1 + growth)^(year − base year). */
export function readEnvelope(budget: BudgetEnvelope, year: number): D | null {
  if (budget.kind === 'by-year') {
    const entry = budget.years.find((y) => y.year === year);
    return entry ? new D(entry.expenditure) : null;
  }
  return new D(budget.baseExpenditure).times(new D(1).plus(budget.growthRate).pow(year - budget.baseYear));
}

/**
 * The affordability check (财政承受能力, methodology §5, §10.7) for the envelope's government level, by
 * year: PPP-type spending — what the portfolio costs that level's general public budget (一般公共预算:
 * grants and operating support) — against `pppLimit` (10%) of general public budget expenditure;
 * government-pay spending — the operating support paid for running the projects (subsidies, viability
 * gap, rebates) — against `governmentPayLimit` (5%). Special-bond service, its 财政补足 and issuance
 * costs are 政府性基金预算 obligations: they are not in this test but in the fund-budget view
 * (check-bond-budget.ts). Ratios to 6 places; a year breaches when its ratio is above the limit.
 */
export function checkAffordability(fiscal: AggregatedStatement, years: readonly number[], portfolio: Portfolio): Affordability | null {
  if (!portfolio.budget) return null;
  const { level, pppLimit, governmentPayLimit } = portfolio.affordability;
  const support = readAggregatedRow(fiscal, `${level}.operatingSupport`) ?? years.map(() => ZERO);
  const grants = readAggregatedRow(fiscal, `${level}.grants`) ?? years.map(() => ZERO);
  const outflows = grants.map((g, i) => g.plus(support[i]!));
  const result: Affordability = { level, pppLimit, governmentPayLimit, years: [], pppBreaches: [], governmentPayBreaches: [], uncheckedYears: [] };
  years.forEach((year, i) => {
    const expenditure = readEnvelope(portfolio.budget!, year);
    const ppp = outflows[i]!;
    const pay = support[i]!;
    const ratio = (v: D) => (expenditure === null || expenditure.isZero() ? null : v.div(expenditure));
    const pppRatio = ratio(ppp);
    const payRatio = ratio(pay);
    if (expenditure === null) {
      if (!ppp.isZero()) result.uncheckedYears.push(year);
    } else {
      if (pppRatio !== null ? pppRatio.gt(pppLimit) : ppp.isPositive() && !ppp.isZero()) result.pppBreaches.push(year);
      if (payRatio !== null ? payRatio.gt(governmentPayLimit) : pay.isPositive() && !pay.isZero()) result.governmentPayBreaches.push(year);
    }
    result.years.push({
      year,
      expenditure: expenditure === null ? null : expenditure.toFixed(2),
      pppSpending: ppp.toFixed(2),
      pppRatio: pppRatio === null ? null : pppRatio.toFixed(6),
      governmentPay: pay.toFixed(2),
      governmentPayRatio: payRatio === null ? null : payRatio.toFixed(6),
    });
  });
  return result;
}
