import { z } from 'zod';
import { amount, integerField, rate, share } from './primitives.js';

/** Tax parameters; defaults are methodology §7's. Every rate is a decimal (0.25, not 25). */
export const taxSchema = z.strictObject({
  incomeTaxRate: rate().default('0.25'),
  /** 城市维护建设税 on VAT paid: 7% in cities, 5% in counties and towns, 1% elsewhere. */
  urbanMaintenanceRate: rate().default('0.07'),
  /** 教育费附加. */
  educationSurchargeRate: rate().default('0.03'),
  /** 地方教育附加. */
  localEducationSurchargeRate: rate().default('0.02'),
  lossCarryForwardYears: integerField(0, 10, 'a number of years').default(5),
  /** Share of community-care income counted for income tax (公告2019年第76号: 90%). */
  communityCareIncomeShare: share().default('0.9'),
  /** Last calendar year the community-care incentive applies (extended to 2027-12-31). */
  communityCareIncentiveUntilYear: integerField(2019, 2100, 'a calendar year').default(2027),
  /** 法定盈余公积 as a share of net profit after making good earlier losses. */
  statutoryReserveRate: rate().default('0.1'),
  /**
   * 注册资本 for the 50% stop of the statutory reserve (公司法 2023 第210条, methodology §9); default
   * the deal's 项目资本金 (investors' equity, 资本金注入 grants and the bond part counted as capital).
   */
  registeredCapital: amount().optional(),
  /**
   * 调整所得税 = EBIT × rate (methodology §3). With `true` (default) EBIT losses are carried forward as
   * for the real income tax, so the adjusted tax is never negative; `false` taxes each year's EBIT
   * alone, floored at zero.
   */
  adjustedTaxUsesLossCarryForward: z.boolean().default(true),
});
export type TaxParameters = z.output<typeof taxSchema>;
