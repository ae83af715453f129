import type { Waterfall } from '../../deal/waterfall-schema.js';
import { D, ZERO } from '../../finance/decimal.js';
import { createZeroSeries, type Series } from '../series.js';
import { findLockedYears } from './lock-up.js';
import { computeDsraTargets, computeMmraTargets } from './reserve-targets.js';

/** What the waterfall reads: the year's cash before it and what each step tests. */
export interface WaterfallInputs {
  /** Net cash flow of the 财务计划现金流量表 before the waterfall: operating + investing + financing (debt service paid). */
  cashBefore: Series;
  /** Debt service the project pays each year (loans, and bonds as covered by the project): the base of the DSRA. */
  serviceDue: Series;
  /** DSCR by year (null without debt service): the lock-up test. */
  dscr: (D | null)[];
  /** 维持运营投资 as paid (VAT included): the events the MMRA saves for. */
  maintenanceEvents: Series;
  /** 可供分配利润 of the year: net profit less the statutory reserve (may be negative). */
  distributableProfit: Series;
  /** Calendar year of each index. */
  calendarYears: number[];
  /** Construction years. */
  C: number;
  /** Each swept loan's balance each year after its scheduled principal, before any prepayment: the most its sweep may prepay. */
  sweepCapacity?: ReadonlyMap<string, Series>;
}

/** The waterfall's schedule (methodology §11): each step's cash in and out, and the balances it leaves. */
export interface WaterfallSchedule {
  cashBefore: Series;
  shortTerm: { interest: Series; repaid: Series; drawn: Series; closing: Series; rate: D };
  dsra: { target: Series; equityAtClose: Series; deposit: Series; release: Series; draw: Series; closing: Series };
  mmra: { target: Series; deposit: Series; release: Series; closing: Series };
  lockedUp: boolean[];
  /**
   * The cash sweeps (methodology §11.11), only for a deal that has one: the year's cash left after the
   * reserves and the distribution test (never below zero), each loan's prepayment from it in the order
   * the sweeps are given, and their total.
   */
  sweep?: { available: Series; prepayment: Series; loans: SweptLoan[] };
  distributableProfit: Series;
  distributions: Series;
  /** 未分配利润 not yet paid out: Σ 可供分配利润 − Σ distributions. */
  undistributed: Series;
  /** Free cash at year end (货币资金 outside the reserves). */
  freeCash: Series;
  /** Net cash flow after the waterfall (what 累计盈余资金 accumulates; reserves stay in 货币资金). */
  netCashFlow: Series;
  /** Calendar years locked up; years a distribution was due but blocked (lock-up or no cash); DSRA drawn; 临时借款 drawn. */
  lockUpYears: number[];
  blockedYears: number[];
  dsraDrawYears: number[];
  /** Years the cash before 临时借款 would be below zero: the years that fail 财务生存能力. */
  survivalFailures: number[];
}

/** One sweep's loan, its share of the cash available and what it prepaid each year (methodology §11.11). */
export interface SweptLoan { sourceId: string; share: D; mode: 'shorten' | 'reamortise'; prepayment: Series }

interface Balances { cash: D; shortTerm: D; dsra: D; mmra: D; undistributed: D }

/** Step 1: 临时借款 is repaid first from the year's cash (methodology §11). */
function repayShortTermBorrowing(b: Balances): D {
  const repay = D.max(ZERO, D.min(b.shortTerm, b.cash));
  b.shortTerm = b.shortTerm.minus(repay);
  b.cash = b.cash.minus(repay);
  return repay;
}

/** Steps 2–3: move a reserve to its target: a deposit within the free cash, or a release of what is above it. */
function moveReserveToTarget(balance: D, target: D, cash: D): { deposit: D; release: D } {
  if (target.gt(balance)) return { deposit: D.min(target.minus(balance), D.max(ZERO, cash)), release: ZERO };
  return { deposit: ZERO, release: balance.minus(target) };
}

