/** Characters no file system or download dialog takes in a name, and control characters. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
/** Keep the Chinese name readable but bounded (a deal name may have 200 characters). */
const MAX_NAME = 80;

/** A name made safe for a file: unsafe characters replaced, spaces folded, cut by code points (never inside a surrogate pair, which encodeURIComponent would refuse). */
function cleanName(name: string, fallback: string): string {
  return [...name.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim()].slice(0, MAX_NAME).join('') || fallback;
}

/** An id kept to ASCII file-name characters, for clients that ignore RFC 5987. */
const cleanId = (id: string | null) => (id ?? '').replace(/[^A-Za-z0-9._-]/g, '').slice(0, 80);

/** The workbook's file name: the deal's name (Chinese kept) and 条款摘要, e.g. `福州鼓楼…-条款摘要.xlsx`. */
export function nameTermSheetFile(dealName: string): string {
  return `${cleanName(dealName, 'deal')}-条款摘要.xlsx`;
}

/** An ASCII-only fallback for clients that ignore RFC 5987: `term-sheet-<id>.xlsx`. */
export function nameTermSheetFileAscii(dealId: string | null): string {
  const id = cleanId(dealId);
  return id ? `term-sheet-${id}.xlsx` : 'term-sheet.xlsx';
}

/** A portfolio workbook's file name: the portfolio's name and 片区汇总, e.g. `鼓楼片区-片区汇总.xlsx`. */
export function namePortfolioWorkbookFile(portfolioName: string): string {
  return `${cleanName(portfolioName, 'portfolio')}-片区汇总.xlsx`;
}

/** Its ASCII-only fallback: `portfolio-<id>.xlsx`. */
export function namePortfolioWorkbookFileAscii(portfolioId: string): string {
  const id = cleanId(portfolioId);
  return id ? `portfolio-${id}.xlsx` : 'portfolio.xlsx';
}
