import type { Context } from 'hono';
import { formatAttachment } from './content-disposition.js';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Whether the client asked for a workbook (`Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`). */
export const acceptsWorkbook = (c: Context) => (c.req.header('Accept') ?? '').includes(XLSX_MEDIA_TYPE);

/** Answer .xlsx bytes as a download: the real (Chinese) name in `filename*`, an ASCII one in `filename`. */
export function respondWithWorkbook(c: Context, bytes: Uint8Array<ArrayBuffer>, fileName: string, asciiFileName: string): Response {
  return c.body(bytes, 200, { 'Content-Type': XLSX_MEDIA_TYPE, 'Content-Disposition': formatAttachment(fileName, asciiFileName) });
}
