import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use, then kept: a heavy library (mathjs, exceljs) costs a process
 * start nothing until a formula or a workbook needs it. The process, the CLI and every worker thread
 * start without it. In src/finance, the layer every other may import (it reads no file, clock or
 * environment of its own).
 */
export function requireOnFirstUse<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
