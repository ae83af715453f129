import type { ChunkRunner } from './analysis/simulation/simulate.js';

/** Where a progress bar is drawn: the CLI's stderr (only a terminal gets one). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** Redraw at most this often: a 100,000-draw run finishes a chunk every few milliseconds on a fast machine. */
const REDRAW_MS = 100;
const BAR_WIDTH = 30;

/** `label [#########---------]  45%  450/1000 chunks  12 s, about 15 s left`: remaining = elapsed × (total − done) / done, the pace so far. */
export function drawProgressLine(label: string, done: number, total: number, elapsedMs: number): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
  const elapsed = Math.round(elapsedMs / 1000);
  const remaining = done > 0 && done < total ? `, about ${Math.round((elapsedMs * (total - done)) / done / 1000)} s left` : '';
  return `${label} [${bar}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${done}/${total} chunks  ${elapsed} s${remaining}`;
}

/**
 * A chunk runner that draws a progress bar on `stream` as its chunks finish (through ChunkRunner's
 * onChunkDone), and leaves the finished line in place. When `stream` is not a terminal (a pipe, a file,
 * CI) it is the runner itself, unchanged: nothing is written, so logs and redirected output stay clean.
 */
export function withProgressBar(run: ChunkRunner, stream: ProgressStream, label: string, now: () => number = Date.now): ChunkRunner {
  if (!stream.isTTY) return run;
  return async (deal, request, asOf, chunks, signal, onChunkDone) => {
    const started = now();
    let done = 0;
    let drawnAt = -Infinity;
    const draw = (force: boolean) => {
      const at = now();
      if (!force && at - drawnAt < REDRAW_MS) return;
      drawnAt = at;
      const line = drawProgressLine(label, done, chunks, at - started);
      stream.write(`\r${stream.columns ? line.slice(0, stream.columns - 1) : line}\u001b[K`);
    };
    draw(true);
    try {
      return await run(deal, request, asOf, chunks, signal, () => {
        done += 1;
        draw(done === chunks);
        onChunkDone?.();
      });
    } finally {
      stream.write('\n');
    }
  };
}
