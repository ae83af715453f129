import type { Worksheet } from 'exceljs';
import type { PortfolioResult } from '../../analysis/portfolio/evaluate-portfolio.js';
import { GOVERNMENT_LEVEL_ZH } from '../../deal/funding-schema.js';
import type { Portfolio } from '../../deal/portfolio-schema.js';
import { absoluteCell, columnLetter, relativeCell } from '../cell-address.js';
import { fitTextRows } from '../print-setup.js';
import { setUpPrinting, styleInput, writeTitle } from '../cell-styles.js';
import { writeSectionHeading, writeTableHeader, writeTableRow, type TableCell } from '../table-rows.js';
import type { PortfolioStatementCells } from './portfolio-statement-sheet.js';

/** The columns of the yearly table. */
export const AFFORDABILITY_COLUMN = { year: 1, expenditure: 2, ppp: 3, pppRatio: 4, pppBreach: 5, governmentPay: 6, governmentPayRatio: 7, governmentPayBreach: 8 } as const;

/** Where the counts of breaching years are, for the summary sheet. */
export interface AffordabilityCells {
  pppBreaches: string;
  governmentPayBreaches: string;
}

/** An input cell of the sheet (blue on yellow), with its format. */
const input = (value: number, format: 'share' | 'wan' | 'integer' | 'rate'): TableCell => ({ value, format });

/**
 * 财政承受能力 Affordability (methodology §5; 财金〔2015〕21号, 财金〔2022〕119号): the envelope and limits
 * as inputs, then by year the general public budget expenditure (a formula of the base and growth, or
 * the stated amounts), the level's PPP-type spending and government-pay spending linked to the fiscal
 * view's portfolio totals, their shares of the budget and whether each breaches its limit — all live
 * formulas — and the number of breaching years. The engine's own verdict is written beside, as text.
 */
