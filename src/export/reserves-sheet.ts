import type { Worksheet } from 'exceljs';
import type { Deal } from '../deal/deal-schema.js';
import type { Evaluation } from '../engine/evaluate-deal.js';
import { D, ZERO } from '../finance/decimal.js';
import type { Check } from './checks-sheet.js';
import type { InputCells } from './inputs-sheet.js';
import { toNumbers } from './line-formulas.js';
import { previousYearOf } from './previous-year.js';
import { writeYearSheet, type SheetLine, type YearColumn, type YearSheet } from './year-sheet.js';

const CITE = 'methodology §11';

/**
 * 偿债及大修准备金 Reserves (methodology §11): the debt service reserve (DSRA) and the major-maintenance
 * reserve (MMRA) as accounts — target, opening balance, paid in, drawn, released, closing balance and
 * the shortfall against the target. The movements are the waterfall sheet's (linked); each opening is
 * last year's closing and each closing rolls forward here, so the Checks sheet can prove the accounts
 * agree with the waterfall every year.
 */
export function writeReservesSheet(sheet: Worksheet, deal: Deal, e: Evaluation, inputs: InputCells, subtitle: string, waterfall: YearSheet): YearSheet {
  const w = e.waterfall;
  const link = (key: string) => (c: YearColumn) => waterfall.cellAt(key, c.column);
  const opening = (closing: readonly D[]) => closing.map((_, t) => (t === 0 ? 0 : closing[t - 1]!.toNumber()));
  const shortfall = (target: readonly D[], closing: readonly D[]) => target.map((v, t) => D.max(ZERO, v.minus(closing[t]!)).toNumber());
  const dsra = deal.waterfall.dsra;
  const lines: SheetLine[] = [
    { heading: `一、偿债准备金 DSRA：${dsra.months} 个月 months，${dsra.funding === 'at-close' ? '建设期末注资 funded at close' : '从现金计提 from cash'}` },
    { key: 'dsra.target', no: '1', zh: '目标余额', en: 'Target: months / 12 × next year\'s senior service', values: toNumbers(w.dsra.target), total: false, formula: link('dsraTarget') },
    { key: 'dsra.opening', no: '2', zh: '期初余额', en: 'Opening balance (last year\'s closing)', values: opening(w.dsra.closing), total: false, formula: (c) => previousYearOf(c, 'dsra.closing') },
    { key: 'dsra.deposit', no: '3', zh: '存入', en: 'Paid in', values: toNumbers(w.dsra.deposit), total: true, formula: link('dsraDeposit') },
    { key: 'dsra.atClose', no: '3.1', zh: '其中：股东于建设期末注资', en: 'of which paid in by the investors at close', values: toNumbers(w.dsra.equityAtClose), total: true, formula: link('dsraAtClose') },
    { key: 'dsra.draw', no: '4', zh: '动用（弥补还本付息缺口）', en: 'Drawn for a debt-service shortfall', values: toNumbers(w.dsra.draw), total: true, formula: link('dsraDraw') },
    { key: 'dsra.release', no: '5', zh: '释放（超出目标部分，最终到期全部释放）', en: 'Released above the target (all at final maturity)', values: toNumbers(w.dsra.release), total: true, formula: link('dsraRelease') },
    { key: 'dsra.closing', no: '6', zh: '期末余额', en: 'Closing balance = 2 + 3 − 4 − 5', values: toNumbers(w.dsra.closing), total: false, formula: (c) => `${c.at('dsra.opening')}+${c.at('dsra.deposit')}-${c.at('dsra.draw')}-${c.at('dsra.release')}` },
    { key: 'dsra.shortfall', no: '7', zh: '低于目标的差额', en: 'Shortfall against the target', values: shortfall(w.dsra.target, w.dsra.closing), total: false, formula: (c) => `MAX(0,${c.at('dsra.target')}-${c.at('dsra.closing')})` },
    { heading: `二、大修准备金 MMRA：提前 ${deal.waterfall.mmra.buildUpYears} 年计提 years ahead` },
    { key: 'mmra.events', no: '8', zh: '维持运营投资（含税）', en: 'Major maintenance as paid (VAT included)', values: toNumbers(e.projection.opex.sustainingGross), total: true, formula: link('maintenanceEvents') },
    { key: 'mmra.target', no: '9', zh: '目标余额', en: 'Target: the parts of the coming events set aside so far', values: toNumbers(w.mmra.target), total: false, formula: link('mmraTarget') },
    { key: 'mmra.opening', no: '10', zh: '期初余额', en: 'Opening balance (last year\'s closing)', values: opening(w.mmra.closing), total: false, formula: (c) => previousYearOf(c, 'mmra.closing') },
    { key: 'mmra.deposit', no: '11', zh: '存入', en: 'Paid in', values: toNumbers(w.mmra.deposit), total: true, formula: link('mmraDeposit') },
    { key: 'mmra.release', no: '12', zh: '释放（支付大修）', en: 'Released to pay the event', values: toNumbers(w.mmra.release), total: true, formula: link('mmraRelease') },
    { key: 'mmra.closing', no: '13', zh: '期末余额', en: 'Closing balance = 10 + 11 − 12', values: toNumbers(w.mmra.closing), total: false, formula: (c) => `${c.at('mmra.opening')}+${c.at('mmra.deposit')}-${c.at('mmra.release')}` },
    { key: 'mmra.shortfall', no: '14', zh: '低于目标的差额', en: 'Shortfall against the target', values: shortfall(w.mmra.target, w.mmra.closing), total: false, formula: (c) => `MAX(0,${c.at('mmra.target')}-${c.at('mmra.closing')})` },
  ];
  return writeYearSheet(sheet, { title: '偿债及大修准备金 Reserves (DSRA, MMRA)', subtitle, years: e.years.length, lines, inputs });
}

