import type { BondBatch, BondPrincipal } from '../../deal/bond-schema.js';
import type { SpecialBond } from '../../deal/funding-schema.js';
import { allocateLargestRemainder } from '../../finance/allocate-largest-remainder.js';
import { D, ZERO, roundToFen } from '../../finance/decimal.js';
import { scheduleBond, type DebtSchedule } from '../debt-schedule.js';
import { createZeroSeries, totalOf, type Series } from '../series.js';
import type { Timeline } from '../timeline.js';

/** The terms of a single-source bond (validation guarantees them when there are no batches). */
export interface SingleSourceTerms {
  amount: string;
  couponRate: string;
  tenorYears: number;
  principal: BondPrincipal;
}

export function readSingleSourceTerms(bond: SpecialBond): SingleSourceTerms {
  const { amount, couponRate, tenorYears, principal } = bond;
  if (amount === undefined || couponRate === undefined || tenorYears === undefined || principal === undefined) {
    throw new Error(`special bond ${bond.id} has neither batches nor amount, couponRate, tenorYears and principal`);
  }
  return { amount, couponRate, tenorYears, principal };
}

/** What a bond commits in 元: its amount, or the sum of its batches. */
export function bondAmountOf(bond: SpecialBond): D {
  if (bond.batches) return bond.batches.reduce((s, b) => s.plus(b.amount), ZERO);
  return new D(readSingleSourceTerms(bond).amount);
}

/** One batch year by year, in whole 分. */
export interface BatchSchedule {
  batch: BondBatch;
  issued: Series;
  interest: Series;
  principal: Series;
  issuanceCost: Series;
  /** Calendar year and month of the last repayment. */
  maturity: { year: number; month: number };
}

/**
 * A batch on its payment dates (methodology §10). Coupons fall on the anniversaries of the issue
 * month (annual) or every six months from it (semi-annual), each coupon = outstanding × c / f to the
 * 分, f payments a year; a coupon belongs to the calendar year of its date, so a batch issued in June
 * paying semi-annually pays half a coupon that December. Principal of bond year k (1 = the year of
 * issue) is repaid on the (k − 1)-th anniversary, after the coupon of that date; a bullet on the
 * tenor's anniversary. Shares of the batch are split to the 分 by largest remainder, so Σ principal
 * = the batch. Dates past the timeline are dropped here and reported by the deal's validation.
 */
export function scheduleBatch(batch: BondBatch, startYear: number, T: number): BatchSchedule {
  const f = batch.interestFrequency === 'semi-annual' ? 2 : 1;
  const perCoupon = new D(batch.couponRate).div(f);
  const amount = new D(batch.amount);
  const out = { issued: createZeroSeries(T), interest: createZeroSeries(T), principal: createZeroSeries(T), issuanceCost: createZeroSeries(T) };
  const index = (year: number) => year - startYear;
  const add = (row: Series, year: number, value: D) => {
    const t = index(year);
    if (t >= 0 && t < T) row[t] = row[t]!.plus(value);
  };
  add(out.issued, batch.issueYear, amount);
  add(out.issuanceCost, batch.issueYear, roundToFen(amount.times(batch.issuanceCostRate)));
  // Repayment on anniversary a: bond year a + 1.
  const schedule = batch.principal.kind === 'bullet' ? [{ anniversary: batch.tenorYears, share: '1' }] : batch.principal.shares.map((s) => ({ anniversary: s.bondYear - 1, share: s.share }));
  const parts = allocateLargestRemainder(amount, schedule.map((s) => s.share));
  const repaidOn = new Map<number, D>();
  schedule.forEach((s, k) => repaidOn.set(s.anniversary, (repaidOn.get(s.anniversary) ?? ZERO).plus(parts[k]!)));
  const lastAnniversary = Math.max(...schedule.map((s) => s.anniversary));
  let outstanding = amount;
  for (let j = 1; j <= lastAnniversary * f; j++) {
    const months = (batch.issueMonth - 1) + (j * 12) / f;
    const year = batch.issueYear + Math.floor(months / 12);
    add(out.interest, year, roundToFen(outstanding.times(perCoupon)));
    if (j % f === 0) {
      const repaid = repaidOn.get(j / f);
      if (repaid) {
        add(out.principal, year, repaid);
        outstanding = outstanding.minus(repaid);
      }
    }
  }
  return { batch, ...out, maturity: { year: batch.issueYear + lastAnniversary, month: batch.issueMonth } };
}

