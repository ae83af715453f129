import { createRouter } from '../create-router.js';
import { createTermSheetLink, openTermSheetLink } from './term-sheet-links.handlers.js';
import { createTermSheetLinkRoute, openTermSheetLinkRoute } from './term-sheet-links.routes.js';

export { authenticateLink } from './authenticate-link.js';

export function createTermSheetLinksRouter() {
  return createRouter().openapi(createTermSheetLinkRoute, createTermSheetLink).openapi(openTermSheetLinkRoute, openTermSheetLink);
}
