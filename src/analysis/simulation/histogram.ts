/** The most bins a histogram of draws has (methodology §8.6). */
export const MAX_BINS = 20;

export interface Histogram {
  /** k + 1 bin edges, lowest first: bin i holds edges[i] ≤ v < edges[i + 1], the last bin closed on both sides. */
  edges: number[];
  /** Draws in each of the k bins; they add up to the number of values. */
  counts: number[];
}

/**
 * Equal-width bins over [min, max] of the values (methodology §8.6): k = min(20, ⌈√n⌉) bins of width
 * (max − min) / k; value v falls in bin ⌊(v − min) / width⌋, the maximum in the last bin. All values equal:
 * one bin [v, v] holding them all. No values: no bins.
 */
export function buildHistogram(values: readonly number[], maxBins = MAX_BINS): Histogram {
  if (values.length === 0) return { edges: [], counts: [] };
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return { edges: [min, max], counts: [values.length] };
  const bins = Math.min(maxBins, Math.ceil(Math.sqrt(values.length)));
  const width = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * width));
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - min) / width))]! += 1;
  return { edges, counts };
}
