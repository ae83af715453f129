import { existsSync } from 'node:fs';
import { escapeHtml } from './term-sheet-html.js';

/** How the PDF term sheet is printed: Debian's Chromium by default (apt-get install chromium fonts-noto-cjk). */
export interface PdfPrinterOptions {
  /** The Chromium executable. */
  chromiumPath: string;
  /** A print still running after this fails (Chromium is closed). */
  timeoutMs: number;
}

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';
export const DEFAULT_PDF_TIMEOUT_MS = 60_000;

/** Chromium flags for a headless print on a shared machine: no sandbox (containers), no GPU, no network chatter. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const CHROMIUM_INSTALL_HINT = 'apt-get install -y --no-install-recommends chromium fonts-noto-cjk (or set CHROMIUM_PATH)';

/** Whether the printer can run: its Chromium exists. */
export function isPdfPrinterAvailable(options: Pick<PdfPrinterOptions, 'chromiumPath'>): boolean {
  return existsSync(options.chromiumPath);
}

/**
 * Print an HTML document to A4 PDF bytes in headless Chromium (a separate process, so the work is
 * off this event loop), with "deal · page n of m" in the footer. Chromium embeds the fonts the page
 * uses (Noto Sans CJK for the Chinese). Fails after `timeoutMs`, closing the browser.
 */
export async function printHtmlToPdf(html: string, footerText: string, options: PdfPrinterOptions): Promise<Buffer> {
  // Chromium's driver loads with the first print, not with every process that imports this module.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: options.chromiumPath, args: CHROMIUM_ARGS, timeout: options.timeoutMs });
  let timer: NodeJS.Timeout | undefined;
  try {
    const print = (async () => {
      const page = await browser.newPage();
      // No network: the document is self-contained; anything it might ask for is refused.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load', timeout: options.timeoutMs });
      return page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<div></div>',
        footerTemplate: `<div style="font-family:'Noto Sans CJK SC',sans-serif;font-size:7pt;width:100%;padding:0 14mm;display:flex;justify-content:space-between;color:#555"><span>${escapeHtml(footerText)}</span><span style="white-space:nowrap">第 <span class="pageNumber"></span> / <span class="totalPages"></span> 页 page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
        margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
        preferCSSPageSize: true,
      });
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`printing the PDF took longer than ${options.timeoutMs} ms`)), options.timeoutMs);
    });
    return Buffer.from(await Promise.race([print, timeout]));
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => {});
  }
}
