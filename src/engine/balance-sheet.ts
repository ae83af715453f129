import { isGrantSource } from '../deal/funding-schema.js';
import { D, ZERO } from '../finance/decimal.js';
import type { Financing } from './finance-deal.js';
import type { SourceAllocation } from './fund-capex.js';
import type { Projection } from './project-deal.js';
import { accumulateSeries, createZeroSeries, subtractSeries, sumSeries, type Series } from './series.js';
import { createBalanceRow, createRatioRow, type Statement } from './statement.js';
import type { WaterfallSchedule } from './waterfall/run-waterfall.js';

/** The balance sheet's year-end balances (methodology §11.8), each from its own schedule. */
export interface BalanceSheetLines {
  cash: Series; dsra: Series; mmra: Series; freeCash: Series;
  /** Debt proceeds received and not yet spent on the works (a bond batch issued ahead of its spending). */
  unspentProceeds: Series;
  vatCredit: Series; workingCapital: Series; constructionInProgress: Series; fixedAssets: Series;
  totalAssets: Series;
  loans: Series; bonds: Series; shortTerm: Series; totalLiabilities: Series;
  paidInCapital: Series; capitalReserve: Series; surplusReserve: Series; retainedEarnings: Series; totalEquity: Series;
  /** 资产负债率 = liabilities / assets; null where there are no assets. */
  debtToAsset: (D | null)[];
}

const totalOf = (T: number, list: SourceAllocation[]) => sumSeries(T, list.map((s) => s.total));

/**
 * The project entity's year-end balances (methodology §11.8). Assets: 货币资金 (free cash, DSRA, MMRA:
 * 累计盈余资金), 待抵扣进项税额 (the VAT credit carried), 流动资金 (working capital not yet recovered),
 * 在建工程 until operation starts, then 固定资产及无形资产净值 (cost net of credited VAT, capitalised
 * construction interest and renewals, less depreciation and the residual recovered). Liabilities: loans
 * (capitalised interest included) and bonds at their closing balances, 临时借款. Equity: 实收资本
 * (项目资本金 paid in cash, 资本金注入, DSRA funded at close), 资本公积 (投资补助 and others' money, less the
 * works the entity hands to others, plus bond principal the issuer repays for it), 盈余公积 and 未分配利润
 * (after 应付利润).
 */
export function computeBalanceSheetLines(p: Projection, f: Financing, w: WaterfallSchedule): BalanceSheetLines {
  const { T, C } = p.timeline;
  const owned = p.capex.lines.filter((l) => !l.depreciableBase.isZero());
  const handedOver = p.capex.lines.filter((l) => l.depreciableBase.isZero());
  const costOf = (lines: typeof owned) => sumSeries(T, lines.map((l) => subtractSeries(l.gross, l.creditableVat)));
  const sustainingNet = sumSeries(T, p.opex.sustaining.map((l) => l.net));
  // Cost in, depreciation and the residual recovered out: Σ (cost + construction interest + renewals) − Σ (depreciation + write-off + residual).
  const assetFlow = subtractSeries(
    sumSeries(T, [costOf(owned), f.constructionInterest, sustainingNet]),
    sumSeries(T, [p.depreciation.total, f.constructionInterestDepreciation, p.depreciation.residualRecovery]),
  );
  const works = accumulateSeries(assetFlow);
  // A work opened during construction (methodology §10.11) is a fixed asset from its opening year: its
  // cost to date less its depreciation to date; the rest of the works (and the capitalised interest)
  // stay in 在建工程 until the last construction year.
  const openedEarly = owned.filter((l) => l.inServiceIndex < C);
  const chargeOf = (id: string) => p.depreciation.lines.find((d) => d.id === id)?.charge ?? createZeroSeries(T);
  const openedNet = openedEarly.map((l) => accumulateSeries(subtractSeries(subtractSeries(l.gross, l.creditableVat), chargeOf(l.item.id))).map((v, t) => (t >= l.inServiceIndex ? v : ZERO)));
  const inServiceEarly = sumSeries(T, openedNet);
  const constructionInProgress = works.map((v, t) => (t < C ? v.minus(inServiceEarly[t]!) : ZERO));
  const fixedAssets = works.map((v, t) => (t < C ? inServiceEarly[t]! : v));
  const dsra = w.dsra.closing;
  const mmra = w.mmra.closing;
  const freeCash = w.freeCash;
  // A loan drawn or a bond batch issued ahead of the works it pays for: the difference is held as cash
  // (专项债券资金专户) until spent; the 财务计划现金流量表 counts debt as the works spend it.
  const debtSources = f.funding.sources.filter((s) => s.source.kind === 'bank-loan' || s.source.kind === 'special-bond');
  // A bond's proceeds kept for its capitalised construction coupons are spent on them (methodology §10.5).
  const unspentProceeds = accumulateSeries(subtractSeries(sumSeries(T, f.debts.map((d) => d.draw)), sumSeries(T, [totalOf(T, debtSources), f.bond.capitalisedCoupons])));
  const cash = sumSeries(T, [freeCash, dsra, mmra, unspentProceeds]);
  const vatCredit = p.vat.creditCarried;
  const workingCapital = accumulateSeries(subtractSeries(p.workingCapital, p.workingCapitalRecovery));
  const totalAssets = sumSeries(T, [cash, vatCredit, workingCapital, works]);

  const closingOf = (kind: string) => sumSeries(T, f.debts.filter((d) => d.source.kind === kind).map((d) => d.closing));
  const loans = closingOf('bank-loan');
  const bonds = closingOf('special-bond');
  const shortTerm = w.shortTerm.closing;
  const totalLiabilities = sumSeries(T, [loans, bonds, shortTerm]);

  const sources = f.funding.sources;
  const capitalGrants = f.capital.capitalGrants;
  const investorEquity = totalOf(T, sources.filter((s) => s.source.kind === 'investor-equity'));
  const paidInCapital = accumulateSeries(sumSeries(T, [
    investorEquity, f.constructionInterestPaid, p.workingCapital, w.dsra.equityAtClose, totalOf(T, capitalGrants),
  ]));
  const subsidies = totalOf(T, sources.filter((s) => isGrantSource(s.source) && !capitalGrants.includes(s)));
  const others = totalOf(T, sources.filter((s) => ['utility', 'property-rights-unit', 'residents', 'donation'].includes(s.source.kind)));
  // Bond principal repaid = Σ bond principal; the project paid (covered − covered interest); the rest the issuer paid for it.
  const bondPrincipal = sumSeries(T, f.debts.filter((d) => d.source.kind === 'special-bond').map((d) => d.principal));
  const projectBondPrincipal = subtractSeries(f.bond.coveredByProject, f.bond.coveredInterest);
  const issuerPrincipal = subtractSeries(bondPrincipal, projectBondPrincipal);
  const capitalReserve = accumulateSeries(subtractSeries(sumSeries(T, [subsidies, others, issuerPrincipal]), costOf(handedOver)));
  const surplusReserve = accumulateSeries(f.statutoryReserve);
  const retainedEarnings = w.undistributed;
  const totalEquity = sumSeries(T, [paidInCapital, capitalReserve, surplusReserve, retainedEarnings]);
  const debtToAsset = totalAssets.map((a, t) => (a.isZero() ? null : totalLiabilities[t]!.div(a)));
  return {
    cash, dsra, mmra, freeCash, unspentProceeds, vatCredit, workingCapital, constructionInProgress, fixedAssets, totalAssets,
    loans, bonds, shortTerm, totalLiabilities, paidInCapital, capitalReserve, surplusReserve, retainedEarnings, totalEquity, debtToAsset,
  };
}

