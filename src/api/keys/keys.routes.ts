import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../db/schema.js';
import { SECURITY } from '../schemas/common-schemas.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export const keyInputSchema = z
  .strictObject({
    role: z.enum(ROLES, { error: `must be one of: ${ROLES.join(', ')}` }).openapi({ example: 'reviewer' }),
    label: z.string({ error: 'must be a text' }).trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }).optional().openapi({ example: '国开行 审贷 张三' }),
    expiresAt: z
      .string({ error: 'must be a date and time, e.g. 2027-01-01T00:00:00Z' })
      .refine((text) => ISO_INSTANT.test(text) && !Number.isNaN(Date.parse(text)), { error: 'must be a date and time with its offset, e.g. 2027-01-01T00:00:00Z or 2027-01-01T08:00:00+08:00' })
      .optional()
      .openapi({ example: '2027-01-01T00:00:00Z', description: 'From this instant the key is refused (401). Omitted: it does not expire.' }),
  })
  .openapi('KeyInput');

export const keySchema = z
  .object({
    id: z.string().openapi({ example: 'key_0a1b2c3d4e5f6071' }),
    role: z.enum(ROLES),
    organisation: z.string(),
    label: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable().openapi({ description: 'Last request made with the key, to the minute.' }),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    status: z.enum(['active', 'expired', 'revoked']),
  })
  .openapi('Key', { description: 'A key as it may be told: never its secret, never its hash.' });

const tags = ['Keys'];
const adminOnly = 'Role admin; the keys of your own organisation only. Making an organisation and its first admin key stays a command-line step on the server (`npm run cli -- keys create --org <name> --role admin`).';
const keyIdParams = z.object({ keyId: z.string().min(1).max(100).openapi({ param: { name: 'keyId', in: 'path' }, example: 'key_0a1b2c3d4e5f6071' }) });

export const createKeyRoute = createRoute({
  method: 'post', path: '/keys', tags, security: SECURITY,
  summary: 'Create a key of your organisation; the secret is in this answer only',
  description: `${adminOnly} Only the key's hash is stored: the \`key\` of this answer cannot be shown again. Recorded in the audit log (key.created).`,
  request: { body: { required: true, content: { 'application/json': { schema: keyInputSchema } } } },
  responses: {
    201: { description: 'Created; `key` is the secret, shown this once', content: { 'application/json': { schema: keySchema.extend({ key: z.string().openapi({ example: 'rcp_6tH3zYa96dqpmeSWNXALWo9hQ1juldqtbUwF1U1_rkA' }) }).openapi('NewKey') } } },
    ...describeProblemResponses(403, 415, 422),
  },
});

export const listKeysRoute = createRoute({
  method: 'get', path: '/keys', tags, security: SECURITY,
  summary: 'The keys of your organisation: role, label, created, last used, expiry, state',
  description: adminOnly,
  responses: { 200: { description: 'The keys, oldest first', content: { 'application/json': { schema: z.object({ items: z.array(keySchema) }) } } }, ...describeProblemResponses(403) },
});

export const revokeKeyRoute = createRoute({
  method: 'delete', path: '/keys/{keyId}', tags, security: SECURITY,
  summary: 'Revoke a key: every request with it is 401 from now on',
  description: `${adminOnly} Revoking a revoked key is no error. Your organisation's last active admin key is not revoked (409). Recorded in the audit log (key.revoked).`,
  request: { params: keyIdParams },
  responses: { 204: { description: 'Revoked' }, ...describeProblemResponses(403, 404, 409) },
});
