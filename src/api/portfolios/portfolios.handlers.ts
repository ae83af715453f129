import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { portfolioSchema, type Portfolio } from '../../deal/portfolio-schema.js';
import { namePortfolioWorkbookFile, namePortfolioWorkbookFileAscii } from '../../export/workbook-file-name.js';
import { createPortfolio, deletePortfolio, findPortfolio, listPortfolios, updatePortfolio, type StoredPortfolio } from '../../db/portfolios.js';
import { describeChange, requireRole, WRITER_ROLES } from '../access/deal-access.js';
import { readAnalysisBody } from '../analysis/read-analysis-body.js';
import type { AppEnv } from '../app-env.js';
import { readToday } from '../evaluation/as-of.js';
import { throwJobFailure } from '../evaluation/evaluate-content.js';
import { respondWithWorkbook } from '../http/respond-with-workbook.js';
import { ApiProblem } from '../problems/api-problem.js';
import { loadPortfolioMembers } from './portfolio-members.js';
import type { createPortfolioRoute, deletePortfolioRoute, evaluatePortfolioRoute, getPortfolioRoute, listPortfoliosRoute, portfolioWorkbookRoute, updatePortfolioRoute } from './portfolios.routes.js';

const present = (p: StoredPortfolio) => ({ id: p.id, name: p.name, portfolio: p.content as Record<string, unknown>, author: p.authorKeyId, createdAt: p.createdAt, updatedAt: p.updatedAt });

/** Another organisation's portfolio, or a deleted one, is not found (404, never 403). */
function loadPortfolio(c: Context<AppEnv>, id: string): StoredPortfolio {
  const found = findPortfolio(c.var.deps.db, c.var.principal.organisationId, id);
  if (!found) throw new ApiProblem('NOT_FOUND', { what: 'portfolio', id });
  return found;
}

/** A portfolio body: its shape (422 by path), then every member visible to the organisation. */
async function readPortfolioBody(c: Context<AppEnv>): Promise<Portfolio> {
  const portfolio = await readAnalysisBody(c, portfolioSchema);
  const { problems } = loadPortfolioMembers(c, portfolio);
  if (problems.length > 0) throw new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: problems.length }, { errors: problems });
  return portfolio;
}

export const listOrganisationPortfolios: RouteHandler<typeof listPortfoliosRoute, AppEnv> = (c) =>
  c.json({ items: listPortfolios(c.var.deps.db, c.var.principal.organisationId).map(present) }, 200);

export const createOnePortfolio: RouteHandler<typeof createPortfolioRoute, AppEnv> = async (c) => {
  requireRole(c.var.principal, WRITER_ROLES);
  const portfolio = await readPortfolioBody(c);
  const stored = createPortfolio(c.var.deps.db, { name: portfolio.name, content: portfolio }, describeChange(c));
  c.header('Location', `/api/v1/portfolios/${stored.id}`);
  return c.json(present(stored), 201);
};

export const getOnePortfolio: RouteHandler<typeof getPortfolioRoute, AppEnv> = (c) => c.json(present(loadPortfolio(c, c.req.valid('param').id)), 200);

export const updateOnePortfolio: RouteHandler<typeof updatePortfolioRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  loadPortfolio(c, id);
  requireRole(c.var.principal, WRITER_ROLES);
  const portfolio = await readPortfolioBody(c);
  const stored = updatePortfolio(c.var.deps.db, id, { name: portfolio.name, content: portfolio }, describeChange(c));
  if (!stored) throw new ApiProblem('NOT_FOUND', { what: 'portfolio', id });
  return c.json(present(stored), 200);
};

export const deleteOnePortfolio: RouteHandler<typeof deletePortfolioRoute, AppEnv> = (c) => {
  const { id } = c.req.valid('param');
  loadPortfolio(c, id);
  requireRole(c.var.principal, WRITER_ROLES);
  if (!deletePortfolio(c.var.deps.db, id, describeChange(c))) throw new ApiProblem('NOT_FOUND', { what: 'portfolio', id });
  return c.body(null, 204);
};

/** A stored portfolio with its members' deals as the caller sees them now (a deal may have been unshared since it was saved: 422 at members[i]). */
function loadPortfolioJob(c: Context<AppEnv>, id: string, asOfQuery: string | undefined) {
  const { deps } = c.var;
  const stored = loadPortfolio(c, id);
  const asOf = asOfQuery ?? readToday(deps.clock, deps.config.timeZone);
  const portfolio = portfolioSchema.parse(stored.content);
  const { members, problems } = loadPortfolioMembers(c, portfolio);
  if (problems.length > 0) throw new ApiProblem('EVALUATION_FAILED', { count: problems.length }, { errors: problems });
  return { stored, job: { portfolio, members, asOf } };
}

export const evaluateOnePortfolio: RouteHandler<typeof evaluatePortfolioRoute, AppEnv> = async (c) => {
  const { job } = loadPortfolioJob(c, c.req.valid('param').id, c.req.valid('query').asOf);
  // Every member is a full evaluation: on the evaluator's threads, off the event loop.
  const outcome = await c.var.deps.evaluator.analyse({ tool: 'portfolio', ...job });
  if (!outcome.ok) throw new ApiProblem('EVALUATION_FAILED', { count: outcome.problems.length }, { errors: outcome.problems });
  return c.json({ asOf: job.asOf, result: outcome.result as Record<string, never> }, 200);
};

export const writeOnePortfolioWorkbook: RouteHandler<typeof portfolioWorkbookRoute, AppEnv> = async (c) => {
  const { stored, job } = loadPortfolioJob(c, c.req.valid('param').id, c.req.valid('query').asOf);
  const outcome = await c.var.deps.evaluator.writePortfolioWorkbook(job);
  if (!outcome.ok) throwJobFailure(outcome);
  return respondWithWorkbook(c, outcome.bytes, namePortfolioWorkbookFile(stored.name), namePortfolioWorkbookFileAscii(stored.id));
};
