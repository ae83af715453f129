import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { portfolioSchema, type Portfolio } from '../../deal/portfolio-schema.js';
import { namePortfolioWorkbookFile, namePortfolioWorkbookFileAscii } from '../../export/workbook-file-name.js';
import { createPortfolio, deletePortfolio, findPortfolio, listPortfolios, updatePortfolio, type StoredPortfolio } from '../../db/portfolios.js';
import { describeChange, requireRole } from '../access/deal-access.js';
import type { Role } from '../../db/schema.js';
import { readAnalysisBody } from '../analysis/read-analysis-body.js';
import type { AppEnv } from '../app-env.js';
import { readToday } from '../evaluation/as-of.js';
import { throwJobFailure } from '../evaluation/evaluate-content.js';
import { respondWithWorkbook } from '../http/respond-with-workbook.js';
import { readMemberProgress } from '../jobs/report-progress.js';
import { ApiProblem } from '../problems/api-problem.js';
import { checkPortfolioMembers, loadPortfolioMembers } from './portfolio-members.js';
import type { createPortfolioRoute, deletePortfolioRoute, evaluatePortfolioRoute, getPortfolioRoute, listPortfoliosRoute, portfolioWorkbookRoute, stressPortfolioRoute, updatePortfolioRoute } from './portfolios.routes.js';
import { readPortfolioShocks } from '../../analysis/portfolio/portfolio-shocks.js';

/** Who builds and changes portfolios: a finance bureau's `budget` keys as well as the writers of deals. */
export const PORTFOLIO_WRITER_ROLES: readonly Role[] = ['admin', 'modeler', 'budget'];

export const presentPortfolio = (p: StoredPortfolio) => ({
  id: p.id, name: p.name, owner: p.owner, access: p.access, portfolio: p.content as Record<string, unknown>, author: p.authorKeyId, createdAt: p.createdAt, updatedAt: p.updatedAt,
});
const present = presentPortfolio;

/** A portfolio the organisation owns or was shared; another organisation's, or a deleted one, is not found (404, never 403). */
export async function loadPortfolio(c: Context<AppEnv>, id: string): Promise<StoredPortfolio> {
  const found = await findPortfolio(c.var.deps.db, c.var.principal.organisationId, id);
  if (!found) throw new ApiProblem('NOT_FOUND', { what: 'portfolio', id });
  return found;
}

/** A portfolio the caller may change or share: visible (else 404), its organisation's own (a share is read-only: 403), a writer role (403). */
export async function loadChangeablePortfolio(c: Context<AppEnv>, id: string): Promise<StoredPortfolio> {
  const found = await loadPortfolio(c, id);
  if (found.access !== 'owner') throw new ApiProblem('READ_ONLY_PORTFOLIO_SHARE', { id, owner: found.owner });
  requireRole(c.var.principal, PORTFOLIO_WRITER_ROLES);
  return found;
}

/** A portfolio body: its shape (422 by path), then every member visible to the organisation (a few queries, no deal read). */
async function readPortfolioBody(c: Context<AppEnv>): Promise<Portfolio> {
  const portfolio = await readAnalysisBody(c, 'portfolio');
  const { problems } = await checkPortfolioMembers(c.var.deps.db, portfolio, [c.var.principal.organisationId]);
  if (problems.length > 0) throw new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: problems.length }, { errors: problems });
  return portfolio;
}

export const listOrganisationPortfolios: RouteHandler<typeof listPortfoliosRoute, AppEnv> = async (c) =>
  c.json({ items: (await listPortfolios(c.var.deps.db, c.var.principal.organisationId)).map(present) }, 200);

export const createOnePortfolio: RouteHandler<typeof createPortfolioRoute, AppEnv> = async (c) => {
  requireRole(c.var.principal, PORTFOLIO_WRITER_ROLES);
  const portfolio = await readPortfolioBody(c);
  const stored = await createPortfolio(c.var.deps.db, { name: portfolio.name, content: portfolio }, describeChange(c));
  c.header('Location', `/api/v1/portfolios/${stored.id}`);
  return c.json(present(stored), 201);
};

