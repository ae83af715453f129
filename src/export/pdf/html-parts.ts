import { D } from '../../finance/decimal.js';
import { formatWan } from '../describe-warning.js';

/**
 * The pieces the printable term sheet is made of: a titled section, a table whose header repeats on
 * every page it runs over (thead as a table-header-group, rows never split: term-sheet-html.ts's
 * style), and the printed number formats of methodology §8.5 — 万元 to two decimals with separators,
 * zero as –, negatives bracketed; rates as percentages; ratios to two decimals. Pure.
 */
export function section(title: string, content: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>${content}</section>`;
}

export interface TableOptions {
  caption?: string;
  className?: string;
  /** Indexes of rows printed as totals (bold, a rule above). */
  totalRows?: number[];
}

/** A table: `numeric` are the column indexes right-aligned as figures. */
export function table(headers: string[], rows: string[][], numeric: number[], caption?: string, className = '', totalRows: number[] = []): string {
  const cls = (i: number) => (numeric.includes(i) ? ' class="num"' : '');
  return `<table${className ? ` class="${className}"` : ''}>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead><tr>${headers.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r, k) => `<tr${totalRows.includes(k) ? ' class="total"' : ''}>${r.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A paragraph of text (escaped), in the note style when `note`. */
export function paragraph(text: string, note = false): string {
  return `<p${note ? ' class="note"' : ''}>${escapeHtml(text)}</p>`;
}

/** 元 text → 万元 to two decimals with separators; zero as –, negatives bracketed (as the workbook prints). */
export function wan(yuan: string | null): string {
  if (yuan === null) return '—';
  const v = Number(yuan) / 10_000;
  if (Math.abs(v) < 0.005) return '–';
  return v < 0 ? `(${formatWan(-v)})` : formatWan(v);
}

/** 万元 in a sentence: as wan(), but zero reads 0.00 (an en dash reads as nothing in running text). */
export function wanInText(yuan: string): string {
  const text = wan(yuan);
  return text === '–' ? '0.00' : text;
}

/** A rate as a percentage to two decimals (0.0612 → 6.12%). */
export const rate = (r: string | null) => (r === null ? '—' : `${(Number(r) * 100).toFixed(2)}%`);
/** A cover ratio to two decimals. */
export const ratio = (r: string | null) => (r === null ? '—' : Number(r).toFixed(2));
/** A count of years to two decimals. */
export const years = (y: string | null) => (y === null ? '—' : Number(y).toFixed(2));

/** Calendar years as a reader's list: 2031、2032、2035; none as 无. */
export function listYears(list: readonly number[]): string {
  return list.length === 0 ? '无 none' : list.join('、');
}

/** Σ of 元 strings, exactly (decimal), as 元 text to the 分. */
export function sumYuan(values: readonly string[]): string {
  return values.reduce((s, v) => s.plus(v), new D(0)).toFixed(2);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
