import { createRouter } from '../create-router.js';
import { termSheetOfBody, termSheetOfDeal } from './term-sheets.handlers.js';
import { bodyTermSheetRoute, dealTermSheetRoute } from './term-sheets.routes.js';
import { termSheetPdfOfDeal } from './term-sheet-pdf.handlers.js';
import { dealTermSheetPdfRoute } from './term-sheet-pdf.routes.js';

export function createTermSheetsRouter() {
  return createRouter().openapi(dealTermSheetRoute, termSheetOfDeal).openapi(bodyTermSheetRoute, termSheetOfBody).openapi(dealTermSheetPdfRoute, termSheetPdfOfDeal);
}
