import { z } from 'zod';
import { identifier, rate, share } from './primitives.js';

/**
 * Default 施工利润率: the builder's profit before income tax as a share of the contract value excluding
 * VAT (methodology §9.8). 5% is the low end of the 5%–8% 利润 commonly priced into 建筑安装工程费
 * (建标〔2013〕44号 lists 利润 as one of its components): a lender's conservative default.
 */
export const DEFAULT_CONSTRUCTION_PROFIT_MARGIN = '0.05';

/**
 * 施工利润 of an investor that also builds (鲁谷 一本账, methodology §9.8): an optional line beside the
 * equity's flows, never revenue of the project entity (its contract price is already in 建设投资).
 */
export const constructionProfitSchema = z.strictObject({
  /** Profit before income tax ÷ contract value excluding VAT. */
  margin: share().default(DEFAULT_CONSTRUCTION_PROFIT_MARGIN),
  /** Capex items (ids) the investor builds, whoever pays for them; every item when omitted. */
  items: z.array(identifier()).min(1).max(500).optional(),
  /** Income-tax rate of the builder on this profit; the deal's tax.incomeTaxRate when omitted. */
  incomeTaxRate: rate().optional(),
});
export type ConstructionProfitInput = z.output<typeof constructionProfitSchema>;
