import { createRouter } from '../create-router.js';
import { getDealRevision, listDealRevisions } from './revisions.handlers.js';
import { getRevisionRoute, listRevisionsRoute } from './revisions.routes.js';

export function createRevisionsRouter() {
  return createRouter().openapi(listRevisionsRoute, listDealRevisions).openapi(getRevisionRoute, getDealRevision);
}