/** Step 4: where the year's cash is short (its debt service unpaid), the DSRA is drawn first. */
function drawDebtServiceReserve(b: Balances): D {
  if (!b.cash.isNegative()) return ZERO;
  const draw = D.min(b.dsra, b.cash.neg());
  b.dsra = b.dsra.minus(draw);
  b.cash = b.cash.plus(draw);
  return draw;
}

/**
 * Step 5: the cash sweeps (methodology §11.11). Available = the year's own cash left after the steps
 * before it, max(0, min(free cash, free cash − free cash at the start of the year)): cash retained
 * in earlier years was offered to the sweep in its year. In the order given, each loan k prepays
 * min(share_k × available rounded down to the 分, its balance after its scheduled principal). The
 * shares are of the same available cash and add up to at most 1, so no sweep is short of cash for an
 * earlier one; what a loan repaid in full cannot take stays in the cash (it is not passed on).
 */
function sweepCash(b: Balances, openingFree: D, sweeps: readonly SweptLoan[], capacity: (sourceId: string) => D): { available: D; prepayments: D[] } {
  const available = D.max(ZERO, D.min(b.cash, b.cash.minus(openingFree)));
  const prepayments = sweeps.map((s) => {
    const prepayment = D.max(ZERO, D.min(available.times(s.share).toDecimalPlaces(2, D.ROUND_DOWN), capacity(s.sourceId)));
    b.cash = b.cash.minus(prepayment);
    return prepayment;
  });
  return { available, prepayments };
}

/** Step 6: 应付利润 within 可供分配利润 not yet distributed and the free cash, unless locked up. */
function distributeProfit(b: Balances, locked: boolean, settings: Waterfall['distributions']): D {
  if (!settings.enabled || locked) return ZERO;
  const room = D.min(D.max(ZERO, b.undistributed), D.max(ZERO, b.cash));
  const paid = room.times(settings.payoutRatio);
  b.cash = b.cash.minus(paid);
  b.undistributed = b.undistributed.minus(paid);
  return paid;
}

/** Step 7: 临时借款 covers what the cash still lacks (methodology §11); without it the cash goes negative. */
function borrowShortTerm(b: Balances, enabled: boolean): D {
  if (!enabled || !b.cash.isNegative()) return ZERO;
  const drawn = b.cash.neg();
  b.shortTerm = b.shortTerm.plus(drawn);
  b.cash = ZERO;
  return drawn;
}

/**
 * The cash waterfall of methodology §11, year by year after operating costs, taxes and senior debt
 * service (already in `cashBefore`): interest on 临时借款 (opening balance × rate) → its repayment →
 * DSRA to target (funded at close with equity, or from cash) → MMRA to target → DSRA drawn for a
 * shortfall → lock-up test → cash sweep (§11.11) → distributions (应付利润) → 临时借款 for what is still short → retained cash.
 */
