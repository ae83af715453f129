import { z } from 'zod';
import { count, fenAmount, identifier, integerField, label, openingYear, rate, share, text } from './primitives.js';

/** Capex categories of the national programme: 基础类 / 完善类 / 提升类. */
export const CAPEX_CATEGORIES = ['basic', 'improvement', 'enhancement'] as const;
export const CAPEX_CATEGORY_ZH: Record<(typeof CAPEX_CATEGORIES)[number], string> = {
  basic: '基础类',
  improvement: '完善类',
  enhancement: '提升类',
};

export const UTILITIES = ['water', 'drainage', 'power', 'gas', 'heat', 'telecom'] as const;

/**
 * What a capex item is, with the default depreciation life in years used when the item gives none.
 * Lives follow common practice for fit-out and equipment (5–15 years) and structures (20–40 years);
 * concession assets are in any case written off by the end of operation (methodology §7).
 */
export const CAPEX_KIND_DEFAULT_LIFE = {
  pipeline: 30,
  elevator: 15,
  parking: 20,
  canteen: 10,
  building: 40,
  'neighbourhood-centre': 40,
  'elderly-care': 10,
  childcare: 10,
  landscape: 10,
  road: 20,
  'roof-and-stairwell': 15,
  insulation: 25,
  'smart-security': 5,
  'ev-charging': 10,
  'express-locker': 8,
  'fire-safety': 10,
  other: 10,
} as const;
export type CapexKind = keyof typeof CAPEX_KIND_DEFAULT_LIFE;
export const CAPEX_KINDS = Object.keys(CAPEX_KIND_DEFAULT_LIFE) as [CapexKind, ...CapexKind[]];

/**
 * Who ends up owning the asset. Only `investor` assets are depreciated by the project; assets handed
 * to a utility (pipes, meters) or to the community/government are not the investor's (methodology §5).
 */
export const ASSET_OWNERS = ['investor', 'utility', 'community', 'government'] as const;

/** Default VAT rate on construction works (建筑服务 9%). */
export const DEFAULT_CONSTRUCTION_VAT_RATE = '0.09';

export const capexItemSchema = z.strictObject({
  id: identifier(),
  name: label(),
  category: z.enum(CAPEX_CATEGORIES, { error: 'must be basic (基础类), improvement (完善类) or enhancement (提升类)' }),
  kind: z.enum(CAPEX_KINDS, { error: `must be one of: ${CAPEX_KINDS.join(', ')}` }),
  /** Required for pipeline items: whose network it is. */
  utility: z.enum(UTILITIES, { error: `must be one of: ${UTILITIES.join(', ')}` }).optional(),
  /** Amount in 元 to the 分, VAT-inclusive (what the contractor is paid). */
  amount: fenAmount(),
  /** Share spent in each construction year; defaults to the timeline's phasing. */
  phasing: z.array(share()).min(1).max(5).optional(),
  /**
   * Phased opening (methodology §10.11): the calendar year of construction in which the work enters
   * service, its spending done by then; it is depreciated from that year. Default: after the last
   * construction year.
   */
  openingYear: openingYear().optional(),
  owner: z.enum(ASSET_OWNERS, { error: 'must be investor, utility, community or government' }),
  depreciationYears: integerField(1, 70, 'a depreciation life in years').optional(),
  /**
   * 回收固定资产余值 of this asset at hand-back (元, VAT-exclusive), left undepreciated (methodology §9):
   * per asset, never spread over the others. Investor-owned items only; at most its cost basis.
   */
  residualValue: fenAmount().optional(),
  /** VAT rate contained in the amount; input VAT is credited when the investor owns the asset. */
  inputVatRate: rate().default(DEFAULT_CONSTRUCTION_VAT_RATE),
  /**
   * Works the investor pays for but hands over (e.g. pipes and roads it builds in exchange for the
   * operating rights) are amortised by the project as a concession right (特许经营权) over the
   * operating period when this is true. Ignored for investor-owned assets, which depreciate anyway.
   */
  amortiseAsConcession: z.boolean().default(false),
  /** Whether the input VAT is creditable; defaults to true for investor-owned assets, else false. */
  vatDeductible: z.boolean().optional(),
  /**
   * Revenue streams (ids) this asset is used for (methodology §9, 财税〔2016〕36号 附件1 第二十七条): an
   * asset used only for VAT-exempt services when it enters service (a 助餐 canteen's fit-out while meal
   * aid is exempt) has its input VAT not credited; an asset used for both, or not attributed, is
   * credited in full. `vatDeductible`, when given, overrides this.
   */
  servesStreams: z.array(text(100)).min(1).max(100).optional(),
  /** Pipeline items: the share that is civil works (excavation, backfill), for a civil/equipment utility split (保定). */
  civilWorksShare: share().optional(),
  /** How many units (elevators, chargers…), for information and per-unit figures. */
  units: count(1_000_000, 'a number of units').optional(),
});
export type CapexItem = z.output<typeof capexItemSchema>;

/** Whether an item's input VAT is credited: as the item says, else when the investor owns the asset. */
export function isInputVatDeductible(item: CapexItem): boolean {
  return item.vatDeductible ?? item.owner === 'investor';
}
