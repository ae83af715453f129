import type { Worksheet } from 'exceljs';
import type { Deal } from '../deal/deal-schema.js';
import type { Evaluation } from '../engine/evaluate-deal.js';
import { D, ZERO } from '../finance/decimal.js';
import type { Check } from './checks-sheet.js';
import type { InputCells } from './inputs-sheet.js';
import type { LineFormula } from './line-formulas.js';
import { previousYearOf } from './previous-year.js';
import { listShareholderDistributionChecks, listShareholderDistributionLines } from './shareholder-distribution-lines.js';
import { writeYearSheet, type SheetLine, type YearColumn, type YearLine, type YearSheet } from './year-sheet.js';

/** The sheets the waterfall's formulas read: the cash flows before it, the P&L and the debt workings. */
export interface WaterfallSources {
  financialPlan: YearSheet;
  profitAndLoss: YearSheet;
  debtService: YearSheet;
  projectCashFlow: YearSheet;
  investmentPlan: YearSheet;
}

const CITE = 'methodology §11';

/**
 * 现金流分配 Cash waterfall (methodology §11): each year, in the engine's order (src/engine/waterfall),
 * the cash before the waterfall (the 财务计划现金流量表's flows with senior debt service paid) →
 * interest on 临时借款 (opening × rate) → its repayment first → DSRA to its target (funded at close or
 * from cash) → MMRA to its target → the DSRA drawn for a shortfall → lock-up test → 应付利润 within
 * 可供分配利润 and cash → 临时借款 for what is still short → cash retained. Every step is a live formula
 * of the cells before it and of the Inputs; rows prove every 元 is accounted for each year and that
 * the net cash flow is the 财务计划现金流量表's; last, 应付利润 split among the shareholders.
 */
export function writeWaterfallSheet(sheet: Worksheet, deal: Deal, e: Evaluation, inputs: InputCells, subtitle: string, from: WaterfallSources): YearSheet {
  return writeYearSheet(sheet, { title: '现金流分配表 Cash waterfall', subtitle, years: e.years.length, lines: listWaterfallLines(deal, e, inputs, from), inputs });
}