export const getOnePortfolio: RouteHandler<typeof getPortfolioRoute, AppEnv> = async (c) => c.json(present(await loadPortfolio(c, c.req.valid('param').id)), 200);

export const updateOnePortfolio: RouteHandler<typeof updatePortfolioRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  await loadChangeablePortfolio(c, id);
  const portfolio = await readPortfolioBody(c);
  const stored = await updatePortfolio(c.var.deps.db, id, { name: portfolio.name, content: portfolio }, describeChange(c));
  if (!stored) throw new ApiProblem('NOT_FOUND', { what: 'portfolio', id });
  return c.json(present(stored), 200);
};

export const deleteOnePortfolio: RouteHandler<typeof deletePortfolioRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  await loadChangeablePortfolio(c, id);
  if (!await deletePortfolio(c.var.deps.db, id, describeChange(c))) throw new ApiProblem('NOT_FOUND', { what: 'portfolio', id });
  return c.body(null, 204);
};

/**
 * A stored portfolio with its members' deals as they are visible now — to its owner and, for a reader
 * through a portfolio share, to the reader's organisation as well (a portfolio share never passes on a
 * deal the reader could not open itself). A deal unshared since the portfolio was saved is 422
 * MEMBER_NOT_VISIBLE at members[i].
 */
async function loadPortfolioJob(c: Context<AppEnv>, id: string, asOfQuery: string | undefined) {
  const { deps } = c.var;
  const stored = await loadPortfolio(c, id);
  const asOf = asOfQuery ?? readToday(deps.clock, deps.config.timeZone);
  const portfolio = portfolioSchema.parse(stored.content);
  const { members, problems } = await loadPortfolioMembers(c, portfolio, [stored.organisationId, c.var.principal.organisationId]);
  if (problems.length > 0) throw new ApiProblem('EVALUATION_FAILED', { count: problems.length }, { errors: problems });
  return { stored, job: { portfolio, members, asOf } };
}

export const evaluateOnePortfolio: RouteHandler<typeof evaluatePortfolioRoute, AppEnv> = async (c) => {
  const { job } = await loadPortfolioJob(c, c.req.valid('param').id, c.req.valid('query').asOf);
  // Every member is a full evaluation: on the evaluator's threads, off the event loop.
  const outcome = await c.var.deps.evaluator.analyse({ tool: 'portfolio', ...job }, readMemberProgress());
  if (!outcome.ok) throw new ApiProblem('EVALUATION_FAILED', { count: outcome.total ?? outcome.problems.length }, { errors: outcome.problems, ...(outcome.total === undefined ? {} : { total: outcome.total }) });
  return c.json({ asOf: job.asOf, result: outcome.result as Record<string, never> }, 200);
};

export const writeOnePortfolioWorkbook: RouteHandler<typeof portfolioWorkbookRoute, AppEnv> = async (c) => {
  const { stored, job } = await loadPortfolioJob(c, c.req.valid('param').id, c.req.valid('query').asOf);
  const outcome = await c.var.deps.evaluator.writePortfolioWorkbook(job, readMemberProgress());
  if (!outcome.ok) throwJobFailure(outcome);
  return respondWithWorkbook(c, outcome.bytes, namePortfolioWorkbookFile(stored.name), namePortfolioWorkbookFileAscii(stored.id));
};

/** A portfolio under shocks (methodology §10.12): the body's shocks (the standard set when empty), every member on the evaluator's workers. */
export const stressOnePortfolio: RouteHandler<typeof stressPortfolioRoute, AppEnv> = async (c) => {
  const request = await readAnalysisBody(c, 'portfolioStress');
  const { job } = await loadPortfolioJob(c, c.req.valid('param').id, c.req.valid('query').asOf);
  const outcome = await c.var.deps.evaluator.stressPortfolio({ ...job, shocks: readPortfolioShocks(request) }, readMemberProgress());
  if (!outcome.ok) throw new ApiProblem('EVALUATION_FAILED', { count: outcome.total ?? outcome.problems.length }, { errors: outcome.problems, ...(outcome.total === undefined ? {} : { total: outcome.total }) });
  return c.json({ asOf: job.asOf, result: outcome.result as Record<string, never> }, 200);
};
