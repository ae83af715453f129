import { createRoute, z } from '@hono/zod-openapi';
import { label } from '../../deal/primitives.js';
import { dealIdParamSchema, SECURITY } from '../schemas/common-schemas.js';
import { asOfQuerySchema, sourcedEvaluationSchema } from '../schemas/evaluation-schema.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';

export const scenarioInputSchema = z
  .strictObject({
    name: label().openapi({ example: '停车位使用率降低 10%' }),
    revision: z
      .number({ error: 'must be a revision number: a whole number from 1' })
      .int({ error: 'must be a revision number: a whole number from 1' })
      .min(1, { error: 'must be a revision number: a whole number from 1' })
      .optional()
      .openapi({ description: 'The revision the overrides apply to; the current one when omitted.' }),
    overrides: z
      .union([z.record(z.string(), z.unknown()), z.array(z.unknown())], { error: 'must be a JSON object (a merge patch of the deal) or an array (a JSON Patch of it)' })
      .openapi({
        description:
          'Either a JSON merge patch (RFC 7396) of the deal — an object: objects merge key by key, null removes a key, arrays and values replace whole — or a JSON Patch (RFC 6902) — an array of operations by path, where an array element is named by its index or by its `id`: `[{"op":"replace","path":"/revenue/fz-parking-community/monthlyFee","value":"180"}]` changes one price and nothing else.',
        example: { discountRate: '0.08', timeline: { operatingYears: 20 } },
      }),
  })
  .openapi('ScenarioInput');

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
const inputBody = { required: true, content: { 'application/json': { schema: scenarioInputSchema } } };

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
