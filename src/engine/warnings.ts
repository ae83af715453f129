import type { Deal } from '../deal/deal-schema.js';
import { isDebtSource, isGrantSource } from '../deal/funding-schema.js';
import type { Problem } from '../deal/problem.js';
import type { MetricsOutcome } from './metrics.js';
import type { Financing } from './finance-deal.js';
import type { Projection } from './project-deal.js';
import { totalOf } from './series.js';
import { ZERO, type D } from '../finance/decimal.js';

/** A warning is a problem that does not stop the evaluation; `years` are calendar years it concerns. */
export interface Warning extends Problem {
  years?: number[];
}

/** Things a reviewer of the deal should know, as data (DESIGN.md: problems are data). */
export function collectWarnings(deal: Deal, p: Projection, f: Financing, m: MetricsOutcome, asOf: string): Warning[] {
  const warnings: Warning[] = [];
  const calendarYears = (predicate: (i: number) => boolean) =>
    p.timeline.years.filter((_, i) => predicate(i)).map((y) => y.calendarYear);

  for (const [key, outcome] of [['projectIrrPreTax', m.irr.preTax], ['projectIrrAfterTax', m.irr.afterTax]] as const) {
    if (outcome.rate === null) warnings.push({ code: 'NO_IRR', path: `metrics.${key}`, message: outcome.reason });
    else if (outcome.otherRootsExist) warnings.push({ code: 'MULTIPLE_IRR', path: `metrics.${key}`, message: m.notes[key] ?? '' });
  }
  for (const [key, outcome] of [['paybackStaticYears', m.payback.static], ['paybackDynamicYears', m.payback.dynamic]] as const) {
    if (outcome.years === null) warnings.push({ code: 'PAYBACK_NOT_REACHED', path: `metrics.${key}`, message: outcome.reason });
    else if (outcome.reversed) warnings.push({ code: 'PAYBACK_REVERSED', path: `metrics.${key}`, message: m.notes[key] ?? '' });
  }

  const lossYears = calendarYears((i) => p.timeline.years[i]!.phase === 'operation' && f.profitBeforeTax[i]!.isNegative() && !f.profitBeforeTax[i]!.isZero());
  if (lossYears.length > 0) {
    warnings.push({ code: 'LOSS_YEARS', path: 'statements.profitAndLoss.profitBeforeTax', message: `利润总额 is negative in ${lossYears.length} operating year(s)`, years: lossYears });
  }
  const expired = calendarYears((i) => !f.incomeTax.lossesExpired[i]!.isZero());
  if (expired.length > 0) {
    warnings.push({ code: 'TAX_LOSSES_EXPIRED', path: 'statements.profitAndLoss.lossesUsed', message: `tax losses expired unused after ${deal.tax.lossCarryForwardYears} years`, years: expired });
  }
  const lastCredit = p.vat.creditCarried[p.timeline.T - 1]!;
  if (!lastCredit.isZero()) {
    warnings.push({ code: 'VAT_CREDIT_UNUSED', path: 'schedules.vat.creditCarried', message: `${lastCredit.toFixed(2)} 元 of input VAT is never credited by the end of operation` });
  }

  const renewed = new Set(deal.opex.majorMaintenance.flatMap((event) => event.replacesCapex));
  p.capex.lines.forEach((line, i) => {
    // Years in service: from its opening (methodology §10.11), else the operating years.
    const inService = p.timeline.T - line.inServiceIndex;
    if (line.item.owner === 'investor' && line.depreciationYears < inService && !renewed.has(line.item.id)) {
      warnings.push({
        code: 'ASSET_LIFE_SHORTER_THAN_OPERATION',
        path: `capex[${i}].depreciationYears`,
        message: `${line.item.name} lasts ${line.depreciationYears} years of ${inService === p.timeline.N ? `a ${p.timeline.N}-year operation` : `the ${inService} years it operates from its opening`}; plan its replacement as major maintenance (opex.majorMaintenance with replacesCapex)`,
      });
    }
  });
  deal.revenue.forEach((stream, i) => {
    const firstYear = stream.openingYear ?? p.timeline.startYear + p.timeline.C + stream.startOperatingYear - 1;
    const lastYear = p.timeline.startYear + p.timeline.C + (stream.endOperatingYear ?? p.timeline.N) - 1;
    const until = deal.tax.communityCareIncentiveUntilYear;
    if (stream.taxIncentive === 'community-care' && lastYear > until) {
      warnings.push({
        code: 'TAX_INCENTIVE_ENDS',
        path: `revenue[${i}].taxIncentive`,
        message:
          firstYear > until
            ? `the community-care VAT exemption and 90% income rule end after ${until}, before this stream earns (${firstYear}): it pays VAT at its own rate throughout; set tax.communityCareIncentiveUntilYear if the incentive is extended`
            : `the community-care VAT exemption and 90% income rule are assumed to end after ${until}; later years pay VAT at the stream's rate`,
      });
    }
  });
  const equity = m.debt.equityIrr;
  if (equity.rate === null && f.funding.sources.some((s) => s.source.kind === 'investor-equity' && !s.total.every((v) => v.isZero()))) {
    warnings.push({ code: 'NO_IRR', path: 'metrics.equityIrr', message: equity.reason });
  }
  for (const { sourceId, amount } of f.funding.unused) {
    const k = deal.funding.sources.findIndex((s) => s.id === sourceId);
    warnings.push({ code: 'SOURCE_NOT_USED', path: `funding.sources[${k}]`, message: `${amount.toFixed(2)} 元 of ${sourceId} is not needed: the works it may fund are covered (debt never lends above the need)` });
  }
  warnings.push(...collectSubsidisedInvestorAssets(deal, p, f));
  warnings.push(...m.debt.flags);
  const asOfYear = Number(asOf.slice(0, 4));
  if (deal.timeline.startYear < asOfYear) {
    warnings.push({
      code: 'STARTS_BEFORE_AS_OF',
      path: 'timeline.startYear',
      message: `construction starts in ${deal.timeline.startYear}, before the as-of date ${asOf}; the figures are a projection from the start, not from today`,
    });
  }
  return warnings;
}

