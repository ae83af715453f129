import type { Problem } from './problem.js';

/**
 * JSON Patch (RFC 6902) over plain JSON, with one addition for deals: an array element may be named
 * by its `id`. A path segment that falls on an array is
 * - an index (`0`, `12`: digits without a leading zero), or `-` (past the end, for `add`), as RFC 6901;
 * - otherwise the `id` of the one element that has it: `/revenue/fz-parking-community/monthlyFee` is
 *   the `monthlyFee` of the revenue stream whose `id` is "fz-parking-community", wherever it stands.
 * Ids that are all digits are read as indices; the templates' ids never are. Segments are escaped as
 * RFC 6901 says (`~1` for `/`, `~0` for `~`).
 *
 * The operations are applied in order to a copy; the first that fails stops the patch and is a problem
 * at `[i]` (or `[i].path`, `[i].from`, `[i].value`): nothing is half-applied. Keys are set as own data
 * properties, so a key "__proto__" stays an ordinary key.
 */
export type JsonPatchOutcome = { ok: true; value: unknown } | { ok: false; problems: Problem[] };

export const MAX_PATCH_OPERATIONS = 1000;
/** A deal nests a few levels; a pointer deeper than this cannot be meant. */
const MAX_POINTER_DEPTH = 32;
const OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;
type Op = (typeof OPS)[number];
const INDEX = /^(0|[1-9]\d{0,8})$/;

type Container = Record<string, unknown> | unknown[];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

class PatchError extends Error {
  constructor(readonly field: 'path' | 'from' | 'value' | '', readonly code: string, message: string) {
    super(message);
  }
}

/** `/a/b~1c` → ["a", "b/c"]; "" is the whole document. */
function parsePointer(pointer: string, field: 'path' | 'from'): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(field, 'INVALID_POINTER', `must be a JSON Pointer starting with "/" (e.g. "/revenue/0/monthlyFee"); got "${pointer.slice(0, 80)}"`);
  const segments = pointer.slice(1).split('/');
  if (segments.length > MAX_POINTER_DEPTH) throw new PatchError(field, 'TOO_DEEP', `a pointer of at most ${MAX_POINTER_DEPTH} segments`);
  return segments.map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The index an array segment stands for: an index, `-` (the end, when `allowEnd`), or the element whose `id` it is. */
function resolveIndex(array: unknown[], segment: string, pointer: string, field: 'path' | 'from', allowEnd: boolean): number {
  if (segment === '-' && allowEnd) return array.length;
  if (INDEX.test(segment)) {
    const index = Number(segment);
    if (index > array.length || (index === array.length && !allowEnd)) throw new PatchError(field, 'NO_SUCH_ELEMENT', `${pointer}: the array has ${array.length} elements`);
    return index;
  }
  const matches = array.flatMap((element, i) => (isObject(element) && element.id === segment ? [i] : []));
  if (matches.length === 1) return matches[0]!;
  const ids = array.flatMap((element) => (isObject(element) && typeof element.id === 'string' ? [element.id] : []));
  if (matches.length > 1) throw new PatchError(field, 'AMBIGUOUS_ID', `${pointer}: ${matches.length} elements have the id "${segment}"`);
  throw new PatchError(field, 'NO_SUCH_ELEMENT', `${pointer}: no element has the id "${segment}"${ids.length > 0 ? `; the ids are ${ids.slice(0, 20).join(', ')}` : ' (its elements have no ids: use an index)'}`);
}

/** The container that holds the last segment, and that segment as a key or an index. */
function locateParent(doc: unknown, segments: string[], pointer: string, field: 'path' | 'from', allowEnd: boolean): { parent: Container; key: string | number } {
  let node = doc;
  for (let i = 0; i < segments.length - 1; i++) node = step(node, segments[i]!, pointer, field);
  const last = segments.at(-1)!;
  if (Array.isArray(node)) return { parent: node, key: resolveIndex(node, last, pointer, field, allowEnd) };
  if (isObject(node)) return { parent: node, key: last };
  throw new PatchError(field, 'NO_SUCH_PATH', `${pointer}: "${segments.slice(0, -1).join('/')}" is not an object or an array`);
}

function step(node: unknown, segment: string, pointer: string, field: 'path' | 'from'): unknown {
  if (Array.isArray(node)) return node[resolveIndex(node, segment, pointer, field, false)];
  if (isObject(node) && Object.hasOwn(node, segment)) return node[segment];
  throw new PatchError(field, 'NO_SUCH_PATH', `${pointer}: there is no "${segment}"`);
}

function read(doc: unknown, pointer: string, field: 'path' | 'from'): unknown {
  let node = doc;
  for (const segment of parsePointer(pointer, field)) node = step(node, segment, pointer, field);
  return node;
}

