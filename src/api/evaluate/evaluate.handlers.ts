import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { readToday } from '../evaluation/as-of.js';
import { evaluateWithCache, hashBodyText, respondWithEvaluation } from '../evaluation/evaluate-content.js';
import { readJsonBody } from '../http/read-json-body.js';
import type { evaluateRoute } from './evaluate.routes.js';

export const evaluateBody: RouteHandler<typeof evaluateRoute, AppEnv> = async (c) => {
  const { deps } = c.var;
  const asOf = c.req.valid('query').asOf ?? readToday(deps.clock, deps.config.timeZone);
  const body = await readJsonBody(c);
  return respondWithEvaluation(c, await evaluateWithCache(deps, hashBodyText(body.text), asOf, body.value)) as never;
};