export function runWaterfall(settings: Waterfall, inputs: WaterfallInputs): WaterfallSchedule {
  const { cashBefore, C } = inputs;
  const T = cashBefore.length;
  const rate = new D(settings.shortTermBorrowing.rate);
  const dsraTarget = computeDsraTargets(settings.dsra.months, inputs.serviceDue, C);
  const mmraTarget = computeMmraTargets(settings.mmra.buildUpYears, inputs.maintenanceEvents, C);
  const lockedUp = findLockedYears(inputs.dscr, settings.lockUp.minDscr, settings.lockUp.basis, settings.lockUp.trailingYears);
  const rows = () => createZeroSeries(T);
  const shortTerm = { interest: rows(), repaid: rows(), drawn: rows(), closing: rows(), rate };
  const dsra = { target: dsraTarget, equityAtClose: rows(), deposit: rows(), release: rows(), draw: rows(), closing: rows() };
  const mmra = { target: mmraTarget, deposit: rows(), release: rows(), closing: rows() };
  const sweepSettings = settings.cashSweep ?? [];
  const sweep = sweepSettings.length > 0
    ? { available: rows(), prepayment: rows(), loans: sweepSettings.map((s): SweptLoan => ({ sourceId: s.sourceId, share: new D(s.share), mode: s.mode, prepayment: rows() })) }
    : undefined;
  const distributions = rows();
  const undistributed = rows();
  const freeCash = rows();
  const netCashFlow = rows();
  const years = { lockUp: [] as number[], blocked: [] as number[], dsraDraw: [] as number[], survival: [] as number[] };
  const b: Balances = { cash: ZERO, shortTerm: ZERO, dsra: ZERO, mmra: ZERO, undistributed: ZERO };
  for (let t = 0; t < T; t++) {
    const year = inputs.calendarYears[t]!;
    const opening = b.cash.plus(b.dsra).plus(b.mmra);
    const openingFree = b.cash;
    shortTerm.interest[t] = b.shortTerm.times(rate);
    // Funded at close: the investors pay the reserve in at the end of the last construction year.
    if (settings.dsra.funding === 'at-close' && t === C - 1) dsra.equityAtClose[t] = D.max(ZERO, dsraTarget[t]!.minus(b.dsra));
    b.cash = b.cash.plus(cashBefore[t]!).minus(shortTerm.interest[t]!).plus(dsra.equityAtClose[t]!);
    shortTerm.repaid[t] = repayShortTermBorrowing(b);
    const toDsra = moveReserveToTarget(b.dsra, dsraTarget[t]!, b.cash);
    [dsra.deposit[t], dsra.release[t]] = [toDsra.deposit, toDsra.release];
    b.dsra = b.dsra.plus(toDsra.deposit).minus(toDsra.release);
    b.cash = b.cash.minus(toDsra.deposit).plus(toDsra.release);
    const toMmra = moveReserveToTarget(b.mmra, mmraTarget[t]!, b.cash);
    [mmra.deposit[t], mmra.release[t]] = [toMmra.deposit, toMmra.release];
    b.mmra = b.mmra.plus(toMmra.deposit).minus(toMmra.release);
    b.cash = b.cash.minus(toMmra.deposit).plus(toMmra.release);
    dsra.draw[t] = drawDebtServiceReserve(b);
    if (!dsra.draw[t]!.isZero()) years.dsraDraw.push(year);
    b.undistributed = b.undistributed.plus(inputs.distributableProfit[t]!);
    if (lockedUp[t]) years.lockUp.push(year);
    if (sweep && t >= C) {
      const swept = sweepCash(b, openingFree, sweep.loans, (id) => inputs.sweepCapacity?.get(id)?.[t] ?? ZERO);
      sweep.available[t] = swept.available;
      swept.prepayments.forEach((v, k) => { sweep.loans[k]!.prepayment[t] = v; });
      sweep.prepayment[t] = swept.prepayments.reduce((s, v) => s.plus(v), ZERO);
    }
    distributions[t] = distributeProfit(b, lockedUp[t]!, settings.distributions);
    if (settings.distributions.enabled && distributions[t]!.isZero() && b.undistributed.isPositive() && !b.undistributed.isZero() && t >= C) years.blocked.push(year);
    if (b.cash.lt('-0.005')) years.survival.push(year);
    shortTerm.drawn[t] = borrowShortTerm(b, settings.shortTermBorrowing.enabled);
    shortTerm.closing[t] = b.shortTerm;
    dsra.closing[t] = b.dsra;
    mmra.closing[t] = b.mmra;
    undistributed[t] = b.undistributed;
    freeCash[t] = b.cash;
    netCashFlow[t] = b.cash.plus(b.dsra).plus(b.mmra).minus(opening);
  }
  return {
    cashBefore, shortTerm, dsra, mmra, lockedUp, ...(sweep ? { sweep } : {}), distributableProfit: inputs.distributableProfit, distributions, undistributed, freeCash, netCashFlow,
    lockUpYears: years.lockUp, blockedYears: years.blocked, dsraDrawYears: years.dsraDraw, survivalFailures: years.survival,
  };
}
