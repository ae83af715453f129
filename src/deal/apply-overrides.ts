import { applyJsonPatch } from './json-patch.js';
import { parseDeal, type ParseDealResult } from './parse-deal.js';
import type { Problem } from './problem.js';

/** Deeper overrides than this cannot be meant: a deal nests a few levels, not dozens. */
export const MAX_OVERRIDE_DEPTH = 32;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * JSON merge patch (RFC 7396): an object patches key by key, `null` removes a key, anything else
 * (arrays included) replaces. Returns a new value; neither argument is changed. Keys are copied as
 * data (a key "__proto__" stays an ordinary key), and nesting past `MAX_OVERRIDE_DEPTH` is refused.
 */
export function applyMergePatch(target: unknown, patch: unknown, depth = 0): unknown {
  if (!isObject(patch)) return patch;
  if (depth >= MAX_OVERRIDE_DEPTH) throw new RangeError(`overrides nest deeper than ${MAX_OVERRIDE_DEPTH} levels`);
  const entries = new Map(Object.entries(isObject(target) ? target : {}));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) entries.delete(key);
    else entries.set(key, applyMergePatch(entries.get(key), value, depth + 1));
  }
  return Object.fromEntries(entries);
}

/**
 * A scenario's deal: the base deal with the scenario's overrides applied, parsed like any deal, so a
 * bad override is a problem at its path in the deal (`capex[0].amount`). Overrides are either
 * - an object: a JSON merge patch (RFC 7396) — objects merge key by key, arrays are replaced whole; or
 * - an array: a JSON Patch (RFC 6902, json-patch.ts), operations by path, array elements by index or
 *   by `id` (`/revenue/fz-parking-community/monthlyFee`); a failing operation is a problem at
 *   `overrides[i]…` (`patchPath[i]…`).
 * A merge patch whose replaced array fails validation says so (MERGE_PATCH_REPLACES_ARRAY at the
 * array's key) and shows the JSON Patch that changes only the fields sent.
 */
export function applyOverrides(base: unknown, overrides: unknown, patchPath = 'overrides'): ParseDealResult {
  if (Array.isArray(overrides)) {
    const patched = applyJsonPatch(base, overrides);
    if (!patched.ok) return { ok: false, problems: patched.problems.map((p) => ({ ...p, path: `${patchPath}${p.path}` })) };
    return parseDeal(patched.value);
  }
  if (!isObject(overrides)) {
    return { ok: false, problems: [{ code: 'INVALID_TYPE', path: '', message: 'overrides must be a JSON object (a merge patch of the deal) or an array (a JSON Patch)' }] };
  }
  let merged: unknown;
  try {
    merged = applyMergePatch(base, overrides);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { ok: false, problems: [{ code: 'TOO_DEEP', path: '', message: error.message }] };
  }
  const parsed = parseDeal(merged);
  return parsed.ok ? parsed : { ok: false, problems: [...explainReplacedArrays(base, overrides, parsed.problems), ...parsed.problems] };
}

/** The pointer segment of a key (RFC 6901). */
const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * For each top-level array of a merge patch that replaced an array of the base deal, and under which
 * the merged deal has problems: a problem at
 * that key saying that the array was replaced whole, with the JSON Patch that would change only the
 * fields its elements name (elements with an `id`).
 */
function explainReplacedArrays(base: unknown, overrides: Record<string, unknown>, problems: readonly Problem[]): Problem[] {
  const baseArrays = isObject(base) ? base : {};
  return Object.entries(overrides).flatMap(([key, value]): Problem[] => {
    if (!Array.isArray(value) || !Array.isArray(baseArrays[key]) || !problems.some((p) => p.path === key || p.path.startsWith(`${key}[`) || p.path.startsWith(`${key}.`))) return [];
    const operations = value.flatMap((element) =>
      isObject(element) && typeof element.id === 'string'
        ? Object.entries(element).filter(([field]) => field !== 'id').map(([field, v]) => ({ op: 'replace', path: `/${escapePointer(key)}/${escapePointer(element.id as string)}/${escapePointer(field)}`, value: v }))
        : [],
    );
    const suggestion = operations.length > 0 ? JSON.stringify(operations.slice(0, 5)) : `[{"op":"replace","path":"/${escapePointer(key)}/0/<field>","value":…}]`;
    return [{
      code: 'MERGE_PATCH_REPLACES_ARRAY',
      path: key,
      message: `a JSON merge patch (RFC 7396) replaces the whole array "${key}": the ${value.length} element(s) sent become the new array and must be complete. To change only some fields, send the overrides as a JSON Patch (RFC 6902) array, elements by index or id: ${suggestion}`,
    }];
  });
}
