import { createMiddleware } from 'hono/factory';
import { findWorkingPrincipalById } from '../../db/api-keys.js';
import { findTermSheetLink } from '../../db/term-sheet-links.js';
import type { AppEnv } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';
import { readLinkGrant } from './link-token.js';

/**
 * A signed link instead of a key (GET /term-sheet-links/{token}): the signature must hold (else 403
 * LINK_INVALID, whatever was changed), then its record must not be revoked (410 LINK_REVOKED; a link
 * whose record is gone is 403), then the time (410 LINK_EXPIRED), then the key that made it must
 * still work (403). Links made before they had a record carry no id and are checked without it. The request then acts as that key — its organisation and role — so the
 * link never shows more than its maker could see now. Runs before `authenticate`, which it satisfies.
 */
export const authenticateLink = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
  const { db, clock, config } = c.var.deps;
  const grant = readLinkGrant(c.req.param('token') ?? '', config.linkSigningSecret);
  if (!grant) throw new ApiProblem('LINK_INVALID', {});
  const now = clock();
  if (grant.linkId !== undefined) {
    const link = await findTermSheetLink(db, grant.linkId, now.toISOString());
    if (!link || link.createdByKeyId !== grant.keyId) throw new ApiProblem('LINK_INVALID', {});
    if (link.revokedAt !== null) throw new ApiProblem('LINK_REVOKED', { revokedAt: link.revokedAt });
  }
  if (now.getTime() >= grant.expiresAtMs) throw new ApiProblem('LINK_EXPIRED', { expiredAt: new Date(grant.expiresAtMs).toISOString() });
  const principal = await findWorkingPrincipalById(db, grant.keyId, now.toISOString());
  if (!principal) throw new ApiProblem('LINK_INVALID', {});
  c.set('principal', principal);
  await next();
});
