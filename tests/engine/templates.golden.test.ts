import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { evaluateDeal } from '../../src/engine/evaluate-deal.js';
import { serializeEvaluation } from '../../src/engine/to-wire.js';

const modelsDir = new URL('../../models/', import.meta.url);
const templates = readdirSync(modelsDir).filter((f) => f.endsWith('.json')).sort();

/*
 * Golden results of every template: the metrics, each statement row's total, who pays (the
 * contributions by source, party, level, category and per unit, nominal, PV and share) and the warning codes.
 * A change to any of them is a change in the numbers users see, so it must be deliberate:
 * review the diff, then refresh with `npx vitest run tests/engine/templates.golden.test.ts -u`.
 */
describe('templates in models/', () => {
  it('include the five seed cases of methodology §1', () => {
    expect(templates.length).toBeGreaterThanOrEqual(5);
  });

  it.each(templates)('%s parses, evaluates and matches its golden result', async (file) => {
    const parsed = parseDeal(JSON.parse(readFileSync(new URL(file, modelsDir), 'utf8')));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems, null, 1));
    expect(parsed.deal.meta.sources.length).toBeGreaterThan(0);
    expect(parsed.deal.meta.sources.some((s) => s.basis === 'public-record')).toBe(true);
    const outcome = evaluateDeal(parsed.deal, { asOf: '2026-11-23' });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 1));
    const wire = serializeEvaluation(outcome);
    const golden = {
      metrics: wire.metrics,
      totals: Object.fromEntries(
        Object.values(wire.statements).map((s) => [s.key, Object.fromEntries(s.rows.map((r) => [r.key, r.total]))]),
      ),
      contributions: wire.contributions,
      warnings: wire.warnings.map((w) => `${w.code} ${w.path}`),
      // Each special bond's 自求平衡 figures (methodology §10), only for templates with a bond.
      ...(wire.bonds.length > 0
        ? { bonds: wire.bonds.map((b) => ({ id: b.id, earmarked: b.earmarked, life: b.life, coverageGross: b.coverageGross, coverageNet: b.coverageNet, coverageAllDebt: b.coverageAllDebt, totals: b.totals, batches: b.batches.map((x) => `${x.id} ${x.status} ${x.issueYear}-${x.issueMonth} ${x.amount}`) })) }
        : {}),
    };
    await expect(JSON.stringify(golden, null, 2) + '\n').toMatchFileSnapshot(`../../fixtures/golden/${file}`);
  });
});
