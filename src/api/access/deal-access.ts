import type { Context } from 'hono';
import type { Principal } from '../../db/api-keys.js';
import { findVisibleDeal, type DealHead } from '../../db/deals.js';
import type { Role } from '../../db/schema.js';
import type { AppEnv } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';

/** Roles that create and change deals, scenarios and shares (DESIGN.md "HTTP contract"). */
export const WRITER_ROLES: readonly Role[] = ['admin', 'modeler'];

export function requireRole(principal: Principal, allowed: readonly Role[]): void {
  if (!allowed.includes(principal.role)) throw new ApiProblem('FORBIDDEN_ROLE', { role: principal.role, allowed });
}

/** A deal the caller's organisation owns or has been shared; 404 for anything else, never 403. */
export async function loadVisibleDeal(c: Context<AppEnv>, dealId: string): Promise<DealHead> {
  const deal = await findVisibleDeal(c.var.deps.db, dealId, c.var.principal.organisationId);
  if (!deal) throw new ApiProblem('NOT_FOUND', { what: 'deal', id: dealId });
  return deal;
}

/**
 * A deal the caller may change: visible (else 404), owned by the caller's organisation (a share is
 * read-only: 403), a writer role (403), and unless `archivedIsFine`, not archived (409).
 */
export async function loadChangeableDeal(c: Context<AppEnv>, dealId: string, options: { archivedIsFine?: boolean } = {}): Promise<DealHead> {
  const deal = await loadVisibleDeal(c, dealId);
  if (deal.access !== 'owner') throw new ApiProblem('READ_ONLY_SHARE', { id: deal.id, owner: deal.owner });
  requireRole(c.var.principal, WRITER_ROLES);
  if (deal.archivedAt !== null && !options.archivedIsFine) throw new ApiProblem('DEAL_ARCHIVED', { id: deal.id });
  return deal;
}

/** Who and when, for a change the caller makes. */
export function describeChange(c: Context<AppEnv>) {
  return { organisationId: c.var.principal.organisationId, actorKeyId: c.var.principal.keyId, at: c.var.deps.clock().toISOString() };
}