/**
 * 资产负债表 of the project entity (methodology §11.8): year-end balances, assets = liabilities + equity
 * to the 分, and 资产负债率 by year (0 in a year without assets).
 */
export function buildBalanceSheetStatement(lines: BalanceSheetLines): Statement {
  const b = lines;
  const row = (key: string, no: string, zh: string, en: string, values: Series) => createBalanceRow(key, no, zh, en, values);
  return {
    key: 'balanceSheet',
    zh: '资产负债表',
    en: 'Balance sheet (project entity)',
    rows: [
      row('totalAssets', '1', '资产', 'Total assets', b.totalAssets),
      row('currentAssets', '1.1', '流动资产总额', 'Current assets', sumSeries(b.cash.length, [b.cash, b.vatCredit, b.workingCapital])),
      row('cash', '1.1.1', '货币资金', 'Cash (incl. reserves)', b.cash),
      row('freeCash', '1.1.1.1', '其中：可自由支配资金', 'of which free cash', b.freeCash),
      row('dsraBalance', '1.1.1.2', '其中：偿债准备金', 'of which debt service reserve (DSRA)', b.dsra),
      row('mmraBalance', '1.1.1.3', '其中：大修准备金', 'of which major-maintenance reserve (MMRA)', b.mmra),
      row('unspentDebtProceeds', '1.1.1.4', '其中：债券及借款未使用资金', 'of which debt proceeds not yet spent on the works', b.unspentProceeds),
      row('vatCredit', '1.1.2', '待抵扣进项税额', 'Input VAT carried forward', b.vatCredit),
      row('workingCapital', '1.1.3', '流动资金', 'Working capital', b.workingCapital),
      row('constructionInProgress', '1.2', '在建工程', 'Construction in progress', b.constructionInProgress),
      row('fixedAssetsNet', '1.3', '固定资产及无形资产（特许经营权）净值', 'Fixed and intangible (concession) assets, net', b.fixedAssets),
      row('totalLiabilities', '2', '负债', 'Total liabilities', b.totalLiabilities),
      row('loans', '2.1', '长期借款', 'Bank loans (incl. capitalised interest)', b.loans),
      row('bonds', '2.2', '专项债券', 'Special bonds', b.bonds),
      row('shortTermBorrowing', '2.3', '临时借款', 'Short-term borrowing', b.shortTerm),
      row('totalEquity', '3', '所有者权益', 'Total equity', b.totalEquity),
      row('paidInCapital', '3.1', '实收资本', 'Paid-in capital', b.paidInCapital),
      row('capitalReserve', '3.2', '资本公积', 'Capital reserve', b.capitalReserve),
      row('surplusReserve', '3.3', '盈余公积', 'Statutory surplus reserve', b.surplusReserve),
      row('retainedEarnings', '3.4', '未分配利润', 'Retained earnings (after 应付利润)', b.retainedEarnings),
      row('liabilitiesAndEquity', '4', '负债及所有者权益', 'Liabilities and equity', sumSeries(b.cash.length, [b.totalLiabilities, b.totalEquity])),
      createRatioRow('debtToAssetRatio', '5', '资产负债率', 'Debt-to-asset ratio (liabilities / assets)', b.debtToAsset.map((v) => v ?? ZERO)),
    ],
  };
}

/** The highest 资产负债率 over the years (methodology §11.8); null without assets in any year. */
export function findMaxDebtToAsset(lines: BalanceSheetLines): D | null {
  return lines.debtToAsset.reduce<D | null>((max, v) => (v === null ? max : max === null || v.gt(max) ? v : max), null);
}
