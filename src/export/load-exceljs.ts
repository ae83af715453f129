import { createRequire } from 'node:module';
import type * as ExcelJSModule from 'exceljs';

const require = createRequire(import.meta.url);
let loaded: typeof ExcelJSModule | undefined;

/**
 * exceljs, loaded with the first workbook rather than with every process and worker thread that
 * imports the workbook builders: its ~80 CommonJS packages took ~0.25 s of each start.
 */
export function loadExcelJs(): typeof ExcelJSModule {
  loaded ??= require('exceljs') as typeof ExcelJSModule;
  return loaded;
}