/** The waterfall's lines: the engine's values as cached results, each with the formula of its rule. */
export function listWaterfallLines(deal: Deal, e: Evaluation, inputs: InputCells, from: WaterfallSources): SheetLine[] {
  const w = e.waterfall;
  const wi = inputs.waterfall;
  const T = e.years.length;
  const { financialPlan: fp, profitAndLoss: pl, debtService: ds, projectCashFlow: pcf } = from;
  const prev = (key: string) => (c: YearColumn) => previousYearOf(c, key);
  const link = (s: YearSheet, key: string) => (c: YearColumn) => s.cellAt(key, c.column);
  const line = (key: string, no: string, zh: string, en: string, values: readonly (D | number | null)[], formula: LineFormula | undefined, total: boolean, format?: YearLine['format']): YearLine => ({
    key, no, zh, en, values: values.map((v) => (v === null || typeof v === 'number' ? v : v.toNumber())), total, ...(formula ? { formula } : {}), ...(format ? { format } : {}),
  });
  const lockUp = deal.waterfall.lockUp;

  // The steps' running cash, as the engine leaves it after each step (cached results of the step rows).
  const steps = computeStepCash(e);
  const hasDscr = ds.has('dscr');
  const testedDscr = computeTestedDscr(e, lockUp);
  // With a cash sweep (methodology §11.11) distributions come from the cash the sweep leaves.
  const cashAfterTest = w.sweep ? 'afterSweep' : 'afterDraw';
  const planService = (c: YearColumn, column: number) => `${fp.cellAt('interestPaid', column)}+${fp.cellAt('principalRepaid', column)}`;

  const lines: SheetLine[] = [
    { heading: '一、分配前现金 Cash before the waterfall（经营、投资及筹资，已付优先债务本息 senior debt service paid）' },
    line('cfads', '1', '可用于还本付息的资金 CFADS', 'Cash flow available for debt service', e.financing.cfads, ds.has('cfads') ? link(ds, 'cfads') : undefined, true),
    line('seniorService', '2', '优先债务还本付息', 'Senior debt service paid (loans; bonds as the project serves them)', e.financing.projectDebtService.interest.map((v, t) => v.plus(e.financing.projectDebtService.principal[t]!)), (c) => planService(c, c.column), true),
    line('dscr', '3', '偿债备付率 DSCR', 'DSCR = CFADS / debt service due', e.debt.dscr, hasDscr ? link(ds, 'dscr') : undefined, false, 'ratio'),
    line('cashBefore', '4', '分配前净现金流量', 'Net cash flow before the waterfall', w.cashBefore, (c) => [
      `${fp.cellAt('operatingNet', c.column)}+${fp.cellAt('investingNet', c.column)}+${fp.cellAt('equityInjected', c.column)}-${fp.cellAt('dsraEquity', c.column)}`,
      ...['loansDrawn', 'bondsIssued', 'grantsReceived', 'contributionsReceived'].map((k) => fp.cellAt(k, c.column)),
    ].join('+') + `-${fp.cellAt('interestPaid', c.column)}-${fp.cellAt('principalRepaid', c.column)}`, true),

    { heading: '二、临时借款利息及偿还 Short-term borrowing: interest, then repaid first' },
    line('shortTermOpening', '5', '临时借款期初余额', 'Short-term borrowing at the start of the year', w.shortTerm.closing.map((_, t) => (t === 0 ? ZERO : w.shortTerm.closing[t - 1]!)), prev('shortTermClosing'), false),
    line('shortTermInterest', '6', '临时借款利息', 'Interest = opening × the Inputs rate', w.shortTerm.interest, (c) => `${c.at('shortTermOpening')}*${wi.shortTermRate}`, true),
    line('dsraAtClose', '7', '偿债准备金注资（建设期末，股东）', 'DSRA paid in by the investors at close', w.dsra.equityAtClose, (c) => `IF(AND(${wi.dsraAtClose}=1,${c.yearIndex}=${inputs.constructionYears}),MAX(0,${c.at('dsraTarget')}-${c.at('dsraOpening')}),0)`, true),
    line('cashAvailable', '8', '可用现金（上年可自由支配资金 + 本年）', 'Cash available: last year\'s free cash + 4 − 6 + 7', steps.available, (c) => `${previousYearOf(c, 'freeCash')}+${c.at('cashBefore')}-${c.at('shortTermInterest')}+${c.at('dsraAtClose')}`, false),
    line('shortTermRepaid', '9', '偿还临时借款', 'Short-term borrowing repaid = min(opening, cash), not below 0', w.shortTerm.repaid, (c) => `MAX(0,MIN(${c.at('shortTermOpening')},${c.at('cashAvailable')}))`, true),
    line('afterShortTerm', '10', '偿还临时借款后现金', 'Cash after 9', steps.afterShortTerm, (c) => `${c.at('cashAvailable')}-${c.at('shortTermRepaid')}`, false),

    { heading: '三、偿债准备金 Debt service reserve (DSRA)' },
    line('dsraOpening', '11', '偿债准备金期初余额', 'DSRA at the start of the year', w.dsra.closing.map((_, t) => (t === 0 ? ZERO : w.dsra.closing[t - 1]!)), prev('dsraClosing'), false),
    line('dsraTarget', '12', '偿债准备金目标', 'DSRA target = months / 12 × next year\'s senior service (from the last construction year)', w.dsra.target,
      (c) => `IF(${c.yearIndex}>=${inputs.constructionYears},${wi.dsraMonths}/${wi.monthsPerYear}*(${planService(c, c.column + 1)}),0)`, false),
    line('dsraDeposit', '13', '偿债准备金存入', 'Paid in = min(target − opening, cash), when below target', w.dsra.deposit, (c) => `IF(${c.at('dsraTarget')}>${c.at('dsraOpening')},MIN(${c.at('dsraTarget')}-${c.at('dsraOpening')},MAX(0,${c.at('afterShortTerm')})),0)`, true),
    line('dsraRelease', '14', '偿债准备金释放', 'Released = what is above the target (at final maturity, all)', w.dsra.release, (c) => `MAX(0,${c.at('dsraOpening')}-${c.at('dsraTarget')})`, true),
    line('afterDsra', '15', '计提偿债准备金后现金', 'Cash after 13 and 14', steps.afterDsra, (c) => `${c.at('afterShortTerm')}-${c.at('dsraDeposit')}+${c.at('dsraRelease')}`, false),

    { heading: '四、大修准备金 Major-maintenance reserve (MMRA)' },
    line('maintenanceEvents', '16', '维持运营投资（含税）', 'Sustaining capex as paid (VAT included): the events saved for', e.projection.opex.sustainingGross, pcf.has('sustainingCapex') ? link(pcf, 'sustainingCapex') : undefined, true),
    line('mmraOpening', '17', '大修准备金期初余额', 'MMRA at the start of the year', w.mmra.closing.map((_, t) => (t === 0 ? ZERO : w.mmra.closing[t - 1]!)), prev('mmraClosing'), false),
    line('mmraTarget', '18', '大修准备金目标', 'Target = Σ of the next k years\' events × (k − years ahead + 1) / k, operating years', w.mmra.target, (c) => mmraTargetFormula(c, wi.mmraBuildUpYears), false),
    line('mmraDeposit', '19', '大修准备金存入', 'Paid in = min(target − opening, cash), when below target', w.mmra.deposit, (c) => `IF(${c.at('mmraTarget')}>${c.at('mmraOpening')},MIN(${c.at('mmraTarget')}-${c.at('mmraOpening')},MAX(0,${c.at('afterDsra')})),0)`, true),
    line('mmraRelease', '20', '大修准备金释放（支付大修）', 'Released to pay the event = what is above the target', w.mmra.release, (c) => `MAX(0,${c.at('mmraOpening')}-${c.at('mmraTarget')})`, true),
    line('afterMmra', '21', '计提大修准备金后现金', 'Cash after 19 and 20', steps.afterMmra, (c) => `${c.at('afterDsra')}-${c.at('mmraDeposit')}+${c.at('mmraRelease')}`, false),
    line('dsraDraw', '22', '动用偿债准备金', 'DSRA drawn for a shortfall = min(DSRA, cash short)', w.dsra.draw, (c) => `IF(${c.at('afterMmra')}<0,MIN(${c.at('dsraOpening')}+${c.at('dsraDeposit')}-${c.at('dsraRelease')},-${c.at('afterMmra')}),0)`, true),
    line('afterDraw', '23', '动用准备金后现金', 'Cash after 22', steps.afterDraw, (c) => `${c.at('afterMmra')}+${c.at('dsraDraw')}`, false),
    ...listSweepLines(e, wi.sweepShares, ds, line, steps.afterSweep),

    { heading: '五、分配测试及应付利润 Lock-up test and distributions (应付利润)' },
    line('testedDscr', '24', '锁定测试的偿债备付率', lockUp.basis === 'year' ? 'DSCR tested: the year\'s' : `DSCR tested: average of the trailing ${lockUp.trailingYears} years'`, testedDscr,
      hasDscr && lockUp.basis === 'year' ? (c) => `${c.at('dscr')}` : undefined, false, 'ratio'),
    line('lockedUp', '25', '分配锁定（1=锁定）', 'Locked up (1): tested DSCR below the Inputs threshold', w.lockedUp.map((v) => (v ? 1 : 0)),
      wi.lockUpMinDscr === null ? () => '0' : (c) => `IF(AND(ISNUMBER(${c.at('testedDscr')}),${c.at('testedDscr')}<${wi.lockUpMinDscr}),1,0)`, false, 'flag'),
    line('distributableProfit', '26', '可供分配利润', 'Profit after the statutory reserve (P&L line 11)', w.distributableProfit, pl.has('distributableProfit') ? link(pl, 'distributableProfit') : undefined, true),
    line('undistributedOpening', '27', '未分配利润期初余额', 'Undistributed profit at the start of the year', w.undistributed.map((_, t) => (t === 0 ? ZERO : w.undistributed[t - 1]!)), prev('undistributedClosing'), false),
    line('distributions', '28', '应付利润', 'Distributions = payout × min(undistributed, cash), unless locked up', w.distributions,
      (c) => `IF(AND(${wi.distributionsOn}=1,${c.at('lockedUp')}=0),MIN(MAX(0,${c.at('undistributedOpening')}+${c.at('distributableProfit')}),MAX(0,${c.at(cashAfterTest)}))*${wi.payoutRatio},0)`, true),
    line('afterDistributions', '29', '分配后现金', 'Cash after 28', steps.afterDistributions, (c) => `${c.at(cashAfterTest)}-${c.at('distributions')}`, false),
    line('shortTermDrawn', '30', '新增临时借款', 'Short-term borrowing drawn for what is still short', w.shortTerm.drawn, (c) => `IF(AND(${wi.shortTermOn}=1,${c.at('afterDistributions')}<0),-${c.at('afterDistributions')},0)`, true),

    { heading: '六、期末余额 Balances at the end of the year' },
    line('freeCash', '31', '留存现金（可自由支配资金）', 'Cash retained (free cash) = 29 + 30', w.freeCash, (c) => `${c.at('afterDistributions')}+${c.at('shortTermDrawn')}`, false),
    line('dsraClosing', '32', '偿债准备金期末余额', 'DSRA at the end = 11 + 13 − 14 − 22', w.dsra.closing, (c) => `${c.at('dsraOpening')}+${c.at('dsraDeposit')}-${c.at('dsraRelease')}-${c.at('dsraDraw')}`, false),
    line('mmraClosing', '33', '大修准备金期末余额', 'MMRA at the end = 17 + 19 − 20', w.mmra.closing, (c) => `${c.at('mmraOpening')}+${c.at('mmraDeposit')}-${c.at('mmraRelease')}`, false),
    line('shortTermClosing', '34', '临时借款期末余额', 'Short-term borrowing at the end = 5 − 9 + 30', w.shortTerm.closing, (c) => `${c.at('shortTermOpening')}-${c.at('shortTermRepaid')}+${c.at('shortTermDrawn')}`, false),
    line('undistributedClosing', '35', '未分配利润期末余额', 'Undistributed profit at the end = 27 + 26 − 28', w.undistributed, (c) => `${c.at('undistributedOpening')}+${c.at('distributableProfit')}-${c.at('distributions')}`, false),

    { heading: '七、校验 Checks: every 元 accounted for' },
    line('netCashFlow', '36', '净现金流量（货币资金变动）', 'Net cash flow = change in free cash + DSRA + MMRA', w.netCashFlow,
      (c) => `${c.at('freeCash')}+${c.at('dsraClosing')}+${c.at('mmraClosing')}-${previousYearOf(c, 'freeCash')}-${c.at('dsraOpening')}-${c.at('mmraOpening')}`, true),
    line('unaccounted', '37', '未归集现金（应为 0）', 'Unaccounted: 4 + 7 + 30 − 6 − 9 − 28 − 36 (must be 0)', new Array<D>(T).fill(ZERO),
      (c) => `${c.at('cashBefore')}+${c.at('dsraAtClose')}+${c.at('shortTermDrawn')}-${c.at('shortTermInterest')}-${c.at('shortTermRepaid')}${w.sweep ? `-${c.at('sweepPrepayment')}` : ''}-${c.at('distributions')}-${c.at('netCashFlow')}`, true),
    line('againstPlan', '38', '与财务计划现金流量表净现金流量之差（应为 0）', 'Against the financial plan\'s net cash flow (must be 0)', new Array<D>(T).fill(ZERO),
      (c) => `${c.at('netCashFlow')}-${fp.cellAt('netCashFlow', c.column)}`, true),
    ...listShareholderDistributionLines(e, inputs, from.investmentPlan),
  ];
  return lines;
}

