/**
 * A request's path as a problem's `instance` and the service's log show it: a term-sheet link's token is
 * its credential (whoever holds it downloads the workbook without a key), so it is never echoed or logged —
 * `/api/v1/term-sheet-links/{token}` stands for it. Every other path as it is.
 */
export function describeRequestPath(path: string): string {
  return path.replace(/\/term-sheet-links\/[^/]+/, '/term-sheet-links/{token}');
}
