import { createRouter } from '../create-router.js';
import { analyseDealSensitivity, simulateStoredDeal, solveDeal, stressDeal } from './analysis.handlers.js';
import { sensitivityRoute, simulateRoute, solveRoute, stressRoute } from './analysis.routes.js';

export function createAnalysisRouter() {
  return createRouter()
    .openapi(solveRoute, solveDeal)
    .openapi(sensitivityRoute, analyseDealSensitivity)
    .openapi(stressRoute, stressDeal)
    .openapi(simulateRoute, simulateStoredDeal);
}
