import type { Deal } from '../../deal/deal-schema.js';
import type { BondBatch, ServiceOrder } from '../../deal/bond-schema.js';
import type { GovernmentLevel, SpecialBond } from '../../deal/funding-schema.js';
import { D, ZERO } from '../../finance/decimal.js';
import type { Financing } from '../finance-deal.js';
import type { Projection } from '../project-deal.js';
import { sumSeries, totalOf, type Series } from '../series.js';
import type { Warning } from '../warnings.js';
import { scheduleSpecialBond, type BatchSchedule } from './bond-batches.js';
import { computeEarmarkedIncome, type EarmarkedIncome } from './earmarked-income.js';
import { runRepaymentAccount, type RepaymentAccount } from './repayment-account.js';

export interface BondBatchResult {
  batch: BondBatch;
  /** A planned batch's coupon is an assumption (methodology §10). */
  couponIsAssumption: boolean;
  maturity: { year: number; month: number };
  interest: D;
  principal: D;
  issuanceCost: D;
}

/** One year of the 收益与融资自求平衡 table (methodology §10). */
export interface BondTableYear {
  year: number;
  revenueByStream: { id: string; value: D }[];
  revenue: D;
  costs: D;
  taxes: D;
  netIncome: D;
  interest: D;
  principal: D;
  service: D;
  /** net income_t / service_t; null without service. */
  yearlyCoverage: D | null;
  /** Σ_{k≤t} net income / Σ_{k≤t} service; null until service falls due. */
  cumulativeCoverage: D | null;
  accountOpening: D;
  deposit: D;
  paidFromAccount: D;
  issuerTopUp: D;
  /** Coupons of a construction year, paid outside the account as `constructionCoupons` says (methodology §10.5). */
  constructionCoupons: D;
  /** Service of the loans the same income serves (组合融资), what the account paid of it and what it left to the borrower. */
  loanService: D;
  loanPaidFromAccount: D;
  loanUnpaid: D;
  accountBalance: D;
}

export interface BondResult {
  id: string;
  name: string;
  level: GovernmentLevel;
  form: 'single-source' | 'batches';
  earmarked: boolean;
  streams: { id: string; name: string; share: D }[];
  /** Who pays the coupons of construction years (methodology §10.5). */
  constructionCoupons: SpecialBond['constructionCoupons'];
  /** Bank loans served by the same income (组合融资), counted in coverageAllDebt. */
  servedLoans: string[];
  batches: BondBatchResult[];
  /** Calendar years from the first issue to the last repayment: the bond's life. */
  life: { firstYear: number; lastYear: number } | null;
  /** Σ revenue / Σ (principal + interest) over the bond's life. */
  coverageGross: D | null;
  /** Σ net income / Σ (principal + interest) over the bond's life. */
  coverageNet: D | null;
  /** Σ net income / Σ service of the bond and the loans the same income serves (组合融资). */
  coverageAllDebt: D | null;
  /** Σ revenue / the same all-debt service. */
  coverageAllDebtGross: D | null;
  totals: { revenue: D; costs: D; taxes: D; netIncome: D; interest: D; principal: D; service: D; issuerTopUp: D; allDebtService: D; loanPaidFromAccount: D; loanUnpaid: D };
  /** By timeline year: the rows the fiscal view and the workbook read. */
  rows: { income: EarmarkedIncome; service: Series; interest: Series; principal: Series; account: RepaymentAccount; loanService: Series; order: ServiceOrder };
  table: BondTableYear[];
  notes: Record<string, string>;
  warnings: Warning[];
}

/**
 * Every special bond's 自求平衡 test (methodology §10): its batches, the earmarked income that serves it
 * (all debt-service income when it has no earmark), the 偿债资金 account and the issuer's top-up, and
 * coverage over its life, cumulative (Σ net income / Σ principal + interest) and yearly, gross and net,
 * and for all debt served by the same income. Thresholds are covenants.bondCoverage and allDebtCoverage.
 */
