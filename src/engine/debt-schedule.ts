import type { BankLoan, DebtSource, SpecialBond } from '../deal/funding-schema.js';
import { allocateLargestRemainder } from '../finance/allocate-largest-remainder.js';
import { pmt } from '../finance/annuity.js';
import { D, ZERO, roundToFen } from '../finance/decimal.js';
import { createZeroSeries, type Series } from './series.js';

const HALF = new D('0.5');

/** 借款还本付息计划表 of one loan or bond (methodology §3), every cell in whole 分. */
export interface DebtSchedule {
  source: DebtSource;
  rate: D;
  opening: Series;
  draw: Series;
  /** Interest accrued in the year: capitalised + paid. */
  interest: Series;
  /** 建设期利息 rolled into the balance. */
  capitalisedInterest: Series;
  interestPaid: Series;
  /** Scheduled principal repaid (not the swept prepayments). */
  principal: Series;
  /** Principal prepaid by the cash sweep (methodology §11.11), at year end after the scheduled service; zero without one. */
  prepayment: Series;
  closing: Series;
  /** 发行费用 (bonds). */
  issuanceCost: Series;
  /** Interest paid + scheduled principal: the service the cover ratios test (a prepayment is not scheduled service). */
  debtService: Series;
}

/** Prepayments asked of a loan by the cash sweep (methodology §11.11), and how the loan takes them. */
export interface LoanPrepayments {
  /** Asked for each year; the schedule takes at most the balance left after the year's scheduled principal. */
  amounts: Series;
  /** shorten: later instalments keep their amounts and the loan ends earlier; reamortise: the balance left is re-scheduled over the years left. */
  mode: 'shorten' | 'reamortise';
}

/** The loan's yearly rate: 5-year LPR + spread, or fixed (methodology §6). */
export function rateOfLoan(loan: BankLoan): D {
  return loan.rate.kind === 'fixed' ? new D(loan.rate.rate) : new D(loan.rate.lpr).plus(loan.rate.spread);
}

/** First and last repayment years (0-based indices) of a loan: after construction and grace, up to the tenor. */
export function repaymentWindowOf(loan: BankLoan, C: number): { first: number; last: number } {
  return { first: C + loan.graceYears, last: loan.tenorYears - 1 };
}

/**
 * A bank loan year by year (methodology §6). Draws fall mid-year in construction:
 * interest_t = (opening + draw_t / 2) × r, capitalised into the balance unless the loan says paid;
 * in operation interest_t = opening × r, paid. Principal after the grace years over n repayment years:
 * 等额本息 payment = P·r(1+r)^n / ((1+r)^n − 1) fixed from the balance at the start of repayment;
 * 等额本金, custom shares and bullet split that balance; sculpted pays `sculptedService_t − interest_t`
 * rounded down to the 分.
 * Every amount is rounded to the 分 and the last repayment year clears the balance, so the principal
 * repaid (scheduled and prepaid) equals the amount drawn plus the capitalised interest exactly.
 * A prepayment (the cash sweep, methodology §11.11) is paid at the end of its year after the scheduled
 * principal, so it lowers the next year's interest. `shorten`: the instalments are those of the loan
 * without prepayments (annuity payment, principal parts), each capped at the balance, so the loan ends
 * earlier. `reamortise`: after each prepayment the balance left is spread over the years left to the
 * tenor as the profile says (annuity payment = PMT(r, years left, balance); equal parts; the custom
 * shares left, rescaled; a bullet stays a bullet).
 */
