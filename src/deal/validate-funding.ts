import { D } from '../finance/decimal.js';
import type { CapexItem } from './capex-schema.js';
import type { Covenants, Funding, FundingSource, OperatingSupport } from './funding-schema.js';
import { isDebtSource, isGrantSource } from './funding-schema.js';
import type { Problem } from './problem.js';
import { checkSpecialBond } from './validate-bonds.js';

type Add = (code: string, path: string, message: string) => void;

export interface FundingParts {
  funding?: Funding;
  operatingSupport?: OperatingSupport[];
  covenants?: Covenants;
  timeline?: { startYear: number; constructionYears: number; operatingYears: number };
  scope?: { floorAreaM2?: string | undefined; households: number };
  /** Capex items when every one parsed; references are checked only against a complete list. */
  capex?: CapexItem[];
  /** Revenue stream and opex ids when every one parsed: a bond's earmark names them. */
  streamIds?: ReadonlySet<string>;
  opexIds?: ReadonlySet<string>;
}

/**
 * Cross-field checks of the funding sections (methodology §5–§6): references between sources, rules,
 * the elevator programme and capex; the fill order (third-party money before debt, a sculpted loan
 * last among debt); debt that fits in the timeline; operating support inside the timeline and cap.
 */
export function validateFunding(parts: FundingParts): Problem[] {
  const problems: Problem[] = [];
  const add: Add = (code, path, message) => problems.push({ code, path, message });
  const { funding, capex, timeline } = parts;
  if (funding) checkFunding(funding, parts, add);
  if (parts.operatingSupport && timeline) {
    const last = timeline.startYear + timeline.constructionYears + timeline.operatingYears - 1;
    const seen = new Set<string>();
    parts.operatingSupport.forEach((support, i) => {
      const path = `operatingSupport[${i}]`;
      if (seen.has(support.id)) add('DUPLICATE_ID', path, `id "${support.id}" is used more than once`);
      seen.add(support.id);
      let sum = new D(0);
      support.payments.forEach((payment, j) => {
        sum = sum.plus(payment.amount);
        if (payment.year < timeline.startYear || payment.year > last) {
          add('YEAR_OUT_OF_RANGE', `${path}.payments[${j}].year`, `${payment.year} is outside the deal's years ${timeline.startYear}–${last}`);
        }
      });
      if (sum.gt(support.cap)) add('OVER_CAP', `${path}.payments`, `payments add up to ${sum.toFixed(2)} 元, more than the cap of ${new D(support.cap).toFixed(2)} 元`);
    });
  }
  if (capex) {
    capex.forEach((item, i) => {
      if (item.civilWorksShare !== undefined && item.kind !== 'pipeline') add('NOT_APPLICABLE', `capex[${i}].civilWorksShare`, 'only pipeline items have a civil-works share');
    });
  }
  return problems;
}

