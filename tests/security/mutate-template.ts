import fc from 'fast-check';

/** The templates of models/, each a deal as a client sends it. */
export const TEMPLATE_IDS = ['fuzhou-gulou-25y', 'beijing-jinsong-20y', 'baoding-utility-split', 'lugu-package', 'shenzhen-elevator', 'xiangtan-heping', 'xiangtan-bond-card', 'gulou-bond-cdb-combined'] as const;

/** Optional sections of a deal: removing any of them leaves a deal the schema may still accept. */
export const OPTIONAL_SECTIONS = ['nameEn', 'meta', 'revenue', 'opex', 'workingCapital', 'handBack', 'funding', 'operatingSupport', 'covenants', 'indicators', 'tax'] as const;

/** Edge values an amount, a rate or a count is mutated to: zero, tiny, huge, just out of range. */
export const EDGE_VALUES = ['0', '0.01', '0.000001', '1', '999999999999', '1000000000000', '1e12', '-0'] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Every path in a JSON value to a decimal string or a number: what the mutations change. */
export function listNumericLeaves(value: Json, path: Path = []): Path[] {
  if (typeof value === 'number' || (typeof value === 'string' && DECIMAL_TEXT.test(value))) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => listNumericLeaves(v, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => listNumericLeaves(v, [...path, k]));
  return [];
}

/** A copy of `value` with the leaf at `path` replaced (numbers stay numbers where the edge value is one). */
export function replaceAt(value: Json, path: Path, replacement: string): Json {
  if (path.length === 0) return typeof value === 'number' ? (Number.isFinite(Number(replacement)) ? Number(replacement) : replacement) : replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  const object = value as Record<string, Json>;
  return { ...object, [head!]: replaceAt(object[head as string]!, rest, replacement) };
}

export interface Mutation {
  /** Indices into the template's numeric leaves (taken modulo their count) and the edge value each gets. */
  leaves: { leaf: number; value: string }[];
  /** Also set every capex amount to the same edge value. */
  allCapex: string | null;
  removed: string[];
}

/** fast-check's generator of mutations of a template. */
export const mutationArbitrary = fc.record({
  leaves: fc.array(fc.record({ leaf: fc.nat(), value: fc.constantFrom(...EDGE_VALUES) }), { maxLength: 4 }),
  allCapex: fc.option(fc.constantFrom('0', '0.01', '999999999999'), { nil: null }),
  removed: fc.subarray([...OPTIONAL_SECTIONS], { maxLength: 3 }),
});

/** Apply a mutation to a template deal. */
export function mutateTemplate(template: Record<string, Json>, mutation: Mutation): Record<string, Json> {
  let deal: Json = template;
  const leaves = listNumericLeaves(template);
  for (const { leaf, value } of mutation.leaves) deal = replaceAt(deal, leaves[leaf % leaves.length]!, value);
  const result = { ...(deal as Record<string, Json>) };
  if (mutation.allCapex !== null && Array.isArray(result.capex)) {
    result.capex = result.capex.map((item) => ({ ...(item as Record<string, Json>), amount: mutation.allCapex }));
  }
  for (const key of mutation.removed) delete result[key];
  return result;
}