export function scheduleLoan(loan: BankLoan, draws: Series, C: number, sculptedService?: Series, prepayments?: LoanPrepayments): DebtSchedule {
  const T = draws.length;
  const r = rateOfLoan(loan);
  const { first, last } = repaymentWindowOf(loan, C);
  const n = last - first + 1;
  const s = emptySchedule(loan, r, T);
  let balance = ZERO;
  let payment = ZERO;
  let parts: D[] = [];
  let prepaid = ZERO;
  // The profile from year index k of the repayment window on, for a balance: the annuity payment or the principal parts.
  const scheduleFrom = (k: number, amount: D) => {
    const left = n - k;
    if (left <= 0) return;
    if (loan.repayment.kind === 'annuity') payment = roundToFen(pmt(r, left, amount).negated());
    if (loan.repayment.kind === 'equal-principal') parts = [...parts.slice(0, k), ...allocateLargestRemainder(amount, new Array<number>(left).fill(1))];
    if (loan.repayment.kind === 'custom') {
      const shares = loan.repayment.shares.slice(k);
      const weights = shares.some((x) => !new D(x).isZero()) ? shares : shares.map((_, j) => (j === shares.length - 1 ? '1' : '0'));
      parts = [...parts.slice(0, k), ...allocateLargestRemainder(amount, weights)];
    }
  };
  for (let t = 0; t < T; t++) {
    const draw = draws[t]!;
    s.opening[t] = balance;
    s.draw[t] = draw;
    const interest = t < C ? roundToFen(balance.plus(draw.div(2)).times(r)) : roundToFen(balance.times(r));
    s.interest[t] = interest;
    if (t < C && loan.constructionInterest === 'capitalised') s.capitalisedInterest[t] = interest;
    else s.interestPaid[t] = interest;
    balance = balance.plus(draw).plus(s.capitalisedInterest[t]!);
    let principal = ZERO;
    if (t >= first && t <= last && !balance.isZero()) {
      // Shortening keeps the instalments of the loan without prepayments: fixed from the balance plus what was prepaid in grace.
      if (t === first) scheduleFrom(0, prepayments?.mode === 'shorten' ? balance.plus(prepaid) : balance);
      const k = t - first;
      switch (loan.repayment.kind) {
        case 'annuity': principal = payment.minus(interest); break;
        case 'equal-principal': case 'custom': principal = parts[k] ?? ZERO; break;
        case 'bullet': principal = ZERO; break;
        // Rounded down, so that the service never exceeds its target and the DSCR never falls below it.
        case 'sculpted': principal = (sculptedService?.[t] ?? ZERO).minus(interest).toDecimalPlaces(2, D.ROUND_DOWN); break;
      }
      if (t === last || principal.gt(balance)) principal = balance;
      if (principal.isNegative()) principal = ZERO;
    }
    s.principal[t] = principal;
    balance = balance.minus(principal);
    const asked = t >= C && t <= last ? prepayments?.amounts[t] ?? ZERO : ZERO;
    const prepayment = D.max(ZERO, D.min(asked, balance));
    s.prepayment[t] = prepayment;
    balance = balance.minus(prepayment);
    prepaid = prepaid.plus(prepayment);
    if (prepayments?.mode === 'reamortise' && prepayment.isPositive() && !prepayment.isZero() && t >= first) scheduleFrom(t - first + 1, balance);
    s.closing[t] = balance;
    s.debtService[t] = s.interestPaid[t]!.plus(principal);
  }
  return s;
}

/** Repayment year index (0-based) of each principal share of a tranche issued in year index t0. */
function bondRepayments(bond: SpecialBond, t0: number): { index: number; share: string }[] {
  const { principal, tenorYears } = bond;
  if (principal === undefined || tenorYears === undefined) throw new Error(`special bond ${bond.id} has no principal or tenor`);
  if (principal.kind === 'bullet') return [{ index: t0 + tenorYears, share: '1' }];
  return principal.shares.map((s) => ({ index: t0 + s.bondYear - 1, share: s.share }));
}

/**
 * A special bond (methodology §6) issued in tranches as the works need it, each tranche mid-year in its
 * year. Bond year 1 is the year of issue; a bullet matures on the tenor's anniversary, in bond year
 * tenor + 1; scheduled principal is repaid in the given bond years. Coupons and repayments fall on the
 * mid-year anniversaries, so interest_t = c × (opening_t + issued_t / 2 − repaid_t / 2). Issuance costs
 * are the rate × the amount issued, in the year of issue. Amounts past the timeline are dropped here
 * and reported by the deal's validation.
 */
export function scheduleBond(bond: SpecialBond, draws: Series): DebtSchedule {
  const T = draws.length;
  const c = new D(bond.couponRate ?? '0');
  const s = emptySchedule(bond, c, T);
  const principal = createZeroSeries(T);
  draws.forEach((amount, t0) => {
    if (amount.isZero()) return;
    const repayments = bondRepayments(bond, t0);
    const parts = allocateLargestRemainder(amount, repayments.map((r) => r.share));
    repayments.forEach((r, k) => {
      if (r.index < T) principal[r.index] = principal[r.index]!.plus(parts[k]!);
    });
  });
  let balance = ZERO;
  for (let t = 0; t < T; t++) {
    const draw = draws[t]!;
    const repaid = D.min(principal[t]!, balance.plus(draw));
    s.opening[t] = balance;
    s.draw[t] = draw;
    s.interest[t] = roundToFen(balance.plus(draw.times(HALF)).minus(repaid.times(HALF)).times(c));
    s.interestPaid[t] = s.interest[t]!;
    s.principal[t] = repaid;
    s.issuanceCost[t] = roundToFen(draw.times(bond.issuanceCostRate));
    balance = balance.plus(draw).minus(repaid);
    s.closing[t] = balance;
    s.debtService[t] = s.interestPaid[t]!.plus(repaid);
  }
  return s;
}

function emptySchedule(source: DebtSource, rate: D, T: number): DebtSchedule {
  const z = () => createZeroSeries(T);
  return {
    source, rate,
    opening: z(), draw: z(), interest: z(), capitalisedInterest: z(), interestPaid: z(), principal: z(), prepayment: z(), closing: z(), issuanceCost: z(), debtService: z(),
  };
}
