import type { RouteHandler } from '@hono/zod-openapi';
import { findKeyOrganisationId } from '../../db/api-keys.js';
import { findTermSheetLink, listTermSheetLinks, revokeTermSheetLink } from '../../db/term-sheet-links.js';
import { describeChange } from '../access/deal-access.js';
import type { AppEnv } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';
import { readLinkGrant } from './link-token.js';
import type { listTermSheetLinksRoute, revokeTermSheetLinkRoute } from './manage-links.routes.js';

export const listOrganisationLinks: RouteHandler<typeof listTermSheetLinksRoute, AppEnv> = async (c) => {
  const { principal, deps } = c.var;
  const { limit, offset, deal, status } = c.req.valid('query');
  const page = await listTermSheetLinks(
    deps.db,
    { organisationId: principal.organisationId, keyId: principal.role === 'admin' ? undefined : principal.keyId, dealId: deal, status: status === 'all' ? undefined : status },
    deps.clock().toISOString(),
    { limit, offset },
  );
  return c.json({ ...page, limit, offset }, 200);
};

/**
 * Revoke a link named by its id or its token. A link of another organisation, or a token that does
 * not verify, is 404 (never 403: nothing is told about what the caller may not see).
 */
export const revokeOneLink: RouteHandler<typeof revokeTermSheetLinkRoute, AppEnv> = async (c) => {
  const { principal, deps } = c.var;
  const named = c.req.valid('param').token;
  const change = describeChange(c);
  const notFound = () => new ApiProblem('NOT_FOUND', { what: 'term-sheet-link', id: named.length > 100 ? `${named.slice(0, 60)}…` : named });
  let linkId = named;
  if (!named.startsWith('lnk_')) {
    const grant = readLinkGrant(named, deps.config.linkSigningSecret);
    if (!grant) throw notFound();
    if (grant.linkId === undefined) {
      // No record to mark: only its key's organisation is told how it can be stopped.
      if ((await findKeyOrganisationId(deps.db, grant.keyId)) !== principal.organisationId) throw notFound();
      throw new ApiProblem('LINK_NOT_REVOCABLE', { expiresAt: new Date(grant.expiresAtMs).toISOString() });
    }
    linkId = grant.linkId;
  }
  const link = await findTermSheetLink(deps.db, linkId, change.at);
  if (!link || link.organisationId !== principal.organisationId) throw notFound();
  if (principal.role !== 'admin' && link.createdByKeyId !== principal.keyId) throw new ApiProblem('LINK_OF_ANOTHER_KEY', { id: link.id });
  await revokeTermSheetLink(deps.db, link.id, change);
  return c.body(null, 204);
};