type LineOf = (key: string, no: string, zh: string, en: string, values: readonly (D | number | null)[], formula: LineFormula | undefined, total: boolean, format?: YearLine['format']) => YearLine;

/**
 * The cash sweeps' rows (methodology §11.11), only in a deal that sweeps: the year's own cash after the
 * reserves and the test = max(0, min(cash after 22, cash after 22 − last year's free cash)); for each
 * loan swept, in the order the sweeps are given, its balance after its scheduled principal (the
 * debt-service sheet's opening + drawn + capitalised − principal) and prepaid = min(ROUNDDOWN(its
 * share × available, 2), that balance); with several loans the total prepaid; the cash left for 应付利润.
 * With one loan its prepaid row is the total (23.2, 23.3), as before several sweeps were offered.
 */
function listSweepLines(e: Evaluation, shares: ReadonlyMap<string, string>, ds: YearSheet, line: LineOf, afterSweep: D[]): YearLine[] {
  const sweep = e.waterfall.sweep;
  if (!sweep || shares.size === 0) return [];
  const single = sweep.loans.length === 1;
  const perLoan = sweep.loans.flatMap((swept, k) => {
    const loan = e.financing.debts.find((d) => d.source.id === swept.sourceId)!;
    const id = swept.sourceId;
    const [capacityKey, prepaidKey] = single ? ['sweepCapacity', 'sweepPrepayment'] : [`sweepCapacity.${id}`, `sweepPrepayment.${id}`];
    const [capacityNo, prepaidNo] = single ? ['23.2', '23.3'] : [`23.2.${k + 1}`, `23.3.${k + 1}`];
    const capacity = loan.closing.map((v, t) => v.plus(loan.prepayment[t]!));
    return [
      line(capacityKey, capacityNo, `${loan.source.name}：计划还本后余额`, `${id}: balance after its scheduled principal`, capacity,
        (c) => `${ds.cellAt(`${id}.opening`, c.column)}+${ds.cellAt(`${id}.draw`, c.column)}+${ds.cellAt(`${id}.capitalisedInterest`, c.column)}-${ds.cellAt(`${id}.principal`, c.column)}`, false),
      line(prepaidKey, prepaidNo, single ? '现金流量扫款提前还本' : `${loan.source.name}：扫款提前还本`, `Prepaid on ${id} = min(ROUNDDOWN(share × 23.1, 2), ${capacityNo})`, swept.prepayment,
        (c) => `MAX(0,MIN(ROUNDDOWN(${c.at('sweepAvailable')}*${shares.get(id)!},2),${c.at(capacityKey)}))`, true),
    ];
  });
  const total = single ? [] : [line('sweepPrepayment', '23.3', '现金流量扫款提前还本合计', `Prepaid in all = ${sweep.loans.map((_, k) => `23.3.${k + 1}`).join(' + ')}`, sweep.prepayment,
    (c) => sweep.loans.map((l) => c.at(`sweepPrepayment.${l.sourceId}`)).join('+'), true)];
  return [
    line('sweepAvailable', '23.1', '可扫款现金（当年留存）', 'Cash of the year left for the sweep = max(0, min(23, 23 − last year\'s 31))', sweep.available,
      (c) => `IF(${c.operating}=1,MAX(0,MIN(${c.at('afterDraw')},${c.at('afterDraw')}-${previousYearOf(c, 'freeCash')})),0)`, true),
    ...perLoan,
    ...total,
    line('afterSweep', '23.4', '扫款后现金', 'Cash after 23.3', afterSweep, (c) => `${c.at('afterDraw')}-${c.at('sweepPrepayment')}`, false),
  ];
}

