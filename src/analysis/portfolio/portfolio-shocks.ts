import { z } from 'zod';
import type { Deal } from '../../deal/deal-schema.js';
import { D } from '../../finance/decimal.js';
import { formatDecimal } from '../edits/format-decimal.js';
import { applyChanges, type Driver } from '../drivers.js';
import { caseListSchema, changeSchema, type StressCase } from '../stress-pack.js';

/**
 * The drivers a portfolio shock may move: those that mean the same for every member (methodology
 * §10.12). A stream's price or volume is one deal's and has no meaning across a province's deals.
 */
export const PORTFOLIO_DRIVERS = ['revenue', 'capex', 'opex', 'interest-rate', 'interest-rate-shift', 'construction-delay', 'operating-period'] as const;

/**
 * The standard province-scale shocks (PFRAM-style, methodology §10.12): demand −20% on every revenue
 * stream, rates +100bp on every loan and bond, a year's delay of construction (so of operations),
 * capex +10%, and the four together.
 */
export const DEFAULT_PORTFOLIO_SHOCKS: StressCase[] = [
  { id: 'demand-20', name: '需求 −20% (demand −20% on every revenue stream)', changes: [{ driver: { driver: 'revenue' }, change: -0.2 }] },
  { id: 'rate+100bp', name: '利率 +100bp (every loan and bond +100bp)', changes: [{ driver: { driver: 'interest-rate-shift' }, change: 0.01 }] },
  { id: 'delay-1y', name: '延期一年 (operations a year late)', changes: [{ driver: { driver: 'construction-delay' }, change: 1 }] },
  { id: 'capex+10', name: '投资 +10% (capex +10%)', changes: [{ driver: { driver: 'capex' }, change: 0.1 }] },
  {
    id: 'combined',
    name: '综合冲击 (combined: demand −20%, rates +100bp, a year late, capex +10%)',
    changes: [
      { driver: { driver: 'revenue' }, change: -0.2 },
      { driver: { driver: 'interest-rate-shift' }, change: 0.01 },
      { driver: { driver: 'construction-delay' }, change: 1 },
      { driver: { driver: 'capex' }, change: 0.1 },
    ],
  },
];

const shockChangeSchema = changeSchema.superRefine((c, ctx) => {
  if (!(PORTFOLIO_DRIVERS as readonly string[]).includes(c.driver.driver)) {
    ctx.addIssue({ code: 'custom', path: ['driver', 'driver'], message: `a portfolio shock moves every member alike: ${PORTFOLIO_DRIVERS.join(', ')} (not ${c.driver.driver}, which names one deal's stream)` });
  }
});

export const portfolioStressRequestSchema = z.strictObject({
  /** Shocks in place of the standard set (DEFAULT_PORTFOLIO_SHOCKS): the stress pack's cases, bounds and all (caseListSchema), on drivers every member has. */
  shocks: caseListSchema(shockChangeSchema).optional(),
});
export type PortfolioStressRequest = z.output<typeof portfolioStressRequestSchema>;

/** The shocks of a request: the standard set when it names none. */
export function readPortfolioShocks(request: PortfolioStressRequest): StressCase[] {
  if (!request.shocks) return DEFAULT_PORTFOLIO_SHOCKS;
  return request.shocks.map((s) => ({ id: s.id, name: s.name, changes: s.changes.map((c) => ({ driver: c.driver as Driver, change: Number(c.change) })) }));
}

/**
 * A member's deal under a shock: the changes applied as the stress pack applies them (drivers.ts), and a
 * rate shift moved onto every special bond's coupon as well (each batch's, or the single source's), so
 * "+100bp" reaches every loan and bond the member has (methodology §10.12). Coupons stay ≥ 0.
 */
export function applyShock(deal: Deal, changes: StressCase['changes']): Deal {
  const next = applyChanges(deal, changes);
  const shift = changes.filter((c) => c.driver.driver === 'interest-rate-shift').reduce((s, c) => s.plus(c.change), new D(0));
  if (shift.isZero()) return next;
  const move = (rate: string) => formatDecimal(D.max(0, new D(rate).plus(shift)));
  for (const source of next.funding.sources) {
    if (source.kind !== 'special-bond') continue;
    if (source.couponRate !== undefined) source.couponRate = move(source.couponRate);
    for (const batch of source.batches ?? []) batch.couponRate = move(batch.couponRate);
  }
  return next;
}
