/**
 * The one error type the finance primitives throw (methodology §8: "no IRR" is an explicit result,
 * never a made-up number).
 *
 * - `NO_SOLUTION`: the inputs are well-formed but the function has no value for them — no real root
 *   (IRR/XIRR/RATE), a division by zero (rate = −1, NPER with rate 0 and payment 0), a logarithm or
 *   fractional power of a non-positive number. Spreadsheets show `#NUM!` or `#DIV/0!` here.
 * - `INVALID_INPUT`: an argument is malformed — not a number, NaN/Infinity, an empty array, arrays of
 *   different lengths, a payment-timing flag other than 0 or 1, a bad date, a period out of range.
 */
export type FinanceErrorCode = 'NO_SOLUTION' | 'INVALID_INPUT';

export class FinanceError extends Error {
  readonly code: FinanceErrorCode;

  constructor(code: FinanceErrorCode, message: string) {
    super(message);
    this.name = 'FinanceError';
    this.code = code;
  }
}

/** Throw an `INVALID_INPUT` error naming the function and the reason. */
export function throwInvalidInput(functionName: string, reason: string): never {
  throw new FinanceError('INVALID_INPUT', `${functionName}: ${reason}`);
}

/** Throw a `NO_SOLUTION` error naming the function and the reason. */
export function throwNoSolution(functionName: string, reason: string): never {
  throw new FinanceError('NO_SOLUTION', `${functionName}: ${reason}`);
}
