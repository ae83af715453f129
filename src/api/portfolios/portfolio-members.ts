import type { Context } from 'hono';
import { repairStoredText } from '../../deal/xml-safe-text.js';
import { applyOverrides } from '../../deal/apply-overrides.js';
import type { Deal } from '../../deal/deal-schema.js';
import { parseDeal } from '../../deal/parse-deal.js';
import type { Portfolio } from '../../deal/portfolio-schema.js';
import type { Problem } from '../../deal/problem.js';
import { findDealsVisibleToAll, findLiveScenarios } from '../../db/member-visibility.js';
import type { DbOrTx } from '../../db/open-database.js';
import { findRevision } from '../../db/revisions.js';
import { findScenario } from '../../db/scenarios.js';
import type { AppEnv } from '../app-env.js';

export interface LoadedMember {
  label: string;
  dealId: string;
  revision: number;
  scenarioId?: string;
  deal: Deal;
}

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
export function checkPortfolioMembers(db: DbOrTx, portfolio: Portfolio, organisationIds: readonly string[]): { references: MemberReference[]; problems: Problem[] } {
  const heads = findDealsVisibleToAll(db, portfolio.members.map((m) => m.dealId), organisationIds);
  const scenarios = findLiveScenarios(db, portfolio.members.flatMap((m) => (m.scenario === undefined ? [] : [m.scenario])));
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

/**
 * Each member's deal, at its revision or through its scenario, for evaluation: checked as
 * checkPortfolioMembers does (a share withdrawn since the portfolio was saved is MEMBER_NOT_VISIBLE
 * at `members[i]`, never its content), then read and parsed.
 */
export function loadPortfolioMembers(c: Context<AppEnv>, portfolio: Portfolio, organisationIds: readonly string[]): { members: LoadedMember[]; problems: Problem[] } {
  const { db } = c.var.deps;
  const { references, problems } = checkPortfolioMembers(db, portfolio, organisationIds);
  const members: LoadedMember[] = [];
  for (const ref of references) {
    const path = `members[${ref.index}]`;
    const revision = findRevision(db, ref.dealId, ref.revision)!;
    const overrides = ref.scenarioId === undefined ? undefined : findScenario(db, ref.dealId, ref.scenarioId)?.overrides;
    const content = repairStoredText(revision.content);
    const parsed = overrides === undefined ? parseDeal(content) : applyOverrides(content, overrides);
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((p) => ({ ...p, path: `${path}.deal.${p.path}` })));
      continue;
    }
    members.push({ label: ref.label, dealId: ref.dealId, revision: ref.revision, ...(ref.scenarioId === undefined ? {} : { scenarioId: ref.scenarioId }), deal: parsed.deal });
  }
  return { members, problems };
}
