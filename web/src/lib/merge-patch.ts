/**
 * A scenario's overrides are a JSON merge patch (RFC 7396) of the deal. A one-field edit at a path
 * such as `revenue[0].monthlyFee` becomes the smallest patch that makes it: nested objects down to
 * the field, except that a merge patch cannot address an array element — it replaces arrays whole —
 * so at the first array on the path the patch carries the whole array with the element changed.
 */

export type PathSegment = string | number;

/** `revenue[0].occupancy[1]` → ['revenue', 0, 'occupancy', 1]. */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) segments.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return segments;
}

/** ['revenue', 0, 'monthlyFee'] → `revenue[0].monthlyFee` (the API's problem paths). */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

export function readAt(value: unknown, segments: readonly PathSegment[]): unknown {
  let current: unknown = value;
  for (const s of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[s];
  }
  return current;
}

/** A copy of `value` with `next` at the path (the objects and arrays on the path copied, the rest shared). */
export function writeAt<T>(value: T, segments: readonly PathSegment[], next: unknown): T {
  if (segments.length === 0) return next as T;
  const [head, ...rest] = segments;
  const container: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  container[head as any] = writeAt(container[head as any], rest, next);
  return container;
}

/** The merge patch that sets the field at `path` of `deal` to `next`. */
export function buildMergePatch(deal: unknown, path: string, next: unknown): Record<string, unknown> {
  const segments = parsePath(path);
  const arrayAt = segments.findIndex((s) => typeof s === 'number');
  const head = arrayAt === -1 ? segments : segments.slice(0, arrayAt - 1);
  // At the first array: the whole array, its element changed.
  const leafValue = arrayAt === -1 ? next : writeAt(readAt(deal, segments.slice(0, arrayAt)), segments.slice(arrayAt), next);
  const leafKey = arrayAt === -1 ? head.pop() : segments[arrayAt - 1];
  let patch: Record<string, unknown> = { [String(leafKey)]: leafValue };
  for (let i = head.length - 1; i >= 0; i--) patch = { [String(head[i])]: patch };
  return patch;
}
