import type { Context } from 'hono';
import { repairStoredText } from '../../deal/xml-safe-text.js';
import { applyOverrides } from '../../deal/apply-overrides.js';
import type { Deal } from '../../deal/deal-schema.js';
import { parseDeal } from '../../deal/parse-deal.js';
import type { Portfolio, PortfolioMember } from '../../deal/portfolio-schema.js';
import type { Problem } from '../../deal/problem.js';
import { findVisibleDeal } from '../../db/deals.js';
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

/**
 * Each member's deal as the caller's organisation sees it (own deals and deals shared with it), at
 * its revision or through its scenario; a member it cannot see, or whose revision or scenario does
 * not exist, is a problem at `members[i]…` — never a hint about another organisation's data.
 */
export function loadPortfolioMembers(c: Context<AppEnv>, portfolio: Portfolio): { members: LoadedMember[]; problems: Problem[] } {
  const { db } = c.var.deps;
  const problems: Problem[] = [];
  const members: LoadedMember[] = [];
  portfolio.members.forEach((member: PortfolioMember, i) => {
    const path = `members[${i}]`;
    const head = findVisibleDeal(db, member.dealId, c.var.principal.organisationId);
    if (!head) return void problems.push({ code: 'UNKNOWN_DEAL', path: `${path}.dealId`, message: `no deal "${member.dealId}" is visible to your organisation` });
    if (member.scenario !== undefined && member.revision !== undefined) {
      return void problems.push({ code: 'CONFLICT', path: `${path}.revision`, message: 'give a revision or a scenario, not both: a scenario names its own revision' });
    }
    let revisionNumber = member.revision ?? head.revision;
    let overrides: unknown;
    if (member.scenario !== undefined) {
      const scenario = findScenario(db, head.id, member.scenario);
      if (!scenario) return void problems.push({ code: 'UNKNOWN_SCENARIO', path: `${path}.scenario`, message: `deal ${head.id} has no scenario "${member.scenario}"` });
      revisionNumber = scenario.baseRevision;
      overrides = scenario.overrides;
    }
    const revision = findRevision(db, head.id, revisionNumber);
    if (!revision) return void problems.push({ code: 'UNKNOWN_REVISION', path: `${path}.revision`, message: `deal ${head.id} has revisions 1 to ${head.revision}` });
    const content = repairStoredText(revision.content);
    const parsed = overrides === undefined ? parseDeal(content) : applyOverrides(content, overrides);
    if (!parsed.ok) return void problems.push(...parsed.problems.map((p) => ({ ...p, path: `${path}.deal.${p.path}` })));
    members.push({ label: member.label ?? head.name, dealId: head.id, revision: revision.revision, ...(member.scenario ? { scenarioId: member.scenario } : {}), deal: parsed.deal });
  });
  return { members, problems };
}
