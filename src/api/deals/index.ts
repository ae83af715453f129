import { createRouter } from '../create-router.js';
import { archiveOneDeal, createOneDeal, evaluateOneDeal, getOneDeal, listDeals, updateOneDeal } from './deals.handlers.js';
import { patchOneDeal } from './patch-deal.handler.js';
import { patchDealRoute } from './patch-deal.routes.js';
import { archiveDealRoute, createDealRoute, evaluateDealRoute, getDealRoute, listDealsRoute, updateDealRoute } from './deals.routes.js';

export function createDealsRouter() {
  return createRouter()
    .openapi(createDealRoute, createOneDeal)
    .openapi(listDealsRoute, listDeals)
    .openapi(getDealRoute, getOneDeal)
    .openapi(updateDealRoute, updateOneDeal)
    .openapi(patchDealRoute, patchOneDeal)
    .openapi(archiveDealRoute, archiveOneDeal)
    .openapi(evaluateDealRoute, evaluateOneDeal);
}
