import { evaluatePortfolio, type EvaluatedMember, type PortfolioResult } from '../../analysis/portfolio/evaluate-portfolio.js';
import type { Deal } from '../../deal/deal-schema.js';
import type { Portfolio } from '../../deal/portfolio-schema.js';
import type { Problem } from '../../deal/problem.js';
import { evaluateDeal } from '../../engine/evaluate-deal.js';
import { writePortfolioWorkbook } from '../../export/portfolio/build-portfolio-workbook.js';
import type { WorkbookJobOutcome } from './evaluate-input.js';

/** A member of a portfolio with its deal (a revision, or a scenario applied to one). */
export interface PortfolioMemberDeal {
  label: string;
  dealId: string;
  revision: number;
  scenarioId?: string;
  deal: Deal;
}

/** A portfolio with its members' deals, and the as-of date to evaluate them. */
export interface PortfolioJob {
  portfolio: Portfolio;
  members: PortfolioMemberDeal[];
  asOf: string;
}

type EvaluatedPortfolio = { ok: true; members: EvaluatedMember[]; result: PortfolioResult } | { ok: false; problems: Problem[] };

/** Told how many members are evaluated of how many (a job's progress). */
export type MemberProgress = (done: number, total: number) => void;

/** Evaluate every member, then the portfolio: a member's problems come back with their path under members[i]. */
function evaluatePortfolioJob({ portfolio, members, asOf }: PortfolioJob, onProgress?: MemberProgress): EvaluatedPortfolio {
  const evaluated: EvaluatedMember[] = [];
  onProgress?.(0, members.length);
  for (const [i, m] of members.entries()) {
    const outcome = evaluateDeal(m.deal, { asOf });
    if (!outcome.ok) return { ok: false, problems: outcome.problems.map((p) => ({ ...p, path: `members[${i}].deal.${p.path}` })) };
    evaluated.push({ label: m.label, dealId: m.dealId, revision: m.revision, ...(m.scenarioId ? { scenarioId: m.scenarioId } : {}), evaluation: outcome });
    onProgress?.(i + 1, members.length);
  }
  return { ok: true, members: evaluated, result: evaluatePortfolio(portfolio, evaluated) };
}

/** The portfolio evaluation as JSON data (POST /portfolios/{id}/evaluate), or the members' problems. */
export function evaluatePortfolioMembers(job: PortfolioJob, onProgress?: MemberProgress): { ok: true; result: PortfolioResult } | { ok: false; problems: Problem[] } {
  const evaluated = evaluatePortfolioJob(job, onProgress);
  return evaluated.ok ? { ok: true, result: evaluated.result } : evaluated;
}

/** The portfolio workbook (GET /portfolios/{id}/term-sheet.xlsx): every member evaluated, then summed and written. */
export async function writePortfolioWorkbookOfMembers(job: PortfolioJob, onProgress?: MemberProgress): Promise<WorkbookJobOutcome> {
  const evaluated = evaluatePortfolioJob(job, onProgress);
  if (!evaluated.ok) return { ok: false, code: 'EVALUATION_FAILED', problems: evaluated.problems };
  return { ok: true, bytes: new Uint8Array(await writePortfolioWorkbook(job.portfolio, evaluated.members, evaluated.result, job.asOf)) };
}
