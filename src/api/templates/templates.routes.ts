import { createRoute, z } from '@hono/zod-openapi';
import { SECURITY } from '../schemas/common-schemas.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';

export const templateSummarySchema = z
  .object({
    id: z.string().openapi({ example: 'fuzhou-gulou-25y' }),
    name: z.string().openapi({ example: '福州鼓楼 老旧小区改造 25年运营' }),
    archetype: z.string().nullable(),
    contentHash: z.string(),
    updatedAt: z.string(),
  })
  .openapi('TemplateSummary');

export const templateSchema = templateSummarySchema
  .extend({ deal: z.record(z.string(), z.unknown()).openapi({ description: 'The template deal (schema Deal).' }) })
  .openapi('Template');

export const listTemplatesRoute = createRoute({
  method: 'get',
  path: '/templates',
  tags: ['Templates'],
  summary: 'Deal templates built from public cases (models/)',
  security: SECURITY,
  responses: {
    200: { description: 'The templates', content: { 'application/json': { schema: z.object({ items: z.array(templateSummarySchema) }) } } },
    ...describeProblemResponses(),
  },
});

export const getTemplateRoute = createRoute({
  method: 'get',
  path: '/templates/{id}',
  tags: ['Templates'],
  summary: 'One template, with its complete deal',
  security: SECURITY,
  request: { params: z.object({ id: z.string().max(100).openapi({ example: 'fuzhou-gulou-25y' }) }) },
  responses: {
    200: { description: 'The template', content: { 'application/json': { schema: templateSchema } } },
    ...describeProblemResponses(404),
  },
});
