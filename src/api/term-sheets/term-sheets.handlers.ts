import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Deal } from '../../deal/deal-schema.js';
import type { AppEnv } from '../app-env.js';
import { readToday } from '../evaluation/as-of.js';
import { validateDealOrThrow } from '../evaluation/evaluate-content.js';
import { readJsonBodyBytes } from '../http/read-json-body.js';
import { runIncludedSimulation, type SimulationQuery } from './included-simulation.js';
import { resolveTermSheetDeal } from './resolve-term-sheet-deal.js';
import { respondWithTermSheet, type TermSheetOrigin } from './respond-with-term-sheet.js';
import type { bodyTermSheetRoute, dealTermSheetRoute } from './term-sheets.routes.js';

/** The term sheet of a deal with the analysis sheets of `include`; a simulation runs on the simulation pool first. */
export async function answerTermSheet(c: Context<AppEnv>, deal: Deal, query: { asOf?: string; include?: string } & SimulationQuery, origin: TermSheetOrigin): Promise<Response> {
  const { deps } = c.var;
  const asOf = query.asOf ?? readToday(deps.clock, deps.config.timeZone);
  const included = new Set(query.include?.split(',') ?? []);
  const simulation = await runIncludedSimulation(deps, deal, asOf, included.has('simulation'), query, c.req.raw.signal);
  return respondWithTermSheet(c, deal, { asOf, include: { stress: included.has('stress'), sensitivity: included.has('sensitivity') }, simulation }, origin);
}

export const termSheetOfDeal: RouteHandler<typeof dealTermSheetRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const query = c.req.valid('query');
  const { input, ...origin } = await resolveTermSheetDeal(c, id, query);
  return answerTermSheet(c, await validateDealOrThrow(c.var.deps, input), query, origin);
};

export const termSheetOfBody: RouteHandler<typeof bodyTermSheetRoute, AppEnv> = async (c) => {
  const deal = await validateDealOrThrow(c.var.deps, await readJsonBodyBytes(c));
  return answerTermSheet(c, deal, c.req.valid('query'), { dealId: deal.id ?? null });
};
