import type { Warning } from '../engine/warnings.js';
import { WARNING_MEANINGS } from '../engine/warning-meanings.js';

/**
 * An engine warning as a reader's sentence (issue 18: words, not codes): what it means in Chinese,
 * the engine's English beside it, every 元 amount of the message restated in 万元 (the cover's unit),
 * and what the path points at in words. The code and path stay available to modellers in a narrow
 * column; a code the shared table (src/engine/warning-meanings.ts) does not know reads its English
 * message alone.
 */

/** What a warning's path points at, by its leading segments. */
const PLACE_ZH: ReadonlyArray<readonly [RegExp, string]> = [
  [/^metrics\.projectIrrPreTax/, '项目投资财务内部收益率（税前） project IRR before tax'],
  [/^metrics\.projectIrrAfterTax/, '项目投资财务内部收益率（税后） project IRR after tax'],
  [/^metrics\.equityIrr/, '项目资本金内部收益率 equity IRR'],
  [/^metrics\.paybackStaticYears/, '静态投资回收期 static payback'],
  [/^metrics\.paybackDynamicYears/, '动态投资回收期 dynamic payback'],
  [/^statements\.profitAndLoss/, '利润与利润分配表 profit and loss'],
  [/^statements\.financialPlan/, '财务计划现金流量表 financial plan'],
  [/^statements\.debtService|^metrics\.(min|avg)?Dscr|dscr/i, '借款还本付息计划表 debt service'],
  [/^schedules\.vat/, '增值税 VAT'],
  [/^capex/, '建设投资 capex'],
  [/^revenue/, '运营收入 revenue'],
  [/^funding/, '资金筹措 funding'],
  [/^timeline/, '计算期 timeline'],
];

export interface WarningText {
  /** Chinese sentence, English beside, amounts in 万元. */
  sentence: string;
  /** What the warning concerns, in words. */
  concerns: string;
}

/** 元 amounts written by the engine ("1234.56 元") restated in 万元 to two decimals with separators. */
export function restateYuanInWan(text: string): string {
  return text.replace(/(-?\d+(?:\.\d+)?) 元/g, (_, yuan: string) => `${formatWan(Number(yuan) / 10_000)} 万元`);
}

/** A 万元 amount to two decimals with thousands separators. */
export function formatWan(wan: number): string {
  return wan.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/**
 * A minus sign that stays with its figure: a hyphen-minus before a digit (at the start, after a space
 * or an opening bracket) becomes U+2212 MINUS SIGN, at which a wrapped cell never breaks a line — with
 * "-" it may, and "ICR -" at one line's end and "0.18" at the next's start reads as a positive figure.
 */
export function keepSignsWithFigures(text: string): string {
  return text.replace(/(^|[\s(（<>=])-(?=\d)/g, '$1\u2212');
}

export function describeWarning(w: Warning): WarningText {
  const english = restateYuanInWan(w.message);
  const zh = WARNING_MEANINGS[w.code]?.[0];
  const years = w.years && w.years.length > 0 ? `（${w.years.join('、')} 年 years）` : '';
  const sentence = zh ? `${zh}${years}。${english}` : `${english}${years}`;
  const concerns = PLACE_ZH.find(([pattern]) => pattern.test(w.path))?.[1] ?? '';
  return { sentence: keepSignsWithFigures(sentence), concerns };
}
