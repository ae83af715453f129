const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/** How far a scan has come: the depth where it stands, the deepest seen, and the next byte to read. */
interface DepthScan {
  depth: number;
  max: number;
  next: number;
}

/** Bytes scanned per turn of the event loop by measureJsonDepthInSteps: a few milliseconds of the request thread on a loaded machine. */
export const DEPTH_SCAN_STEP_BYTES = 256 * 1024;

/**
 * The nesting depth of a JSON text given as its UTF-8 bytes, found by one linear scan (no decoding,
 * no parser, no recursion): brackets outside strings count, strings are skipped with `indexOf` (native,
 * so a 2 MB body of long formulas costs about 2 ms on the request thread, not the 15 ms of a scan of
 * the decoded text). A quote ends a string unless an odd number of backslashes precede it. Bracket and
 * quote bytes never occur inside a multi-byte UTF-8 sequence, so bytes give the same answer as text.
 * Stops as soon as the depth passes `stopAbove`, so a body of ten thousand "[" costs no more than the bound.
 */
export function measureJsonDepth(bytes: Uint8Array, stopAbove = Infinity): number {
  const scan: DepthScan = { depth: 0, max: 0, next: 0 };
  continueScan(bytes, scan, bytes.length, stopAbove);
  return scan.max;
}

/**
 * measureJsonDepth in steps of `stepBytes`, awaiting `pause` (the next turn of the event loop) between
 * them: a 2 MB body is eight short stretches of the request thread with /health and the other
 * requests answered in between, not one long one (which a loaded 2-core machine stretches to tens of
 * milliseconds). The same answer as measureJsonDepth for any step: a string that begins in one step is
 * skipped to its end there, and the depth carries over.
 */
export async function measureJsonDepthInSteps(
  bytes: Uint8Array,
  stopAbove = Infinity,
  stepBytes = DEPTH_SCAN_STEP_BYTES,
  pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
): Promise<number> {
  if (!Number.isInteger(stepBytes) || stepBytes < 1) throw new Error(`a depth scan step is a whole number of bytes from 1, not ${stepBytes}`);
  const scan: DepthScan = { depth: 0, max: 0, next: 0 };
  for (;;) {
    const passed = continueScan(bytes, scan, Math.min(bytes.length, scan.next + stepBytes), stopAbove);
    if (passed || scan.next >= bytes.length) return scan.max;
    await pause();
  }
}

/** Scan from `scan.next` up to `until` (a string that starts before it is skipped to its close); true once the depth passes `stopAbove`. */
function continueScan(bytes: Uint8Array, scan: DepthScan, until: number, stopAbove: number): boolean {
  let { depth, max, next: i } = scan;
  let passed = false;
  while (i < until) {
    const byte = bytes[i]!;
    if (byte === QUOTE) {
      i = skipString(bytes, i + 1);
      continue;
    }
    if (byte === 0x5b /* [ */ || byte === 0x7b /* { */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAbove) {
          passed = true;
          i++;
          break;
        }
      }
    } else if (byte === 0x5d /* ] */ || byte === 0x7d /* } */) depth--;
    i++;
  }
  scan.depth = depth;
  scan.max = max;
  scan.next = i;
  return passed;
}

/** The index just past the quote that closes the string starting at `from`, or the length when it never closes. */
function skipString(bytes: Uint8Array, from: number): number {
  let start = from;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, start);
    if (quote < 0) return bytes.length;
    let backslashes = 0;
    for (let k = quote - 1; k >= from && bytes[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    start = quote + 1;
  }
}
