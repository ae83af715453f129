import { expect } from 'vitest';
import { FinanceError, type FinanceErrorCode } from '../../src/finance/index.js';

/** Assert that `call` throws a FinanceError with `code` and a plain-English message. */
export function expectFinanceError(call: () => unknown, code: FinanceErrorCode, messagePart?: RegExp): FinanceError {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a FinanceError to be thrown').toBeInstanceOf(FinanceError);
  const error = caught as FinanceError;
  expect(error.code).toBe(code);
  expect(error.name).toBe('FinanceError');
  expect(error.message.length).toBeGreaterThan(15);
  if (messagePart) expect(error.message).toMatch(messagePart);
  return error;
}

/** |actual − expected| ≤ tolerance, with a readable failure message. */
export function expectClose(actual: { toNumber(): number } | number, expected: number, tolerance: number): void {
  const value = typeof actual === 'number' ? actual : actual.toNumber();
  expect(Math.abs(value - expected), `${value} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}
