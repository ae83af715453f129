import type { Context } from 'hono';
import type { Deal } from '../../deal/deal-schema.js';
import { findTemplate } from '../../db/templates.js';
import type { AppEnv } from '../app-env.js';
import { validateDealOrThrow, validateOrThrow } from '../evaluation/evaluate-content.js';
import { ApiProblem } from '../problems/api-problem.js';

/**
 * The deal a POST /deals body asks for: the body itself, or a template (optionally renamed). The body's
 * bytes are parsed and checked on the evaluator, which answers with the deal or with the template
 * request `{ template, name? }`; the template's deal is then validated there too.
 */
export async function readNewDeal(c: Context<AppEnv>, body: Uint8Array): Promise<Deal> {
  const outcome = await validateOrThrow(c.var.deps, { input: body, acceptTemplateRequest: true });
  if ('deal' in outcome) return outcome.deal;
  const request = outcome.templateRequest;
  const template = await findTemplate(c.var.deps.db, request.template);
  if (!template) {
    const errors = [{ path: 'template', code: 'UNKNOWN_TEMPLATE', message: `no template "${request.template}"; GET /api/v1/templates lists them` }];
    throw new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: 1 }, { errors });
  }
  const content = template.content as Record<string, unknown>;
  return validateDealOrThrow(c.var.deps, request.name === undefined ? content : { ...content, name: request.name });
}
