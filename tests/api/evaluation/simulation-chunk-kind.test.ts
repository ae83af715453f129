import { describe, expect, it } from 'vitest';
import { countChunks } from '../../../src/analysis/simulation/run-chunk.js';
import { runChunksInProcess } from '../../../src/analysis/simulation/simulate.js';
import { simulationRequestSchema } from '../../../src/analysis/simulation/simulation-request.js';
import { summariseDraws } from '../../../src/analysis/simulation/summarise-draws.js';
import { createSimulationChunkKind, decodeSimulationResult, splitSimulationChunks } from '../../../src/api/evaluation/simulation-chunk-kind.js';
import { loadTemplate } from '../../helpers/load-template.js';

const AS_OF = '2026-03-01';

describe('splitSimulationChunks', () => {
  it('covers chunks 0 … n − 1 once, in order, in parts of at most perPart', () => {
    // 23 chunks in parts of 10: [0, 10), [10, 20), [20, 23).
    expect(splitSimulationChunks(23, 10)).toEqual([{ from: 0, to: 10 }, { from: 10, to: 20 }, { from: 20, to: 23 }]);
    expect(splitSimulationChunks(1, 10)).toEqual([{ from: 0, to: 1 }]);
    for (const [chunks, perPart] of [[1, 1], [7, 3], [100, 10], [1000, 7]] as const) {
      const parts = splitSimulationChunks(chunks, perPart);
      expect(parts.flatMap((p) => Array.from({ length: p.to - p.from }, (_, i) => p.from + i))).toEqual(Array.from({ length: chunks }, (_, i) => i));
      expect(Math.max(...parts.map((p) => p.to - p.from))).toBeLessThanOrEqual(perPart);
    }
    expect(() => splitSimulationChunks(5, 0)).toThrow(/at least one chunk/);
  });
});

describe('a simulation in parts, as the durable queue runs it (here on this thread)', () => {
  const deal = loadTemplate('shenzhen-elevator');
  // 230 draws: chunks of 100, 100 and 30; in parts of 2 chunks and 1 chunk.
  const request = simulationRequestSchema.parse({ draws: 230, seed: 4_242 });

  it('gives, parts worked out of order and combined, exactly the draws and the summary of one run', { timeout: 180_000 }, async () => {
    const kind = createSimulationChunkKind();
    const chunks = countChunks(request.draws);
    expect(chunks).toBe(3);
    const parts = splitSimulationChunks(chunks, 2).map((range) => ({ deal, request, asOf: AS_OF, ...range }));
    expect(parts.map((p) => [p.from, p.to])).toEqual([[0, 2], [2, 3]]);
    expect(parts.map((p) => kind.countUnits!(p))).toEqual([2, 1]);
    const reported: number[][] = [[], []];
    // The second part first: where and when a part runs changes no draw.
    const second = await kind.runChunk(parts[1]!, async (done) => void reported[1]!.push(done));
    const first = await kind.runChunk(parts[0]!, async (done) => void reported[0]!.push(done));
    expect(reported).toEqual([[1, 2], [1]]); // a report per simulation chunk, never backwards
    // Through JSON text, as the queue stores results.
    const combined = kind.combine(null, JSON.parse(JSON.stringify([first, second])));
    const draws = decodeSimulationResult(JSON.parse(JSON.stringify(combined)));

    const whole = await runChunksInProcess(deal, request, AS_OF, chunks);
    expect(draws).toEqual(whole);
    expect(draws.map((c) => c.length)).toEqual([100, 100, 30]);
    const meta = { draws: request.draws, seed: request.seed, irrTarget: request.irrTarget };
    expect(summariseDraws(draws.flat(), meta)).toEqual(summariseDraws(whole.flat(), meta));
    // Another seed draws otherwise: the equality above is not vacuous.
    const other = await runChunksInProcess(deal, { ...request, draws: 5, seed: 4_243 }, AS_OF, 1);
    expect(other[0]).not.toEqual(whole[0]!.slice(0, 5));
  });
});
