/**
 * Every API operation the workbench calls, as the OpenAPI document names it (method and path
 * template). The client builds its requests only from these, and tests/web/api-routes.test.ts checks
 * each one exists in the app's `/openapi.json`: a route renamed or removed in the API breaks that test,
 * not the page.
 */
export const ROUTES = {
  me: { method: 'GET', path: '/api/v1/me' },
  listTemplates: { method: 'GET', path: '/api/v1/templates' },
  readTemplate: { method: 'GET', path: '/api/v1/templates/{id}' },
  listDeals: { method: 'GET', path: '/api/v1/deals' },
  createDeal: { method: 'POST', path: '/api/v1/deals' },
  readDeal: { method: 'GET', path: '/api/v1/deals/{id}' },
  replaceDeal: { method: 'PUT', path: '/api/v1/deals/{id}' },
  archiveDeal: { method: 'DELETE', path: '/api/v1/deals/{id}' },
  evaluateDeal: { method: 'POST', path: '/api/v1/deals/{id}/evaluate' },
  evaluateBody: { method: 'POST', path: '/api/v1/evaluate' },
  listRevisions: { method: 'GET', path: '/api/v1/deals/{id}/revisions' },
  readRevision: { method: 'GET', path: '/api/v1/deals/{id}/revisions/{rev}' },
  listScenarios: { method: 'GET', path: '/api/v1/deals/{id}/scenarios' },
  createScenario: { method: 'POST', path: '/api/v1/deals/{id}/scenarios' },
  deleteScenario: { method: 'DELETE', path: '/api/v1/deals/{id}/scenarios/{scenarioId}' },
  evaluateScenario: { method: 'POST', path: '/api/v1/deals/{id}/scenarios/{scenarioId}/evaluate' },
  solve: { method: 'POST', path: '/api/v1/deals/{id}/solve' },
  sensitivity: { method: 'POST', path: '/api/v1/deals/{id}/sensitivity' },
  stress: { method: 'POST', path: '/api/v1/deals/{id}/stress' },
  simulate: { method: 'POST', path: '/api/v1/deals/{id}/simulate' },
  termSheet: { method: 'GET', path: '/api/v1/deals/{id}/term-sheet.xlsx' },
  listPortfolios: { method: 'GET', path: '/api/v1/portfolios' },
  readPortfolio: { method: 'GET', path: '/api/v1/portfolios/{id}' },
  evaluatePortfolio: { method: 'POST', path: '/api/v1/portfolios/{id}/evaluate' },
  portfolioWorkbook: { method: 'GET', path: '/api/v1/portfolios/{id}/term-sheet.xlsx' },
  getJob: { method: 'GET', path: '/api/v1/jobs/{id}' },
  jobResult: { method: 'GET', path: '/api/v1/jobs/{id}/result' },
  cancelJob: { method: 'DELETE', path: '/api/v1/jobs/{id}' },
} as const satisfies Record<string, { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string }>;

export type RouteName = keyof typeof ROUTES;

/** The path of a route with its `{params}` filled in (URI-encoded) and a query string. */
export function buildPath(name: RouteName, params: Record<string, string | number> = {}, query: Record<string, string | number | boolean | undefined> = {}): string {
  const path = ROUTES[name].path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`route ${name} needs ${key}`);
    return encodeURIComponent(String(value));
  });
  const search = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return search ? `${path}?${search}` : path;
}
