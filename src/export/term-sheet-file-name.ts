/** Characters no file system or download dialog takes in a name, and control characters. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
/** Keep the Chinese name readable but bounded (a deal name may have 200 characters). */
const MAX_NAME = 80;

/** The workbook's file name: the deal's name (Chinese kept) and 条款摘要, e.g. `福州鼓楼…-条款摘要.xlsx`. */
export function nameTermSheetFile(dealName: string): string {
  // Cut by code points, never inside a surrogate pair (which encodeURIComponent would refuse).
  const cleaned = [...dealName.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim()].slice(0, MAX_NAME).join('') || 'deal';
  return `${cleaned}-条款摘要.xlsx`;
}

/** An ASCII-only fallback for clients that ignore RFC 5987: `term-sheet-<id>.xlsx`. */
export function nameTermSheetFileAscii(dealId: string | null): string {
  const id = (dealId ?? '').replace(/[^A-Za-z0-9._-]/g, '').slice(0, 80);
  return id ? `term-sheet-${id}.xlsx` : 'term-sheet.xlsx';
}
