import { createRouter } from '../create-router.js';
import { createOnePortfolioShare, deleteOnePortfolioShare, listOnePortfolioShares } from './portfolio-shares.handlers.js';
import { createPortfolioShareRoute, deletePortfolioShareRoute, listPortfolioSharesRoute } from './portfolio-shares.routes.js';
import { createOnePortfolio, deleteOnePortfolio, evaluateOnePortfolio, getOnePortfolio, listOrganisationPortfolios, stressOnePortfolio, updateOnePortfolio, writeOnePortfolioWorkbook } from './portfolios.handlers.js';
import { createPortfolioRoute, deletePortfolioRoute, evaluatePortfolioRoute, getPortfolioRoute, listPortfoliosRoute, portfolioWorkbookRoute, stressPortfolioRoute, updatePortfolioRoute } from './portfolios.routes.js';

export function createPortfoliosRouter() {
  return createRouter()
    .openapi(listPortfoliosRoute, listOrganisationPortfolios)
    .openapi(createPortfolioRoute, createOnePortfolio)
    .openapi(getPortfolioRoute, getOnePortfolio)
    .openapi(updatePortfolioRoute, updateOnePortfolio)
    .openapi(deletePortfolioRoute, deleteOnePortfolio)
    .openapi(evaluatePortfolioRoute, evaluateOnePortfolio)
    .openapi(portfolioWorkbookRoute, writeOnePortfolioWorkbook)
    .openapi(stressPortfolioRoute, stressOnePortfolio)
    .openapi(createPortfolioShareRoute, createOnePortfolioShare)
    .openapi(listPortfolioSharesRoute, listOnePortfolioShares)
    .openapi(deletePortfolioShareRoute, deleteOnePortfolioShare);
}
