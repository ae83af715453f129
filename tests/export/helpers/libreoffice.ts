import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';

/** The soffice executable on PATH, or null. */
export function findSoffice(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      const path = join(dir, name);
      if (dir !== '' && existsSync(path)) return path;
    }
  }
  return null;
}

/** LibreOffice profile setting that makes it recalculate every formula of an xlsx on load (../shared/LIBREOFFICE.md). */
const ALWAYS_RECALCULATE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** The workbook with every formula's cached result removed: only a recalculation can give those cells a number. */
export async function dropCachedResults(xlsx: Buffer): Promise<{ bytes: Buffer; formulas: number }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  let formulas = 0;
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) {
          cell.value = { formula: cell.formula } as ExcelJS.CellFormulaValue;
          formulas++;
        }
      }),
    ),
  );
  return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), formulas };
}

/** Parse CSV as LibreOffice writes it (RFC 4180: quoted fields, doubled quotes, commas and line breaks inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/**
 * Open an xlsx in headless LibreOffice with a profile that recalculates on load, and write every sheet
 * as CSV of the raw (not displayed) values: one conversion, every sheet, by sheet name.
 */
export function recalculateToCsv(soffice: string, xlsx: Buffer, name: string): Map<string, string[][]> {
  return convertRecalculated(soffice, xlsx, name, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,false,false,false,-1', (out) => {
    const sheets = new Map<string, string[][]>();
    for (const file of readdirSync(out)) {
      const sheet = file.slice(name.length + 1, -'.csv'.length);
      sheets.set(sheet, parseCsv(readFileSync(join(out, file), 'utf8')));
    }
    return sheets;
  });
}

/** Open an xlsx in headless LibreOffice, recalculating on load, and save it again as xlsx. */
export function recalculateToXlsx(soffice: string, xlsx: Buffer, name: string): Buffer {
  return convertRecalculated(soffice, xlsx, name, 'xlsx', (out) => readFileSync(join(out, `${name}.xlsx`)));
}

function convertRecalculated<T>(soffice: string, xlsx: Buffer, name: string, filter: string, read: (outDir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'term-sheet-lo-'));
  try {
    const profile = join(dir, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), ALWAYS_RECALCULATE);
    const book = join(dir, `${name}.xlsx`);
    writeFileSync(book, xlsx);
    const out = join(dir, 'out');
    const run = spawnSync(soffice, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--calc', '--convert-to', filter, '--outdir', out, book], { encoding: 'utf8', timeout: 120_000 });
    if (run.status !== 0) throw new Error(`soffice failed (${run.status}): ${run.stderr}`);
    return read(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Spreadsheet error values as LibreOffice writes them to CSV (Excel codes and LibreOffice's Err:nnn). */
export const FORMULA_ERROR = /^(#REF!|#NAME\?|#VALUE!|#DIV\/0!|#N\/A|#NUM!|#NULL!|Err:\d+)$/;

/**
 * Print workbooks to PDF with headless LibreOffice (recalculating on load, as a reader opening the
 * file would see it), all in one call: the PDF of each by name.
 */
export function printToPdf(soffice: string, books: ReadonlyArray<{ name: string; xlsx: Buffer }>): Map<string, Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'term-sheet-pdf-'));
  try {
    const profile = join(dir, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), ALWAYS_RECALCULATE);
    const files = books.map(({ name, xlsx }) => {
      const file = join(dir, `${name}.xlsx`);
      writeFileSync(file, xlsx);
      return file;
    });
    const out = join(dir, 'out');
    const run = spawnSync(soffice, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--calc', '--convert-to', 'pdf', '--outdir', out, ...files], { encoding: 'utf8', timeout: 1_500_000 });
    if (run.status !== 0) throw new Error(`soffice failed (${run.status}): ${run.stderr}`);
    return new Map(books.map(({ name }) => [name, readFileSync(join(out, `${name}.pdf`))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