/**
 * MMRA target (methodology §11) of a year: Σ over the next k years' events G_(t+j) × (k − j + 1) / k,
 * in an operating year; k from the Inputs. OFFSET takes the k cells after this one; the weight of each
 * reads its distance j from the column numbers. Past the last year the cells are blank (no event).
 */
function mmraTargetFormula(c: YearColumn, k: string): string {
  const here = c.at('maintenanceEvents');
  const nextEvents = `OFFSET(${here},0,1,1,${k})`;
  return `IF(AND(${c.operating}=1,${k}>0),SUMPRODUCT(${nextEvents},(${k}+1-(COLUMN(${nextEvents})-COLUMN(${here})))/${k}),0)`;
}

/** The cash the engine holds after each step (methodology §11), year by year: the step rows' cached results. */
function computeStepCash(e: Evaluation) {
  const w = e.waterfall;
  const T = e.years.length;
  const available: D[] = [];
  const afterShortTerm: D[] = [];
  const afterDsra: D[] = [];
  const afterMmra: D[] = [];
  const afterDraw: D[] = [];
  const afterSweep: D[] = [];
  const afterDistributions: D[] = [];
  for (let t = 0; t < T; t++) {
    const opening = t === 0 ? ZERO : w.freeCash[t - 1]!;
    available[t] = opening.plus(w.cashBefore[t]!).minus(w.shortTerm.interest[t]!).plus(w.dsra.equityAtClose[t]!);
    afterShortTerm[t] = available[t]!.minus(w.shortTerm.repaid[t]!);
    afterDsra[t] = afterShortTerm[t]!.minus(w.dsra.deposit[t]!).plus(w.dsra.release[t]!);
    afterMmra[t] = afterDsra[t]!.minus(w.mmra.deposit[t]!).plus(w.mmra.release[t]!);
    afterDraw[t] = afterMmra[t]!.plus(w.dsra.draw[t]!);
    afterSweep[t] = afterDraw[t]!.minus(w.sweep?.prepayment[t] ?? ZERO);
    afterDistributions[t] = afterSweep[t]!.minus(w.distributions[t]!);
  }
  return { available, afterShortTerm, afterDsra, afterMmra, afterDraw, afterSweep, afterDistributions };
}

