import { formatPath, type PathSegment } from './merge-patch.js';

export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Every leaf that differs between two JSON documents (the inputs of two revisions, a deal and its
 * scenario): added, removed or changed, by path. Arrays are compared element by element.
 */
export function diffJson(before: unknown, after: unknown, at: PathSegment[] = [], into: Change[] = []): Change[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) diffJson(before[i], after[i], [...at, i], into);
  } else if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) diffJson(before[key], after[key], [...at, key], into);
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    into.push({ path: formatPath(at), before, after });
  }
  return into;
}

/** The deal a merge patch (RFC 7396) makes: what a scenario evaluates. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}