export function evaluateBonds(deal: Deal, p: Projection, f: Financing): BondResult[] {
  const { T } = p.timeline;
  const calendar = (t: number) => p.timeline.years[t]!.calendarYear;
  const bonds = deal.funding.sources.filter((s): s is SpecialBond => s.kind === 'special-bond');
  return bonds.map((bond) => {
    const k = deal.funding.sources.indexOf(bond);
    const path = `funding.sources[${k}]`;
    const debt = f.debts.find((d) => d.source.id === bond.id)!;
    const draws = f.funding.sources.find((s) => s.source.id === bond.id)?.total ?? debt.draw;
    const programme = scheduleSpecialBond(bond, draws, p.timeline);
    const income = computeEarmarkedIncome(deal, bond, p, f.incomeTax.incomeTax);
    const service = debt.debtService;
    const life = lifeOf([debt.draw, service]);
    const served = bond.earmark?.alsoServes;
    const loans = f.debts.filter((d) => d.source.kind === 'bank-loan' && (served === undefined || served.includes(d.source.id)));
    const loanService = sumSeries(T, loans.map((d) => d.debtService));
    // An earmarked bond's account also pays the loans its income serves (组合融资), in the stated order (methodology §10.9).
    // Construction coupons: the project's paid outside the account, the issuer's through it (methodology §10.5).
    const coupons = f.bond.constructionCoupons.find((c) => c.sourceId === bond.id)!;
    // Coupons the project funds are paid outside the account; the issuer's stay in its due, so earmarked
    // income of a construction year (§10.11) pays them before the issuer tops up the rest (§10.5).
    const constructionCoupons = coupons.paidBy === 'issuer' ? undefined : { values: coupons.values, paidBy: 'project' as const };
    const account = runRepaymentAccount(income.netIncome, service, life?.first ?? T, life?.last ?? -1, { ...(income.earmarked ? { loanService, order: bond.earmark!.serviceOrder } : {}), ...(constructionCoupons ? { constructionCoupons } : {}) });
    const within = (row: Series) => (life ? totalOf(row.slice(life.first, life.last + 1)) : ZERO);
    const totals = {
      revenue: within(income.revenue), costs: within(income.costs), taxes: within(income.taxes), netIncome: within(income.netIncome),
      interest: within(debt.interestPaid), principal: within(debt.principal), service: within(service), issuerTopUp: within(account.topUp),
      allDebtService: within(service).plus(within(loanService)),
      loanPaidFromAccount: within(account.loanPaid), loanUnpaid: within(account.loanUnpaid),
    };
    const ratio = (a: D, b: D) => (b.isZero() ? null : a.div(b));
    const table = buildTable(income, debt.interestPaid, debt.principal, service, loanService, account, coupons.values, life, calendar);
    const warnings: Warning[] = [];
    const notes: Record<string, string> = {};
    if (!income.earmarked) {
      warnings.push({ code: 'BOND_NOT_EARMARKED', path: `${path}.earmark`, message: `${bond.name} names no earmarked income: its coverage counts all the project's debt-service income and is not a 自求平衡 test of the bond` });
      notes.coverage = 'pooled: every stream that may service debt, less all operating costs and surcharges';
    } else {
      notes.coverage = `earmarked: ${income.streams.map((s) => (s.share.eq(1) ? s.id : `${s.id} × ${s.share.toString()}`)).join(', ')}; shared costs ${bond.earmark!.sharedCosts}; revenue ${bond.earmark!.basis.vat} of VAT, ${bond.earmark!.basis.incomeTax} income tax`;
    }
    if (life) notes.life = `${calendar(life.first)}–${calendar(life.last)}`;
    notes.constructionCoupons = { issuer: 'construction-year coupons paid by the issuer\'s budget (政府性基金预算), outside total investment', equity: 'construction-year coupons paid from 项目资本金, counted in 建设期利息 of total investment', capitalised: 'construction-year coupons paid from the bond\'s own proceeds, counted in 建设期利息 of total investment' }[bond.constructionCoupons];
    const coverageNet = ratio(totals.netIncome, totals.service);
    const coverageAllDebt = loans.length === 0 ? null : ratio(totals.netIncome, totals.allDebtService);
    if (loans.length === 0) notes.coverageAllDebt = 'no bank loan is served by the same income';
    else if (income.earmarked) notes.serviceOrder = `the repayment account pays ${bond.earmark!.serviceOrder === 'pro-rata' ? 'the bond and the loans pro rata' : bond.earmark!.serviceOrder === 'loan-first' ? 'the loans first, then the bond' : 'the bond first, then the loans'} (${loans.map((d) => d.source.id).join(', ')})`;
    else notes.serviceOrder = 'not earmarked: the repayment account pays the bond only; the loans are counted in the all-debt coverage';
    const topUpYears = table.filter((r) => r.issuerTopUp.isPositive() && !r.issuerTopUp.isZero()).map((r) => r.year);
    if (topUpYears.length > 0) {
      warnings.push({ code: 'BOND_ISSUER_TOP_UP', path: `bonds.${bond.id}.table`, message: `${bond.name}: the repayment account cannot pay ${totals.issuerTopUp.toFixed(2)} 元 of its service; the issuer tops it up (财政补足)`, years: topUpYears });
    }
    const planned = programme.batches.filter((b) => b.batch.status === 'planned');
    if (planned.length > 0) {
      warnings.push({ code: 'PLANNED_BATCH_ASSUMED', path: `${path}.batches`, message: `${planned.map((b) => b.batch.id).join(', ')} of ${bond.name} not yet issued: amount, date and coupon are assumptions` });
    }
    return {
      id: bond.id, name: bond.name, level: bond.level, form: programme.form, earmarked: income.earmarked, constructionCoupons: bond.constructionCoupons,
      streams: income.streams.map((s) => ({ id: s.id, name: s.name, share: s.share })),
      servedLoans: loans.map((d) => d.source.id),
      batches: programme.batches.map(summariseBatch),
      life: life ? { firstYear: calendar(life.first), lastYear: calendar(life.last) } : null,
      coverageGross: ratio(totals.revenue, totals.service), coverageNet, coverageAllDebt,
      coverageAllDebtGross: loans.length === 0 ? null : ratio(totals.revenue, totals.allDebtService),
      totals,
      rows: { income, service, interest: debt.interestPaid, principal: debt.principal, account, loanService, order: bond.earmark?.serviceOrder ?? 'bond-first' },
      table, notes, warnings,
    };
  });
}

