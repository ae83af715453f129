import type { Worksheet } from 'exceljs';
import { GOVERNMENT_LEVEL_ZH } from '../deal/funding-schema.js';
import { PARTIES, PARTY_ZH, type Party } from '../engine/contributions.js';
import type { Evaluation } from '../engine/evaluate-deal.js';
import type { Metrics } from '../engine/metrics.js';
import type { D } from '../finance/decimal.js';
import { absoluteCell } from './cell-address.js';
import { FORMAT, setUpPrinting, styleInput, writeTitle } from './cell-styles.js';
import type { ContributionCells } from './contributions-sheet.js';
import type { InputCells } from './inputs-sheet.js';
import { fitRowHeight, fitTextRows } from './print-setup.js';
import { writeTableHeader } from './table-rows.js';
import type { YearSheet } from './year-sheet.js';
import { bondCoverageFormula, listBondChecks } from './bond-balance-sheet.js';
import { listWaterfallChecks } from './waterfall-sheet.js';
import { listReserveChecks } from './reserves-sheet.js';
import { listBalanceSheetChecks } from './balance-sheet-sheet.js';

/** What a check compares, and so its tolerance: 0.01 元 for money, 1e-9 for rates and ratios, 1e-4 for years. */
export type CheckKind = 'money' | 'rate' | 'ratio' | 'years';
export const TOLERANCE: Record<CheckKind, number> = { money: 0.01, rate: 1e-9, ratio: 1e-9, years: 1e-4 };

export interface Check {
  key: string;
  zh: string;
  en: string;
  kind: CheckKind;
  /** The live formula recomputing the value from the statement sheets; null when none can (the note says why). */
  formula: string | null;
  engine: number | null;
  note: string;
}

/** Columns of the Checks sheet (the recalculation test reads them by these positions). */
export const CHECK_COLUMN = { key: 1, zh: 2, en: 3, recomputed: 4, engine: 5, difference: 6, tolerance: 7, result: 8, note: 9 } as const;
export const CHECKS_FIRST_ROW = 4;
export const RESULT = { pass: '通过 OK', fail: '不符 FAIL', notApplicable: '不适用 n/a', engineOnly: '仅引擎 engine only' } as const;

export interface StatementSheets {
  projectCashFlow: YearSheet;
  equityCashFlow: YearSheet;
  profitAndLoss: YearSheet;
  financialPlan: YearSheet;
  debtService: YearSheet;
  investmentPlan: YearSheet;
  fiscalView: YearSheet;
  /** 收益与融资自求平衡, when the deal has a special bond. */
  bondBalance?: YearSheet;
  /** The lender's case (methodology §11): the cash waterfall, the reserves and the 资产负债表. */
  waterfall?: YearSheet;
  reserves?: YearSheet;
  balanceSheet?: YearSheet;
}

/**
 * Column widths (characters), about 180 in all: what A4 landscape prints at a legible scale
 * (print-setup.ts). The key, labels and note wrap; the rows are as high as their longest cell.
 */
const WIDTHS = [18, 22, 24, 19, 19, 16, 8, 10, 44] as const;

const FORMAT_OF: Record<CheckKind, string> = { money: FORMAT.yuan, rate: FORMAT.exact, ratio: FORMAT.exact, years: FORMAT.exact };

/**
 * 校验 Checks: one row per key indicator with a stable key — the value recomputed by a live formula
 * over the statement sheets, the engine's value, the difference and whether it is within tolerance —
 * then the identities: sources = uses, contributions = 建设投资, every loan's and bond's balance rolls
 * forward. Returns the cell of each key's best value (the live one when there is one) for the cover.
 */
