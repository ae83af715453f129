import type * as MathJs from 'mathjs';
import { requireOnFirstUse } from '../finance/require-on-first-use.js';

/**
 * mathjs, loaded on first use (a deal without formula streams never loads it) from the package's
 * single-file build rather than its ES-module index. Both are the same release of the same code; the
 * index is several hundred modules whose loading took ~0.8 s of every process start (each CLI run, the
 * server, each worker thread), the single file ~0.08 s. Types still come from the package's declarations.
 */
export const loadMathjs = requireOnFirstUse<typeof MathJs>('mathjs/lib/browser/math.js');