function summariseBatch(b: BatchSchedule): BondBatchResult {
  return { batch: b.batch, couponIsAssumption: b.batch.status === 'planned', maturity: b.maturity, interest: totalOf(b.interest), principal: totalOf(b.principal), issuanceCost: totalOf(b.issuanceCost) };
}

/** First and last year index in which any row is non-zero: the bond's life. */
function lifeOf(rows: Series[]): { first: number; last: number } | null {
  let first = -1;
  let last = -1;
  for (const row of rows) row.forEach((v, t) => { if (!v.isZero()) { if (first < 0 || t < first) first = t; if (t > last) last = t; } });
  return first < 0 ? null : { first, last };
}

function buildTable(
  income: EarmarkedIncome, interest: Series, principal: Series, service: Series, loanService: Series, account: RepaymentAccount,
  constructionCoupons: Series, life: { first: number; last: number } | null, calendar: (t: number) => number,
): BondTableYear[] {
  if (!life) return [];
  const out: BondTableYear[] = [];
  let cumulativeIncome = ZERO;
  let cumulativeService = ZERO;
  for (let t = life.first; t <= life.last; t++) {
    cumulativeIncome = cumulativeIncome.plus(income.netIncome[t]!);
    cumulativeService = cumulativeService.plus(service[t]!);
    out.push({
      year: calendar(t),
      revenueByStream: income.streams.map((s) => ({ id: s.id, value: s.revenue[t]! })),
      revenue: income.revenue[t]!, costs: income.costs[t]!, taxes: income.taxes[t]!, netIncome: income.netIncome[t]!,
      interest: interest[t]!, principal: principal[t]!, service: service[t]!,
      yearlyCoverage: service[t]!.isZero() ? null : income.netIncome[t]!.div(service[t]!),
      cumulativeCoverage: cumulativeService.isZero() ? null : cumulativeIncome.div(cumulativeService),
      accountOpening: account.opening[t]!, deposit: account.deposit[t]!, paidFromAccount: account.paid[t]!, issuerTopUp: account.topUp[t]!,
      // The year's construction-period coupons, whoever pays them (the account's due keeps the issuer's).
      constructionCoupons: constructionCoupons[t]!,
      loanService: loanService[t]!, loanPaidFromAccount: account.loanPaid[t]!, loanUnpaid: account.loanUnpaid[t]!, accountBalance: account.closing[t]!,
    });
  }
  return out;
}
