import { labelKey } from './deal-labels.js';
import type { Language } from './i18n.js';
import { formatPath, type PathSegment } from './merge-patch.js';

export interface Leaf {
  path: string;
  key: string;
  label: string;
  value: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The name shown for an array element: its `name` or `id`, else its number. */
export function nameElement(item: unknown, index: number): string {
  if (isObject(item)) return String(item.name ?? item.id ?? item.source ?? `#${index + 1}`);
  return `#${index + 1}`;
}

/** Every editable leaf of a deal (numbers, decimals, texts, switches) with a readable label path. */
export function collectLeaves(value: unknown, language: Language, at: PathSegment[] = [], labels: string[] = [], into: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectLeaves(item, language, [...at, i], [...labels, nameElement(item, i)], into));
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'meta') continue;
      collectLeaves(child, language, [...at, key], [...labels, labelKey(key, language)], into);
    }
  } else {
    const key = [...at].reverse().find((s): s is string => typeof s === 'string') ?? '';
    into.push({ path: formatPath(at), key, label: labels.join(' › '), value });
  }
  return into;
}
