import { describe, expect, it } from 'vitest';
import { analyseSensitivity } from '../../src/analysis/sensitivity.js';
import { combineSensitivityParts, runSensitivityPart, splitSensitivity } from '../../src/analysis/sensitivity-parts.js';
import { sensitivityRequestSchema } from '../../src/analysis/sensitivity-request.js';
import { loadTemplate } from '../helpers/load-template.js';

const AS_OF = '2026-03-01';

describe('a sensitivity analysis in parts (as the durable queue runs it)', () => {
  const deal = loadTemplate('fuzhou-gulou-25y');
  // Four tornado drivers, one table, one switching driver: 1 + 4 + 1 + 1 = 7 parts.
  const request = sensitivityRequestSchema.parse({
    drivers: [{ driver: 'revenue' }, { driver: 'price', stream: 'fz-parking-public' }, { driver: 'construction-delay' }, { driver: 'opex' }],
    steps: ['-0.1', '0.1'],
    delaySteps: [1],
    indicators: ['equityIrr', 'minDscr'],
    tables: [{ rows: { driver: { driver: 'price', stream: 'fz-parking-public' }, changes: ['-0.1', '0'] }, columns: { driver: { driver: 'volume', stream: 'fz-parking-public' }, changes: ['0', '0.1'] }, indicator: 'equityIrr' }],
    switching: { drivers: [{ driver: 'revenue' }], targets: [{ indicator: 'minDscr', value: '1' }] },
  });

  it('splits into the base, each tornado driver, each table and each switching driver, in that order', () => {
    expect(splitSensitivity(deal, request).map((p) => (p.kind === 'table' ? `table ${p.index}` : p.kind === 'base' ? 'base' : `${p.kind} ${p.driver.driver}`))).toEqual([
      'base',
      'tornado revenue',
      'tornado price',
      'tornado construction-delay',
      'tornado opex',
      'table 0',
      'switching revenue',
    ]);
    // No switching asked for: no switching parts. No drivers named: the deal's default tornado drivers.
    expect(splitSensitivity(deal, { ...request, switching: null }).filter((p) => p.kind === 'switching')).toHaveLength(0);
    expect(splitSensitivity(deal, { ...request, drivers: undefined }).filter((p) => p.kind === 'tornado').length).toBeGreaterThan(4);
  });

  it('combines parts worked in any order, through JSON, into exactly the one-process answer', { timeout: 180_000 }, () => {
    const parts = splitSensitivity(deal, request);
    // Worked last to first, each result through JSON text as the queue stores it, then put back in order.
    const outcomes = parts.map((_, i) => i).reverse().map((i) => ({ i, outcome: JSON.parse(JSON.stringify(runSensitivityPart(deal, request, AS_OF, parts[i]!))) }));
    const inOrder = outcomes.sort((a, b) => a.i - b.i).map((o) => o.outcome);
    const combined = combineSensitivityParts(request, inOrder);
    const alone = analyseSensitivity(deal, request, AS_OF);
    if (!alone.ok) throw new Error(JSON.stringify(alone.problems));
    expect(JSON.parse(JSON.stringify(combined))).toEqual(JSON.parse(JSON.stringify(alone)));
    // The tornado is sorted across the parts (widest first), not left in the drivers' order.
    const widths = alone.result.tornado.map((r) => Number(r.range.high) - Number(r.range.low));
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
    expect(alone.result.tornado.map((r) => r.driver.driver)).not.toEqual(['revenue', 'price', 'construction-delay', 'opex']);
    expect(alone.result.switching).toHaveLength(1);
  });

  it('answers with the base case\'s problems when the deal does not evaluate, whichever part is asked', () => {
    // No funding source at all: the base case does not parse (funding.sources must have one).
    const broken = { ...deal, funding: { ...deal.funding, sources: [] } } as unknown as typeof deal;
    const alone = analyseSensitivity(broken, request, AS_OF);
    expect(alone).toMatchObject({ ok: false, problems: [{ path: 'funding.sources' }] });
    const outcomes = splitSensitivity(broken, request).map((part) => runSensitivityPart(broken, request, AS_OF, part));
    expect(outcomes).toHaveLength(7);
    expect(outcomes.every((o) => !o.ok)).toBe(true);
    expect(combineSensitivityParts(request, outcomes)).toEqual(alone);
  });
});