/** The DSCR the lock-up tests (methodology §11): the year's, or the average of the trailing years that have one. */
function computeTestedDscr(e: Evaluation, settings: Deal['waterfall']['lockUp']): (number | null)[] {
  const seen: D[] = [];
  return e.debt.dscr.map((v) => {
    if (v === null) return null;
    seen.push(v);
    const window = settings.basis === 'year' ? [v] : seen.slice(-settings.trailingYears);
    return window.reduce((s, x) => s.plus(x), ZERO).div(window.length).toNumber();
  });
}

/** The waterfall's checks for the Checks sheet: every 元 accounted, the plan's net cash flow, the totals and final balances. */
export function listWaterfallChecks(e: Evaluation, sheet: YearSheet): Check[] {
  const w = e.waterfall;
  const total = (values: readonly D[]) => values.reduce((s, v) => s.plus(v), ZERO).toNumber();
  const last = (key: string) => `INDEX(${sheet.range(key)},COLUMNS(${sheet.range(key)}))`;
  const T = e.years.length;
  return [
    { key: 'waterfallAccounted', zh: '现金流分配：每一元均有去向', en: 'Waterfall: every 元 accounted for, each year', kind: 'money', formula: `SUMPRODUCT(ABS(${sheet.range('unaccounted')}))`, engine: 0, note: `Σ |cash before + DSRA paid in + 临时借款 drawn − its interest − repaid − 应付利润 − change in cash and reserves| must be 0 (${CITE})` },
    { key: 'waterfallAgainstPlan', zh: '现金流分配 = 财务计划现金流量表', en: 'Waterfall net cash flow = the financial plan\'s', kind: 'money', formula: `SUMPRODUCT(ABS(${sheet.range('againstPlan')}))`, engine: 0, note: `Σ |net cash flow of the waterfall − 财务计划现金流量表 line 4| must be 0 (${CITE})` },
    { key: 'distributionsTotal', zh: '应付利润合计', en: 'Distributions, total', kind: 'money', formula: sheet.totalCell('distributions'), engine: total(w.distributions), note: `Σ 应付利润 recomputed by the waterfall's formulas (${CITE})` },
    { key: 'shortTermDrawnTotal', zh: '临时借款合计', en: 'Short-term borrowing drawn, total', kind: 'money', formula: sheet.totalCell('shortTermDrawn'), engine: total(w.shortTerm.drawn), note: `Σ 临时借款 drawn where cash would go below zero (${CITE})` },
    ...(w.sweep ? [{ key: 'sweepTotal', zh: '现金流量扫款提前还本合计', en: 'Cash sweep prepayments, total', kind: 'money' as const, formula: sheet.totalCell('sweepPrepayment'), engine: total(w.sweep.prepayment), note: `Σ principal prepaid by the cash sweep, recomputed by the waterfall's formulas (methodology §11.11)` }] : []),
    { key: 'dsraDrawTotal', zh: '偿债准备金动用合计', en: 'DSRA drawn, total', kind: 'money', formula: sheet.totalCell('dsraDraw'), engine: total(w.dsra.draw), note: `Σ DSRA drawn for debt service (${CITE})` },
    { key: 'freeCashAtEnd', zh: '期末留存现金', en: 'Free cash at the end', kind: 'money', formula: last('freeCash'), engine: w.freeCash[T - 1]!.toNumber(), note: `free cash of the last year, reserves released at final maturity (${CITE})` },
    { key: 'undistributedAtEnd', zh: '期末未分配利润', en: 'Undistributed profit at the end', kind: 'money', formula: last('undistributedClosing'), engine: w.undistributed[T - 1]!.toNumber(), note: `Σ 可供分配利润 − Σ 应付利润 (${CITE})` },
    ...listShareholderDistributionChecks(e, sheet),
  ];
}
