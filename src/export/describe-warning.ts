import type { Warning } from '../engine/warnings.js';

/**
 * An engine warning as a reader's sentence (issue 18: words, not codes): what it means in Chinese,
 * the engine's English beside it, every 元 amount of the message restated in 万元 (the cover's unit),
 * and what the path points at in words. The code and path stay available to modellers in a narrow
 * column; a code this table does not know reads its English message alone.
 */
const MEANING_ZH: Record<string, string> = {
  NO_IRR: '现金流没有内部收益率（流量不变号或无解）',
  MULTIPLE_IRR: '现金流有多个内部收益率，所示为最接近折现率者',
  PAYBACK_NOT_REACHED: '计算期内未能收回投资',
  PAYBACK_REVERSED: '累计现金流回正后又转负，回收期按最后一次回正计',
  LOSS_YEARS: '运营期内有亏损年份（利润总额为负）',
  TAX_LOSSES_EXPIRED: '可弥补亏损超过结转年限而失效',
  VAT_CREDIT_UNUSED: '运营期末仍有未抵扣的进项税额',
  ASSET_LIFE_SHORTER_THAN_OPERATION: '资产折旧年限短于运营期，需安排更新改造',
  TAX_INCENTIVE_ENDS: '社区养老托育家政等税收优惠到期，其后按适用税率纳税',
  SOURCE_NOT_USED: '该资金来源部分未被使用（债务不超需求放款）',
  SUBSIDISED_INVESTOR_ASSET: '投资人所有的资产部分由居民、管线单位或捐赠资金支付，折旧抵税可能高估',
  STARTS_BEFORE_AS_OF: '建设起始年早于测算基准日，数据为自起始年的预测',
  SURVIVAL_FAILS: '财务计划累计盈余出现负数，不满足财务生存能力',
  DSCR_BELOW_MINIMUM: '偿债备付率低于约定下限',
  DSCR_BELOW_HARD_MINIMUM: '偿债备付率低于硬性下限',
  ICR_BELOW_MINIMUM: '利息备付率低于约定下限',
  BOND_COVERAGE_BELOW_MINIMUM: '专项债券本息覆盖倍数低于约定下限',
  DEBT_COVERAGE_BELOW_MINIMUM: '全部债务本息覆盖倍数低于约定下限',
  EQUITY_BELOW_MINIMUM: '项目资本金比例低于最低要求',
  FACILITY_DSCR_BELOW_MINIMUM: '该笔融资按偿付顺序计算的偿债备付率低于其约定下限',
  FACILITY_LLCR_BELOW_MINIMUM: '该笔融资的贷款期偿债覆盖率低于其约定下限',
};

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
  const zh = MEANING_ZH[w.code];
  const years = w.years && w.years.length > 0 ? `（${w.years.join('、')} 年 years）` : '';
  const sentence = zh ? `${zh}${years}。${english}` : `${english}${years}`;
  const concerns = PLACE_ZH.find(([pattern]) => pattern.test(w.path))?.[1] ?? '';
  return { sentence: keepSignsWithFigures(sentence), concerns };
}
