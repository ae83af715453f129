import type { Deal } from '../deal/deal-schema.js';
import { GOVERNMENT_LEVELS, type GovernmentLevel, type OperatingSupport } from '../deal/funding-schema.js';
import { D } from '../finance/decimal.js';
import { createZeroSeries, sumSeries, type Series } from './series.js';
import type { Timeline } from './timeline.js';

export interface OperatingSupportSchedule {
  lines: { support: OperatingSupport; values: Series }[];
  /** 补贴收入: every rebate, subsidy and viability-gap payment, in the year paid. */
  total: Series;
  /** The part not counted as taxable income (不征税收入). */
  nonTaxable: Series;
  byLevel: Record<GovernmentLevel, Series>;
}

/**
 * Operating support (methodology §5): construction-cost rebates, operating subsidies and viability-gap
 * payments, each paid in its calendar year by its level of government; the deal's validation keeps
 * the years inside the timeline and the payments within the cap.
 */
export function scheduleOperatingSupport(deal: Deal, timeline: Timeline): OperatingSupportSchedule {
  const { T, startYear } = timeline;
  const lines = deal.operatingSupport.map((support) => {
    const values = createZeroSeries(T);
    for (const payment of support.payments) {
      const i = payment.year - startYear;
      values[i] = values[i]!.plus(new D(payment.amount));
    }
    return { support, values };
  });
  const byLevel = Object.fromEntries(
    GOVERNMENT_LEVELS.map((level) => [level, sumSeries(T, lines.filter((l) => l.support.level === level).map((l) => l.values))]),
  ) as Record<GovernmentLevel, Series>;
  return {
    lines,
    total: sumSeries(T, lines.map((l) => l.values)),
    nonTaxable: sumSeries(T, lines.filter((l) => !l.support.taxable).map((l) => l.values)),
    byLevel,
  };
}
