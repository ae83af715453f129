import type { Deal } from '../deal/deal-schema.js';
import { GOVERNMENT_LEVELS, GOVERNMENT_LEVEL_ZH, isGrantSource, type GovernmentLevel } from '../deal/funding-schema.js';
import { D, ZERO } from '../finance/decimal.js';
import type { BondResult } from './bonds/evaluate-bonds.js';
import { levelOf } from './contributions.js';
import type { Financing } from './finance-deal.js';
import type { Projection } from './project-deal.js';
import { computeDiscountFactors, createZeroSeries, discountSeries, subtractSeries, sumSeries, type Series } from './series.js';
import { createRow, type Statement, type StatementRow } from './statement.js';

export interface FiscalLevel {
  level: GovernmentLevel;
  grants: Series;
  operatingSupport: Series;
  /** Bond service the project's income does not cover, and issuance costs: the issuer's. */
  bondShortfall: Series;
  bondIssuanceCost: Series;
  /**
   * 政府性基金预算 memo (methodology §10): what the earmarked bonds' repayment accounts cannot pay, the
   * issuer's 财政补足 on the 自求平衡 test. Not in the outflows, which follow the project's cash.
   */
  bondAccountTopUp: Series;
  outflows: Series;
  vat: Series;
  incomeTax: Series;
  surcharges: Series;
  revenueShare: Series;
  inflows: Series;
  net: Series;
  pv: { outflows: D; inflows: D; net: D };
}

export interface FiscalView {
  discountRate: D;
  levels: FiscalLevel[];
  statement: Statement;
}

/**
 * The government fiscal view of methodology §5, by year and level. Outflows: grants, operating
 * support, bond service not covered by project income and bond issuance costs. Inflows: VAT (central
 * share per `fiscal.vatCentralShare`, the rest local), income tax (central share per
 * `fiscal.incomeTaxCentralShare`), surcharges (local) and revenue shares paid to a level. The local
 * share goes to `fiscal.localTaxLevel`. Present values at `fiscal.discountRate`, else the deal's.
 */