export function writeChecksSheet(sheet: Worksheet, checks: Check[], subtitle: string): Map<string, string> {
  writeTitle(sheet, '校验 Checks — 公式重算与引擎结果对照 live formulas against the engine', subtitle);
  writeTableHeader(sheet, 3, ['键 Key', '指标', 'Indicator', '公式重算 Recomputed', '引擎值 Engine', '差异 Difference', '容差 Tolerance', '结果 Result', '说明 Note']);
  const cells = new Map<string, string>();
  checks.forEach((check, i) => {
    const row = sheet.getRow(CHECKS_FIRST_ROW + i);
    const at = (col: number) => row.getCell(col);
    at(CHECK_COLUMN.key).value = check.key;
    at(CHECK_COLUMN.zh).value = check.zh;
    at(CHECK_COLUMN.en).value = check.en;
    at(CHECK_COLUMN.engine).value = check.engine ?? '—';
    at(CHECK_COLUMN.note).value = check.note;
    const D_ = `D${row.number}`;
    const E_ = `E${row.number}`;
    const F_ = `F${row.number}`;
    const G_ = `G${row.number}`;
    if (check.formula !== null && check.engine !== null) {
      at(CHECK_COLUMN.recomputed).value = { formula: check.formula, result: check.engine };
      at(CHECK_COLUMN.difference).value = { formula: `${D_}-${E_}`, result: 0 };
      at(CHECK_COLUMN.tolerance).value = TOLERANCE[check.kind];
      styleInput(at(CHECK_COLUMN.tolerance));
      at(CHECK_COLUMN.result).value = { formula: `IF(ABS(${F_})<=${G_},"${RESULT.pass}","${RESULT.fail}")`, result: RESULT.pass };
      cells.set(check.key, absoluteCell(sheet.name, CHECK_COLUMN.recomputed, row.number));
    } else {
      at(CHECK_COLUMN.result).value = check.engine === null ? RESULT.notApplicable : RESULT.engineOnly;
      if (check.engine !== null) cells.set(check.key, absoluteCell(sheet.name, CHECK_COLUMN.engine, row.number));
    }
    for (const col of [CHECK_COLUMN.recomputed, CHECK_COLUMN.engine, CHECK_COLUMN.difference]) at(col).numFmt = FORMAT_OF[check.kind];
    at(CHECK_COLUMN.tolerance).numFmt = '0.E+00';
    for (const col of [CHECK_COLUMN.key, CHECK_COLUMN.zh, CHECK_COLUMN.en, CHECK_COLUMN.note]) at(col).alignment = { wrapText: true, vertical: 'top' };
    row.height = fitRowHeight(([CHECK_COLUMN.key, CHECK_COLUMN.zh, CHECK_COLUMN.en, CHECK_COLUMN.note] as const).map((col) => [String(at(col).value ?? ''), WIDTHS[col - 1]!] as const));
  });
  WIDTHS.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  fitTextRows(sheet, CHECKS_FIRST_ROW);
  sheet.getRow(3).height = 30;
  sheet.views = [{ state: 'frozen', ySplit: 3, xSplit: 1 }];
  setUpPrinting(sheet, `A1:I${CHECKS_FIRST_ROW + checks.length - 1}`, '3:3');
  return cells;
}

const num = (v: D | null) => (v === null ? null : v.toNumber());

