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

export const createOnePortfolioShare: RouteHandler<typeof createPortfolioShareRoute, AppEnv> = (c) => {
  const portfolio = loadChangeablePortfolio(c, c.req.valid('param').id);
  const name = c.req.valid('json').organisation;
  // No answer tells whether an organisation exists (an existence oracle): a name not known yet is
  // registered with the share, as `keys create --org` would, and sees the portfolio once it has keys.
  const change = describeChange(c);
  const own = c.var.principal.organisationId;
  const known = findOrganisationByName(c.var.deps.db, name);
  if (known?.id === own) throw invalidOrganisation('OWN_ORGANISATION', 'your organisation owns the portfolio already');
  const alreadyShared = listPortfolioShares(c.var.deps.db, portfolio.id);
  if (!alreadyShared.some((s) => s.organisation === name)) {
    checkShareLimits(c.var.deps.db, c.var.deps.config, { scope: 'portfolio', sharesOfSubject: alreadyShared.length, organisationId: own, withName: name });
  }
  const organisation = known ?? ensureOrganisation(c.var.deps.db, name, change.at, c.var.principal.keyId).organisation;
  const created = sharePortfolio(c.var.deps.db, portfolio.id, organisation.id, change);
  const share = listPortfolioShares(c.var.deps.db, portfolio.id).find((s) => s.organisation === name)!;
  return created ? c.json(share, 201) : c.json(share, 200);
};

export const listOnePortfolioShares: RouteHandler<typeof listPortfolioSharesRoute, AppEnv> = (c) => {
  const portfolio = loadPortfolio(c, c.req.valid('param').id);
  if (portfolio.access !== 'owner') throw new ApiProblem('READ_ONLY_PORTFOLIO_SHARE', { id: portfolio.id, owner: portfolio.owner });
  return c.json({ items: listPortfolioShares(c.var.deps.db, portfolio.id) }, 200);
};

export const deleteOnePortfolioShare: RouteHandler<typeof deletePortfolioShareRoute, AppEnv> = (c) => {
  const { id, organisation: name } = c.req.valid('param');
  const portfolio = loadChangeablePortfolio(c, id);
  const organisation = findOrganisationByName(c.var.deps.db, name);
  if (!organisation || !unsharePortfolio(c.var.deps.db, portfolio.id, organisation.id, describeChange(c))) {
    throw new ApiProblem('NOT_FOUND', { what: 'share', id: `${portfolio.id} → ${name}` });
  }
  return c.body(null, 204);
};