const setOwn = (target: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

function add(doc: unknown, pointer: string, value: unknown): unknown {
  const segments = parsePointer(pointer, 'path');
  if (segments.length === 0) return value;
  const { parent, key } = locateParent(doc, segments, pointer, 'path', true);
  if (Array.isArray(parent)) parent.splice(key as number, 0, value);
  else setOwn(parent, key as string, value);
  return doc;
}

function remove(doc: unknown, pointer: string, field: 'path' | 'from' = 'path'): { doc: unknown; removed: unknown } {
  const segments = parsePointer(pointer, field);
  if (segments.length === 0) throw new PatchError(field, 'NO_SUCH_PATH', 'the whole document cannot be removed');
  const { parent, key } = locateParent(doc, segments, pointer, field, false);
  if (Array.isArray(parent)) return { doc, removed: parent.splice(key as number, 1)[0] };
  if (!Object.hasOwn(parent, key as string)) throw new PatchError(field, 'NO_SUCH_PATH', `${pointer}: there is no "${String(key)}"`);
  const removed = parent[key as string];
  delete parent[key as string];
  return { doc, removed };
}

/** JSON equality as RFC 6902 §4.6 defines it for `test`: same type, same members, same order of array elements. */
function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => equalJson(v, b[i]));
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && equalJson(a[k], b[k]));
}

function applyOperation(doc: unknown, operation: Record<string, unknown>): unknown {
  const op = operation.op as Op;
  const path = operation.path as string;
  const from = operation.from as string;
  switch (op) {
    case 'add':
      return add(doc, path, structuredClone(operation.value));
    case 'remove':
      return remove(doc, path).doc;
    case 'replace': {
      const segments = parsePointer(path, 'path');
      if (segments.length === 0) return structuredClone(operation.value);
      const { parent, key } = locateParent(doc, segments, path, 'path', false);
      // The target must exist (RFC 6902 §4.3).
      if (Array.isArray(parent)) parent[key as number] = structuredClone(operation.value);
      else if (Object.hasOwn(parent, key as string)) setOwn(parent, key as string, structuredClone(operation.value));
      else throw new PatchError('path', 'NO_SUCH_PATH', `${path}: there is no "${String(key)}" to replace (use "add")`);
      return doc;
    }
    case 'move': {
      if (path === from || path.startsWith(`${from}/`)) {
        if (path === from) return doc;
        throw new PatchError('path', 'INVALID_MOVE', `cannot move "${from}" into its own child "${path}"`);
      }
      const { doc: without, removed } = remove(doc, from, 'from');
      return add(without, path, removed);
    }
    case 'copy':
      return add(doc, path, structuredClone(read(doc, from, 'from')));
    case 'test': {
      const actual = read(doc, path, 'path');
      if (!equalJson(actual, operation.value)) throw new PatchError('value', 'TEST_FAILED', `${path} is ${JSON.stringify(actual)?.slice(0, 80)}, not ${JSON.stringify(operation.value)?.slice(0, 80)}`);
      return doc;
    }
  }
}

/** The shape of each operation, every problem at once: `{ op, path, value? , from? }`. */
function checkOperations(operations: unknown): Problem[] {
  if (!Array.isArray(operations)) return [{ code: 'INVALID_TYPE', path: '', message: 'a JSON Patch is an array of operations, e.g. [{"op":"replace","path":"/discountRate","value":"0.08"}]' }];
  if (operations.length > MAX_PATCH_OPERATIONS) return [{ code: 'TOO_BIG', path: '', message: `at most ${MAX_PATCH_OPERATIONS} operations` }];
  const problems: Problem[] = [];
  operations.forEach((operation, i) => {
    if (!isObject(operation)) return void problems.push({ code: 'INVALID_TYPE', path: `[${i}]`, message: 'must be an operation: {"op", "path", …}' });
    if (!OPS.includes(operation.op as Op)) problems.push({ code: 'INVALID_VALUE', path: `[${i}].op`, message: `must be one of ${OPS.join(', ')}` });
    if (typeof operation.path !== 'string') problems.push({ code: 'REQUIRED', path: `[${i}].path`, message: 'must be a JSON Pointer, e.g. "/revenue/fz-parking-community/monthlyFee"' });
    if ((operation.op === 'move' || operation.op === 'copy') && typeof operation.from !== 'string') problems.push({ code: 'REQUIRED', path: `[${i}].from`, message: `${String(operation.op)} needs "from", a JSON Pointer` });
    if ((operation.op === 'add' || operation.op === 'replace' || operation.op === 'test') && !Object.hasOwn(operation, 'value')) problems.push({ code: 'REQUIRED', path: `[${i}].value`, message: `${String(operation.op)} needs "value"` });
  });
  return problems;
}

/** Apply a JSON Patch to a copy of `target`; `target` is never changed. */
export function applyJsonPatch(target: unknown, operations: unknown): JsonPatchOutcome {
  const problems = checkOperations(operations);
  if (problems.length > 0) return { ok: false, problems };
  let doc = structuredClone(target);
  for (const [i, operation] of (operations as Record<string, unknown>[]).entries()) {
    try {
      doc = applyOperation(doc, operation);
    } catch (error) {
      if (!(error instanceof PatchError)) throw error;
      return { ok: false, problems: [{ code: error.code, path: error.field === '' ? `[${i}]` : `[${i}].${error.field}`, message: error.message }] };
    }
  }
  return { ok: true, value: doc };
}