/** The checks of an evaluation, their formulas over the sheets written (methodology §2–§5 cited per row). */
export function listChecks(e: Evaluation, s: StatementSheets, inputs: InputCells, contributions: ContributionCells): Check[] {
  const m = e.metrics;
  const notes = e.metricNotes;
  const pcf = s.projectCashFlow;
  const pl = s.profitAndLoss;
  const ip = s.investmentPlan;
  const ds = s.debtService;
  const metric = (key: keyof Metrics, zh: string, en: string, kind: CheckKind, formula: string | null, basis: string): Check => {
    const engine = num(m[key]);
    const note = engine === null ? `不适用 not applicable: ${notes[key] ?? 'no value'}` : formula === null ? basis : `${basis}${notes[key] ? ` — ${notes[key]}` : ''}`;
    return { key, zh, en, kind, formula: engine === null ? null : formula, engine, note };
  };
  const payback = (cum: string, flow: string, flag: string) => {
    const [c, f, g] = [pcf.range(cum), pcf.range(flow), pcf.range(flag)];
    return `IF(MIN(${c})>=0,0,MATCH(1,${g},0)-1+ABS(INDEX(${c},MATCH(1,${g},0)-1))/INDEX(${f},MATCH(1,${g},0)))`;
  };
  const normalYear = (key: string) =>
    inputs.normalOperatingYear === null
      ? `SUMPRODUCT(${pl.operatingFlags},${pl.range(key)})/${inputs.operatingYears}`
      : `INDEX(${pl.range(key)},${inputs.constructionYears}+${inputs.normalOperatingYear})`;
  const totalInvestment = ip.totalCell('totalInvestment');
  const npv = (sheet: YearSheet, key: string, rate = inputs.discountRate) => `NPV(${rate},${sheet.range(key)})`;
  const debts = e.financing.debts;
  const hasDebtWorkings = ds.has('dscr');
  const hasBondWorkings = ds.has('bondLife');
  // Once a bond is earmarked the deal's coverage is the lowest of the bonds' own (methodology §10).
  const bb = s.bondBalance;
  const ownCoverage = (numerator: 'revenue' | 'netIncome') => (bb && e.bonds.some((b) => b.earmarked) ? `MIN(${e.bonds.map((b) => bondCoverageFormula(bb, b.id, numerator)).join(',')})` : null);

  const checks: Check[] = [
    metric('projectIrrPreTax', '项目投资财务内部收益率（税前）', 'Project FIRR before tax', 'rate', `IRR(${pcf.range('netCashFlowPreTax')},${inputs.irrGuess.get('projectIrrPreTax')!})`, 'IRR over the yearly pre-tax flows from the Inputs guess (methodology §4: root of Σ CF_t (1+r)^−t)'),
    metric('projectIrrAfterTax', '项目投资财务内部收益率（税后）', 'Project FIRR after tax', 'rate', `IRR(${pcf.range('netCashFlowAfterTax')},${inputs.irrGuess.get('projectIrrAfterTax')!})`, 'IRR over the yearly after-tax flows (methodology §4)'),
    metric('projectNpvPreTax', '项目投资财务净现值（税前）', 'Project FNPV before tax', 'money', npv(pcf, 'netCashFlowPreTax'), 'NPV at the Inputs discount rate, year-end flows: Σ CF_t/(1+i)^t (methodology §2)'),
    metric('projectNpvAfterTax', '项目投资财务净现值（税后）', 'Project FNPV after tax', 'money', npv(pcf, 'netCashFlowAfterTax'), 'NPV at the Inputs discount rate (methodology §2)'),
    metric('programmeIrrPreTax', '全口径财务内部收益率（税前）', 'Programme FIRR before tax (every work)', 'rate', `IRR(${pcf.range('programmeNetCashFlowPreTax')},${inputs.irrGuess.get('programmeIrrPreTax')!})`, 'IRR over the programme pre-tax flows (methodology §9)'),
    metric('programmeIrrAfterTax', '全口径财务内部收益率（税后）', 'Programme FIRR after tax (every work)', 'rate', `IRR(${pcf.range('programmeNetCashFlowAfterTax')},${inputs.irrGuess.get('programmeIrrAfterTax')!})`, 'IRR over the programme after-tax flows (methodology §9)'),
    metric('programmeNpvPreTax', '全口径财务净现值（税前）', 'Programme FNPV before tax (every work)', 'money', npv(pcf, 'programmeNetCashFlowPreTax'), 'NPV at the Inputs discount rate (methodology §9)'),
    metric('programmeNpvAfterTax', '全口径财务净现值（税后）', 'Programme FNPV after tax (every work)', 'money', npv(pcf, 'programmeNetCashFlowAfterTax'), 'NPV at the Inputs discount rate (methodology §9)'),
    metric('paybackStaticYears', '静态投资回收期（税后）', 'Static payback after tax (years)', 'years', payback('cumulativeAfterTax', 'netCashFlowAfterTax', 'recoveredAfterTax'), 'Pt = T − 1 + |cumulative CF_(T−1)| / CF_T, T the first recovered year (methodology §4)'),
    metric('paybackDynamicYears', '动态投资回收期（税后）', 'Dynamic payback after tax (years)', 'years', payback('cumulativeDiscountedAfterTax', 'discountedAfterTax', 'recoveredDiscountedAfterTax'), 'as static, on discounted flows (methodology §4)'),
    metric('paybackStaticYearsPreTax', '静态投资回收期（税前）', 'Static payback before tax (years)', 'years', payback('cumulativePreTax', 'netCashFlowPreTax', 'recoveredPreTax'), 'methodology §4'),
    metric('paybackDynamicYearsPreTax', '动态投资回收期（税前）', 'Dynamic payback before tax (years)', 'years', payback('cumulativeDiscountedPreTax', 'discountedPreTax', 'recoveredDiscountedPreTax'), 'methodology §4'),
    metric('equityIrr', '项目资本金财务内部收益率', 'Equity IRR', 'rate', `IRR(${s.equityCashFlow.range('netCashFlow')},${inputs.irrGuess.get('equityIrr')!})`, 'IRR over the equity net cash flow (methodology §4)'),
    metric('constructionInvestment', '建设投资', 'Construction investment', 'money', ip.totalCell('constructionInvestment'), 'Σ of the investment plan\'s 建设投资 line'),
    metric('constructionInterest', '建设期利息', 'Construction-period interest', 'money', ip.totalCell('constructionInterest'), 'Σ of the investment plan\'s 建设期利息 line (methodology §6)'),
    metric('totalInvestment', '总投资', 'Total investment', 'money', totalInvestment, '建设投资 + 建设期利息 + 流动资金 (investment plan)'),
    metric('roi', '总投资收益率 ROI', 'ROI = normal-year EBIT / total investment', 'ratio', `${normalYear('ebit')}/${totalInvestment}`, 'methodology §4'),
    metric('roe', '项目资本金净利润率 ROE', 'ROE = normal-year net profit / 项目资本金', 'ratio', `${normalYear('netProfit')}/${ip.totalCell('equity')}`, '项目资本金 of investment plan 2.1 (methodology §4, §9)'),
    metric('selfFinancingRatio', '自平衡率', 'Self-financing ratio', 'ratio', `(${npv(pl, 'ebitda')}-${npv(pcf, 'subsidyIncome')})/(${npv(ip, 'constructionInvestment')}+${npv(pcf, 'sustainingCapex')})`, 'PV(EBITDA − subsidy income) / PV(建设投资 of every work + 维持运营投资) (methodology §4)'),
    metric('breakEvenParkingOccupancy', '盈亏平衡停车位使用率', 'Break-even parking occupancy', 'ratio', null, '不能用单元格公式表达 not a cell formula: found by re-running the revenue projection until the after-tax FNPV is zero (a goal seek over the whole model); the engine\'s value is shown'),
    metric('minDscr', '最低偿债备付率', 'Minimum DSCR', 'ratio', hasDebtWorkings ? `MIN(${ds.range('dscr')})` : null, 'MIN of the DSCR working row (methodology §4)'),
    metric('avgDscr', '平均偿债备付率', 'Average DSCR', 'ratio', hasDebtWorkings ? `AVERAGE(${ds.range('dscr')})` : null, 'AVERAGE of the DSCR working row'),
    metric('minIcr', '最低利息备付率', 'Minimum ICR', 'ratio', hasDebtWorkings ? `MIN(${ds.range('icr')})` : null, 'MIN of the ICR working row (methodology §4)'),
    metric('llcr', '贷款期偿债覆盖率（运营期初）', 'LLCR at the start of operation', 'ratio', hasDebtWorkings ? `INDEX(${ds.range('llcr')},${inputs.constructionYears}+1)` : null, 'LLCR working row in the first operating year (methodology §4)'),
    metric('bondCoverageGross', '专项债券本息覆盖倍数（收入）', 'Special-bond coverage, gross', 'ratio', ownCoverage('revenue') ?? (hasBondWorkings ? `SUMPRODUCT(${ds.range('bondLife')},${ds.range('debtServiceRevenue')})/SUMPRODUCT(${ds.range('bondLife')},${ds.range('bondService')})` : null), 'Σ over the bonds\' life of debt-service revenue / Σ bond service (methodology §4)'),
    metric('bondCoverageNet', '专项债券本息覆盖倍数（净收益）', 'Special-bond coverage, net', 'ratio', ownCoverage('netIncome') ?? (hasBondWorkings ? `SUMPRODUCT(${ds.range('bondLife')},${ds.range('debtServiceRevenueNet')})/SUMPRODUCT(${ds.range('bondLife')},${ds.range('bondService')})` : null), 'as gross, less operating cost and surcharges (methodology §4)'),
    metric(
      'equityRatio', '项目资本金比例', 'Equity ratio', 'ratio',
      `${ip.totalCell('equity')}/${totalInvestment}`,
      '项目资本金 (investment plan 2.1: investors\' equity, 资本金注入, bond part used as capital) / 总投资 (methodology §9, 国发〔2019〕26号)',
    ),
  ];

  const byParty = new Map(e.contributions.byParty.map((p) => [p.party, p.nominal]));
  for (const party of PARTIES) {
    checks.push({
      key: `${camel(party)}Total`, zh: `出资合计：${PARTY_ZH[party]}`, en: `Contributions of ${party}`, kind: 'money',
      formula: contributions.partyNominal.get(party)!, engine: byParty.get(party)!.toNumber(),
      note: 'SUMIF over the Contributions sheet\'s sources, each linked to its investment-plan line (methodology §5)',
    });
  }
  checks.push(
    { key: 'contributionsTotal', zh: '出资合计 = 建设投资', en: 'Contributions add up to 建设投资', kind: 'money', formula: `${contributions.totalNominal}-${ip.totalCell('constructionInvestment')}`, engine: 0, note: 'Σ contributions − 建设投资 must be 0 (methodology §5)' },
    { key: 'contributionSharesTotal', zh: '出资占比合计', en: 'Contribution shares add up to 100%', kind: 'rate', formula: contributions.totalShare, engine: e.contributions.total.nominal.isZero() ? 0 : 1, note: 'shares allocated by largest remainder add up exactly (methodology §5)' },
    { key: 'sourcesEqualUses', zh: '资金来源 = 资金运用', en: 'Sources equal uses, every year', kind: 'money', formula: `SUMPRODUCT(ABS(${ip.range('sourcesLessUses')}))`, engine: 0, note: 'Σ |资金筹措 − 总投资| over the years (methodology §8)' },
  );
  const T = e.years.length;
  for (const d of debts) {
    const id = d.source.id;
    const r = (key: string) => ds.range(`${id}.${key}`);
    const shifted = T > 1 ? `+SUMPRODUCT(ABS(${ds.span(`${id}.opening`, 2, T)}-${ds.span(`${id}.closing`, 1, T - 1)}))` : '';
    checks.push({
      key: `rollForward.${id}`, zh: `余额勾稽：${d.source.name}`, en: `Balance roll-forward: ${id}`, kind: 'money',
      // A loan the cash sweep prepays (methodology §11.11) has its prepayment row, repaid outside the scheduled principal.
      formula: `SUMPRODUCT(ABS(${r('closing')}-${r('opening')}-${r('draw')}-${r('capitalisedInterest')}+${r('principal')}${ds.has(`${id}.prepayment`) ? `+${r('prepayment')}` : ''}))${shifted}`, engine: 0,
      note: 'Σ |closing − (opening + drawn + capitalised − repaid − prepaid)| + Σ |opening_(t+1) − closing_t| must be 0 (methodology §8, §11.11)',
    });
  }
  for (const level of e.fiscal.levels) {
    checks.push({
      key: `fiscalNetPv.${level.level}`, zh: `财政净收入现值：${GOVERNMENT_LEVEL_ZH[level.level]}`, en: `Fiscal net PV: ${level.level}`, kind: 'money',
      formula: npv(s.fiscalView, `${level.level}.net`, inputs.fiscalDiscountRate), engine: level.pv.net.toNumber(), note: 'NPV of the level\'s net fiscal flow at the fiscal discount rate (methodology §5)',
    });
  }
  if (bb) checks.push(...listBondChecks(e, bb));
  if (s.waterfall) checks.push(...listWaterfallChecks(e, s.waterfall));
  if (s.waterfall && s.reserves) checks.push(...listReserveChecks(e, s.reserves, s.waterfall));
  if (s.balanceSheet) checks.push(...listBalanceSheetChecks(e, s.balanceSheet));
  return checks;
}

const camel = (party: Party) => party.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
