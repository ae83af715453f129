import { parseDeal, type ParseDealResult } from './parse-deal.js';

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
 * A scenario's deal: the base deal with the scenario's overrides merged in (RFC 7396), parsed like
 * any deal, so a bad override is a problem at its path in the deal (`capex[0].amount`).
 */
export function applyOverrides(base: unknown, overrides: unknown): ParseDealResult {
  if (!isObject(overrides)) {
    return { ok: false, problems: [{ code: 'INVALID_TYPE', path: '', message: 'overrides must be a JSON object (a merge patch of the deal)' }] };
  }
  let merged: unknown;
  try {
    merged = applyMergePatch(base, overrides);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { ok: false, problems: [{ code: 'TOO_DEEP', path: '', message: error.message }] };
  }
  return parseDeal(merged);
}
