import type { RouteHandler } from '@hono/zod-openapi';
import { findTemplate, listTemplates } from '../../db/templates.js';
import type { AppEnv } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';
import type { getTemplateRoute, listTemplatesRoute } from './templates.routes.js';

type StoredTemplate = NonNullable<Awaited<ReturnType<typeof findTemplate>>>;

function readArchetype(content: unknown): string | null {
  const meta = (content as { meta?: { archetype?: unknown } } | null)?.meta;
  return typeof meta?.archetype === 'string' ? meta.archetype : null;
}

const summarise = (t: StoredTemplate) => ({ id: t.id, name: t.name, archetype: readArchetype(t.content), contentHash: t.contentHash, updatedAt: t.updatedAt });

export const listAllTemplates: RouteHandler<typeof listTemplatesRoute, AppEnv> = async (c) =>
  c.json({ items: (await listTemplates(c.var.deps.db)).map(summarise) }, 200);

export const getOneTemplate: RouteHandler<typeof getTemplateRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const template = await findTemplate(c.var.deps.db, id);
  if (!template) throw new ApiProblem('NOT_FOUND', { what: 'template', id });
  return c.json({ ...summarise(template), deal: template.content as Record<string, unknown> }, 200);
};
