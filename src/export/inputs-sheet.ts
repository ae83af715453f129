import type { Worksheet } from 'exceljs';
import type { Deal } from '../deal/deal-schema.js';
import type { Evaluation } from '../engine/evaluate-deal.js';
import { COVENANT_TOLERANCE } from '../engine/covenant-rule.js';
import { absoluteCell } from './cell-address.js';
import { labelInputPath } from './input-labels.js';
import { fitRowHeight } from './print-setup.js';
import { FORMAT, setUpPrinting, styleHeader, styleInput, writeTitle, type FormatName } from './cell-styles.js';

/** The input cells formulas elsewhere refer to (absolute references on the Inputs sheet). */
export interface InputCells {
  startYear: string;
  startYearValue: number;
  constructionYears: string;
  constructionYearsValue: number;
  operatingYears: string;
  discountRate: string;
  fiscalDiscountRate: string;
  incomeTaxRate: string;
  /** 元 per 万元: the cover divides 元 cells by it. */
  yuanPerWan: string;
  /** The engine's covenant tolerance (engine/covenant-rule.ts), used by the cover's status formulas. */
  covenantTolerance: string;
  /** Operating year of the "normal year" for ROI/ROE, or null for the operating-year average. */
  normalOperatingYear: string | null;
  /** Per loan and bond (by source id): its yearly rate, and the share of it counted as 项目资本金. */
  debtRate: Map<string, string>;
  debtCapitalShare: Map<string, string>;
  /** Starting guesses of the IRR formulas, by metric key (projectIrrPreTax, projectIrrAfterTax, equityIrr). */
  irrGuess: Map<string, string>;
  /** The cash waterfall's parameters (methodology §11), read by the waterfall sheet's formulas. */
  waterfall: WaterfallCells;
  /** Each investor's share of 应付利润 by source id, where the deal gives profitShare (for all investors or none). */
  profitShare: Map<string, string>;
}

/** Inputs cells of the waterfall (methodology §11); switches are 1 (on) or 0 (off). */
export interface WaterfallCells {
  dsraMonths: string;
  monthsPerYear: string;
  /** 1 when the DSRA is funded at close by the investors, 0 when built from cash. */
  dsraAtClose: string;
  mmraBuildUpYears: string;
  /** The lock-up DSCR threshold; null when the deal sets none (never locked up). */
  lockUpMinDscr: string | null;
  distributionsOn: string;
  payoutRatio: string;
  shortTermOn: string;
  shortTermRate: string;
  /** Each cash sweep's share (methodology §11.11) by the id of the loan it prepays; empty when the deal sweeps nothing. */
  sweepShares: ReadonlyMap<string, string>;
}

/** The IRRs recomputed on the Checks sheet, whose spreadsheet IRR needs a starting guess. */
export const IRR_KEYS = ['projectIrrPreTax', 'projectIrrAfterTax', 'programmeIrrPreTax', 'programmeIrrAfterTax', 'equityIrr'] as const;

const COL = { zh: 1, en: 2, value: 3, unit: 4 } as const;
/** Column widths (characters): the labels and paths wrap within them. */
const WIDTH = { zh: 56, en: 48, value: 36, unit: 34 } as const;
/**
 * A right-aligned number ends one indent short of its cell's right edge and the path beside it starts
 * one indent in, so "2027" and "timeline.startYear" never touch on the page (issue 18).
 */
const VALUE_GAP = { horizontal: 'right', indent: 1 } as const;
const PATH_GAP = { horizontal: 'left', indent: 1 } as const;

interface KeyInput {
  key: string;
  zh: string;
  en: string;
  value: number | string;
  format?: FormatName;
  unit?: string;
}

/**
 * 假设 Inputs: the key parameters the formulas use (named rows), then every input the engine used,
 * by its path in the deal (defaults filled in), so the workbook carries the whole deal. Inputs are
 * styled apart from formulas (blue on yellow).
 */
