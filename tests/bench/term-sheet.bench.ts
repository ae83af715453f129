import { readFileSync } from 'node:fs';
import { bench, describe } from 'vitest';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { evaluateDeal } from '../../src/engine/evaluate-deal.js';
import { buildTermSheet, writeTermSheet } from '../../src/export/build-term-sheet.js';

// Target (issue 5): workbook generation for the 25-year template, median ≤ 300 ms.
const parsed = parseDeal(JSON.parse(readFileSync(new URL('../../models/fuzhou-gulou-25y.json', import.meta.url), 'utf8')));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const deal = parsed.deal;
const outcome = evaluateDeal(deal, { asOf: '2026-03-01' });
if (!outcome.ok) throw new Error('evaluation failed');
const evaluation = outcome;

describe('term sheet of the 25-year template (福州鼓楼)', () => {
  bench('buildTermSheet + writeBuffer (the .xlsx bytes)', async () => {
    await writeTermSheet(deal, evaluation);
  }, { time: 5_000 });

  bench('buildTermSheet only (the workbook in memory)', () => {
    buildTermSheet(deal, evaluation);
  }, { time: 3_000 });

  bench('evaluate + build + write (what a request does)', async () => {
    const e = evaluateDeal(deal, { asOf: '2026-03-01' });
    if (!e.ok) throw new Error('evaluation failed');
    await writeTermSheet(deal, e);
  }, { time: 5_000 });
});
