import { evaluatePortfolio, type EvaluatedMember } from '../../../src/analysis/portfolio/evaluate-portfolio.js';
import { portfolioSchema } from '../../../src/deal/portfolio-schema.js';
import { evaluateParsed } from '../../helpers/evaluate-input.js';
import { loadTemplate } from '../../helpers/load-template.js';

/**
 * A portfolio of three templates evaluated in this thread: 福州 (2027–2053), 湘潭, and 鲁谷 moved to
 * start in 2029 so that members are aligned by calendar year, not by t; `budget` is the envelope.
 */
export function evaluateTemplatePortfolio(budget: unknown) {
  const lugu = structuredClone(loadTemplate('lugu-package'));
  lugu.timeline.startYear = 2029;
  const members: EvaluatedMember[] = [
    { label: '福州', dealId: 'deal_fz', revision: 1, evaluation: evaluateParsed(loadTemplate('fuzhou-gulou-25y')) },
    { label: '湘潭', dealId: 'deal_xt', revision: 3, evaluation: evaluateParsed(loadTemplate('xiangtan-heping')) },
    { label: '鲁谷', dealId: 'deal_lg', revision: 1, scenarioId: 'scn_late', evaluation: evaluateParsed(lugu) },
  ];
  const portfolio = portfolioSchema.parse({ name: '鼓楼片区打捆', members: members.map((m) => ({ dealId: m.dealId })), ...(budget === undefined ? {} : { budget }) });
  return { portfolio, members, result: evaluatePortfolio(portfolio, members) };
}
