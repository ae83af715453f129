import type { Distribution } from './simulation-request.js';

/**
 * One draw of a distribution by inverse transform (uniform, triangular) or Box–Muller (normal,
 * lognormal) from uniform numbers in [0, 1). Lognormal gives 1 + change = exp(mu + sigma·z).
 */
export function drawFrom(distribution: Distribution, random: () => number): number {
  switch (distribution.kind) {
    case 'uniform': {
      const [min, max] = [Number(distribution.min), Number(distribution.max)];
      return min + random() * (max - min);
    }
    case 'triangular': {
      const [a, c, b] = [Number(distribution.min), Number(distribution.mode), Number(distribution.max)];
      const u = random();
      const split = (c - a) / (b - a);
      return u < split ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
    }
    case 'normal':
      return Number(distribution.mean) + Number(distribution.sd) * drawStandardNormal(random);
    case 'lognormal':
      return Math.exp(Number(distribution.mu) + Number(distribution.sigma) * drawStandardNormal(random)) - 1;
  }
}

/** Box–Muller: √(−2 ln u₁) · cos(2π u₂), u₁ in (0, 1]. */
function drawStandardNormal(random: () => number): number {
  const u1 = 1 - random();
  const u2 = random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Problems with a distribution's parameters (min ≤ mode ≤ max, min < max). */
export function checkDistribution(distribution: Distribution, path: string): { code: string; path: string; message: string } | undefined {
  if (distribution.kind === 'triangular') {
    const [a, c, b] = [Number(distribution.min), Number(distribution.mode), Number(distribution.max)];
    if (!(a <= c && c <= b && a < b)) return { code: 'INVALID_DISTRIBUTION', path, message: `a triangular distribution needs min ≤ mode ≤ max and min < max; got ${a}, ${c}, ${b}` };
  }
  if (distribution.kind === 'uniform' && !(Number(distribution.min) < Number(distribution.max))) {
    return { code: 'INVALID_DISTRIBUTION', path, message: 'a uniform distribution needs min < max' };
  }
  return undefined;
}
