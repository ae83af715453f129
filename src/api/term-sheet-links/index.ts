import { createRouter } from '../create-router.js';
import { createTermSheetLink, openTermSheetLink } from './term-sheet-links.handlers.js';
import { createTermSheetLinkRoute, openTermSheetLinkRoute } from './term-sheet-links.routes.js';
import { listOrganisationLinks, revokeOneLink } from './manage-links.handlers.js';
import { listTermSheetLinksRoute, revokeTermSheetLinkRoute } from './manage-links.routes.js';

export { authenticateLink } from './authenticate-link.js';

export function createTermSheetLinksRouter() {
  return createRouter()
    .openapi(createTermSheetLinkRoute, createTermSheetLink)
    .openapi(openTermSheetLinkRoute, openTermSheetLink)
    .openapi(listTermSheetLinksRoute, listOrganisationLinks)
    .openapi(revokeTermSheetLinkRoute, revokeOneLink);
}
