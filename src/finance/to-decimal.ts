import { D, type DecimalInput } from './decimal.js';
import { throwInvalidInput } from './finance-error.js';

/**
 * Input coercion for the finance primitives. Every argument goes through one of these functions, so a
 * malformed input always becomes `FinanceError('INVALID_INPUT')` with a message that names the
 * function and the argument, never a NaN that travels on.
 *
 * Accepted: a finite `number`, a `D` (any decimal.js instance), or a string in plain decimal notation
 * (optional sign, digits, optional fraction, optional exponent: "12", "-0.035", "1.5e3"; surrounding
 * spaces are ignored). Rejected: NaN, ±Infinity, "", "abc", hex/binary strings, null, booleans.
 */

const DECIMAL_NOTATION = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Payment timing flag of the spreadsheet annuity functions: 0 = end of period, 1 = beginning. */
export type PaymentTiming = 0 | 1;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (D.isDecimal(value)) return String(value);
  if (typeof value === 'number') return String(value);
  return typeof value;
}

/** Convert one input to a `D`, or throw INVALID_INPUT naming `argumentName`. */
export function toDecimal(value: unknown, functionName: string, argumentName: string): D {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return new D(value);
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (DECIMAL_NOTATION.test(text)) return new D(text);
  } else if (D.isDecimal(value)) {
    const decimal = value as D;
    // A D from another decimal.js clone is re-created under this project's configuration.
    if (decimal.isFinite()) return value instanceof D ? decimal : new D(String(value));
  }
  return throwInvalidInput(functionName, `${argumentName} must be a finite number, got ${describe(value)}`);
}

/**
 * Convert one input to a float64 `number` (for the root finders, which solve in double precision like
 * the spreadsheets do), or throw INVALID_INPUT.
 */
export function toFloat(value: unknown, functionName: string, argumentName: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (DECIMAL_NOTATION.test(text)) {
      const parsed = Number(text);
      if (Number.isFinite(parsed)) return parsed;
    }
  } else if (D.isDecimal(value)) {
    const decimal = value as D;
    if (decimal.isFinite()) {
      const parsed = convertDecimalToFloat(decimal);
      if (Number.isFinite(parsed)) return parsed;
    }
  }
  return throwInvalidInput(functionName, `${argumentName} must be a finite number, got ${describe(value)}`);
}

const MAX_EXACT_MANTISSA = 2 ** 53;
/** Powers of ten that are exact in float64 (10^0 … 10^22). */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A finite `D` as a float64, faster than `toNumber()` (which formats and re-parses a string) — the
 * engine passes `D` cash flows to IRR many times.
 *
 * decimal.js stores |x| = 0.d₀d₁… in base-10⁷ words `d` with `e` the decimal exponent of the leading
 * digit. With the words read as one integer m and x = ±m·10^p:
 * - m ≤ 2^53 and |p| ≤ 22 (every amount with ≤ 15 significant digits, e.g. 元 rounded to the 分):
 *   m and 10^|p| are exact doubles, so one multiplication or division gives the correctly rounded
 *   result, identical to `toNumber()`;
 * - otherwise (34-digit intermediate values) m·10^p is evaluated in float64, within a few ulps of the
 *   correctly rounded value — immaterial for a rate solved in float64 — and `toNumber()` is used where
 *   that could underflow or overflow.
 */
export function convertDecimalToFloat(value: D): number {
  if (!value.d) return value.toNumber(); // FloatDecimal (the simulation's float64 path) has no digit words
  const words = value.d;
  const sign = value.s;
  if (words.length === 0 || words[0] === 0) return 0;
  const lastIndex = words.length - 1;
  // The last word is zero-padded to 7 digits: drop its trailing zeros so that m stays small.
  let last = words[lastIndex] as number;
  let trailingZeros = 0;
  while (last % 10 === 0) {
    last /= 10;
    trailingZeros++;
  }
  let mantissa = 0;
  for (let i = 0; i < lastIndex; i++) mantissa = mantissa * 1e7 + (words[i] as number);
  mantissa = lastIndex === 0 ? last : mantissa * (EXACT_POWERS_OF_TEN[7 - trailingZeros] as number) + last;
  const lead = words[0] as number;
  const leadDigits = lead < 10 ? 1 : lead < 100 ? 2 : lead < 1e3 ? 3 : lead < 1e4 ? 4 : lead < 1e5 ? 5 : lead < 1e6 ? 6 : 7;
  const exponent = value.e - (leadDigits - 1) - 7 * lastIndex + trailingZeros;
  if (mantissa <= MAX_EXACT_MANTISSA && exponent >= -22 && exponent <= 22) {
    return sign * (exponent >= 0 ? mantissa * (EXACT_POWERS_OF_TEN[exponent] as number) : mantissa / (EXACT_POWERS_OF_TEN[-exponent] as number));
  }
  if (value.e > -280 && value.e < 280) {
    return sign * (exponent >= 0 ? mantissa * 10 ** exponent : mantissa / 10 ** -exponent);
  }
  return value.toNumber();
}

function requireNonEmptyArray(values: unknown, functionName: string, argumentName: string): readonly unknown[] {
  if (!Array.isArray(values)) return throwInvalidInput(functionName, `${argumentName} must be an array`);
  if (values.length === 0) return throwInvalidInput(functionName, `${argumentName} must not be empty`);
  return values as readonly unknown[];
}

/** Convert an array of inputs to `D`s; empty arrays and bad elements are INVALID_INPUT. */
export function toDecimalArray(values: readonly DecimalInput[], functionName: string, argumentName: string): D[] {
  const items = requireNonEmptyArray(values, functionName, argumentName);
  const result = new Array<D>(items.length);
  for (let i = 0; i < items.length; i++) result[i] = toDecimal(items[i], functionName, `${argumentName}[${i}]`);
  return result;
}

/** Convert an array of inputs to a `Float64Array`; empty arrays and bad elements are INVALID_INPUT. */
export function toFloatArray(values: readonly DecimalInput[], functionName: string, argumentName: string): Float64Array {
  const items = requireNonEmptyArray(values, functionName, argumentName);
  const result = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    // Fast path for plain numbers: the engine calls IRR many times with number arrays.
    result[i] =
      typeof item === 'number' && Number.isFinite(item) ? item : toFloat(item, functionName, `${argumentName}[${i}]`);
  }
  return result;
}

/** Validate the spreadsheet `type` flag: only 0 (end of period, the default) or 1 (beginning). */
export function toPaymentTiming(value: unknown, functionName: string): PaymentTiming {
  if (value === undefined) return 0;
  if (value === 0 || value === 1) return value;
  if (typeof value === 'string' || D.isDecimal(value)) {
    const parsed = toFloat(value, functionName, 'type');
    if (parsed === 0 || parsed === 1) return parsed;
  }
  return throwInvalidInput(
    functionName,
    `type must be 0 (payments at the end of each period) or 1 (at the beginning), got ${describe(value)}`,
  );
}

/** Validate a root-finder starting guess: a finite number greater than −1 (default 0.1). */
export function toGuess(value: unknown, functionName: string, defaultGuess: number): number {
  if (value === undefined) return defaultGuess;
  const guess = toFloat(value, functionName, 'guess');
  if (!(guess > -1)) return throwInvalidInput(functionName, `guess must be greater than -1, got ${guess}`);
  return guess;
}
