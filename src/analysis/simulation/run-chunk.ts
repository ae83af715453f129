import type { Deal } from '../../deal/deal-schema.js';
import { applyChanges, isYearDriver } from '../drivers.js';
import { evaluateVariant } from '../evaluate-variant.js';
import { readIndicator, readIndicatorForSearch, type Indicator } from '../indicators.js';
import { drawFrom } from './draw-distribution.js';
import { createRandom } from './prng.js';
import type { SimulationRequest } from './simulation-request.js';

/** Draws per chunk: fixed, so chunk k always holds draws k·100 … k·100 + 99 from stream k. */
export const CHUNK_SIZE = 100;

export const DRAW_INDICATORS = ['equityIrr', 'projectIrrAfterTax', 'projectNpvAfterTax', 'minDscr', 'bondCoverageNet', 'allDebtCoverageNet'] as const satisfies readonly Indicator[];
type DrawIndicator = (typeof DRAW_INDICATORS)[number];

/** One draw: each indicator as a number for ranking (absent IRRs at their limit, see indicators.ts) and whether it existed; null for an invalid deal. */
export type DrawOutcome = { values: Record<DrawIndicator, number>; present: Record<DrawIndicator, boolean> } | { invalid: string };

/** The number of chunks of a simulation of `draws` draws. */
export const countChunks = (draws: number) => Math.ceil(draws / CHUNK_SIZE);

/**
 * Evaluate chunk `chunk` of a simulation: draw each variable's change from the chunk's own random
 * stream, change the deal (drivers.ts), parse and evaluate it. Pure: the same inputs give the same
 * outcomes in any thread.
 */
export function runSimulationChunk(deal: Deal, request: SimulationRequest, asOf: string, chunk: number): DrawOutcome[] {
  const random = createRandom(request.seed, chunk);
  const count = Math.min(CHUNK_SIZE, request.draws - chunk * CHUNK_SIZE);
  const outcomes: DrawOutcome[] = [];
  for (let i = 0; i < count; i++) {
    const changes = request.variables.map((v) => {
      const change = drawFrom(v.distribution, random);
      return { driver: v.driver, change: isYearDriver(v.driver) ? Math.max(0, Math.round(change)) : change };
    });
    const outcome = evaluateVariant(applyChanges(deal, changes), asOf);
    if (!outcome.ok) {
      outcomes.push({ invalid: outcome.problems[0]?.code ?? 'INVALID' });
      continue;
    }
    const e = outcome.evaluation;
    const values = {} as Record<DrawIndicator, number>;
    const present = {} as Record<DrawIndicator, boolean>;
    for (const k of DRAW_INDICATORS) {
      values[k] = readIndicatorForSearch(e, k);
      present[k] = readIndicator(e, k) !== null;
    }
    outcomes.push({ values, present });
  }
  return outcomes;
}
