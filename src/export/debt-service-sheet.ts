import type { Worksheet } from 'exceljs';
import type { Evaluation } from '../engine/evaluate-deal.js';
import { sumSeries, type Series } from '../engine/series.js';
import { D, ZERO } from '../finance/decimal.js';
import type { InputCells } from './inputs-sheet.js';
import { sumOfLines, toNullableNumbers, toNumbers, type LineFormula } from './line-formulas.js';
import { lineOf, writeYearSheet, type SheetLine, type YearSheet } from './year-sheet.js';

/**
 * 借款还本付息计划表 (methodology §3, §6): each loan and bond, then the cover rows. Formulas: interest
 * accrued = capitalised + paid; debt service due = Σ (interest paid + principal); and the coverage
 * workings of methodology §4 — ICR = EBIT / interest due, DSCR = CFADS / debt service (operating years
 * with debt service), LLCR by the backward recursion PV_t = (CFADS_t + PV_{t+1}) / (1 + r_t) with r_t
 * the balance-weighted rate, and the special-bond life and income rows behind the coverage multiples.
 * Balances stay the engine's so that the Checks sheet can prove they roll forward.
 */
export function writeDebtServiceSheet(
  sheet: Worksheet, e: Evaluation, inputs: InputCells, subtitle: string, cashFlow: YearSheet, profit: YearSheet,
): YearSheet {
  const statement = e.statements.debtService;
  const debts = e.financing.debts;
  const T = e.years.length;
  const C = inputs.constructionYearsValue;
  const formulas: Record<string, LineFormula> = {
    debtService: sumOfLines(...debts.flatMap((d) => [`${d.source.id}.interestPaid`, `${d.source.id}.principal`])),
  };
  for (const d of debts) formulas[`${d.source.id}.interest`] = sumOfLines(`${d.source.id}.capitalisedInterest`, `${d.source.id}.interestPaid`);
  const lines: SheetLine[] = statement.rows.map((row) => lineOf(row, formulas[row.key]));
  if (debts.length === 0) return writeYearSheet(sheet, { title: `${statement.zh} ${statement.en}`, subtitle, years: T, lines, inputs });

  const f = e.financing;
  const outstanding = sumSeries(T, debts.map((d) => d.opening));
  const weightedRate = outstanding.map((b, t) => (b.isZero() ? ZERO : debts.reduce((s, d) => s.plus(d.opening[t]!.times(d.rate)), ZERO).div(b)));
  const lastService = f.debtService.reduce((last, v, t) => (v.isZero() ? last : t), -1);
  const remains = f.debtService.map((_, t) => (t <= lastService ? 1 : 0));
  const pv: D[] = new Array<D>(T).fill(ZERO);
  for (let t = lastService, running = ZERO; t >= C; t--) {
    running = running.plus(f.cfads[t]!).div(weightedRate[t]!.plus(1));
    pv[t] = running;
  }
  const ifOperating = (c: Parameters<LineFormula>[0], condition: string, value: string) => `IF(AND(${c.operating}=1,${condition}),${value},"")`;
  lines.push(
    { heading: '辅助计算 Workings（偿债指标，methodology §4）' },
    { key: 'interestCharged', no: 'W1', zh: '计入利润表的利息支出', en: 'Interest charged to the P&L (利息支出)', values: toNumbers(f.interestExpense), total: true, formula: (c) => profit.cellAt('interestExpense', c.column) },
    { key: 'icr', no: 'W2', zh: '利息备付率 ICR', en: 'ICR = EBIT / interest charged to the P&L', values: toNullableNumbers(e.debt.icr), total: false, format: 'ratio', formula: (c) => ifOperating(c, `${c.at('interestCharged')}>0`, `${profit.cellAt('ebit', c.column)}/${c.at('interestCharged')}`) },
    { key: 'dscr', no: 'W3', zh: '偿债备付率 DSCR', en: 'DSCR = CFADS / debt service due', values: toNullableNumbers(e.debt.dscr), total: false, format: 'ratio', formula: (c) => ifOperating(c, `${c.at('debtService')}>0`, `${c.at('cfads')}/${c.at('debtService')}`) },
    { key: 'outstanding', no: 'W4', zh: '期初债务余额合计', en: 'Debt outstanding at the start of the year', values: toNumbers(outstanding), total: false, formula: sumOfLines(...debts.map((d) => `${d.source.id}.opening`)) },
    {
      key: 'weightedRate', no: 'W5', zh: '加权平均利率', en: 'Balance-weighted debt rate', values: toNumbers(weightedRate), total: false, format: 'rate',
      formula: (c) => `IF(${c.at('outstanding')}>0,(${debts.map((d) => `${c.at(`${d.source.id}.opening`)}*${inputs.debtRate.get(d.source.id)!}`).join('+')})/${c.at('outstanding')},0)`,
    },
    { key: 'serviceRemains', no: 'W6', zh: '尚有还本付息（1=是）', en: 'Debt service due this year or later (1)', values: remains, total: false, format: 'flag', formula: (c) => `IF(SUM(${c.at('debtService')}:${c.lastOf('debtService')})>0,1,0)` },
    {
      key: 'pvCfads', no: 'W7', zh: '剩余期 CFADS 现值', en: 'PV of CFADS to the last maturity, at the start of the year', values: toNumbers(pv), total: false,
      formula: (c) => `IF(AND(${c.operating}=1,${c.at('serviceRemains')}=1),(${c.at('cfads')}+${c.next('pvCfads')})/(1+${c.at('weightedRate')}),0)`,
    },
    { key: 'llcr', no: 'W8', zh: '贷款期偿债覆盖率 LLCR', en: 'LLCR = PV of CFADS / debt outstanding', values: toNullableNumbers(e.debt.llcr), total: false, format: 'ratio', formula: (c) => ifOperating(c, `${c.at('serviceRemains')}=1,${c.at('outstanding')}>0`, `${c.at('pvCfads')}/${c.at('outstanding')}`) },
  );

  const bonds = debts.filter((d) => d.source.kind === 'special-bond');
  if (bonds.length > 0) {
    const activity = sumSeries(T, bonds.flatMap((d) => [d.draw, d.debtService]));
    const first = activity.findIndex((v) => !v.isZero());
    const last = activity.reduce((l, v, t) => (v.isZero() ? l : t), -1);
    const gross = sumSeries(T, e.projection.revenue.lines.filter((l) => l.stream.countsForDebtService).map((l) => l.net));
    const net: Series = gross.map((g, t) => g.minus(e.projection.opex.net[t]!).minus(e.projection.vat.surcharges[t]!));
    lines.push(
      { heading: '专项债券本息覆盖 Special-bond coverage workings' },
      { key: 'bondService', no: 'W9', zh: '专项债券应还本付息', en: 'Special-bond principal and interest due', values: toNumbers(f.bond.service), total: true, formula: sumOfLines(...bonds.flatMap((d) => [`${d.source.id}.interestPaid`, `${d.source.id}.principal`])) },
      { key: 'bondActivity', no: 'W10', zh: '专项债券发行及还本付息', en: 'Bond issue plus bond service', values: toNumbers(activity), total: true, formula: sumOfLines(...bonds.flatMap((d) => [`${d.source.id}.draw`]), 'bondService') },
      { key: 'bondLife', no: 'W11', zh: '债券存续期（1=是）', en: 'Within the bonds\' life (1)', values: activity.map((_, t) => (t >= first && t <= last ? 1 : 0)), total: false, format: 'flag', formula: (c) => `IF(AND(SUM(${c.firstOf('bondActivity')}:${c.at('bondActivity')})>0,SUM(${c.at('bondActivity')}:${c.lastOf('bondActivity')})>0),1,0)` },
      { key: 'debtServiceRevenue', no: 'W12', zh: '可用于偿债的营业收入', en: 'Revenue that services debt (net of VAT)', values: toNumbers(gross), total: true },
      {
        key: 'debtServiceRevenueNet', no: 'W13', zh: '可用于偿债的收入（扣经营成本及附加）', en: 'That revenue less operating cost and surcharges', values: toNumbers(net), total: true,
        formula: (c) => `${c.at('debtServiceRevenue')}-${cashFlow.cellAt('operatingCost', c.column)}-${cashFlow.cellAt('surcharges', c.column)}`,
      },
    );
  }
  return writeYearSheet(sheet, { title: `${statement.zh} ${statement.en}`, subtitle, years: T, lines, inputs });
}
