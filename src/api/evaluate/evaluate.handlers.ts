import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { readToday } from '../evaluation/as-of.js';
import { evaluateWithCache, hashBodyBytes, respondWithEvaluation } from '../evaluation/evaluate-content.js';
import { readJsonBodyBytes } from '../http/read-json-body.js';
import type { evaluateRoute } from './evaluate.routes.js';

export const evaluateBody: RouteHandler<typeof evaluateRoute, AppEnv> = async (c) => {
  const { deps } = c.var;
  const asOf = c.req.valid('query').asOf ?? readToday(deps.clock, deps.config.timeZone);
  // The body's bytes go to the evaluator, which parses them (a worker thread in the server).
  const body = await readJsonBodyBytes(c);
  return respondWithEvaluation(c, await evaluateWithCache(deps, await hashBodyBytes(body), asOf, body)) as never;
};