export function buildFiscalView(deal: Deal, p: Projection, f: Financing, bondResults: readonly BondResult[] = []): FiscalView {
  const { T } = p.timeline;
  const discountRate = new D(deal.fiscal.discountRate ?? deal.discountRate);
  const factors = computeDiscountFactors(discountRate, T);
  const vatCentral = new D(deal.fiscal.vatCentralShare);
  const taxCentral = new D(deal.fiscal.incomeTaxCentralShare);
  const shareOf = (row: Series, part: D) => row.map((v) => v.times(part));
  const revenueShareLevels = new Map(deal.opex.percentOfRevenue.flatMap((o) => (o.governmentLevel ? [[o.id, o.governmentLevel] as const] : [])));

  const levels = GOVERNMENT_LEVELS.map((level): FiscalLevel => {
    const local = level === deal.fiscal.localTaxLevel;
    const central = level === 'central';
    const taxShare = (row: Series, centralShare: D) =>
      central ? shareOf(row, centralShare) : local ? shareOf(row, new D(1).minus(centralShare)) : createZeroSeries(T);
    const grants = sumSeries(T, f.funding.sources.filter((s) => isGrantSource(s.source) && levelOf(s.source) === level).map((s) => s.total));
    const bonds = f.debts.filter((d) => d.source.kind === 'special-bond' && d.source.level === level);
    // What CFADS leaves of the bonds' service: each bond's part in proportion to its service that year.
    // Construction coupons the project funds by choice are outside it; the issuer's are in it, so what
    // CFADS cannot pay of them is the level's shortfall (methodology §10.5).
    const coupons = f.bond.constructionCoupons.filter((c) => c.paidBy !== 'issuer' && bonds.some((d) => d.source.id === c.sourceId));
    const levelCoupons = sumSeries(T, coupons.map((c) => c.values));
    const fromCfads = subtractSeries(sumSeries(T, bonds.map((d) => d.debtService)), levelCoupons);
    const uncovered = subtractSeries(f.bond.serviceFromCfads, f.bond.coveredFromCfads);
    const bondShortfall = fromCfads.map((s, t) => (uncovered[t]!.isZero() || s.isZero() ? ZERO : uncovered[t]!.times(s).div(f.bond.serviceFromCfads[t]!)));
    const bondIssuanceCost = sumSeries(T, bonds.map((d) => d.issuanceCost));
    const bondAccountTopUp = sumSeries(T, bondResults.filter((b) => b.earmarked && b.level === level).map((b) => b.rows.account.topUp));
    const operatingSupport = p.support.byLevel[level];
    const outflows = sumSeries(T, [grants, operatingSupport, bondShortfall, bondIssuanceCost]);
    const vat = taxShare(p.vat.payable, vatCentral);
    const incomeTax = taxShare(f.incomeTax.incomeTax, taxCentral);
    const surcharges = local ? p.vat.surcharges : createZeroSeries(T);
    const revenueShare = sumSeries(T, p.opex.lines.filter((l) => revenueShareLevels.get(l.id) === level).map((l) => l.gross));
    const inflows = sumSeries(T, [vat, incomeTax, surcharges, revenueShare]);
    const net = subtractSeries(inflows, outflows);
    return {
      level, grants, operatingSupport, bondShortfall, bondIssuanceCost, bondAccountTopUp, outflows, vat, incomeTax, surcharges, revenueShare, inflows, net,
      pv: { outflows: discountSeries(outflows, factors), inflows: discountSeries(inflows, factors), net: discountSeries(net, factors) },
    };
  });
  const rows: StatementRow[] = levels.flatMap((l, k) => {
    const no = String(k + 1);
    const zh = GOVERNMENT_LEVEL_ZH[l.level];
    return [
      createRow(`${l.level}.outflows`, `${no}.1`, `${zh}：支出`, `${l.level}: outflows`, l.outflows),
      createRow(`${l.level}.grants`, `${no}.1.1`, '投资补助', 'Grants', l.grants),
      createRow(`${l.level}.operatingSupport`, `${no}.1.2`, '运营补贴及返还', 'Operating support and rebates', l.operatingSupport),
      createRow(`${l.level}.bondShortfall`, `${no}.1.3`, '专项债券本息财政补足', 'Bond service not covered by project income', l.bondShortfall),
      createRow(`${l.level}.bondIssuanceCost`, `${no}.1.4`, '债券发行费用', 'Bond issuance costs', l.bondIssuanceCost),
      ...(bondResults.some((b) => b.earmarked)
        ? [createRow(`${l.level}.bondAccountTopUp`, `${no}.1.5`, '备查：专项债券偿债资金财政补足（自求平衡，政府性基金预算）', 'Memo: issuer top-up of earmarked bonds\' repayment accounts (government fund budget)', l.bondAccountTopUp)]
        : []),
      createRow(`${l.level}.inflows`, `${no}.2`, `${zh}：收入`, `${l.level}: inflows`, l.inflows),
      createRow(`${l.level}.vat`, `${no}.2.1`, '增值税', 'VAT', l.vat),
      createRow(`${l.level}.incomeTax`, `${no}.2.2`, '企业所得税', 'Income tax', l.incomeTax),
      createRow(`${l.level}.surcharges`, `${no}.2.3`, '税金及附加', 'Surcharges', l.surcharges),
      createRow(`${l.level}.revenueShare`, `${no}.2.4`, '收益分成', 'Revenue share', l.revenueShare),
      createRow(`${l.level}.net`, `${no}.3`, `${zh}：净收入`, `${l.level}: net`, l.net),
    ];
  });
  return { discountRate, levels, statement: { key: 'fiscalView', zh: '政府财政收支表', en: 'Government fiscal view', rows } };
}
