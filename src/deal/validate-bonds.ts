import { D } from '../finance/decimal.js';
import type { BondPrincipal } from './bond-schema.js';
import type { Covenants, FundingSource, SpecialBond } from './funding-schema.js';

type Add = (code: string, path: string, message: string) => void;

export interface BondContext {
  covenants?: Covenants;
  timeline?: { startYear: number; constructionYears: number; operatingYears: number };
  /** Revenue stream and opex ids, when every one parsed (references are checked only against complete lists). */
  streamIds?: ReadonlySet<string>;
  opexIds?: ReadonlySet<string>;
  sources: readonly FundingSource[];
}

/**
 * Cross-field checks of a special bond (methodology §6, §10): either the original single-source form
 * (amount, coupon, tenor, principal) or a programme of batches, never both; principal schedules that
 * add up to 1 inside the tenor; batches issued and repaid within the deal's years; earmarked streams,
 * costs and co-served loans that exist.
 */
export function checkSpecialBond(bond: SpecialBond, path: string, context: BondContext, add: Add): void {
  const cap = context.covenants?.bondCapitalCap;
  if (cap !== undefined && new D(bond.capitalShare).gt(cap)) add('OVER_CAP', `${path}.capitalShare`, `at most ${cap} of a special bond may count as 项目资本金 (covenants.bondCapitalCap)`);
  if (bond.batches) checkBatches(bond, path, context, add);
  else checkSingleSource(bond, path, context, add);
  if (bond.constructionCoupons === 'capitalised' && !bond.batches) {
    add('CONFLICT', `${path}.constructionCoupons`, 'capitalised construction coupons need the bond\'s batches: a single-source bond is issued with the works, so what its proceeds keep for coupons is not known before the works are funded; give batches, or choose equity or issuer');
  }
  if (bond.earmark) checkEarmark(bond, path, context, add);
}

function checkSingleSource(bond: SpecialBond, path: string, context: BondContext, add: Add): void {
  const missing = (['amount', 'couponRate', 'tenorYears', 'principal'] as const).filter((key) => bond[key] === undefined);
  for (const key of missing) add('REQUIRED', `${path}.${key}`, `a special bond without batches needs ${key}`);
  const { principal, tenorYears } = bond;
  if (principal === undefined || tenorYears === undefined) return;
  checkPrincipal(principal, tenorYears, `${path}.principal`, add);
  const { timeline } = context;
  if (timeline) {
    const T = timeline.constructionYears + timeline.operatingYears;
    const lastRepayment = lastBondYear(principal, tenorYears);
    // Tranches are issued in construction years; the last may be issued in year C.
    if (timeline.constructionYears + lastRepayment - 1 > T) {
      add('DEBT_OUTLIVES_OPERATION', `${path}.tenorYears`, `a tranche issued in construction year ${timeline.constructionYears} is repaid in year ${timeline.constructionYears + lastRepayment - 1}, after the deal ends (year ${T})`);
    }
  }
}

function checkBatches(bond: SpecialBond, path: string, context: BondContext, add: Add): void {
  for (const key of ['amount', 'couponRate', 'tenorYears', 'principal'] as const) {
    if (bond[key] !== undefined) add('CONFLICT', `${path}.${key}`, `give ${key} on each batch, not on a bond with batches`);
  }
  const seen = new Set<string>();
  const { timeline } = context;
  bond.batches!.forEach((batch, j) => {
    const at = `${path}.batches[${j}]`;
    if (seen.has(batch.id)) add('DUPLICATE_ID', `${at}.id`, `batch id "${batch.id}" is used more than once`);
    seen.add(batch.id);
    checkPrincipal(batch.principal, batch.tenorYears, `${at}.principal`, add);
    if (!timeline) return;
    const first = timeline.startYear;
    const last = first + timeline.constructionYears + timeline.operatingYears - 1;
    if (batch.issueYear < first || batch.issueYear > last) add('YEAR_OUT_OF_RANGE', `${at}.issueYear`, `${batch.issueYear} is outside the deal's years ${first}–${last}`);
    const maturity = batch.issueYear + lastBondYear(batch.principal, batch.tenorYears) - 1;
    if (maturity > last) add('DEBT_OUTLIVES_OPERATION', `${at}.tenorYears`, `the batch is repaid in ${maturity}, after the deal ends (${last})`);
  });
}

function checkPrincipal(principal: BondPrincipal, tenorYears: number, path: string, add: Add): void {
  if (principal.kind !== 'schedule') return;
  const sum = principal.shares.reduce((s, x) => s.plus(x.share), new D(0));
  if (!sum.eq(1)) add('SCHEDULE_SUM', `${path}.shares`, `shares must add up to 1; they add up to ${sum.toString()}`);
  principal.shares.forEach((s, j) => {
    if (s.bondYear < 2 || s.bondYear > tenorYears + 1) {
      add('YEAR_OUT_OF_RANGE', `${path}.shares[${j}].bondYear`, `bond year ${s.bondYear} is outside 2…${tenorYears + 1} (year 1 is the year of issue)`);
    }
  });
}

/** The bond year of the last repayment: tenor + 1 for a bullet (bond year 1 is the year of issue). */
export function lastBondYear(principal: BondPrincipal, tenorYears: number): number {
  return principal.kind === 'bullet' ? tenorYears + 1 : Math.max(...principal.shares.map((s) => s.bondYear));
}

function checkEarmark(bond: SpecialBond, path: string, context: BondContext, add: Add): void {
  const earmark = bond.earmark!;
  const seenStreams = new Set<string>();
  earmark.streams.forEach((s, j) => {
    const at = `${path}.earmark.streams[${j}].stream`;
    if (seenStreams.has(s.stream)) add('DUPLICATE_ID', at, `stream "${s.stream}" is earmarked more than once`);
    seenStreams.add(s.stream);
    if (context.streamIds && !context.streamIds.has(s.stream)) add('UNKNOWN_REFERENCE', at, `no revenue stream has id "${s.stream}"`);
  });
  earmark.costs.forEach((c, j) => {
    if (context.opexIds && !context.opexIds.has(c.item)) add('UNKNOWN_REFERENCE', `${path}.earmark.costs[${j}].item`, `no operating cost (opex) has id "${c.item}"`);
  });
  earmark.alsoServes?.forEach((id, j) => {
    const source = context.sources.find((s) => s.id === id);
    if (!source || source.kind !== 'bank-loan') add('UNKNOWN_REFERENCE', `${path}.earmark.alsoServes[${j}]`, `no bank-loan source has id "${id}"`);
  });
}
