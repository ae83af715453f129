import { createRoute, z as openapi } from '@hono/zod-openapi';
import { XLSX_MEDIA_TYPE } from '../http/respond-with-workbook.js';
import { dealIdParamSchema, SECURITY } from '../schemas/common-schemas.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';
import { analysedDealQuerySchema, analysisAnswerSchema, bodyRef, type AnalysisBodyName } from './analysis-schemas.js';

const tags = ['Analysis'];

/** The term-sheet workbook with the analysis as its last sheet, for `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`. */
const workbookContent = { [XLSX_MEDIA_TYPE]: { schema: openapi.string().openapi({ type: 'string', format: 'binary' }) } };

const analysisRoute = (path: string, body: AnalysisBodyName, summary: string, description: string, answer: ReturnType<typeof analysisAnswerSchema>, { asWorkbook = false } = {}) =>
  createRoute({
    method: 'post',
    path: `/deals/{id}/${path}`,
    tags,
    summary,
    description: `Any role that sees the deal. Runs on the current revision, \`?revision=\`, or \`?scenario=\`. ${description}`,
    security: SECURITY,
    request: {
      params: dealIdParamSchema,
      query: analysedDealQuerySchema,
      body: { required: false, content: { 'application/json': { schema: bodyRef(body) } } },
    },
    responses: {
      200: {
        description: asWorkbook ? 'What was analysed and the result; or, asked for by `Accept`, the term-sheet workbook with the result as its last sheet' : 'What was analysed and the result',
        content: { 'application/json': { schema: answer }, ...(asWorkbook ? workbookContent : {}) },
      },
      ...describeProblemResponses(400, 404, 415, 422),
    },
  });

export const solveRoute = analysisRoute(
  'solve',
  'SolveRequest',
  'Goal seek: the value of one input at which one indicator reaches a target',
  'E.g. `{"input":{"kind":"price","stream":"fz-parking-community"},"target":{"indicator":"minDscr","value":"1.3"}}`. An empty body (or `{}`) asks the default question: `{"input":{"kind":"new-operating-subsidy","level":"district"},"target":{"indicator":"equityIrr","value":"0.06"}}` — the yearly district subsidy for a 6% equity IRR. Status `solved` with the input and the indicator reached, or `no-solution` with the indicator at both bounds.',
  analysisAnswerSchema('SolveAnswer', 'status, solution { input, indicator, converged, funding }, bounds, base, evaluations, reason, notes'),
);

export const sensitivityRoute = analysisRoute(
  'sensitivity',
  'SensitivityRequest',
  'Sensitivity: tornado, two-way tables and switching values',
  'An empty body runs the default tornado (±5/10/20%) and switching values (NPV 0, DSCR 1.0/1.3, coverage 1.1/1.2).',
  analysisAnswerSchema('SensitivityAnswer', 'base, baseWaterfall { lockUpYears, dsraDrawYears, blockedYears, survivalFailures, facilities [{ sourceId, minDscr, minDscrYear }] }, steps, tornado [{ driver, points [{ change, values, waterfall }], range }], tables, switching'),
);

export const stressRoute = analysisRoute(
  'stress',
  'StressRequest',
  'Lender stress pack: named downside cases with DSCR, LLCR, coverage, equity IRR and covenant breaches',
  'An empty body runs the default pack (revenue −10/−20%, capex +10/+20%, opex +20%, rates +100bp, one-year delay, combined).',
  analysisAnswerSchema('StressAnswer', 'covenants, base, cases [{ id, name, metrics, breaches, waterfall { lockUpYears, dsraDrawYears, blockedYears, survivalFailures, facilities [{ sourceId, minDscr, minDscrYear }] }, breaksCovenant }]'),
);

export const simulateRoute = analysisRoute(
  'simulate',
  'SimulationRequest',
  'Monte Carlo simulation: percentiles of IRRs and NPV, probabilities of DSCR and coverage breaches',
  `An empty body (or \`{}\`) draws the default variables — revenue ~ Normal(0, 0.1), capex ~ Triangular(−0.05, 0, 0.2), opex ~ Uniform(−0.1, 0.1), loan rates × LogNormal(0, 0.1) — 1000 times with seed 1. Seeded and reproducible: the same seed gives the same answer whatever the number of worker threads. With \`Accept: ${XLSX_MEDIA_TYPE}\` the answer is the deal's term-sheet workbook (as from \`GET /deals/{id}/term-sheet.xlsx\`) with the simulation as a last sheet 蒙特卡洛模拟 Monte Carlo: the request, P5/P50/P95 and mean beside the base case, the probabilities and the invalid draws.`,
  analysisAnswerSchema('SimulationAnswer', 'draws, seed, percentiles { p5, p50, p95 } by indicator, probabilities, invalidDraws'),
  { asWorkbook: true },
);
