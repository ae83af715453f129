import { DEFAULT_APP_CONFIG } from '../app-config.js';

/** Today's date (YYYY-MM-DD) in a time zone: the default as-of date of an evaluation. */
export function readToday(clock: () => Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(clock());
}

/**
 * The default as-of date of the command line: today in the service's default time zone (Asia/Shanghai),
 * so that `npm run evaluate` and the API's evaluations without `asOf` agree on the day.
 */
export function readDefaultAsOf(clock: () => Date = () => new Date()): string {
  return readToday(clock, DEFAULT_APP_CONFIG.timeZone);
}
