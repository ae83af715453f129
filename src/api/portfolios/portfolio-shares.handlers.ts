import type { RouteHandler } from '@hono/zod-openapi';
import { ensureOrganisation, findOrganisationByName } from '../../db/organisations.js';
import { listPortfolioShares, sharePortfolio, unsharePortfolio } from '../../db/portfolio-shares.js';
import { checkShareLimits } from '../shares/check-share-limits.js';
import { describeChange } from '../access/deal-access.js';
import type { AppEnv } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';
import type { createPortfolioShareRoute, deletePortfolioShareRoute, listPortfolioSharesRoute } from './portfolio-shares.routes.js';
import { loadChangeablePortfolio, loadPortfolio } from './portfolios.handlers.js';

const invalidOrganisation = (code: string, message: string) =>
  new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: 1 }, { errors: [{ path: 'organisation', code, message }] });

export const createOnePortfolioShare: RouteHandler<typeof createPortfolioShareRoute, AppEnv> = async (c) => {
  const portfolio = await loadChangeablePortfolio(c, c.req.valid('param').id);
  const name = c.req.valid('json').organisation;
  // No answer tells whether an organisation exists (an existence oracle): a name not known yet is
  // registered with the share, as `keys create --org` would, and sees the portfolio once it has keys.
  const change = describeChange(c);
  const own = c.var.principal.organisationId;
  const known = await findOrganisationByName(c.var.deps.db, name);
  if (known?.id === own) throw invalidOrganisation('OWN_ORGANISATION', 'your organisation owns the portfolio already');
  const alreadyShared = await listPortfolioShares(c.var.deps.db, portfolio.id);
  if (!alreadyShared.some((s) => s.organisation === name)) {
    await checkShareLimits(c.var.deps.db, c.var.deps.config, { scope: 'portfolio', sharesOfSubject: alreadyShared.length, organisationId: own, withName: name });
  }
  const organisation = known ?? (await ensureOrganisation(c.var.deps.db, name, change.at, c.var.principal.keyId)).organisation;
  const created = await sharePortfolio(c.var.deps.db, portfolio.id, organisation.id, change);
  const share = (await listPortfolioShares(c.var.deps.db, portfolio.id)).find((s) => s.organisation === name)!;
  return created ? c.json(share, 201) : c.json(share, 200);
};

export const listOnePortfolioShares: RouteHandler<typeof listPortfolioSharesRoute, AppEnv> = async (c) => {
  const portfolio = await loadPortfolio(c, c.req.valid('param').id);
  if (portfolio.access !== 'owner') throw new ApiProblem('READ_ONLY_PORTFOLIO_SHARE', { id: portfolio.id, owner: portfolio.owner });
  return c.json({ items: await listPortfolioShares(c.var.deps.db, portfolio.id) }, 200);
};

export const deleteOnePortfolioShare: RouteHandler<typeof deletePortfolioShareRoute, AppEnv> = async (c) => {
  const { id, organisation: name } = c.req.valid('param');
  const portfolio = await loadChangeablePortfolio(c, id);
  const organisation = await findOrganisationByName(c.var.deps.db, name);
  if (!organisation || !await unsharePortfolio(c.var.deps.db, portfolio.id, organisation.id, describeChange(c))) {
    throw new ApiProblem('NOT_FOUND', { what: 'share', id: `${portfolio.id} → ${name}` });
  }
  return c.body(null, 204);
};
