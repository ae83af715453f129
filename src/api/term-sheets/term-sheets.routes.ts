import { createRoute, z } from '@hono/zod-openapi';
import { DEAL_REF } from '../schemas/deal-json-schema.js';
import { dealIdParamSchema, revisionNumber, SECURITY } from '../schemas/common-schemas.js';
import { asOfQuerySchema } from '../schemas/evaluation-schema.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';
import { XLSX_MEDIA_TYPE } from '../http/respond-with-workbook.js';

const workbook = {
  description: 'The term-sheet workbook (.xlsx): cover, inputs, the six statements, contributions, fiscal view and a Checks sheet of live formulas. `Content-Disposition` (RFC 6266) carries the deal\'s Chinese name in `filename*` (RFC 5987), with the revision, the scenario and the analysis sheets, so that different downloads never share a name.',
  headers: {
    'Content-Disposition': {
      schema: { type: 'string' as const },
      description: 'attachment; filename="term-sheet-<id>-r<revision>[-<scenario id>][-stress][-sensitivity][-simulation-<draws>-seed<seed>].xlsx"; filename*=UTF-8\'\'<deal name>-条款摘要-第<revision>版[-情景<scenario name>][-压力测试][-敏感性分析][-模拟<draws>次-种子<seed>].xlsx',
    },
  },
  content: { [XLSX_MEDIA_TYPE]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
};
const tags = ['Term sheets'];

/** Extra sheets, comma-separated: `stress` (the lender stress pack), `sensitivity` (the default tornado and switching values), `simulation` (Monte Carlo). */
const includeQuery = z
  .string()
  .regex(/^(stress|sensitivity|simulation)(,(stress|sensitivity|simulation)){0,2}$/, { error: 'must be stress, sensitivity or simulation, or several separated by commas' })
  .optional()
  .openapi({
    example: 'stress,sensitivity,simulation',
    description:
      '`stress` adds a 压力测试 Stress tests sheet (the lender stress pack); `sensitivity` a 敏感性分析 sheet (tornado at ±5/10/20% and switching values; seconds of work); `simulation` a 蒙特卡洛模拟 Monte Carlo sheet over the default variables (revenue ~ Normal(0, 0.1), capex ~ Triangular(−0.05, 0, 0.2), opex ~ Uniform(−0.1, 0.1), loan rates × LogNormal(0, 0.1)) with `draws`, `seed`, `irrTarget`. Each case or draw is re-evaluated. For other variables, POST the request to `/deals/{id}/simulate` with `Accept: ' + XLSX_MEDIA_TYPE + '`.',
  });

/** The simulation's parameters beside include=simulation (checked like the SimulationRequest body; 400 naming each bad one). */
const simulationQuery = {
  draws: z.string().optional().openapi({ example: '1000', description: 'With `include=simulation`: the number of draws, 1 to 100000 (default 1000).' }),
  seed: z.string().optional().openapi({ example: '1', description: 'With `include=simulation`: the seed, 0 to 2^32 − 1 (default 1); the same seed gives the same sheet.' }),
  irrTarget: z.string().optional().openapi({ example: '0.06', description: 'With `include=simulation`: the hurdle of "IRR below target" (default 0.06).' }),
};

export const dealTermSheetRoute = createRoute({
  method: 'get',
  path: '/deals/{id}/term-sheet.xlsx',
  tags,
  summary: 'The term sheet of a stored deal as an Excel workbook (a revision, or a scenario of it)',
  description: 'Any role that sees the deal, as for evaluate. `revision` picks a revision (current by default); `scenario` applies a scenario\'s overrides to its revision (a different `revision` with it is 400).',
  security: SECURITY,
  request: {
    params: dealIdParamSchema,
    query: asOfQuerySchema.extend({
      include: includeQuery,
      ...simulationQuery,
      revision: revisionNumber.optional().openapi({ example: 1 }),
      scenario: z.string().min(1).max(100).optional().openapi({ example: 'scn_0a1b2c3d4e5f6071', description: 'A scenario of the deal.' }),
    }),
  },
  responses: { 200: workbook, ...describeProblemResponses(400, 404, 422) },
});

export const bodyTermSheetRoute = createRoute({
  method: 'post',
  path: '/term-sheet',
  tags,
  summary: 'The term sheet of the deal in the body, as an Excel workbook, without storing it',
  description: 'Any role, as for POST /evaluate.',
  security: SECURITY,
  request: {
    query: asOfQuerySchema.extend({ include: includeQuery, ...simulationQuery }),
    body: { required: true, content: { 'application/json': { schema: DEAL_REF } } },
  },
  responses: { 200: workbook, ...describeProblemResponses(400, 415, 422) },
});
