import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../create-router.js';
import { ApiProblem } from '../problems/api-problem.js';
import { problemSchema } from '../schemas/problem-schema.js';
import { describeProblemType, PROBLEM_CATALOGUE, type ProblemCode } from '../problems/catalogue.js';

const problemTypeSchema = z
  .object({
    type: z.string().openapi({ example: '/problems/stale-revision' }),
    code: z.string().openapi({ example: 'STALE_REVISION' }),
    status: z.number().int().openapi({ example: 412 }),
    title: z.object({ en: z.string(), zh: z.string() }),
  })
  .openapi('ProblemType');

const describe = (code: ProblemCode) => ({ type: describeProblemType(code), code, status: PROBLEM_CATALOGUE[code].status, title: PROBLEM_CATALOGUE[code].title });
const CODES = Object.keys(PROBLEM_CATALOGUE) as ProblemCode[];

const listRoute = createRoute({
  method: 'get',
  path: '/problems',
  tags: ['Service'],
  summary: 'Every problem type the service answers with',
  responses: { 200: { description: 'The problem types', content: { 'application/json': { schema: z.object({ items: z.array(problemTypeSchema) }) } } } },
});

const oneRoute = createRoute({
  method: 'get',
  path: '/problems/{slug}',
  tags: ['Service'],
  summary: 'What a problem `type` URI means',
  request: { params: z.object({ slug: z.string().openapi({ example: 'stale-revision' }) }) },
  responses: {
    200: { description: 'The problem type', content: { 'application/json': { schema: problemTypeSchema } } },
    404: { description: 'No such problem type', content: { 'application/problem+json': { schema: problemSchema } } },
  },
});

/** GET /problems/{slug}: the `type` of every problem document resolves to a description. */
export function createProblemTypesRouter() {
  return createRouter()
    .openapi(listRoute, (c) => c.json({ items: CODES.map(describe) }, 200))
    .openapi(oneRoute, (c) => {
      const code = CODES.find((k) => describeProblemType(k) === `/problems/${c.req.valid('param').slug}`);
      if (!code) throw new ApiProblem('ROUTE_NOT_FOUND', { method: 'GET', path: c.req.path });
      return c.json(describe(code), 200);
    });
}
