/**
 * Problems are data (DESIGN.md): a stable English `code`, the `path` of the offending field in the
 * deal (e.g. `capex[2].amount`), and a human message. The engine and the deal parser return them;
 * the edges (CLI, HTTP) present them.
 */
export interface Problem {
  code: string;
  path: string;
  message: string;
}

/** Format a path of keys and indices as `a.b[2].c`. */
export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}
