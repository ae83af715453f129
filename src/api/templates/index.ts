import { createRouter } from '../create-router.js';
import { getOneTemplate, listAllTemplates } from './templates.handlers.js';
import { getTemplateRoute, listTemplatesRoute } from './templates.routes.js';

export function createTemplatesRouter() {
  return createRouter().openapi(listTemplatesRoute, listAllTemplates).openapi(getTemplateRoute, getOneTemplate);
}
