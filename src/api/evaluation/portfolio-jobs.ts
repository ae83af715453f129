import { evaluatePortfolio, type EvaluatedMember, type PortfolioResult } from '../../analysis/portfolio/evaluate-portfolio.js';
import { applyOverrides } from '../../deal/apply-overrides.js';
import type { Deal } from '../../deal/deal-schema.js';
import { parseDeal } from '../../deal/parse-deal.js';
import { repairStoredText } from '../../deal/xml-safe-text.js';
import { MAX_LISTED_PROBLEMS } from '../problems/render-problem.js';
import type { Portfolio } from '../../deal/portfolio-schema.js';
import type { Problem } from '../../deal/problem.js';
import { evaluateDeal } from '../../engine/evaluate-deal.js';
import { writePortfolioWorkbook } from '../../export/portfolio/build-portfolio-workbook.js';
import type { WorkbookJobOutcome } from './evaluate-input.js';

/**
 * A member of a portfolio with its deal as stored: a revision's JSON text, and a scenario's overrides
 * as theirs. `index` is its place among the portfolio's members (where its problems are reported).
 */
export interface PortfolioMemberText {
  index: number;
  label: string;
  dealId: string;
  revision: number;
  scenarioId?: string;
  content: string;
  overrides?: string;
}

/** A portfolio with its members' stored deals, and the as-of date to evaluate them. */
export interface PortfolioJob {
  portfolio: Portfolio;
  members: PortfolioMemberText[];
  asOf: string;
}

type MemberDeal = Omit<PortfolioMemberText, 'content' | 'overrides'> & { deal: Deal };

/**
 * Each member's stored text parsed, repaired (text saved before it was checked) and validated, its
 * scenario's overrides applied: on the evaluator, so a 5,000-member portfolio costs the request thread
 * no parse. A member's problems come back at `members[i].deal.<path>`, at most MAX_LISTED_PROBLEMS.
 */
function readMemberDeals(members: readonly PortfolioMemberText[]): { ok: true; deals: MemberDeal[] } | { ok: false; problems: Problem[]; total: number } {
  const deals: MemberDeal[] = [];
  const problems: Problem[] = [];
  let total = 0;
  for (const { content, overrides, ...member } of members) {
    const stored = repairStoredText(JSON.parse(content) as unknown);
    const parsed = overrides === undefined ? parseDeal(stored) : applyOverrides(stored, JSON.parse(overrides) as unknown);
    if (parsed.ok) {
      deals.push({ ...member, deal: parsed.deal });
      continue;
    }
    total += parsed.problems.length;
    for (const p of parsed.problems) if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ ...p, path: `members[${member.index}].deal.${p.path}` });
  }
  return problems.length > 0 ? { ok: false, problems, total } : { ok: true, deals };
}

type EvaluatedPortfolio = { ok: true; members: EvaluatedMember[]; result: PortfolioResult } | { ok: false; problems: Problem[]; total?: number };

/** Told how many members are evaluated of how many (a job's progress). */
export type MemberProgress = (done: number, total: number) => void;

/** Evaluate every member, then the portfolio: a member's problems come back with their path under members[i]. */
function evaluatePortfolioJob({ portfolio, members: stored, asOf }: PortfolioJob, onProgress?: MemberProgress): EvaluatedPortfolio {
  const read = readMemberDeals(stored);
  if (!read.ok) return read;
  const members = read.deals;
  const evaluated: EvaluatedMember[] = [];
  onProgress?.(0, members.length);
  for (const [i, m] of members.entries()) {
    const outcome = evaluateDeal(m.deal, { asOf });
    if (!outcome.ok) return { ok: false, problems: outcome.problems.map((p) => ({ ...p, path: `members[${m.index}].deal.${p.path}` })) };
    evaluated.push({ label: m.label, dealId: m.dealId, revision: m.revision, ...(m.scenarioId ? { scenarioId: m.scenarioId } : {}), evaluation: outcome });
    onProgress?.(i + 1, members.length);
  }
  return { ok: true, members: evaluated, result: evaluatePortfolio(portfolio, evaluated) };
}

/** The portfolio evaluation as JSON data (POST /portfolios/{id}/evaluate), or the members' problems. */
export function evaluatePortfolioMembers(job: PortfolioJob, onProgress?: MemberProgress): { ok: true; result: PortfolioResult } | { ok: false; problems: Problem[]; total?: number } {
  const evaluated = evaluatePortfolioJob(job, onProgress);
  return evaluated.ok ? { ok: true, result: evaluated.result } : evaluated;
}

/** The portfolio workbook (GET /portfolios/{id}/term-sheet.xlsx): every member evaluated, then summed and written. */
export async function writePortfolioWorkbookOfMembers(job: PortfolioJob, onProgress?: MemberProgress): Promise<WorkbookJobOutcome> {
  const evaluated = evaluatePortfolioJob(job, onProgress);
  if (!evaluated.ok) return { ok: false, code: 'EVALUATION_FAILED', problems: evaluated.problems, ...(evaluated.total === undefined ? {} : { total: evaluated.total }) };
  return { ok: true, bytes: new Uint8Array(await writePortfolioWorkbook(job.portfolio, evaluated.members, evaluated.result, job.asOf)) };
}