/** A bond's 借款还本付息计划表 with its batches (methodology §10); the single-source form as before (methodology §6). */
export interface SpecialBondSchedule {
  schedule: DebtSchedule;
  /** One per batch; for the single-source form, one per year's tranche, issued mid-year with the works. */
  batches: BatchSchedule[];
  /** The single-source form follows the works and accrues coupons from mid-year; batches follow their dates. */
  form: 'single-source' | 'batches';
}

/**
 * Schedule a special bond. Batches: the sum of their schedules, opening_t + issued_t − principal_t =
 * closing_t. The single-source form keeps its convention (tranches drawn with the works, mid-year):
 * it is read as one batch per year's tranche, with the coupon, tenor and principal of the source.
 */
export function scheduleSpecialBond(bond: SpecialBond, draws: Series, timeline: Timeline): SpecialBondSchedule {
  const T = draws.length;
  const startYear = timeline.years[0]!.calendarYear;
  if (!bond.batches) {
    const terms = readSingleSourceTerms(bond);
    const schedule = scheduleBond(bond, draws);
    const batches = draws.flatMap((amount, t) => (amount.isZero() ? [] : [trancheAsBatch(bond, terms, amount, startYear + t, schedule, t)]));
    return { schedule, batches, form: 'single-source' };
  }
  const batches = bond.batches.map((b) => scheduleBatch(b, startYear, T));
  const sum = (pick: (b: BatchSchedule) => Series) => createZeroSeries(T).map((_, t) => batches.reduce((s, b) => s.plus(pick(b)[t]!), ZERO));
  const issued = sum((b) => b.issued);
  const interest = sum((b) => b.interest);
  const principal = sum((b) => b.principal);
  const issuanceCost = sum((b) => b.issuanceCost);
  const opening = createZeroSeries(T);
  const closing = createZeroSeries(T);
  let balance = ZERO;
  for (let t = 0; t < T; t++) {
    opening[t] = balance;
    balance = balance.plus(issued[t]!).minus(principal[t]!);
    closing[t] = balance;
  }
  const schedule: DebtSchedule = {
    source: bond,
    rate: weightedCoupon(bond.batches),
    opening,
    draw: issued,
    interest,
    capitalisedInterest: createZeroSeries(T),
    interestPaid: interest,
    principal,
    prepayment: createZeroSeries(T),
    closing,
    issuanceCost,
    debtService: interest.map((v, t) => v.plus(principal[t]!)),
  };
  return { schedule, batches, form: 'batches' };
}

/** The amount-weighted coupon of the batches: the rate the LLCR weights the bond's balance by. */
function weightedCoupon(batches: readonly BondBatch[]): D {
  const total = batches.reduce((s, b) => s.plus(b.amount), ZERO);
  if (total.isZero()) return ZERO;
  return batches.reduce((s, b) => s.plus(new D(b.amount).times(b.couponRate)), ZERO).div(total);
}

/** A single-source tranche shown as a batch issued in July of its year (the mid-year convention). */
function trancheAsBatch(bond: SpecialBond, terms: SingleSourceTerms, amount: D, year: number, schedule: DebtSchedule, t: number): BatchSchedule {
  const T = schedule.draw.length;
  const batch: BondBatch = {
    id: `${bond.id}-${year}`,
    status: 'issued',
    issueYear: year,
    issueMonth: 7,
    amount: amount.toFixed(2),
    couponRate: terms.couponRate,
    tenorYears: terms.tenorYears,
    interestFrequency: bond.interestFrequency,
    principal: terms.principal,
    issuanceCostRate: bond.issuanceCostRate,
  };
  const only = (row: Series) => row.map((v, k) => (k === t ? v : ZERO));
  const share = totalOf(schedule.draw).isZero() ? ZERO : amount.div(totalOf(schedule.draw));
  // The pooled schedule is not kept per tranche: the tranche's part of interest and principal is its share of the draws.
  const part = (row: Series) => row.map((v) => roundToFen(v.times(share)));
  const last = t + (terms.principal.kind === 'bullet' ? terms.tenorYears : Math.max(...terms.principal.shares.map((s) => s.bondYear)) - 1);
  return {
    batch,
    issued: only(schedule.draw),
    interest: part(schedule.interest),
    principal: part(schedule.principal),
    issuanceCost: only(schedule.issuanceCost),
    maturity: { year: year + Math.min(last, T - 1) - t, month: 7 },
  };
}
