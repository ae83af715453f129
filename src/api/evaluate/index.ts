import { createRouter } from '../create-router.js';
import { evaluateBody } from './evaluate.handlers.js';
import { evaluateRoute } from './evaluate.routes.js';

export function createEvaluateRouter() {
  return createRouter().openapi(evaluateRoute, evaluateBody);
}
