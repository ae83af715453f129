import { createRouter } from '../create-router.js';
import { createOneScenario, deleteOneScenario, evaluateOneScenario, getOneScenario, listDealScenarios, updateOneScenario } from './scenarios.handlers.js';
import { createScenarioRoute, deleteScenarioRoute, evaluateScenarioRoute, getScenarioRoute, listScenariosRoute, updateScenarioRoute } from './scenarios.routes.js';

export function createScenariosRouter() {
  return createRouter()
    .openapi(createScenarioRoute, createOneScenario)
    .openapi(listScenariosRoute, listDealScenarios)
    .openapi(getScenarioRoute, getOneScenario)
    .openapi(updateScenarioRoute, updateOneScenario)
    .openapi(deleteScenarioRoute, deleteOneScenario)
    .openapi(evaluateScenarioRoute, evaluateOneScenario);
}
