import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { dealSchema } from '../../deal/deal-schema.js';

export const DEAL_REF = { $ref: '#/components/schemas/Deal' } as const;

/**
 * The deal as a client writes it, for the OpenAPI document. Deal bodies are checked by parseDeal
 * (every shape and cross-field problem at once), so routes reference this JSON Schema instead of
 * validating with it; it is generated from the same zod schema, so it cannot drift.
 */
export function registerDealSchema(registry: OpenAPIRegistry): void {
  const jsonSchema = z.toJSONSchema(dealSchema, { io: 'input', target: 'openapi-3.0', unrepresentable: 'any' }) as Record<string, unknown>;
  registry.registerComponent('schemas', 'Deal', {
    ...jsonSchema,
    description: 'A deal (see models/ for complete examples). Amounts in 元 and rates as decimals, given as strings ("0.035") or numbers; stored as strings.',
  });
}
