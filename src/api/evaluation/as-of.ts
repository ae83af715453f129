import { DEFAULT_APP_CONFIG } from '../app-config.js';

/** One formatter per time zone: making one costs milliseconds of the request thread, using one microseconds. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Today's date (YYYY-MM-DD) in a time zone: the default as-of date of an evaluation. */
export function readToday(clock: () => Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(clock());
}

/**
 * The default as-of date of the command line: today in the service's default time zone (Asia/Shanghai),
 * so that `npm run evaluate` and the API's evaluations without `asOf` agree on the day.
 */
export function readDefaultAsOf(clock: () => Date = () => new Date()): string {
  return readToday(clock, DEFAULT_APP_CONFIG.timeZone);
}