export function writeAffordabilitySheet(sheet: Worksheet, portfolio: Portfolio, result: PortfolioResult, fiscalView: PortfolioStatementCells, subtitle: string): AffordabilityCells {
  const { level, pppLimit, governmentPayLimit } = portfolio.affordability;
  const budget = portfolio.budget;
  writeTitle(sheet, `财政承受能力 Affordability — ${GOVERNMENT_LEVEL_ZH[level]} ${level}`, `${subtitle} · PPP 类支出 ≤ ${Number(pppLimit) * 100}%、政府付费 ≤ ${Number(governmentPayLimit) * 100}% of 一般公共预算支出 (财金〔2015〕21号, 财金〔2022〕119号)`);
  let row = 4;
  writeSectionHeading(sheet, row++, '口径与限额 Envelope and limits');
  writeTableHeader(sheet, row++, ['参数 Parameter', '取值 Value', '说明 Note']);
  /** An input row: its value blue on yellow in column B; returns the cell as formulas on this sheet name it (`$B$7`). */
  const inputRow = (label: string, value: TableCell, note: string) => {
    writeTableRow(sheet, row, [label, value, note]);
    styleInput(sheet.getCell(row, 2));
    return `$B$${row++}`;
  };
  writeTableRow(sheet, row++, ['政府层级 Level', level, `${GOVERNMENT_LEVEL_ZH[level]}：一般公共预算安排的投资补助与运营补贴为 PPP 类支出，运营补贴为政府付费；专项债券本息属政府性基金预算，不计入 grants and operating support are PPP-type spending, operating support government pay; special-bond service is in the fund budget, not here`]);
  const pppLimitCell = inputRow('PPP 类支出上限 PPP-type limit', input(Number(pppLimit), 'share'), 'affordability.pppLimit');
  const payLimitCell = inputRow('政府付费上限 Government-pay limit', input(Number(governmentPayLimit), 'share'), 'affordability.governmentPayLimit');
  writeTableRow(sheet, row++, ['预算口径 Envelope', budget?.kind ?? '未给出 none', budget ? 'budget.kind' : '没有预算口径：不作判断 no envelope: nothing is checked']);
  let expenditureOf: (year: number, at: number) => TableCell = () => null;
  if (budget?.kind === 'growth') {
    const baseYear = inputRow('基年 Base year', input(budget.baseYear, 'integer'), 'budget.baseYear');
    const base = inputRow('基年一般公共预算支出 Base expenditure（元）', input(Number(budget.baseExpenditure), 'wan'), 'budget.baseExpenditure');
    const growth = inputRow('年增长率 Growth rate', input(Number(budget.growthRate), 'rate'), 'budget.growthRate');
    // Expenditure of a year = base × (1 + growth)^(year − base year), as readEnvelope computes it.
    expenditureOf = (year, at) => ({
      value: { formula: `${base}*(1+${growth})^(${relativeCell(AFFORDABILITY_COLUMN.year, at)}-${baseYear})`, result: Number(result.affordability?.years.find((y) => y.year === year)?.expenditure ?? 0) },
      format: 'wan',
    });
  } else if (budget?.kind === 'by-year') {
    expenditureOf = (year) => {
      const stated = budget.years.find((y) => y.year === year);
      return stated ? input(Number(stated.expenditure), 'wan') : null;
    };
  }

  row++;
  writeSectionHeading(sheet, row++, '按年 By year（金额元 amounts in 元；超限 1 = 超过上限 breach, 空 = 无预算数 not checked）');
  writeTableHeader(sheet, row++, ['年份 Year', '一般公共预算支出 Budget expenditure', 'PPP 类支出 PPP-type spending', '占比 Share', '超限 Breach', '政府付费 Government pay', '占比 Share', '超限 Breach']);
  const firstYearRow = row;
  const engineYears = new Map(result.affordability?.years.map((y) => [y.year, y]) ?? []);
  const pppBreaches = new Set(result.affordability?.pppBreaches ?? []);
  const payBreaches = new Set(result.affordability?.governmentPayBreaches ?? []);
  result.years.forEach((year, i) => {
    const at = row++;
    const cell = (column: number) => relativeCell(column, at);
    const spendingOf = (keys: string[], cached: string | undefined): TableCell => {
      const links = keys.flatMap((key) => fiscalView.cellAt(`${level}.${key}`, i) ?? []);
      return { value: links.length === 0 ? 0 : { formula: links.join('+'), result: Number(cached ?? 0) }, format: 'wan' };
    };
    const engine = engineYears.get(year);
    const checked = budget !== undefined && engine?.expenditure !== null && engine?.expenditure !== undefined;
    const E = AFFORDABILITY_COLUMN;
    const ratioOf = (spending: number, ratio: string | null | undefined): TableCell => ({
      value: { formula: `IF(${cell(E.expenditure)}>0,${cell(spending)}/${cell(E.expenditure)},"")`, result: ratio === null || ratio === undefined ? '' : Number(ratio) },
      format: 'rate',
    });
    // A stated budget of 0 breaches with any spending, as in checkAffordability.
    const breachOf = (spending: number, ratio: number, limit: string, breaches: Set<number>): TableCell => ({
      value: { formula: `IF(${cell(E.expenditure)}="","",IF(${cell(E.expenditure)}>0,IF(${cell(ratio)}>${limit},1,0),IF(${cell(spending)}>0,1,0)))`, result: checked ? (breaches.has(year) ? 1 : 0) : '' },
      format: 'integer',
    });
    const expenditure = expenditureOf(year, at);
    writeTableRow(sheet, at, [
      year,
      expenditure,
      // 一般公共预算 only: grants and operating support; bond rows are 政府性基金预算 (methodology §10.10).
      spendingOf(['grants', 'operatingSupport'], engine?.pppSpending ?? String(Number(readFiscalCell(result, `${level}.grants`, i) ?? 0) + Number(readFiscalCell(result, `${level}.operatingSupport`, i) ?? 0))),
      ratioOf(E.ppp, engine?.pppRatio),
      breachOf(E.ppp, E.pppRatio, pppLimitCell, pppBreaches),
      spendingOf(['operatingSupport'], engine?.governmentPay ?? readFiscalCell(result, `${level}.operatingSupport`, i)),
      ratioOf(E.governmentPay, engine?.governmentPayRatio),
      breachOf(E.governmentPay, E.governmentPayRatio, payLimitCell, payBreaches),
    ]);
    if (budget?.kind === 'by-year' && expenditure !== null) styleInput(sheet.getCell(at, E.expenditure));
  });
  const lastYearRow = row - 1;
  const countOf = (column: number, cached: number): TableCell => ({ value: { formula: `SUM(${relativeCell(column, firstYearRow)}:${relativeCell(column, lastYearRow)})`, result: cached }, format: 'integer' });
  const countRow = writeTableRow(sheet, row++, ['超限年数 Breaching years', '', '', '', countOf(AFFORDABILITY_COLUMN.pppBreach, pppBreaches.size), '', '', countOf(AFFORDABILITY_COLUMN.governmentPayBreach, payBreaches.size)]);
  sheet.getRow(countRow).font = { bold: true };

  row++;
  writeSectionHeading(sheet, row++, '测算引擎判定 The engine\'s verdict');
  const listYears = (years: readonly number[] | undefined) => (years === undefined ? '不作判断 not checked' : years.length === 0 ? '无 none' : years.join(', '));
  writeTableRow(sheet, row++, ['PPP 类支出超限年份 PPP-type breaches', listYears(result.affordability?.pppBreaches)]);
  writeTableRow(sheet, row++, ['政府付费超限年份 Government-pay breaches', listYears(result.affordability?.governmentPayBreaches)]);
  writeTableRow(sheet, row++, ['有支出而无预算数的年份 Years with spending but no budget', listYears(result.affordability?.uncheckedYears)]);
  // Special bonds are 政府性基金预算, apart from the test above (methodology §10.10).
  writeTableRow(sheet, row++, ['专项债务余额超过可用限额的年份 Years bonds outstanding exceed the quota', portfolio.bondQuota ? listYears(result.fundBudget.quotaBreaches) : '未给出限额 no quota given']);
  const capText = result.bondCapital.breaches.length === 0 ? `无 none（上限 cap ${Number(result.bondCapital.cap) * 100}%）` : result.bondCapital.breaches.map((b) => b.message).join('; ');
  writeTableRow(sheet, row++, ['专项债券作资本金超过上限的省份 Provinces above the bonds-as-capital cap (国办发〔2024〕52号)', capText]);

  [44, 22, 22, 12, 10, 22, 12, 10].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  fitTextRows(sheet, 3);
  setUpPrinting(sheet, `A1:${columnLetter(AFFORDABILITY_COLUMN.governmentPayBreach)}${row - 1}`);
  return {
    pppBreaches: absoluteCell(sheet.name, AFFORDABILITY_COLUMN.pppBreach, countRow),
    governmentPayBreaches: absoluteCell(sheet.name, AFFORDABILITY_COLUMN.governmentPayBreach, countRow),
  };
}

/** A fiscal-view portfolio cell as the engine summed it (for the cached results when no budget is given). */
function readFiscalCell(result: PortfolioResult, key: string, yearIndex: number): string | undefined {
  return result.statements.fiscalView.rows.find((r) => r.key === key)?.values[yearIndex];
}
