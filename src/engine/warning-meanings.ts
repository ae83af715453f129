/**
 * Every code the engine emits (a warning or a problem: src/engine/**, grep `code:`) as a reader's
 * words: the Chinese sentence first, the English beside. One table for the term sheet (PDF and
 * workbook, src/export/describe-warning.ts) and the workbench (web/src/lib/deal-labels.ts), so the two
 * never word a warning differently; tests/engine/warning-meanings.test.ts fails when the engine gets a
 * code this table does not describe. Pure data: no imports, so the browser bundle may take it as is.
 */
export const WARNING_MEANINGS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  NO_IRR: ['现金流没有内部收益率（流量不变号或无解）', 'No IRR exists (the flows never change sign, or no root)'],
  MULTIPLE_IRR: ['现金流有多个内部收益率，所示为最接近折现率者', 'More than one IRR: the one nearest the discount rate is shown'],
  PAYBACK_NOT_REACHED: ['计算期内未能收回投资', 'The investment is not recovered within the period'],
  PAYBACK_REVERSED: ['累计现金流回正后又转负，回收期按最后一次回正计', 'The cumulative cash flow turns negative again after payback; payback counts from the last turn'],
  LOSS_YEARS: ['运营期内有亏损年份（利润总额为负）', 'Loss in some operating years (profit before tax below zero)'],
  TAX_LOSSES_EXPIRED: ['可弥补亏损超过结转年限而失效', 'Some tax losses expire unused'],
  VAT_CREDIT_UNUSED: ['运营期末仍有未抵扣的进项税额', 'Input VAT credit left unused at the end of operation'],
  ASSET_LIFE_SHORTER_THAN_OPERATION: ['资产折旧年限短于运营期，需安排更新改造', 'An asset\'s life is shorter than operation: it needs replacing'],
  TAX_INCENTIVE_ENDS: ['社区养老托育家政等税收优惠到期，其后按适用税率纳税', 'A tax incentive ends during operation; the standard rate applies after it'],
  SOURCE_NOT_USED: ['该资金来源部分未被使用（债务不超需求放款）', 'A funding source is partly not used (debt never lends above the need)'],
  SUBSIDISED_INVESTOR_ASSET: ['投资人所有的资产部分由居民、管线单位或捐赠资金支付，折旧抵税可能高估', 'An investor-owned asset is partly paid by residents, utilities or donors: its depreciation may overstate the tax shield'],
  STARTS_BEFORE_AS_OF: ['建设起始年早于测算基准日，数据为自起始年的预测', 'The deal starts before the as-of date: figures are a projection from the start year'],
  SURVIVAL_FAILS: ['财务计划累计盈余出现负数，不满足财务生存能力', 'Financial survival fails: the cumulative surplus goes negative'],
  DSCR_BELOW_MINIMUM: ['偿债备付率低于约定下限', 'Debt service cover below its covenant'],
  DSCR_BELOW_HARD_MINIMUM: ['偿债备付率低于硬性下限', 'Debt service cover below its hard minimum'],
  ICR_BELOW_MINIMUM: ['利息备付率低于约定下限', 'Interest cover below its covenant'],
  BOND_COVERAGE_BELOW_MINIMUM: ['专项债券本息覆盖倍数低于约定下限', 'Special-bond coverage below its covenant'],
  DEBT_COVERAGE_BELOW_MINIMUM: ['全部债务本息覆盖倍数低于约定下限', 'Coverage of all debt below its covenant'],
  EQUITY_BELOW_MINIMUM: ['项目资本金比例低于最低要求', 'Project capital ratio below the minimum'],
  FACILITY_DSCR_BELOW_MINIMUM: ['该笔融资按偿付顺序计算的偿债备付率低于其约定下限', 'A facility\'s own DSCR (after the order of service) below its covenant'],
  FACILITY_LLCR_BELOW_MINIMUM: ['该笔融资的贷款期偿债覆盖率低于其约定下限', 'A facility\'s own LLCR below its covenant'],
  BOND_ISSUER_TOP_UP: ['专项债券偿债资金账户不足以支付当年本息，由财政补足', 'The bond\'s repayment account cannot pay its service; the issuer tops it up'],
  BOND_NOT_EARMARKED: ['专项债券未指定对应的专项收入，覆盖倍数按项目全部偿债收入计算，不是自求平衡检验', 'The bond names no earmarked income: its coverage counts all debt-service income and is not a self-balancing test'],
  PLANNED_BATCH_ASSUMED: ['专项债券有批次尚未发行，其金额、日期和票面利率为假设', 'A bond batch is not yet issued: its amount, date and coupon are assumptions'],
  UNFUNDED: ['资金缺口：部分投资无资金来源', 'Funding gap: part of the investment has no source'],
  OVER_FUNDED: ['资金来源超过投资需求', 'Sources exceed the investment'],
  SOURCE_OVERCOMMITTED: ['资金来源被超额分配', 'A funding source is over-committed'],
  FINANCING_DID_NOT_CONVERGE: ['融资测算（税费、债券覆盖与债务规模）未收敛', 'The financing calculation (tax, bond cover and debt sizing) did not converge'],
  WATERFALL_DID_NOT_CONVERGE: ['现金流分配顺序测算（提前还款或临时借款及其利息）未收敛', 'The cash waterfall (sweep or short-term borrowing and its interest) did not converge'],
  FORMULA_RESULT_INVALID: ['自定义收入公式的结果不是有效金额（应为 0 至上限之间的元数）', 'A revenue formula gives no valid amount (0 to the limit, in 元)'],
  INVALID_AS_OF: ['测算基准日不是有效日期（应为 YYYY-MM-DD）', 'The as-of date is not a valid date (YYYY-MM-DD)'],
};
