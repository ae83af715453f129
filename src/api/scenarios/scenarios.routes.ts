import { createRoute, z } from '@hono/zod-openapi';
import { SCENARIO_INPUT_REF, scenarioInputSchema } from './scenario-input-schema.js';
import { dealIdParamSchema, SECURITY } from '../schemas/common-schemas.js';
import { asOfQuerySchema, sourcedEvaluationSchema } from '../schemas/evaluation-schema.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';

export { scenarioInputSchema };

export const scenarioSchema = z
  .object({
    id: z.string().openapi({ example: 'scn_0a1b2c3d4e5f6071' }),
    dealId: z.string(),
    name: z.string(),
    revision: z.number().int().openapi({ description: 'The revision the overrides apply to.' }),
    overrides: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]),
    author: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Scenario');

const tags = ['Scenarios'];
const scenarioParams = dealIdParamSchema.extend({ scenarioId: z.string().max(100).openapi({ param: { name: 'scenarioId', in: 'path' }, example: 'scn_0a1b2c3d4e5f6071' }) });
const scenarioResponse = (description: string) => ({ description, content: { 'application/json': { schema: scenarioSchema } } });
// A reference, not the zod schema: the body is read and checked on the evaluator (read-request-body.ts), not by the route's validator on the request thread.
const inputBody = { required: true, content: { 'application/json': { schema: SCENARIO_INPUT_REF } } };

export const createScenarioRoute = createRoute({
  method: 'post',
  path: '/deals/{id}/scenarios',
  tags,
  summary: 'Create a named scenario: overrides of a revision',
  description: 'Roles admin, modeler of the owning organisation. The overrides applied to the revision must give a valid deal (else 422, problems at their paths in the deal).',
  security: SECURITY,
  request: { params: dealIdParamSchema, body: inputBody },
  responses: { 201: scenarioResponse('Created'), ...describeProblemResponses(403, 404, 409, 415, 422) },
});

export const listScenariosRoute = createRoute({
  method: 'get',
  path: '/deals/{id}/scenarios',
  tags,
  summary: 'The scenarios of a deal',
  security: SECURITY,
  request: { params: dealIdParamSchema },
  responses: {
    200: { description: 'The scenarios', content: { 'application/json': { schema: z.object({ items: z.array(scenarioSchema) }) } } },
    ...describeProblemResponses(404),
  },
});

export const getScenarioRoute = createRoute({
  method: 'get',
  path: '/deals/{id}/scenarios/{scenarioId}',
  tags,
  summary: 'One scenario',
  security: SECURITY,
  request: { params: scenarioParams },
  responses: { 200: scenarioResponse('The scenario'), ...describeProblemResponses(404) },
});

export const updateScenarioRoute = createRoute({
  method: 'put',
  path: '/deals/{id}/scenarios/{scenarioId}',
  tags,
  summary: 'Replace a scenario\'s name, revision and overrides',
  description: 'Roles admin, modeler of the owning organisation.',
  security: SECURITY,
  request: { params: scenarioParams, body: inputBody },
  responses: { 200: scenarioResponse('The scenario as replaced'), ...describeProblemResponses(403, 404, 409, 415, 422) },
});

export const deleteScenarioRoute = createRoute({
  method: 'delete',
  path: '/deals/{id}/scenarios/{scenarioId}',
  tags,
  summary: 'Delete a scenario (kept in the database, recorded in the audit log)',
  description: 'Roles admin, modeler of the owning organisation.',
  security: SECURITY,
  request: { params: scenarioParams },
  responses: { 204: { description: 'Deleted' }, ...describeProblemResponses(403, 404, 409) },
});

export const evaluateScenarioRoute = createRoute({
  method: 'post',
  path: '/deals/{id}/scenarios/{scenarioId}/evaluate',
  tags,
  summary: 'Evaluate a scenario: its revision with its overrides',
  description: 'Any role that sees the deal. Cached by the content hash of the resulting deal and the as-of date.',
  security: SECURITY,
  request: { params: scenarioParams, query: asOfQuerySchema },
  responses: {
    200: { description: 'The evaluation and what was evaluated', content: { 'application/json': { schema: sourcedEvaluationSchema } } },
    ...describeProblemResponses(404, 422),
  },
});
