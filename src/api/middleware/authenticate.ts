import { createMiddleware } from 'hono/factory';
import { findPrincipalByKey } from '../../db/api-keys.js';
import type { AppEnv } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="api"' };

/** `Authorization: Bearer <key>` → the key's organisation and role, or 401. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization');
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new ApiProblem('UNAUTHORIZED', { reason: 'missing' }, { headers: CHALLENGE });
  const principal = findPrincipalByKey(c.var.deps.db, match[1]!);
  if (!principal) throw new ApiProblem('UNAUTHORIZED', { reason: 'invalid' }, { headers: { 'WWW-Authenticate': 'Bearer realm="api", error="invalid_token"' } });
  c.set('principal', principal);
  await next();
});