/** The reserves' checks: the accounts agree with the waterfall each year, never go negative, and are empty after the last year. */
export function listReserveChecks(e: Evaluation, reserves: YearSheet, waterfall: YearSheet): Check[] {
  const w = e.waterfall;
  const T = e.years.length;
  const last = (key: string) => `INDEX(${reserves.range(key)},COLUMNS(${reserves.range(key)}))`;
  return [
    {
      key: 'reservesRollForward', zh: '准备金账户 = 现金流分配', en: 'Reserve accounts agree with the waterfall, each year', kind: 'money',
      formula: `SUMPRODUCT(ABS(${reserves.range('dsra.closing')}-${waterfall.range('dsraClosing')}))+SUMPRODUCT(ABS(${reserves.range('mmra.closing')}-${waterfall.range('mmraClosing')}))`, engine: 0,
      note: `Σ |closing rolled forward on the Reserves sheet − the waterfall's closing| for the DSRA and the MMRA must be 0 (${CITE})`,
    },
    { key: 'reservesNeverNegative', zh: '准备金余额不为负', en: 'Reserves never negative', kind: 'money', formula: `MIN(0,MIN(${reserves.range('dsra.closing')}),MIN(${reserves.range('mmra.closing')}))`, engine: 0, note: `the lowest closing balance of either reserve, if below 0 (${CITE})` },
    { key: 'dsraAtEnd', zh: '偿债准备金期末余额（最后一年）', en: 'DSRA after the last year', kind: 'money', formula: last('dsra.closing'), engine: w.dsra.closing[T - 1]!.toNumber(), note: `released at final maturity (${CITE})` },
    { key: 'mmraAtEnd', zh: '大修准备金期末余额（最后一年）', en: 'MMRA after the last year', kind: 'money', formula: last('mmra.closing'), engine: w.mmra.closing[T - 1]!.toNumber(), note: `spent on the events it was built for (${CITE})` },
  ];
}