/**
 * Investor-owned works paid for in part by money that is neither the investor's, borrowed nor a grant
 * (residents, utilities, donations). Grants are taxed as methodology §9.7 says; for the others the
 * engine depreciates the asset on its full cost and does not tax the contribution, which may overstate
 * the tax shield: say so.
 */
function collectSubsidisedInvestorAssets(deal: Deal, p: Projection, f: Financing): Warning[] {
  const investorOwned = new Set(p.capex.lines.filter((l) => l.item.owner === 'investor').map((l) => l.item.id));
  const byItem = new Map<string, D>();
  for (const allocation of f.funding.sources) {
    // Grants are modelled (methodology §9.7: non-deductible depreciation or taxable income).
    if (isDebtSource(allocation.source) || allocation.source.kind === 'investor-equity' || isGrantSource(allocation.source)) continue;
    for (const [itemId, row] of allocation.byItem) {
      if (!investorOwned.has(itemId)) continue;
      const amount = totalOf(row);
      if (!amount.isZero()) byItem.set(itemId, (byItem.get(itemId) ?? ZERO).plus(amount));
    }
  }
  return [...byItem].map(([itemId, amount]) => {
    const index = deal.capex.findIndex((c) => c.id === itemId);
    return {
      code: 'SUBSIDISED_INVESTOR_ASSET',
      path: `capex[${index}]`,
      message: `${amount.toFixed(2)} 元 of ${itemId}, which the investor owns, is paid by residents', utilities' or donated money; it is depreciated on its full cost and the contribution is not taxed, which overstates the tax shield if that money is not the investor's`,
    };
  });
}
