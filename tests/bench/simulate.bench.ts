import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { afterAll, bench, describe } from 'vitest';
import { simulateDeal } from '../../src/analysis/simulation/simulate.js';
import { simulationRequestSchema } from '../../src/analysis/simulation/simulation-request.js';
import { createSimulationPool } from '../../src/analysis/simulation/worker-pool.js';
import { parseDeal } from '../../src/deal/parse-deal.js';

// Target (issue 6): 10,000 draws of the 25-year template within 20 s on a 2-core machine.
// SIMULATION_DRAWS sets a smaller run (e.g. 1000) for a quick look.
const parsed = parseDeal(JSON.parse(readFileSync(new URL('../../models/fuzhou-gulou-25y.json', import.meta.url), 'utf8')));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const deal = parsed.deal;
// eslint-disable-next-line no-restricted-properties -- a benchmark setting, not application configuration
const draws = Number(globalThis.process.env.SIMULATION_DRAWS ?? 10_000);
const request = simulationRequestSchema.parse({
  variables: [
    { driver: { driver: 'revenue' }, distribution: { kind: 'normal', mean: '0', sd: '0.1' } },
    { driver: { driver: 'capex' }, distribution: { kind: 'triangular', min: '-0.05', mode: '0', max: '0.2' } },
    { driver: { driver: 'opex' }, distribution: { kind: 'uniform', min: '-0.1', max: '0.1' } },
    { driver: { driver: 'interest-rate' }, distribution: { kind: 'lognormal', mu: '0', sigma: '0.1' } },
  ],
  draws,
  seed: 1,
});
const pool = createSimulationPool(availableParallelism());
afterAll(() => pool.close());

describe(`simulate ${draws} draws of the 25-year template (福州鼓楼), ${availableParallelism()} worker threads`, () => {
  bench(
    'simulateDeal on the worker pool',
    async () => {
      const outcome = await simulateDeal(deal, request, '2026-11-23', pool.runChunks);
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});
