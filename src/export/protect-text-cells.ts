import type { Workbook } from 'exceljs';
import { createRequire } from 'node:module';
import { replaceForbiddenCharacters } from '../deal/xml-safe-text.js';

/**
 * Every text cell of a workbook is made safe in one place, just before the workbook is written:
 * - text that a spreadsheet would read as a formula or a DDE call once a user edits the cell or
 *   saves as CSV (it starts with = + - @, a tab or a CR) gets the cell style's quote prefix
 *   (`quotePrefix="1"` on its xf: Excel and LibreOffice then keep it text, shown without the quote);
 * - characters XML 1.0 cannot hold (a lone surrogate, U+FFFE, C0 controls) — possible only in deals
 *   stored before names were checked — become U+FFFD, so the workbook's XML stays well-formed.
 *
 * exceljs 4 neither writes nor reads `quotePrefix`; `enableQuotePrefix` teaches its style writer the
 * attribute (a cell style with `quotePrefix: true` gets its own xf with the attribute set).
 */
const FORMULA_LIKE = /^[=+\-@\t\r]/;

/** Whether a text would turn live in a spreadsheet without a quote prefix. */
export function isFormulaLikeText(text: string): boolean {
  return FORMULA_LIKE.test(text);
}

/** Make every text cell of every sheet safe (see above); rich text and hyperlinks' text are treated alike. */
export function protectTextCells(workbook: Workbook): void {
  enableQuotePrefix();
  workbook.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = cell.value;
        if (typeof value === 'string') {
          const clean = replaceForbiddenCharacters(value);
          if (clean !== value) cell.value = clean;
          if (isFormulaLikeText(clean)) cell.style = { ...cell.style, quotePrefix: true } as typeof cell.style;
        } else if (value !== null && typeof value === 'object' && 'richText' in value) {
          const richText = value.richText.map((run) => ({ ...run, text: replaceForbiddenCharacters(run.text) }));
          cell.value = { richText };
          if (isFormulaLikeText(richText.map((run) => run.text).join(''))) cell.style = { ...cell.style, quotePrefix: true } as typeof cell.style;
        }
      });
    });
  });
}

interface XmlStream {
  openNode(name: string, attributes: Record<string, unknown>): void;
  addAttribute(name: string, value: string): void;
  closeNode(): void;
}
type StyleModel = Record<string, unknown> & { quotePrefix?: boolean };

let enabled = false;

/** Patch exceljs' style writer once: `quotePrefix` survives from the cell style model to the xf element. */
function enableQuotePrefix(): void {
  if (enabled) return;
  enabled = true;
  const require = createRequire(import.meta.url);
  const StylesXform = require('exceljs/lib/xlsx/xform/style/styles-xform.js') as { prototype: Record<string, (...args: unknown[]) => unknown> };
  const StyleXform = require('exceljs/lib/xlsx/xform/style/style-xform.js') as { prototype: Record<string, (...args: unknown[]) => unknown> };

  // addStyleModel builds the xf model from a cell style and hands it to _addStyle, which keys on its
  // XML: carrying the flag across makes a quote-prefixed style a distinct xf.
  const addStyleModel = StylesXform.prototype.addStyleModel!;
  const addStyle = StylesXform.prototype._addStyle!;
  StylesXform.prototype.addStyleModel = function (this: { quotePrefixPending?: boolean }, model: unknown, cellType: unknown) {
    this.quotePrefixPending = (model as StyleModel | undefined)?.quotePrefix === true;
    try {
      return addStyleModel.call(this, model, cellType);
    } finally {
      this.quotePrefixPending = false;
    }
  };
  StylesXform.prototype._addStyle = function (this: { quotePrefixPending?: boolean }, style: unknown) {
    return addStyle.call(this, this.quotePrefixPending ? { ...(style as StyleModel), quotePrefix: true } : style);
  };

  // The xf element's attributes are written between openNode and its first child: add ours right after openNode.
  const render = StyleXform.prototype.render!;
  StyleXform.prototype.render = function (this: unknown, xmlStream: unknown, model: unknown) {
    if (!(model as StyleModel | undefined)?.quotePrefix) return render.call(this, xmlStream, model);
    const stream = xmlStream as XmlStream;
    const openNode = stream.openNode;
    stream.openNode = function (this: XmlStream, name: string, attributes: Record<string, unknown>) {
      stream.openNode = openNode;
      openNode.call(this, name, attributes);
      if (name === 'xf') this.addAttribute('quotePrefix', '1');
    };
    try {
      return render.call(this, xmlStream, model);
    } finally {
      stream.openNode = openNode;
    }
  };
}
