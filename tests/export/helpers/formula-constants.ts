import ExcelJS from 'exceljs';

/** A number given as a formula constant: digits not part of a cell reference or a sheet name. */
const NUMBER_IN_FORMULA = /(?<![A-Z$\d.'!])\d+\.\d+|(?<![A-Z$\d.])(?:[2-9]|\d{2,})(?![\d:])/;

/** Formula cells holding a number constant or an error reference, as `sheet!cell formula`. */
export function listConstantsInFormulas(book: ExcelJS.Workbook): string[] {
  const offenders: string[] = [];
  for (const sheet of book.worksheets) {
    sheet.eachRow((row) => row.eachCell((cell) => {
      if (cell.type !== ExcelJS.ValueType.Formula) return;
      const text = cell.formula.replace(/'[^']*'!/g, '').replace(/"[^"]*"/g, '');
      if (NUMBER_IN_FORMULA.test(text)) offenders.push(`${sheet.name}!${cell.address} ${cell.formula}`);
      if (/#REF!|#NAME\?|#VALUE!/.test(cell.formula)) offenders.push(`${sheet.name}!${cell.address} ${cell.formula}`);
    }));
  }
  return offenders;
}
