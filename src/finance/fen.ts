import { D, roundToFen } from './decimal.js';

/**
 * Amounts as whole 分 (bigint), for sums of many amounts each taken to the 分 first (a portfolio's
 * statements, methodology §10.10), where a rounded Decimal and a Decimal addition per amount were most
 * of the cost. Exact by construction: an amount to the 分 is a whole number of 分, and bigints add
 * exactly whatever the size.
 */

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7];
/** Digits down to the 分 that a double holds exactly (10^15 < 2^53). */
const MAX_EXACT_DIGITS = 15;

/**
 * A 元 amount rounded half-even to the 分, as roundToFen rounds it (methodology §8), in whole 分.
 *
 * It reads the Decimal's digits instead of making a rounded Decimal. decimal.js documents a value's
 * read-only properties: `d`, its digits in groups of seven (base 1e7; the first group without leading
 * zeros, no trailing zero groups), `e`, the base-10 exponent of its first digit, and `s`, its sign. So
 * value = 0.d₁d₂… × 10^(e+1): its 分 are its first e + 3 digits, and the digits after them decide the
 * rounding — above one half up, below down, exactly one half to the even 分.
 */
export function toFen(value: D): bigint {
  const { d, e, s } = value as unknown as { d?: number[] | null; e: number; s: number };
  // A FloatDecimal (the simulation's float64 arithmetic) has no digit groups: rounded the usual way.
  if (d === undefined) return BigInt(roundToFen(value).times(100).toFixed(0));
  if (d === null || !Number.isFinite(e)) throw new RangeError(`not a finite amount: ${value.toString()}`);
  const kept = e + 3;
  if (kept < 0 || d[0] === 0) return 0n; // zero, or below 0.001 元: less than half a 分
  const fen = kept <= MAX_EXACT_DIGITS ? roundGroups(d, kept) : roundDigits(d, kept);
  return s < 0 ? -fen : fen;
}

/** The first `kept` digits of the groups, rounded half-even on the rest, in a double (kept ≤ 15: exact). */
function roundGroups(d: readonly number[], kept: number): bigint {
  const first = d[0]!;
  let width = first < 10 ? 1 : first < 100 ? 2 : first < 1e3 ? 3 : first < 1e4 ? 4 : first < 1e5 ? 5 : first < 1e6 ? 6 : 7;
  let fen = 0;
  let need = kept;
  for (let i = 0; i < d.length; i++, width = 7) {
    const group = d[i]!;
    if (need >= width) {
      fen = fen * POW10[width]! + group;
      need -= width;
      continue;
    }
    // The 分 end inside this group: its first `need` digits are kept, the rest (and any later group) is the remainder.
    const scale = POW10[width - need]!;
    const head = Math.floor(group / scale);
    const rest = group - head * scale;
    fen = fen * POW10[need]! + head;
    const half = scale / 2;
    if (rest > half || (rest === half && (i + 1 < d.length || fen % 2 === 1))) fen += 1;
    return BigInt(fen);
  }
  // The digits end before the 分: the rest are zeros.
  return BigInt(fen * 10 ** need);
}

/** As roundGroups for an amount too long for a double: through the digits as text. */
function roundDigits(d: readonly number[], kept: number): bigint {
  let digits = String(d[0]);
  for (let i = 1; i < d.length; i++) digits += String(d[i]).padStart(7, '0');
  if (digits.length <= kept) return BigInt(digits.padEnd(kept, '0'));
  const fen = BigInt(digits.slice(0, kept));
  const rest = digits.slice(kept);
  const above = rest[0]! > '5' || (rest[0] === '5' && /[1-9]/.test(rest.slice(1)));
  const half = rest[0] === '5' && !/[1-9]/.test(rest.slice(1));
  return above || (half && (fen & 1n) === 1n) ? fen + 1n : fen;
}

/** Whole 分 as a 元 amount with two places ("-1234.05"), as a Decimal's toFixed(2) writes it. */
export function formatFen(fen: bigint): string {
  const negative = fen < 0n;
  const text = (negative ? -fen : fen).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** A 元 amount (a decimal string, as a portfolio part hands its sums back) rounded half-even to whole 分. */
export function parseFen(amount: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) return toFen(new D(amount));
  const fen = BigInt(match[2]! + (match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -fen : fen;
}
