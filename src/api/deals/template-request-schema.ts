import { z } from '@hono/zod-openapi';
import { label } from '../../deal/primitives.js';

/** A POST /deals body that asks for a template's deal (optionally renamed) instead of sending one: checked on the evaluator with the body. */
export const dealFromTemplateSchema = z
  .strictObject({
    template: z.string({ error: 'must be a template id (GET /api/v1/templates)' }).min(1).max(100).openapi({ example: 'fuzhou-gulou-25y' }),
    name: label().optional().openapi({ description: 'Replaces the template\'s name.' }),
  })
  .openapi('DealFromTemplate');

export type TemplateRequest = z.infer<typeof dealFromTemplateSchema>;

/** Whether a parsed body asks for a template (an object with a `template` member) rather than being a deal. */
export const isTemplateRequest = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && 'template' in value;
