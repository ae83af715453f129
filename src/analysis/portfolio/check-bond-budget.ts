import type { Portfolio } from '../../deal/portfolio-schema.js';
import { D, ZERO, roundToFen } from '../../finance/decimal.js';
import { readAggregatedRow, type AggregatedStatement } from './aggregate-statements.js';
import { readEnvelope } from './check-affordability.js';

export interface FundBudgetYear {
  year: number;
  /** Σ principal + interest of the level's special bonds: a 政府性基金预算 obligation (methodology §10.10). */
  bondService: string;
  /** Of which paid from the projects' income. */
  coveredByProjects: string;
  /** Of which the issuer's: 财政补足 of the fiscal view. */
  shortfall: string;
  issuanceCost: string;
  /** Memo: what the earmarked bonds' repayment accounts cannot pay (自求平衡 test). */
  accountTopUp: string;
  /** 政府性基金预算支出 of the year, when the portfolio states it. */
  fundExpenditure: string | null;
  /** (shortfall + issuance cost) / fund expenditure: the bonds' call on the fund budget. */
  fundBudgetRatio: string | null;
  /** Closing balance of the level's special bonds. */
  bondsOutstanding: string;
  /** Quota available to the portfolio's bonds, when stated for the year. */
  quotaAvailable: string | null;
  /** available − outstanding; negative in a breaching year. */
  quotaHeadroom: string | null;
}

export interface FundBudgetView {
  level: Portfolio['affordability']['level'];
  years: FundBudgetYear[];
  /** Years whose bonds outstanding exceed the quota available. */
  quotaBreaches: number[];
}

/**
 * The portfolio's special bonds of the affordability level against the 政府性基金预算 and the bond quota
 * (methodology §10.10), by calendar year: their service, the part the projects pay and the issuer's
 * shortfall and issuance costs (the fiscal view's rows), the repayment accounts' top-up memo, the
 * shortfall and costs as a share of the fund budget when stated, and the bonds outstanding against
 * the quota. None of it is in the general-budget 10% test. `service` and `outstanding` are the
 * level's special bonds' debt service and closing balance summed over the members by calendar year
 * (portfolio-parts.ts).
 */
export function viewFundBudget(service: readonly D[], outstanding: readonly D[], fiscal: AggregatedStatement, years: readonly number[], portfolio: Portfolio): FundBudgetView {
  const { level } = portfolio.affordability;
  const zeros = years.map(() => ZERO);
  const shortfall = readAggregatedRow(fiscal, `${level}.bondShortfall`) ?? zeros;
  const issuance = readAggregatedRow(fiscal, `${level}.bondIssuanceCost`) ?? zeros;
  const topUp = readAggregatedRow(fiscal, `${level}.bondAccountTopUp`) ?? zeros;
  const quotaBreaches: number[] = [];
  const rows = years.map((year, i): FundBudgetYear => {
    const fund = portfolio.fundBudget ? readEnvelope(portfolio.fundBudget, year) : null;
    const call = shortfall[i]!.plus(issuance[i]!);
    const quota = portfolio.bondQuota?.find((q) => q.year === year);
    const headroom = quota ? new D(quota.available).minus(outstanding[i]!) : null;
    if (headroom !== null && headroom.isNegative() && !headroom.isZero()) quotaBreaches.push(year);
    return {
      year,
      bondService: service[i]!.toFixed(2),
      coveredByProjects: service[i]!.minus(shortfall[i]!).toFixed(2),
      shortfall: shortfall[i]!.toFixed(2),
      issuanceCost: issuance[i]!.toFixed(2),
      accountTopUp: topUp[i]!.toFixed(2),
      fundExpenditure: fund === null ? null : roundToFen(fund).toFixed(2),
      fundBudgetRatio: fund === null || fund.isZero() ? null : call.div(fund).toFixed(6),
      bondsOutstanding: outstanding[i]!.toFixed(2),
      quotaAvailable: quota ? new D(quota.available).toFixed(2) : null,
      quotaHeadroom: headroom === null ? null : headroom.toFixed(2),
    };
  });
  return { level, years: rows, quotaBreaches };
}

export interface ProvinceBondCapital {
  province: string;
  /** Σ the province's special bonds in the portfolio (元). */
  bondAmount: string;
  /** Σ of their parts used as 项目资本金 (amount × capitalShare). */
  capitalAmount: string;
  /** capitalAmount / bondAmount, to 6 places. */
  share: string;
  breach: boolean;
  bonds: { member: string; dealId: string; bondId: string; amount: string; capitalShare: string; capital: string }[];
}

export interface BondCapitalCheck {
  cap: string;
  provinces: ProvinceBondCapital[];
  /** One problem per province above the cap, naming it, its share and its largest capital bonds. */
  breaches: { code: 'BOND_CAPITAL_OVER_CAP'; path: string; province: string; message: string }[];
}

/**
 * The cap on special bonds used as 项目资本金 (国办发〔2024〕52号: 30%), counted by province across the
 * portfolio's bonds (methodology §10.10): Σ amount × capitalShare / Σ amount of each province's bonds,
 * against `bondCapitalCap`. Each deal's own bond is also held to covenants.bondCapitalCap when entered;
 * here a province breaches even when every deal is within it, if the cap is lower than the deals'.
 * `specialBonds` are every member's special bonds in member order (portfolio-parts.ts).
 */
export function checkBondCapitalCap(specialBonds: readonly ({ province: string } & ProvinceBondCapital['bonds'][number])[], portfolio: Portfolio): BondCapitalCheck {
  const cap = new D(portfolio.bondCapitalCap);
  const byProvince = new Map<string, ProvinceBondCapital['bonds']>();
  for (const { province, ...bond } of specialBonds) {
    const list = byProvince.get(province) ?? [];
    list.push(bond);
    byProvince.set(province, list);
  }
  const provinces = [...byProvince].map(([province, bonds]): ProvinceBondCapital => {
    const amount = bonds.reduce((s, b) => s.plus(b.amount), ZERO);
    const capital = bonds.reduce((s, b) => s.plus(b.capital), ZERO);
    const share = amount.isZero() ? ZERO : capital.div(amount);
    return { province, bondAmount: amount.toFixed(2), capitalAmount: capital.toFixed(2), share: share.toFixed(6), breach: share.gt(cap), bonds };
  });
  const breaches = provinces.filter((p) => p.breach).map((p) => {
    const largest = [...p.bonds].sort((a, b) => new D(b.capital).cmp(a.capital)).slice(0, 3).filter((b) => !new D(b.capital).isZero());
    const excess = roundToFen(new D(p.capitalAmount).minus(new D(p.bondAmount).times(cap)));
    return {
      code: 'BOND_CAPITAL_OVER_CAP' as const,
      path: 'bondCapitalCap',
      province: p.province,
      message: `${p.province}: special bonds used as 项目资本金 are ${p.capitalAmount} 元 of ${p.bondAmount} 元 (${new D(p.share).times(100).toFixed(2)}%), above the ${cap.times(100).toString()}% cap (国办发〔2024〕52号) by ${excess.toFixed(2)} 元; largest: ${largest.map((b) => `${b.member} ${b.bondId} ${b.capital} 元`).join(', ')}`,
    };
  });
  return { cap: cap.toString(), provinces, breaches };
}
