import { describe, expect, it } from 'vitest';
import { simulateDeal } from '../../../src/analysis/simulation/simulate.js';
import { simulationRequestSchema } from '../../../src/analysis/simulation/simulation-request.js';
import { createSimulationPool } from '../../../src/analysis/simulation/worker-pool.js';
import { evaluateDeal } from '../../../src/engine/evaluate-deal.js';
import { loadTemplate } from '../../helpers/load-template.js';

const AS_OF = '2026-03-01';

describe('simulateDeal', () => {
  const deal = loadTemplate('shenzhen-elevator');
  // Symmetric about zero: revenue ± a normal 3%, so the median outcome is the base case.
  const request = simulationRequestSchema.parse({
    variables: [{ driver: { driver: 'revenue' }, distribution: { kind: 'normal', mean: '0', sd: '0.03' } }],
    draws: 150,
    seed: 2026,
  });

  it('is reproducible with a fixed seed, and its P50 is near the deterministic base for a symmetric input', async () => {
    const first = await simulateDeal(deal, request, AS_OF);
    const again = await simulateDeal(deal, request, AS_OF);
    expect(again).toEqual(first);
    if (!first.ok) throw new Error(JSON.stringify(first.problems));
    const { result } = first;
    expect(result.validDraws).toBe(150);
    const base = evaluateDeal(deal, { asOf: AS_OF });
    if (!base.ok) throw new Error('base');
    const p = result.percentiles.equityIrr;
    expect(Math.abs(Number(p.p50) - base.metrics.equityIrr!.toNumber())).toBeLessThan(0.003);
    expect(Number(p.p5)).toBeLessThan(Number(p.p50));
    expect(Number(p.p95)).toBeGreaterThan(Number(p.p50));
    expect(Number(result.probabilities.equityIrrBelowTarget)).toBeGreaterThan(0.5); // base 4.9% < 6%
    expect(result.probabilities.bondCoverageBelow1_1).toBeNull(); // no bond
    // The histogram holds every draw with an equity IRR: ⌈√150⌉ = 13 bins from the lowest to the highest.
    const histogram = result.histograms.equityIrr;
    expect(histogram.counts).toHaveLength(13);
    expect(histogram.counts.reduce((a, b) => a + b, 0)).toBe(150 - p.absent);
    expect(Number(histogram.edges[0])).toBeLessThanOrEqual(Number(p.p5));
    expect(Number(histogram.edges[13])).toBeGreaterThanOrEqual(Number(p.p95));
    expect(result.histograms.bondCoverageNet).toEqual({ edges: [], counts: [] }); // no bond
  }, 240_000); // worker threads on a loaded 2-core machine

  it('gives the same answer on any number of worker threads (seeded per chunk), within float64 noise of the exact run in this thread', async () => {
    const [one, two] = [createSimulationPool(1), createSimulationPool(2)];
    try {
      const onOne = await simulateDeal(deal, request, AS_OF, one.runChunks);
      const onTwo = await simulateDeal(deal, request, AS_OF, two.runChunks);
      expect(onTwo).toEqual(onOne);
      const exact = await simulateDeal(deal, request, AS_OF);
      if (!onTwo.ok || !exact.ok) throw new Error('simulation failed');
      expect(onTwo.result.probabilities).toEqual(exact.result.probabilities);
      for (const [k, p] of Object.entries(exact.result.percentiles)) {
        const q = onTwo.result.percentiles[k as keyof typeof exact.result.percentiles];
        expect(q.absent).toBe(p.absent);
        for (const stat of ['p5', 'p50', 'p95', 'mean'] as const) {
          if (p[stat] === null) expect(q[stat]).toBeNull();
          else expect(Math.abs(Number(q[stat]) - Number(p[stat])), `${k} ${stat}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(Number(p[stat]))) + 1e-10);
        }
      }
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  }, 240_000); // worker threads on a loaded 2-core machine

  it('gives up the chunks of a run whose client went away, and serves the next run', async () => {
    const pool = createSimulationPool(1);
    try {
      const long = simulationRequestSchema.parse({ ...request, draws: 5000 });
      const controller = new AbortController();
      const abandoned = simulateDeal(deal, long, AS_OF, pool.runChunks, controller.signal);
      setTimeout(() => controller.abort(new Error('the client went away')), 50);
      await expect(abandoned).rejects.toThrow('the client went away');
      const next = await simulateDeal(deal, request, AS_OF, pool.runChunks);
      expect(next.ok && next.result.validDraws).toBe(150);
      await expect(simulateDeal(deal, request, AS_OF, pool.runChunks, AbortSignal.abort(new Error('gone already')))).rejects.toThrow('gone already');
    } finally {
      await pool.close();
    }
  }, 240_000); // worker threads on a loaded 2-core machine

  it('names a driver the deal lacks and a distribution that makes no sense', async () => {
    const bad = simulationRequestSchema.parse({
      variables: [
        { driver: { driver: 'price', stream: 'nope' }, distribution: { kind: 'uniform', min: 0, max: 0.1 } },
        { driver: { driver: 'capex' }, distribution: { kind: 'triangular', min: 0.1, mode: 0, max: 0.2 } },
      ],
    });
    expect(await simulateDeal(deal, bad, AS_OF)).toMatchObject({
      ok: false,
      problems: [
        { code: 'UNKNOWN_STREAM', path: 'variables[0].driver.stream' },
        { code: 'INVALID_DISTRIBUTION', path: 'variables[1].distribution' },
      ],
    });
  });
});
