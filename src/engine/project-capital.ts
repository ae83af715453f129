import { isGrantSource } from '../deal/funding-schema.js';
import { D } from '../finance/decimal.js';
import type { DebtSchedule } from './debt-schedule.js';
import type { SourceAllocation } from './fund-capex.js';
import type { Projection } from './project-deal.js';
import { sumSeries, totalOf, type Series } from './series.js';

/** 项目资本金 by component, by year (methodology §9). */
export interface ProjectCapital {
  /** Investors' equity: capex equity, construction interest paid in cash and working capital. */
  investorEquity: Series;
  /** Grants given as 资本金注入, one allocation each. */
  capitalGrants: SourceAllocation[];
  /** The part of each special bond used as capital (issued × capitalShare), by bond id. */
  bondCapital: { sourceId: string; name: string; values: Series }[];
  total: Series;
  /** Σ over the years. */
  amount: D;
}

/**
 * 项目资本金 is the investors' non-debt contribution (国发〔1996〕35号, kept by 国发〔2019〕26号;
 * methodology §9): investor equity, government money given as 资本金注入 (政府投资条例 第六条) and the
 * part of a special bond used as capital within its cap. 投资补助, utility and residents' money are not
 * capital. The equity ratio, ROE, the minimum-equity check, the 资金筹措表 and the statutory reserve's
 * registered capital all read this one definition.
 */
export function computeProjectCapital(p: Projection, sources: SourceAllocation[], constructionInterestPaid: Series, debts: DebtSchedule[]): ProjectCapital {
  const { T } = p.timeline;
  const equity = sources.filter((s) => s.source.kind === 'investor-equity');
  const investorEquity = sumSeries(T, [...equity.map((s) => s.total), constructionInterestPaid, p.workingCapital]);
  const capitalGrants = sources.filter((s) => isGrantSource(s.source) && s.source.grantType === 'capital-injection');
  const bondCapital = debts.flatMap((d) => {
    if (d.source.kind !== 'special-bond' || new D(d.source.capitalShare).isZero()) return [];
    const share = new D(d.source.capitalShare);
    return [{ sourceId: d.source.id, name: d.source.name, values: d.draw.map((v) => v.times(share)) }];
  });
  const total = sumSeries(T, [investorEquity, ...capitalGrants.map((s) => s.total), ...bondCapital.map((b) => b.values)]);
  return { investorEquity, capitalGrants, bondCapital, total, amount: totalOf(total) };
}