export function writeInputsSheet(sheet: Worksheet, deal: Deal, evaluation: Evaluation): InputCells {
  writeTitle(sheet, `假设 Inputs — ${deal.name}`, '蓝字黄底为输入值，其余为公式或说明 Blue on yellow: inputs; everything else is a formula or a label. Money in 元.');
  const header = sheet.getRow(3);
  ['参数', 'Parameter', '取值 Value', '单位/路径 Unit or path'].forEach((text, i) => {
    header.getCell(i + 1).value = text;
    styleHeader(header.getCell(i + 1));
  });

  const debts = evaluation.financing.debts;
  const keyInputs: KeyInput[] = [
    { key: 'startYear', zh: '建设起始年', en: 'First calendar year', value: deal.timeline.startYear, format: 'integer', unit: 'timeline.startYear' },
    { key: 'constructionYears', zh: '建设期（年）', en: 'Construction years C', value: deal.timeline.constructionYears, format: 'integer', unit: 'timeline.constructionYears' },
    { key: 'operatingYears', zh: '运营期（年）', en: 'Operating years N', value: deal.timeline.operatingYears, format: 'integer', unit: 'timeline.operatingYears' },
    { key: 'discountRate', zh: '基准收益率（折现率）', en: 'Discount rate for FNPV', value: Number(deal.discountRate), format: 'rate', unit: 'discountRate' },
    { key: 'fiscalDiscountRate', zh: '财政视图折现率', en: 'Discount rate of the fiscal view', value: evaluation.fiscal.discountRate.toNumber(), format: 'rate', unit: 'fiscal.discountRate (else discountRate)' },
    { key: 'incomeTaxRate', zh: '所得税税率', en: 'Income tax rate', value: Number(deal.tax.incomeTaxRate), format: 'rate', unit: 'tax.incomeTaxRate' },
    { key: 'yuanPerWan', zh: '万元折算', en: 'Yuan per 万元', value: 10_000, format: 'integer', unit: '元 per 万元: the cover shows 万元 = 元 / this' },
    { key: 'covenantTolerance', zh: '约定比较容差', en: 'Covenant tolerance', value: COVENANT_TOLERANCE.toNumber(), format: 'exact', unit: 'a ratio within this of its threshold meets it (rounding to the 分)' },
  ];
  if (deal.indicators.normalOperatingYear !== undefined) {
    keyInputs.push({ key: 'normalOperatingYear', zh: '正常运营年（ROI/ROE）', en: 'Normal operating year for ROI/ROE', value: deal.indicators.normalOperatingYear, format: 'integer', unit: 'indicators.normalOperatingYear' });
  }
  // Spreadsheet IRR runs Newton's method from a guess (10% by default) for at most 20 steps, and fails
  // on the negative returns of grant-heavy deals. The guess is the engine's IRR rounded to the whole
  // percent: near enough to converge and to pick the same root, far enough that the cell's value is
  // still solved from the flows.
  for (const key of IRR_KEYS) {
    const rate = evaluation.metrics[key];
    const guess = rate === null ? 0.1 : Math.round(rate.toNumber() * 100) / 100;
    keyInputs.push({ key: `irrGuess.${key}`, zh: `IRR 试算初值：${key}`, en: `Starting guess of IRR() for ${key}`, value: guess, format: 'rate', unit: 'Newton start of the spreadsheet IRR, rounded to 1%' });
  }
  keyInputs.push(...listWaterfallInputs(deal));
  const investors = deal.funding.sources.flatMap((source, i) => (source.kind === 'investor-equity' && source.profitShare !== undefined ? [{ source, i, share: source.profitShare }] : []));
  for (const { source, i, share } of investors) {
    keyInputs.push({ key: `profitShare.${source.id}`, zh: `${source.investor}：应付利润分配比例`, en: `${source.id}: share of distributions (应付利润)`, value: Number(share), format: 'share', unit: `funding.sources[${i}].profitShare` });
  }
  for (const d of debts) {
    keyInputs.push({ key: `rate.${d.source.id}`, zh: `${d.source.name}：利率`, en: `${d.source.id}: yearly rate`, value: d.rate.toNumber(), format: 'rate', unit: d.source.kind === 'special-bond' ? 'couponRate' : 'rate (LPR + spread, or fixed)' });
    const capitalShare = d.source.kind === 'special-bond' ? Number(d.source.capitalShare) : 0;
    keyInputs.push({ key: `capitalShare.${d.source.id}`, zh: `${d.source.name}：计作资本金比例`, en: `${d.source.id}: share counted as 项目资本金`, value: capitalShare, format: 'share', unit: d.source.kind === 'special-bond' ? 'capitalShare' : 'a loan is debt' });
  }

  const cells = new Map<string, string>();
  let row = 4;
  for (const input of keyInputs) {
    const r = sheet.getRow(row);
    r.getCell(COL.zh).value = input.zh;
    r.getCell(COL.en).value = input.en;
    const cell = r.getCell(COL.value);
    cell.value = input.value;
    if (input.format) cell.numFmt = FORMAT[input.format];
    styleInput(cell);
    r.getCell(COL.unit).value = input.unit ?? '';
    // A long source name wraps within its column (as the full list below does), the row as high as it needs.
    for (const col of [COL.zh, COL.en, COL.unit]) r.getCell(col).alignment = { wrapText: true, vertical: 'top', ...(col === COL.unit ? PATH_GAP : {}) };
    cell.alignment = { ...cell.alignment, vertical: 'top', ...(typeof input.value === 'number' ? VALUE_GAP : {}) };
    r.height = fitRowHeight([[input.zh, WIDTH.zh], [input.en, WIDTH.en], [input.unit ?? '', WIDTH.unit - 2]]);
    cells.set(input.key, absoluteCell(sheet.name, COL.value, row));
    row++;
  }

  row += 1;
  sheet.getCell(row, COL.zh).value = '全部输入（含默认值） Every input the engine used (defaults included)';
  sheet.getCell(row, COL.zh).font = { bold: true };
  row++;
  const listHeader = sheet.getRow(row++);
  ['输入项', 'Input', '取值 Value', '路径（供建模 for modellers）'].forEach((text, i) => {
    listHeader.getCell(i + 1).value = text;
    styleHeader(listHeader.getCell(i + 1));
  });
  // Each input by what it is (the element's own name, then the field), its value, and its path in the
  // deal for modellers; every cell wraps and the row is as high as its longest cell.
  for (const [path, value] of flattenInputs(deal)) {
    const r = sheet.getRow(row);
    const label = labelInputPath(deal, path);
    r.getCell(COL.zh).value = label.zh;
    r.getCell(COL.en).value = label.en;
    r.getCell(COL.unit).value = path;
    const cell = r.getCell(COL.value);
    cell.value = value;
    styleInput(cell);
    for (const col of [COL.zh, COL.en, COL.value, COL.unit]) r.getCell(col).alignment = { wrapText: true, vertical: 'top', ...(col === COL.value && typeof value !== 'string' ? VALUE_GAP : {}), ...(col === COL.unit ? PATH_GAP : {}) };
    r.height = fitRowHeight([[label.zh, WIDTH.zh], [label.en, WIDTH.en], [String(value), WIDTH.value - 2], [path, WIDTH.unit - 2]]);
    row++;
  }

  sheet.getColumn(COL.zh).width = WIDTH.zh;
  sheet.getColumn(COL.en).width = WIDTH.en;
  sheet.getColumn(COL.value).width = WIDTH.value;
  sheet.getColumn(COL.unit).width = WIDTH.unit;
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  setUpPrinting(sheet, `A1:D${row - 1}`, '3:3');

  const need = (key: string) => cells.get(key)!;
  return {
    startYear: need('startYear'),
    startYearValue: deal.timeline.startYear,
    constructionYears: need('constructionYears'),
    constructionYearsValue: deal.timeline.constructionYears,
    operatingYears: need('operatingYears'),
    discountRate: need('discountRate'),
    fiscalDiscountRate: need('fiscalDiscountRate'),
    incomeTaxRate: need('incomeTaxRate'),
    yuanPerWan: need('yuanPerWan'),
    covenantTolerance: need('covenantTolerance'),
    normalOperatingYear: cells.get('normalOperatingYear') ?? null,
    debtRate: new Map(debts.map((d) => [d.source.id, need(`rate.${d.source.id}`)])),
    debtCapitalShare: new Map(debts.map((d) => [d.source.id, need(`capitalShare.${d.source.id}`)])),
    irrGuess: new Map(IRR_KEYS.map((key) => [key, need(`irrGuess.${key}`)])),
    waterfall: {
      dsraMonths: need('waterfall.dsraMonths'), monthsPerYear: need('waterfall.monthsPerYear'), dsraAtClose: need('waterfall.dsraAtClose'),
      mmraBuildUpYears: need('waterfall.mmraBuildUpYears'), lockUpMinDscr: cells.get('waterfall.lockUpMinDscr') ?? null,
      distributionsOn: need('waterfall.distributionsOn'), payoutRatio: need('waterfall.payoutRatio'),
      shortTermOn: need('waterfall.shortTermOn'), shortTermRate: need('waterfall.shortTermRate'),
      sweepShares: new Map((deal.waterfall.cashSweep ?? []).map((s) => [s.sourceId, need(`waterfall.sweepShare.${s.sourceId}`)])),
    },
    profitShare: new Map(investors.map(({ source }) => [source.id, need(`profitShare.${source.id}`)])),
  };
}

