import type { RouteHandler } from '@hono/zod-openapi';
import { ensureOrganisation, findOrganisationByName } from '../../db/organisations.js';
import { listShares, shareDeal, unshareDeal } from '../../db/shares.js';
import { describeChange, loadChangeableDeal, loadVisibleDeal } from '../access/deal-access.js';
import type { AppEnv } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';
import { checkShareLimits } from './check-share-limits.js';
import type { createShareRoute, deleteShareRoute, listSharesRoute } from './shares.routes.js';

const invalidOrganisation = (code: string, message: string) =>
  new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: 1 }, { errors: [{ path: 'organisation', code, message }] });

export const createOneShare: RouteHandler<typeof createShareRoute, AppEnv> = async (c) => {
  const deal = await loadChangeableDeal(c, c.req.valid('param').id);
  const name = c.req.valid('json').organisation;
  // No answer tells whether an organisation exists (an existence oracle): a name not known yet is
  // registered with the share, as `keys create --org` would, and sees the deal once it has keys.
  const change = describeChange(c);
  const own = c.var.principal.organisationId;
  const known = await findOrganisationByName(c.var.deps.db, name);
  if (known?.id === own) throw invalidOrganisation('OWN_ORGANISATION', 'your organisation owns the deal already');
  const alreadyShared = await listShares(c.var.deps.db, deal.id);
  if (!alreadyShared.some((s) => s.organisation === name)) {
    await checkShareLimits(c.var.deps.db, c.var.deps.config, { scope: 'deal', sharesOfSubject: alreadyShared.length, organisationId: own, withName: name });
  }
  const organisation = known ?? (await ensureOrganisation(c.var.deps.db, name, change.at, c.var.principal.keyId)).organisation;
  const created = await shareDeal(c.var.deps.db, deal.id, organisation.id, change);
  const share = (await listShares(c.var.deps.db, deal.id)).find((s) => s.organisation === name)!;
  return created ? c.json(share, 201) : c.json(share, 200);
};

export const listDealShares: RouteHandler<typeof listSharesRoute, AppEnv> = async (c) => {
  const deal = await loadVisibleDeal(c, c.req.valid('param').id);
  if (deal.access !== 'owner') throw new ApiProblem('READ_ONLY_SHARE', { id: deal.id, owner: deal.owner });
  return c.json({ items: await listShares(c.var.deps.db, deal.id) }, 200);
};

export const deleteOneShare: RouteHandler<typeof deleteShareRoute, AppEnv> = async (c) => {
  const { id, organisation: name } = c.req.valid('param');
  const deal = await loadChangeableDeal(c, id, { archivedIsFine: true });
  const organisation = await findOrganisationByName(c.var.deps.db, name);
  if (!organisation || !await unshareDeal(c.var.deps.db, deal.id, organisation.id, describeChange(c))) {
    throw new ApiProblem('NOT_FOUND', { what: 'share', id: `${deal.id} → ${name}` });
  }
  return c.body(null, 204);
};
