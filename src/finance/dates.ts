import { D } from './decimal.js';
import { throwInvalidInput } from './finance-error.js';

/**
 * Dates for XNPV/XIRR (methodology §8: ACT/365, first date as origin).
 *
 * A date may be given as
 * - an ISO calendar date string `YYYY-MM-DD` (the recommended form);
 * - a `Date`: its **UTC** calendar day is used (so `new Date('2024-01-01')` and
 *   `new Date(Date.UTC(2024, 0, 1))` mean 2024-01-01; a `Date` built at local midnight east of UTC
 *   falls on the previous UTC day — pass strings to avoid that trap);
 * - a spreadsheet serial number (1900 date system: serial 25569 = 1970-01-01). Like the spreadsheets,
 *   a fractional serial is truncated to its day; a negative serial is invalid. Serials below 61 sit
 *   before the spreadsheets' fictitious 1900-02-29, so mixing them with ISO dates is off by one day;
 *   serials are meant for spreadsheet round-trips.
 *
 * Internally every date becomes a day number: whole days since 1970-01-01.
 */
export type DateInput = string | Date | number;

const MILLISECONDS_PER_DAY = 86_400_000;
/** Spreadsheet serial of 1970-01-01 in the 1900 date system. */
const SERIAL_OF_UNIX_EPOCH = 25_569;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day count of a year under ACT/365 (Fixed): XNPV/XIRR divide actual days by 365, leap years too. */
export const DAYS_PER_YEAR = 365;

/** Convert one date input to whole days since 1970-01-01, or throw INVALID_INPUT. */
export function toDayNumber(value: unknown, functionName: string, argumentName: string): number {
  if (typeof value === 'string') {
    const match = ISO_DATE.exec(value.trim());
    if (match) {
      const year = Number(match[1]);
      const month = Number(match[2]);
      const day = Number(match[3]);
      const milliseconds = Date.UTC(year, month - 1, day);
      const check = new Date(milliseconds);
      // Reject impossible dates such as 2023-02-30 (Date.UTC would roll them over silently).
      if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
        return Math.round(milliseconds / MILLISECONDS_PER_DAY);
      }
    }
    return throwInvalidInput(functionName, `${argumentName} must be a date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  if (value instanceof Date) {
    const milliseconds = value.getTime();
    if (Number.isFinite(milliseconds)) return Math.floor(milliseconds / MILLISECONDS_PER_DAY);
    return throwInvalidInput(functionName, `${argumentName} is an invalid Date`);
  }
  if (typeof value === 'number' || D.isDecimal(value)) {
    const serial = typeof value === 'number' ? value : (value as D).toNumber();
    if (Number.isFinite(serial) && serial >= 0) return Math.trunc(serial) - SERIAL_OF_UNIX_EPOCH;
    return throwInvalidInput(
      functionName,
      `${argumentName} as a spreadsheet serial number must be a finite number ≥ 0, got ${String(value)}`,
    );
  }
  return throwInvalidInput(
    functionName,
    `${argumentName} must be a YYYY-MM-DD string, a Date or a spreadsheet serial number`,
  );
}

/**
 * Convert the values/dates pair of XNPV/XIRR to day numbers, checking that both are non-empty arrays of
 * the same length.
 */
export function toDayNumbers(
  dates: readonly DateInput[],
  expectedLength: number,
  functionName: string,
): Float64Array {
  if (!Array.isArray(dates)) return throwInvalidInput(functionName, 'dates must be an array');
  if (dates.length !== expectedLength) {
    return throwInvalidInput(
      functionName,
      `values and dates must have the same length (got ${expectedLength} values and ${dates.length} dates)`,
    );
  }
  const days = new Float64Array(dates.length);
  for (let i = 0; i < dates.length; i++) days[i] = toDayNumber(dates[i], functionName, `dates[${i}]`);
  return days;
}
