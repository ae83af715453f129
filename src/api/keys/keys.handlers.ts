import type { RouteHandler } from '@hono/zod-openapi';
import { issueKey, listKeys, revokeKey } from '../../db/key-lifecycle.js';
import { describeChange, requireRole } from '../access/deal-access.js';
import type { AppEnv } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';
import type { createKeyRoute, listKeysRoute, revokeKeyRoute } from './keys.routes.js';

const ADMIN = ['admin'] as const;

export const createOneKey: RouteHandler<typeof createKeyRoute, AppEnv> = async (c) => {
  requireRole(c.var.principal, ADMIN);
  const input = c.req.valid('json');
  const change = describeChange(c);
  const expiresAt = input.expiresAt === undefined ? null : new Date(input.expiresAt).toISOString();
  if (expiresAt !== null && expiresAt <= change.at) {
    throw new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: 1 }, { errors: [{ path: 'expiresAt', code: 'IN_THE_PAST', message: `must be later than now (${change.at})` }] });
  }
  const { key, description } = await issueKey(c.var.deps.db, { role: input.role, label: input.label ?? null, expiresAt }, change, c.var.deps.config.apiKeySecret);
  c.header('Cache-Control', 'no-store');
  c.header('Location', `/api/v1/keys/${description.id}`);
  return c.json({ ...description, key }, 201);
};

export const listOrganisationKeys: RouteHandler<typeof listKeysRoute, AppEnv> = async (c) => {
  requireRole(c.var.principal, ADMIN);
  return c.json({ items: await listKeys(c.var.deps.db, c.var.principal.organisationId, c.var.deps.clock().toISOString()) }, 200);
};

export const revokeOneKey: RouteHandler<typeof revokeKeyRoute, AppEnv> = async (c) => {
  requireRole(c.var.principal, ADMIN);
  const { keyId } = c.req.valid('param');
  const outcome = await revokeKey(c.var.deps.db, keyId, describeChange(c));
  if (!outcome.ok) {
    if (outcome.reason === 'last-admin') throw new ApiProblem('LAST_ADMIN_KEY', { id: keyId });
    throw new ApiProblem('NOT_FOUND', { what: 'key', id: keyId });
  }
  return c.body(null, 204);
};