/** The waterfall's parameters as key inputs (methodology §11): what the waterfall sheet's formulas read. */
function listWaterfallInputs(deal: Deal): KeyInput[] {
  const w = deal.waterfall;
  const inputs: KeyInput[] = [
    { key: 'waterfall.dsraMonths', zh: '偿债准备金：下一年还本付息的月数', en: 'DSRA: months of next year\'s debt service', value: w.dsra.months, format: 'integer', unit: 'waterfall.dsra.months' },
    { key: 'waterfall.monthsPerYear', zh: '每年月数', en: 'Months per year', value: 12, format: 'integer', unit: 'DSRA target = months / this × next year\'s service' },
    { key: 'waterfall.dsraAtClose', zh: '偿债准备金于建设期末由股东注资（1=是，0=从现金计提）', en: 'DSRA funded at close by the investors (1) or built from cash (0)', value: w.dsra.funding === 'at-close' ? 1 : 0, format: 'flag', unit: 'waterfall.dsra.funding' },
    { key: 'waterfall.mmraBuildUpYears', zh: '大修准备金：提前计提年数', en: 'MMRA: years set aside before each event', value: w.mmra.buildUpYears, format: 'integer', unit: 'waterfall.mmra.buildUpYears' },
  ];
  if (w.lockUp.minDscr !== undefined) {
    inputs.push({ key: 'waterfall.lockUpMinDscr', zh: `分配锁定：偿债备付率低于（${w.lockUp.basis === 'year' ? '当年' : `前 ${w.lockUp.trailingYears} 年平均`}）`, en: `Lock-up below this DSCR (${w.lockUp.basis === 'year' ? 'the year\'s' : `trailing ${w.lockUp.trailingYears}-year average`})`, value: Number(w.lockUp.minDscr), format: 'ratio', unit: 'waterfall.lockUp.minDscr' });
  }
  inputs.push(
    { key: 'waterfall.distributionsOn', zh: '分配应付利润（1=是）', en: 'Distributions paid (1) or cash retained (0)', value: w.distributions.enabled ? 1 : 0, format: 'flag', unit: 'waterfall.distributions.enabled' },
    { key: 'waterfall.payoutRatio', zh: '应付利润分配比例', en: 'Payout ratio of what may be distributed', value: Number(w.distributions.payoutRatio), format: 'share', unit: 'waterfall.distributions.payoutRatio' },
    { key: 'waterfall.shortTermOn', zh: '临时借款弥补资金缺口（1=是）', en: 'Short-term borrowing covers a shortfall (1)', value: w.shortTermBorrowing.enabled ? 1 : 0, format: 'flag', unit: 'waterfall.shortTermBorrowing.enabled' },
    { key: 'waterfall.shortTermRate', zh: '临时借款利率', en: 'Short-term borrowing rate', value: Number(w.shortTermBorrowing.rate), format: 'rate', unit: 'waterfall.shortTermBorrowing.rate' },
  );
  // One share a sweep (methodology §11.11), keyed by its loan so each prepayment formula reads its own.
  for (const [i, sweep] of (w.cashSweep ?? []).entries()) {
    inputs.push({ key: `waterfall.sweepShare.${sweep.sourceId}`, zh: `现金流量扫款比例（提前偿还 ${sweep.sourceId}，${sweep.mode === 'shorten' ? '缩短期限' : '重新摊还'}）`, en: `Cash sweep: share of the year's cash prepaying ${sweep.sourceId} (${sweep.mode})`, value: Number(sweep.share), format: 'share', unit: `waterfall.cashSweep[${i}].share` });
  }
  return inputs;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Every leaf of the deal as [path, value], numbers as numbers; the provenance notes (meta) stay on the cover's side. */
export function flattenInputs(deal: Deal): [string, number | string | boolean][] {
  const out: [string, number | string | boolean][] = [];
  const visit = (value: unknown, path: string) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      if (value.length === 0) out.push([path, '（无 none）']);
      value.forEach((v, i) => visit(v, `${path}[${i}]`));
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) visit(v, path === '' ? k : `${path}.${k}`);
    } else if (typeof value === 'string') {
      out.push([path, NUMERIC.test(value) && !/(^|\.)(id|name|nameEn)$/.test(path) ? Number(value) : value]);
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      out.push([path, value]);
    }
  };
  const { meta: _meta, ...inputs } = deal;
  visit(inputs, '');
  return out;
}
