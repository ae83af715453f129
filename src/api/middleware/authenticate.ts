import { createMiddleware } from 'hono/factory';
import { findPrincipalByKey } from '../../db/api-keys.js';
import { admitKey } from '../../db/key-lifecycle.js';
import type { AppEnv } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="api"' };

/** `Authorization: Bearer <key>` → the key's organisation and role, or 401 (unknown, revoked or expired key). */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  // A signed link (term-sheet-links/authenticate-link.ts) has already named who the request acts as.
  if (c.get('principal') !== undefined) return next();
  const header = c.req.header('authorization');
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new ApiProblem('UNAUTHORIZED', { reason: 'missing' }, { headers: CHALLENGE });
  const { db, clock, config } = c.var.deps;
  const principal = await findPrincipalByKey(db, match[1]!, config.apiKeySecret);
  if (!principal || !await admitKey(db, principal.keyId, clock(), config.keyLastUsedResolutionMs)) {
    throw new ApiProblem('UNAUTHORIZED', { reason: 'invalid' }, { headers: { 'WWW-Authenticate': 'Bearer realm="api", error="invalid_token"' } });
  }
  c.set('principal', principal);
  await next();
});
