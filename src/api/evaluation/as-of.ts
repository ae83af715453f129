/** Today's date (YYYY-MM-DD) in a time zone: the default as-of date of an evaluation. */
export function readToday(clock: () => Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(clock());
}
