import { createRouter } from '../create-router.js';
import { createOneShare, deleteOneShare, listDealShares } from './shares.handlers.js';
import { createShareRoute, deleteShareRoute, listSharesRoute } from './shares.routes.js';

export function createSharesRouter() {
  return createRouter().openapi(createShareRoute, createOneShare).openapi(listSharesRoute, listDealShares).openapi(deleteShareRoute, deleteOneShare);
}
