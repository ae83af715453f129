import type { OpenAPIHono } from '@hono/zod-openapi';
import { ENGINE_VERSION } from '../engine/evaluate-deal.js';
import type { AppConfig } from './app-config.js';
import type { AppEnv } from './app-env.js';
import { describeLimits } from './docs/describe-limits.js';
import { registerAnalysisSchemas } from './analysis/analysis-schemas.js';
import { registerDealSchema } from './schemas/deal-json-schema.js';
import { dealFromTemplateSchema } from './deals/deals.routes.js';
import { scenarioInputSchema } from './scenarios/scenario-input-schema.js';

const DESCRIPTION = `Capital planning for 城镇老旧小区改造 (old-community renovation) deals: store deals as immutable
revisions, evaluate them (FIRR, FNPV, payback, statements), try scenarios, share them read-only.

**Keys.** Everything under \`/api/v1\` needs \`Authorization: Bearer <key>\`. A key belongs to an organisation
and has a role: \`admin\`, \`modeler\` (create and edit deals), \`reviewer\` and \`budget\` (read and evaluate).
What another organisation owns answers 404 unless it is shared with yours.

**Numbers.** Decimals travel as strings (\`"12345.67"\`, \`"0.035"\`); years and counts as integers.

**Revisions.** Every change makes a new revision; \`PUT\` needs \`If-Match: "<revision>"\` and answers 412 when
another change came first.

**Errors.** \`application/problem+json\` (RFC 9457) with \`errors: [{ path, code, message }]\` naming every bad
field; Chinese by default, English with \`Accept-Language: en\`.`;

/** Components every route shares, and GET /openapi.json itself (OpenAPI 3.0, generated from the routes). */
export function registerOpenApiDocument(app: OpenAPIHono<AppEnv>, config: AppConfig): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'An API key: rcp_…' });
  registerDealSchema(app.openAPIRegistry);
  registerAnalysisSchemas(app.openAPIRegistry);
  app.openAPIRegistry.register('DealFromTemplate', dealFromTemplateSchema);
  app.openAPIRegistry.register('ScenarioInput', scenarioInputSchema);
  const settings = {
    openapi: '3.0.3',
    info: { title: 'Renovation capital planner (老旧小区改造)', version: ENGINE_VERSION, description: DESCRIPTION },
    tags: [
      { name: 'Service' }, { name: 'Evaluate' }, { name: 'Templates' }, { name: 'Deals' },
      { name: 'Revisions' }, { name: 'Scenarios' }, { name: 'Analysis' }, { name: 'Portfolios' }, { name: 'Shares' }, { name: 'Term sheets' }, { name: 'Keys' },
    ],
  };
  // Generated from the routes once, on the first request, with every limit of the configuration on its operations (describe-limits.ts).
  let document: ReturnType<typeof app.getOpenAPIDocument> | undefined;
  app.get('/openapi.json', (c) => c.json((document ??= describeLimits(app.getOpenAPIDocument(settings), config))));
}