function checkFunding(funding: Funding, parts: FundingParts, add: Add): void {
  const { capex, timeline, covenants } = parts;
  const byId = new Map<string, FundingSource>();
  funding.sources.forEach((source, i) => {
    const path = `funding.sources[${i}]`;
    if (byId.has(source.id)) add('DUPLICATE_ID', `${path}.id`, `source id "${source.id}" is used more than once`);
    byId.set(source.id, source);
    if (source.kind === 'residents') {
      const given = [source.amount, source.perM2, source.perHousehold].filter((v) => v !== undefined).length;
      if (given > 1) add('CONFLICT', path, 'give at most one of amount, perM2 and perHousehold');
      if (source.perM2 !== undefined && parts.scope && parts.scope.floorAreaM2 === undefined) add('REQUIRED', `${path}.perM2`, 'a per-㎡ commitment needs scope.floorAreaM2');
    }
    if (source.kind === 'bank-loan' && timeline) {
      const C = timeline.constructionYears;
      const T = C + timeline.operatingYears;
      const rate = source.rate.kind === 'fixed' ? new D(source.rate.rate) : new D(source.rate.lpr).plus(source.rate.spread);
      if (rate.isNegative()) add('OUT_OF_RANGE', `${path}.rate`, `LPR + spread is negative (${rate.toString()})`);
      const repaymentYears = source.tenorYears - C - source.graceYears;
      if (repaymentYears < 1) add('TENOR_TOO_SHORT', `${path}.tenorYears`, `a ${source.tenorYears}-year tenor leaves no repayment year after ${C} construction and ${source.graceYears} grace years`);
      if (source.tenorYears > T) add('DEBT_OUTLIVES_OPERATION', `${path}.tenorYears`, `the loan runs ${source.tenorYears} years but the deal ends after ${T}`);
      if (source.repayment.kind === 'custom') {
        if (repaymentYears >= 1 && source.repayment.shares.length !== repaymentYears) {
          add('SCHEDULE_LENGTH', `${path}.repayment.shares`, `needs one share per repayment year (${repaymentYears}); got ${source.repayment.shares.length}`);
        }
        const sum = source.repayment.shares.reduce((s, x) => s.plus(x), new D(0));
        if (!sum.eq(1)) add('SCHEDULE_SUM', `${path}.repayment.shares`, `shares must add up to 1; they add up to ${sum.toString()}`);
      }
    }
    if (source.kind === 'special-bond') {
      checkSpecialBond(source, path, { covenants, timeline, streamIds: parts.streamIds, opexIds: parts.opexIds, sources: funding.sources }, add);
    }
  });
  const investors = funding.sources.filter((s) => s.kind === 'investor-equity');
  const withShare = investors.filter((s) => s.kind === 'investor-equity' && s.profitShare !== undefined);
  if (withShare.length > 0) {
    if (withShare.length !== investors.length) add('INCOMPLETE', 'funding.sources', 'give profitShare for every investor-equity source or for none');
    else {
      const sum = withShare.reduce((s, x) => s.plus(x.kind === 'investor-equity' ? x.profitShare ?? 0 : 0), new D(0));
      if (!sum.eq(1)) add('SHARES_SUM', 'funding.sources', `investors' profit shares must add up to 1; they add up to ${sum.toString()}`);
    }
  }

  const itemIds = capex ? new Map(capex.map((item) => [item.id, item])) : undefined;
  const checkItems = (ids: string[] | undefined, path: string) => {
    ids?.forEach((id, j) => {
      if (itemIds && !itemIds.has(id)) add('UNKNOWN_REFERENCE', `${path}.items[${j}]`, `no capex item has id "${id}"`);
    });
  };
  const checkSource = (id: string, path: string, what: string, accept: (s: FundingSource) => boolean): FundingSource | undefined => {
    const source = byId.get(id);
    if (!source) add('UNKNOWN_REFERENCE', path, `no funding source has id "${id}"`);
    else if (!accept(source)) add('WRONG_SOURCE_KIND', path, `source "${id}" is ${source.kind}; ${what}`);
    return source;
  };

  funding.rules.forEach((rule, i) => {
    const path = `funding.rules[${i}]`;
    if (rule.kind === 'amount') {
      checkSource(rule.source, `${path}.source`, 'debt fills the remaining need: list it in funding.fill', (s) => !isDebtSource(s));
      if (itemIds && !itemIds.has(rule.item)) add('UNKNOWN_REFERENCE', `${path}.item`, `no capex item has id "${rule.item}"`);
      return;
    }
    checkItems(rule.items, path);
    if (rule.kind === 'share') {
      checkSource(rule.source, `${path}.source`, 'debt fills the remaining need: list it in funding.fill', (s) => !isDebtSource(s));
      return;
    }
    if (rule.basis === 'percentage' && rule.utilityShare === undefined) add('REQUIRED', `${path}.utilityShare`, 'a percentage split needs the utility\'s share, e.g. "0.7"');
    if (rule.basis === 'civil-equipment' && rule.utilityShare !== undefined) add('NOT_APPLICABLE', `${path}.utilityShare`, 'a civil/equipment split takes the shares from each item\'s civilWorksShare');
    if (rule.governmentSource !== undefined) checkSource(rule.governmentSource, `${path}.governmentSource`, 'the government part must come from a grant', isGrantSource);
    for (const item of capex ?? []) {
      if (item.kind !== 'pipeline' || item.utility === undefined) continue;
      if (rule.items && !rule.items.includes(item.id)) continue;
      if (rule.utilities && !rule.utilities.includes(item.utility)) continue;
      if (rule.categories && !rule.categories.includes(item.category)) continue;
      if (rule.owners && !rule.owners.includes(item.owner)) continue;
      if (!funding.sources.some((s) => s.kind === 'utility' && s.utility === item.utility)) {
        add('MISSING_SOURCE', path, `pipeline item ${item.id} is a ${item.utility} network but no source is a utility with "utility": "${item.utility}"`);
      }
      if (rule.basis === 'civil-equipment' && item.civilWorksShare === undefined) add('REQUIRED', path, `pipeline item ${item.id} needs civilWorksShare for a civil/equipment split`);
    }
  });

  const programme = funding.elevators;
  if (programme) {
    checkSource(programme.subsidy.source, 'funding.elevators.subsidy.source', 'elevator subsidies come from a grant', isGrantSource);
    checkSource(programme.residents.source, 'funding.elevators.residents.source', 'the residents\' part comes from a residents source', (s) => s.kind === 'residents');
    programme.items.forEach((entry, i) => {
      const path = `funding.elevators.items[${i}]`;
      const item = itemIds?.get(entry.item);
      if (itemIds && !item) add('UNKNOWN_REFERENCE', `${path}.item`, `no capex item has id "${entry.item}"`);
      if (item && item.kind !== 'elevator') add('WRONG_ITEM_KIND', `${path}.item`, `capex item ${item.id} is ${item.kind}, not an elevator`);
      if (item && item.units === undefined) add('REQUIRED', `${path}.item`, `capex item ${item.id} needs units (the number of elevators)`);
      if (entry.floors > programme.residents.floorCoefficients.length) {
        add('TOO_FEW_COEFFICIENTS', 'funding.elevators.residents.floorCoefficients', `${entry.floors} floors need ${entry.floors} coefficients; got ${programme.residents.floorCoefficients.length}`);
      }
    });
  }

  let debtSeen = false;
  let sculptedSeen = false;
  funding.fill.forEach((entry, i) => {
    const path = `funding.fill[${i}]`;
    checkItems(entry.items, path);
    const source = checkSource(entry.source, `${path}.source`, '', () => true);
    if (!source) return;
    if (isDebtSource(source)) {
      if (sculptedSeen) add('FILL_ORDER', `${path}.source`, 'a sculpted loan must be the last debt in the fill order: its size depends on the others\' service');
      debtSeen = true;
      if (source.kind === 'bank-loan' && source.repayment.kind === 'sculpted') sculptedSeen = true;
    } else if (debtSeen && source.kind !== 'investor-equity') {
      add('FILL_ORDER', `${path}.source`, `${source.id} (${source.kind}) comes after debt; grants and contributions fill before debt, so that debt is sized on what they leave`);
    }
  });
  const debtSources = funding.sources.filter(isDebtSource);
  debtSources.forEach((source) => {
    if (!funding.fill.some((e) => e.source === source.id)) {
      add('UNUSED_DEBT', `funding.sources[${funding.sources.indexOf(source)}]`, `${source.id} is never drawn: list it in funding.fill`);
    }
  });
  if (debtSources.filter((s) => s.kind === 'bank-loan' && s.repayment.kind === 'sculpted').length > 1) {
    add('TOO_MANY_SCULPTED', 'funding.sources', 'at most one loan may be sculpted');
  }
}
