import type { Context } from 'hono';
import type { Deal } from '../../deal/deal-schema.js';
import { findTemplate } from '../../db/templates.js';
import type { AppEnv } from '../app-env.js';
import { validateDealOrThrow } from '../evaluation/evaluate-content.js';
import { ApiProblem } from '../problems/api-problem.js';
import { convertRequestIssues } from '../problems/validation-hook.js';
import { dealFromTemplateSchema } from './deals.routes.js';

const isTemplateRequest = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && 'template' in value;

/** The deal a POST /deals body asks for: the body itself, or a template (optionally renamed), validated on the evaluator. */
export async function readNewDeal(c: Context<AppEnv>, body: unknown): Promise<Deal> {
  if (!isTemplateRequest(body)) return validateDealOrThrow(c.var.deps, body);
  const request = dealFromTemplateSchema.safeParse(body);
  if (!request.success) {
    const errors = convertRequestIssues(request.error.issues, body);
    throw new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: errors.length }, { errors });
  }
  const template = findTemplate(c.var.deps.db, request.data.template);
  if (!template) {
    const errors = [{ path: 'template', code: 'UNKNOWN_TEMPLATE', message: `no template "${request.data.template}"; GET /api/v1/templates lists them` }];
    throw new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: 1 }, { errors });
  }
  const content = template.content as Record<string, unknown>;
  return validateDealOrThrow(c.var.deps, request.data.name === undefined ? content : { ...content, name: request.data.name });
}
