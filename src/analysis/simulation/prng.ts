/**
 * Seeded pseudo-random numbers: xoshiro128** 1.1 (Blackman and Vigna, 2018; https://prng.di.unimi.it/),
 * a small, fast generator with a 2^128 − 1 period, its state filled by splitmix32 from a seed and a
 * stream number — each chunk of a simulation draws from its own stream, so the draws do not depend on
 * how the chunks are spread over worker threads.
 */

/** splitmix32: a 32-bit mixing sequence, used only to fill the generator's state. */
function createSplitMix32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/** xoshiro128** from an explicit state (not all zero): the next 32-bit output, unsigned. */
export function createXoshiro128(state: [number, number, number, number]): () => number {
  let [s0, s1, s2, s3] = state.map((s) => s >>> 0) as [number, number, number, number];
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
}

/** Uniform numbers in [0, 1) from stream `stream` of seed `seed` (53 bits from two outputs). */
export function createRandom(seed: number, stream = 0): () => number {
  const mix = createSplitMix32((seed >>> 0) ^ Math.imul(stream + 1, 0x85ebca6b));
  const state: [number, number, number, number] = [mix(), mix(), mix(), mix()];
  if (state.every((s) => s === 0)) state[0] = 1;
  const next = createXoshiro128(state);
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
}
