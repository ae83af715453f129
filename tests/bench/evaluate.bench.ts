import { readFileSync } from 'node:fs';
import { bench, describe } from 'vitest';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { evaluateDeal } from '../../src/engine/evaluate-deal.js';
import { serializeEvaluation } from '../../src/engine/to-wire.js';

// Target (issue: foundation): full evaluation of the 25-year template, median ≤ 5 ms. Each runs for
// 5 s after a 1 s warm-up: the default half-second gives medians that move by a millisecond between runs.
const OPTIONS = { time: 5000, warmupTime: 1000 };
const input: unknown = JSON.parse(readFileSync(new URL('../../models/fuzhou-gulou-25y.json', import.meta.url), 'utf8'));
const parsed = parseDeal(input);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const deal = parsed.deal;

describe('evaluate the 25-year template (福州鼓楼)', () => {
  bench('evaluateDeal', () => {
    const outcome = evaluateDeal(deal, { asOf: '2026-11-23' });
    if (!outcome.ok) throw new Error('evaluation failed');
  }, OPTIONS);

  bench('parseDeal + evaluateDeal + serializeEvaluation (what a request does)', () => {
    const again = parseDeal(input);
    if (!again.ok) throw new Error('parse failed');
    const outcome = evaluateDeal(again.deal, { asOf: '2026-11-23' });
    if (!outcome.ok) throw new Error('evaluation failed');
    serializeEvaluation(outcome);
  }, OPTIONS);
});
