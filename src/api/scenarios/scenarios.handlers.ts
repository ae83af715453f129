import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { hashContent } from '../../db/content-hash.js';
import type { DealHead } from '../../db/deals.js';
import { createScenario, deleteScenario, findScenario, findScenarioAsStored, listScenarios, updateScenario, type Scenario, type ScenarioOutcome } from '../../db/scenarios.js';
import { describeChange, loadChangeableDeal, loadVisibleDeal } from '../access/deal-access.js';
import { loadRevision } from '../access/load-revision.js';
import type { AppEnv } from '../app-env.js';
import { readToday } from '../evaluation/as-of.js';
import { evaluateWithCache, respondWithEvaluation, validateDealOrThrow } from '../evaluation/evaluate-content.js';
import { ApiProblem } from '../problems/api-problem.js';
import { checkScenarioInput, readScenarioInput } from './scenario-input.js';
import type { createScenarioRoute, deleteScenarioRoute, evaluateScenarioRoute, getScenarioRoute, listScenariosRoute, updateScenarioRoute } from './scenarios.routes.js';

const present = ({ baseRevision, authorKeyId, overrides, ...s }: Scenario) => ({
  ...s,
  revision: baseRevision,
  overrides: overrides as Record<string, unknown> | unknown[],
  author: authorKeyId,
});

async function loadScenario(c: Context<AppEnv>, deal: DealHead, scenarioId: string): Promise<Scenario> {
  const scenario = await findScenario(c.var.deps.db, deal.id, scenarioId);
  if (!scenario) throw new ApiProblem('NOT_FOUND', { what: 'scenario', id: scenarioId });
  return scenario;
}

function unwrap(outcome: ScenarioOutcome, name: string, scenarioId = ''): Scenario {
  if (outcome.ok) return outcome.scenario;
  if (outcome.reason === 'name-taken') throw new ApiProblem('NAME_TAKEN', { name });
  throw new ApiProblem('NOT_FOUND', { what: 'scenario', id: scenarioId });
}

export const createOneScenario: RouteHandler<typeof createScenarioRoute, AppEnv> = async (c) => {
  // The body is read first, as the route's validator used to: a malformed body is 400 whatever the deal.
  const input = await readScenarioInput(c);
  const deal = await loadChangeableDeal(c, c.req.valid('param').id);
  const body = await checkScenarioInput(c, deal, input);
  const scenario = unwrap(await createScenario(c.var.deps.db, deal.id, body, describeChange(c)), body.name);
  c.header('Location', `/api/v1/deals/${deal.id}/scenarios/${scenario.id}`);
  return c.json(present(scenario), 201);
};

export const listDealScenarios: RouteHandler<typeof listScenariosRoute, AppEnv> = async (c) => {
  const deal = await loadVisibleDeal(c, c.req.valid('param').id);
  return c.json({ items: (await listScenarios(c.var.deps.db, deal.id)).map(present) }, 200);
};

export const getOneScenario: RouteHandler<typeof getScenarioRoute, AppEnv> = async (c) => {
  const { id, scenarioId } = c.req.valid('param');
  return c.json(present(await loadScenario(c, await loadVisibleDeal(c, id), scenarioId)), 200);
};

export const updateOneScenario: RouteHandler<typeof updateScenarioRoute, AppEnv> = async (c) => {
  const { id, scenarioId } = c.req.valid('param');
  const input = await readScenarioInput(c);
  const deal = await loadChangeableDeal(c, id);
  await loadScenario(c, deal, scenarioId);
  const body = await checkScenarioInput(c, deal, input);
  return c.json(present(unwrap(await updateScenario(c.var.deps.db, deal.id, scenarioId, body, describeChange(c)), body.name, scenarioId)), 200);
};

export const deleteOneScenario: RouteHandler<typeof deleteScenarioRoute, AppEnv> = async (c) => {
  const { id, scenarioId } = c.req.valid('param');
  const deal = await loadChangeableDeal(c, id);
  if (!await deleteScenario(c.var.deps.db, deal.id, scenarioId, describeChange(c))) throw new ApiProblem('NOT_FOUND', { what: 'scenario', id: scenarioId });
  return c.body(null, 204);
};

export const evaluateOneScenario: RouteHandler<typeof evaluateScenarioRoute, AppEnv> = async (c) => {
  const { deps } = c.var;
  const { id, scenarioId } = c.req.valid('param');
  const deal = await loadVisibleDeal(c, id);
  // The overrides go to the evaluator as their stored text in bytes (it parses them on a worker): a
  // scenario of 990 streams parsed here, then cloned to the worker, held the request thread.
  const scenario = await findScenarioAsStored(deps.db, deal.id, scenarioId);
  if (!scenario) throw new ApiProblem('NOT_FOUND', { what: 'scenario', id: scenarioId });
  const base = await loadRevision(c, deal, scenario.baseRevision);
  const merged = { deal: await validateDealOrThrow(deps, base.content, new TextEncoder().encode(scenario.overridesText)) };
  const contentHash = hashContent(merged.deal);
  const asOf = c.req.valid('query').asOf ?? readToday(deps.clock, deps.config.timeZone);
  const evaluated = await evaluateWithCache(deps, contentHash, asOf, merged.deal);
  return respondWithEvaluation(c, evaluated, { dealId: deal.id, revision: base.revision, contentHash, scenarioId: scenario.id }) as never;
};
