import { createRouter } from '../create-router.js';
import { createOneKey, listOrganisationKeys, revokeOneKey } from './keys.handlers.js';
import { createKeyRoute, listKeysRoute, revokeKeyRoute } from './keys.routes.js';

export function createKeysRouter() {
  return createRouter().openapi(createKeyRoute, createOneKey).openapi(listKeysRoute, listOrganisationKeys).openapi(revokeKeyRoute, revokeOneKey);
}
