import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { INDICATOR_NAMES, INDICATORS } from '../../../src/analysis/indicators.js';
import { RUNS_ON_FLOAT64 } from '../../../src/finance/decimal.js';
import { loadTemplate } from '../../helpers/load-template.js';
import { evaluateVariantIndicators, type VariantCase, type VariantIndicators } from '../../helpers/variant-indicators.js';

const AS_OF = '2026-11-23';
const TEMPLATES = ['baoding-utility-split', 'beijing-jinsong-20y', 'fuzhou-gulou-25y', 'lugu-package', 'shenzhen-elevator', 'xiangtan-heping', 'xiangtan-bond-card', 'gulou-bond-cdb-combined'];

/** The changes a simulation makes, with the paths they take: standby equity on an overrun, a delay, a shorter term, rates. */
const CHANGES: Omit<VariantCase, 'deal'>[] = [
  { name: 'base', changes: [] },
  { name: 'revenue −13.7%, capex +17.3%', changes: [{ driver: { driver: 'revenue' }, change: -0.137 }, { driver: { driver: 'capex' }, change: 0.173 }] },
  { name: 'capex −4.1%, opex +9.9%, rate ×1.13', changes: [{ driver: { driver: 'capex' }, change: -0.041 }, { driver: { driver: 'opex' }, change: 0.099 }, { driver: { driver: 'interest-rate' }, change: 0.13 }] },
  { name: 'one-year delay, operating period −20%', changes: [{ driver: { driver: 'construction-delay' }, change: 1 }, { driver: { driver: 'operating-period' }, change: -0.2 }] },
  { name: 'revenue −60%', changes: [{ driver: { driver: 'revenue' }, change: -0.6 }] },
];

async function evaluateOnFloat64(cases: VariantCase[]): Promise<{ runsOnFloat64: boolean; results: VariantIndicators[] }> {
  const script = new URL('../../helpers/float-variant-worker.ts', import.meta.url).href;
  const worker = new Worker(new URL('../../../src/worker-bootstrap.mjs', import.meta.url), { workerData: { script, arithmetic: 'float64' } });
  try {
    worker.postMessage({ cases, asOf: AS_OF });
    const [answer] = await once(worker, 'message');
    return answer;
  } finally {
    await worker.terminate();
  }
}

describe('the float64 fast path (the simulation’s workers)', () => {
  it('gives every indicator of every template, changed as a simulation changes it, within 1e-8 of the exact engine', async () => {
    const cases = TEMPLATES.flatMap((id) => CHANGES.map((c) => ({ ...c, name: `${id}: ${c.name}`, deal: loadTemplate(id) })));
    const { runsOnFloat64, results } = await evaluateOnFloat64(cases);
    expect(runsOnFloat64).toBe(true);
    expect(RUNS_ON_FLOAT64).toBe(false); // this thread stays exact
    let compared = 0;
    cases.forEach((c, i) => {
      const exact = evaluateVariantIndicators(c, AS_OF);
      const fast = results[i]!;
      expect(fast.ok, c.name).toBe(exact.ok);
      if (!exact.ok || !fast.ok) {
        expect(fast, c.name).toEqual(exact);
        return;
      }
      for (const k of INDICATOR_NAMES) {
        const [e, f] = [exact.values[k], fast.values[k]];
        expect(f === null, `${c.name}: ${k} exists on one path only`).toBe(e === null);
        if (e === null || f === null) continue;
        // Float64 noise, and now and then a 分 of an allocation going to another part (a remainder tie
        // within the tolerance), move an indicator by about 1e-9 of itself.
        // A cover ratio over a small year of service moves further: lugu-package at revenue −13.7%,
        // capex +17.3% sculpts year 13 to 26,126.79 元 of service, and a 分 of sculpted principal on a
        // rounding tie (26,126.78 on float64) moves that year's DSCR of −4.559 by 0.01/26,126.79 ≈ 3.8e-7
        // of itself. Ratios are held to 1e-6 (a 分 on 10,000 元 of service), rates and amounts to 1e-8.
        const relative = INDICATORS[k] === 'ratio' ? 1e-6 : 1e-8;
        expect(Math.abs(f - e), `${c.name}: ${k} exact ${e}, float64 ${f}`).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(e)));
        compared++;
      }
    });
    expect(compared).toBeGreaterThan(200);
  }, 240_000); // every template, many draws: minutes on a loaded 2-core machine
});
