import type { Context } from 'hono';
import type { Portfolio } from '../../deal/portfolio-schema.js';
import type { Problem } from '../../deal/problem.js';
import { findDealsVisibleToAll, findLiveScenarios } from '../../db/member-visibility.js';
import type { DbOrTx } from '../../db/open-database.js';
import { findRevisionText } from '../../db/revisions.js';
import { findScenarioOverridesText } from '../../db/scenarios.js';
import type { AppEnv } from '../app-env.js';
import type { PortfolioMemberText } from '../evaluation/portfolio-jobs.js';

/** A member whose deal, revision and scenario were found, before its content is read. */
interface MemberReference {
  index: number;
  label: string;
  dealId: string;
  revision: number;
  scenarioId?: string;
}

/**
 * The members of a portfolio checked against what `organisationIds` see — the portfolio's owner
 * and, when another organisation reads it through a share, that organisation too: a member's deal
 * must be visible to all of them (their own or shared with them), its revision must exist and its
 * scenario must be a live scenario of that deal. No deal content is read: a few queries of 500 ids
 * whatever the size, so saving a 5,000-member portfolio stays cheap. A member that is not visible is
 * `MEMBER_NOT_VISIBLE` at `members[i]`, with nothing of the deal but the id the definition names.
 */
export async function checkPortfolioMembers(db: DbOrTx, portfolio: Portfolio, organisationIds: readonly string[]): Promise<{ references: MemberReference[]; problems: Problem[] }> {
  const heads = await findDealsVisibleToAll(db, portfolio.members.map((m) => m.dealId), organisationIds);
  const scenarios = await findLiveScenarios(db, portfolio.members.flatMap((m) => (m.scenario === undefined ? [] : [m.scenario])));
  const problems: Problem[] = [];
  const references: MemberReference[] = [];
  portfolio.members.forEach((member, index) => {
    const path = `members[${index}]`;
    const head = heads.get(member.dealId);
    if (!head) {
      return void problems.push({ code: 'MEMBER_NOT_VISIBLE', path, message: `member ${index + 1}, deal "${member.dealId}", is not visible to your organisation: not yours, or no longer shared with it` });
    }
    if (member.scenario !== undefined && member.revision !== undefined) {
      return void problems.push({ code: 'CONFLICT', path: `${path}.revision`, message: 'give a revision or a scenario, not both: a scenario names its own revision' });
    }
    let revision = member.revision ?? head.revision;
    if (member.scenario !== undefined) {
      const scenario = scenarios.get(member.scenario);
      if (!scenario || scenario.dealId !== head.id) return void problems.push({ code: 'UNKNOWN_SCENARIO', path: `${path}.scenario`, message: `deal ${head.id} has no scenario "${member.scenario}"` });
      revision = scenario.baseRevision;
    }
    // Revisions are numbered 1 to the head without gaps and never deleted.
    if (revision > head.revision) return void problems.push({ code: 'UNKNOWN_REVISION', path: `${path}.revision`, message: `deal ${head.id} has revisions 1 to ${head.revision}` });
    references.push({ index, label: member.label ?? head.name, dealId: head.id, revision, ...(member.scenario === undefined ? {} : { scenarioId: member.scenario }) });
  });
  return { references, problems };
}

/** Members read per turn of the event loop: a 5,000-member portfolio is read in 50 short steps, not one long block. */
const MEMBERS_PER_STEP = 100;

/**
 * Each member's deal, at its revision or through its scenario, for evaluation: checked as
 * checkPortfolioMembers does (a share withdrawn since the portfolio was saved is MEMBER_NOT_VISIBLE
 * at `members[i]`, never its content), then read as the stored JSON text — parsed, repaired and
 * validated on the evaluator (portfolio-jobs.ts readMemberDeals), not here. The texts are read
 * MEMBERS_PER_STEP at a time, yielding to the event loop between steps, so /health and other
 * requests are answered while a city's programme loads.
 */
export async function loadPortfolioMembers(c: Context<AppEnv>, portfolio: Portfolio, organisationIds: readonly string[]): Promise<{ members: PortfolioMemberText[]; problems: Problem[] }> {
  const { db } = c.var.deps;
  const { references, problems } = await checkPortfolioMembers(db, portfolio, organisationIds);
  if (problems.length > 0) return { members: [], problems };
  const members: PortfolioMemberText[] = [];
  for (const [i, ref] of references.entries()) {
    if (i > 0 && i % MEMBERS_PER_STEP === 0) await new Promise((resolve) => setImmediate(resolve));
    const content = (await findRevisionText(db, ref.dealId, ref.revision))!;
    const overrides = ref.scenarioId === undefined ? undefined : await findScenarioOverridesText(db, ref.dealId, ref.scenarioId);
    members.push({ index: ref.index, label: ref.label, dealId: ref.dealId, revision: ref.revision, ...(ref.scenarioId === undefined ? {} : { scenarioId: ref.scenarioId }), content, ...(overrides === undefined ? {} : { overrides }) });
  }
  return { members, problems };
}
