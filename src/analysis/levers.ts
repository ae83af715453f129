import type { Deal } from '../deal/deal-schema.js';
import type { Problem } from '../deal/problem.js';
import { D } from '../finance/decimal.js';
import { addOperatingSubsidy, readGrantAmount, readLoanAmount, readResidentsContribution, readSupportPayment, setGrantAmount, setLoanAmount, setResidentsContribution, setSupportPayments } from './edits/funding-edits.js';
import { readStreamPrice, setStreamPrice } from './edits/revenue-edits.js';
import { setOperatingYears } from './edits/timeline-edits.js';
import type { GoalInput } from './goal-seek-request.js';

/**
 * One deal input as a number a search can move: its value in the deal, default bounds, the step it
 * is stated in (分 for amounts), and the deal with it set to x — a changed deal that is parsed and
 * funded again like any other (evaluate-variant.ts).
 */
export interface Lever {
  label: string;
  unit: string;
  integer: boolean;
  /** The smallest step the deal states this input in. */
  quantum: number;
  base: number | null;
  bounds: [number, number];
  apply(x: number): Deal;
}

const capexTotal = (deal: Deal) => deal.capex.reduce((s, c) => s.plus(c.amount), new D(0)).toNumber();
const num = (v: D | null) => (v === null ? null : v.toNumber());
const MONEY = 0.01;

/** The lever of a goal-seek input, or the problem with the input (at `path`). */
export function createLever(deal: Deal, input: GoalInput, path = 'input'): { lever: Lever } | { problem: Problem } {
  const total = capexTotal(deal);
  switch (input.kind) {
    case 'grant': {
      const found = readGrantAmount(deal, input.source, `${path}.source`);
      if ('problem' in found) return found;
      return {
        lever: { label: `grant ${input.source}`, unit: '元', integer: false, quantum: MONEY, base: num(found.value), bounds: [0, total], apply: (x) => setGrantAmount(deal, input.source, new D(x)) },
      };
    }
    case 'operating-support': {
      const found = readSupportPayment(deal, input.support, `${path}.support`);
      if ('problem' in found) return found;
      return {
        lever: {
          label: `each payment of operating support ${input.support}`, unit: '元', integer: false, quantum: MONEY, base: found.value.payment.toNumber(), bounds: [0, total],
          apply: (x) => setSupportPayments(deal, input.support, new D(x)),
        },
      };
    }
    case 'new-operating-subsidy':
      return {
        lever: {
          label: `a new ${input.level} operating subsidy a year (${input.years ?? deal.timeline.operatingYears} operating years)`, unit: '元/年', integer: false, quantum: MONEY, base: 0, bounds: [0, total],
          apply: (x) => addOperatingSubsidy(deal, new D(x), { level: input.level, years: input.years, taxable: input.taxable }),
        },
      };
    case 'price': {
      const found = readStreamPrice(deal, input, path);
      if ('problem' in found) return found;
      const base = found.value.toNumber();
      return {
        lever: { label: `price of ${input.stream}${input.input ? ` (${input.input})` : ''}`, unit: '元', integer: false, quantum: 1e-4, base, bounds: [0, base > 0 ? 10 * base : 1000], apply: (x) => setStreamPrice(deal, input, new D(x)) },
      };
    }
    case 'operating-years':
      return { lever: { label: 'operating period', unit: 'years', integer: true, quantum: 1, base: deal.timeline.operatingYears, bounds: [1, 30], apply: (x) => setOperatingYears(deal, x) } };
    case 'residents': {
      const found = readResidentsContribution(deal, input.source, `${path}.source`);
      if ('problem' in found) return found;
      const { basis, value } = found.value;
      const unit = { 'elevator-share': 'share of the elevator cost after subsidy', 'per-m2': '元/㎡', 'per-household': '元/户', amount: '元' }[basis];
      const upper = basis === 'elevator-share' ? 1 : basis === 'amount' ? total : Math.max(10 * value.toNumber(), 1000);
      return {
        lever: {
          label: `residents' contribution ${input.source} (${basis})`, unit, integer: false, quantum: basis === 'elevator-share' ? 1e-6 : MONEY, base: value.toNumber(), bounds: [0, upper],
          apply: (x) => setResidentsContribution(deal, input.source, basis, new D(x)),
        },
      };
    }
    case 'loan-amount': {
      const found = readLoanAmount(deal, input.source, `${path}.source`);
      if ('problem' in found) return found;
      return {
        lever: { label: `amount of loan ${input.source}`, unit: '元', integer: false, quantum: MONEY, base: num(found.value), bounds: [0, total], apply: (x) => setLoanAmount(deal, input.source, new D(x)) },
      };
    }
  }
}

/** x on the lever's grid: whole years, 分, 0.0001 元 of a price. */
export function snapToQuantum(lever: Lever, x: number): number {
  if (lever.integer) return Math.round(x);
  return new D(x).toDecimalPlaces(Math.round(-Math.log10(lever.quantum)), D.ROUND_HALF_EVEN).toNumber();
}
