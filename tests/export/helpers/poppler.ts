import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether poppler-utils (pdftotext, pdfinfo, pdffonts) are on PATH. */
export const hasPoppler = () => spawnSync('pdftotext', ['-v']).status === 0;

/** Run a poppler tool on PDF bytes (written to a temporary file) and return its output. */
function runOnPdf(tool: string, args: string[], pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-check-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of each page, laid out as printed (`pdftotext -layout`; pages split at form feeds). */
export function readPdfPages(pdf: Buffer): string[] {
  const pages = runOnPdf('pdftotext', ['-layout'], pdf).split('\f');
  if (pages.at(-1)!.trim() === '') pages.pop();
  return pages;
}

/** Page count and size from pdfinfo. */
export function readPdfInfo(pdf: Buffer): { pages: number; width: number; height: number } {
  const info = runOnPdf('pdfinfo', [], pdf);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), width: Number(size[1]), height: Number(size[2]) };
}

/** The fonts of the PDF: [name, type, embedded] per line of `pdffonts`. */
export function readPdfFonts(pdf: Buffer): Array<{ name: string; type: string; embedded: boolean }> {
  return runOnPdf('pdffonts', [], pdf).split('\n').slice(2).filter((l) => l.trim() !== '').map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type… encoding emb sub uni object ID: the yes/no columns are the 5th and 4th from the end.
    return { name: cols[0]!, type: cols.slice(1, -6).join(' '), embedded: cols.at(-5) === 'yes' };
  });
}

/** A word as pdftotext -bbox places it on its page (points, origin top left). */
export interface PdfWord { text: string; xMin: number; yMin: number; xMax: number; yMax: number; /** yMax − yMin: about the font size. */ height: number }

/** Every word of every page with its box (`pdftotext -bbox`), page by page. */
export function readPdfWords(pdf: Buffer): PdfWord[][] {
  const html = runOnPdf('pdftotext', ['-bbox'], pdf);
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return html.split('<page ').slice(1).map((page) =>
    [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), height: Number(m[4]) - Number(m[2]), text: unescape(m[5]!),
    })),
  );
}

/** Pairs of words on a page whose boxes overlap by more than a sliver (a third of the smaller one's height and a character's width). */
export function findOverprints(words: readonly PdfWord[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const a = words[i]!;
    for (let j = i + 1; j < words.length; j++) {
      const b = words[j]!;
      const dx = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const dy = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (dx > 2 && dy > Math.min(a.yMax - a.yMin, b.yMax - b.yMin) / 3) found.push(`"${a.text}" × "${b.text}"`);
    }
  }
  return found;
}

const FIGURE = /^\(?[−-]?[\d,]*\d(?:\.\d+)?\)?%?$/;
/** A figure printed straight into letters: `2027timeline.startYear`, `0.32是` (pdftotext joins words with no gap between them). */
const FIGURE_INTO_TEXT = /^\(?[−-]?[\d,]*\d(?:\.\d+)?\)?%?[A-Za-z_[\u4e00-\u9fff]/;
const DASH = /^[—–]$/;
/** A figure in scientific notation (`1E-09`, the Checks sheet's tolerances): one word by design. */
const SCIENTIFIC = /^\d(?:\.\d+)?E[+-]\d+$/;
/** Two words on one printed line: their boxes share most of their height. */
const onOneLine = (a: PdfWord, b: PdfWord) => Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin) > Math.min(a.height, b.height) * 0.6;

/**
 * Words of a page printed so close that a reader takes them for one, which overprint checks miss
 * because nothing overlaps:
 * - a figure run into text with no gap at all (one word to pdftotext);
 * - a figure and a placeholder dash of the next column less than a quarter of the font's height apart;
 * - a minus sign left alone at the end of a line, its figure wrapped onto the next line.
 * Text may join a figure to a word inside one cell (`25年`, `2.25%，`, `LPR+30BP`): the first rule
 * flags only a figure with decimals or of four digits or more run into Latin letters (`2027timeline`)
 * and two decimals run into CJK (`1.03是`); scientific notation (`1E-09`) is one word.
 */
export function findTouchingWords(words: readonly PdfWord[]): string[] {
  const found: string[] = [];
  for (const w of words) {
    if (SCIENTIFIC.test(w.text)) continue;
    const intoLetters = /^\(?[−-]?(?:[\d,]*\.\d+|\d{4,})\)?%?[A-Za-z_[]/.test(w.text);
    const intoCjk = /\.\d\d\)?%?[\u4e00-\u9fff]/.test(w.text);
    if (FIGURE_INTO_TEXT.test(w.text) && (intoLetters || intoCjk)) found.push(`"${w.text}" (a figure run into text)`);
  }
  for (let i = 0; i < words.length; i++) {
    const a = words[i]!;
    const sameLine = words.filter((b) => b !== a && onOneLine(a, b));
    const next = sameLine.filter((b) => b.xMin >= a.xMax - 0.5).sort((x, y) => x.xMin - y.xMin)[0];
    if (next) {
      const gap = next.xMin - a.xMax;
      const pair = (FIGURE.test(a.text) && DASH.test(next.text)) || (DASH.test(a.text) && FIGURE.test(next.text));
      if (pair && gap < Math.min(a.height, next.height) / 4) found.push(`"${a.text}" touches "${next.text}" (${gap.toFixed(2)} pt apart)`);
    }
    if (/^[−-]$/.test(a.text) && next === undefined) {
      const below = words.find((b) => b.yMin > a.yMax - 0.5 && b.yMin < a.yMax + a.height && FIGURE.test(`-${b.text}`) && /^\d/.test(b.text));
      if (below) found.push(`"${a.text}" ends a line and its figure "${below.text}" starts the next`);
    }
  }
  return found;
}
