import type * as ExcelJSModule from 'exceljs';
import { requireOnFirstUse } from '../finance/require-on-first-use.js';

/**
 * exceljs, loaded with the first workbook rather than with every process and worker thread that
 * imports the workbook builders: its ~80 CommonJS packages took ~0.25 s of each start.
 */
export const loadExcelJs = requireOnFirstUse<typeof ExcelJSModule>('exceljs');
