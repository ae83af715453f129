import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z as openapi } from '@hono/zod-openapi';
import { z } from 'zod';
import { portfolioSchema } from '../../deal/portfolio-schema.js';
import { solveRequestSchema } from '../../analysis/goal-seek-request.js';
import { sensitivityRequestSchema } from '../../analysis/sensitivity-request.js';
import { simulationRequestSchema } from '../../analysis/simulation/simulation-request.js';
import { stressRequestSchema } from '../../analysis/stress-pack.js';
import { portfolioStressRequestSchema } from '../../analysis/portfolio/portfolio-shocks.js';
import { revisionNumber } from '../schemas/common-schemas.js';
import { asOfQuerySchema } from '../schemas/evaluation-schema.js';

/**
 * Request bodies of the analyses. Like a deal body they are checked by their zod schema in the handler
 * (every problem by path, see read-analysis-body.ts), and documented as JSON Schema generated from the
 * same zod schema, so the document cannot drift.
 */
export const ANALYSIS_BODIES = {
  SolveRequest: solveRequestSchema,
  SensitivityRequest: sensitivityRequestSchema,
  StressRequest: stressRequestSchema,
  SimulationRequest: simulationRequestSchema,
  Portfolio: portfolioSchema,
  PortfolioStressRequest: portfolioStressRequestSchema,
} as const;
export type AnalysisBodyName = keyof typeof ANALYSIS_BODIES;

export const bodyRef = (name: AnalysisBodyName) => ({ $ref: `#/components/schemas/${name}` }) as const;

export function registerAnalysisSchemas(registry: OpenAPIRegistry): void {
  for (const [name, schema] of Object.entries(ANALYSIS_BODIES)) {
    const jsonSchema = z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0', unrepresentable: 'any' }) as Record<string, unknown>;
    registry.registerComponent('schemas', name, jsonSchema);
  }
}

/** Which deal an analysis runs on: a revision (the current one by default) or a scenario, and the as-of date. */
export const analysedDealQuerySchema = asOfQuerySchema.extend({
  revision: revisionNumber.optional().openapi({ example: 1 }),
  scenario: openapi.string().min(1).max(100).optional().openapi({ example: 'scn_0a1b2c3d4e5f6071', description: 'A scenario of the deal (its overrides on its revision); not with `revision`.' }),
});

export const analysisSourceSchema = openapi.object({
  dealId: openapi.string(),
  revision: openapi.number().int(),
  contentHash: openapi.string(),
  scenarioId: openapi.string().optional(),
  asOf: openapi.string(),
});

/** An analysis answer: what was analysed and the result, documented loosely (decimals as strings). */
export const analysisAnswerSchema = (name: string, description: string) =>
  openapi.object({ source: analysisSourceSchema, result: openapi.looseObject({}).openapi({ description }) }).openapi(name);
