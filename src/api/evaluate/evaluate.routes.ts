import { createRoute } from '@hono/zod-openapi';
import { DEAL_REF } from '../schemas/deal-json-schema.js';
import { asOfQuerySchema, evaluationSchema } from '../schemas/evaluation-schema.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';
import { SECURITY } from '../schemas/common-schemas.js';

export const evaluateRoute = createRoute({
  method: 'post',
  path: '/evaluate',
  tags: ['Evaluate'],
  summary: 'Evaluate a deal sent in the body, without storing it',
  description: 'Any role. Results are cached in memory by the body\'s hash and the as-of date (header `Evaluation-Cache: hit|miss`).',
  security: SECURITY,
  request: {
    query: asOfQuerySchema,
    body: { required: true, content: { 'application/json': { schema: DEAL_REF } } },
  },
  responses: {
    200: { description: 'Metrics, statements, schedules, warnings', content: { 'application/json': { schema: evaluationSchema } } },
    ...describeProblemResponses(415, 422),
  },
});
