import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from './open-database.js';
import { deals, scenarios, shares } from './schema.js';

/** What a portfolio needs to know of a member's deal without reading its content. */
export interface VisibleDealHead {
  id: string;
  name: string;
  revision: number;
}

/** Ids per query: well under SQLite's limit of bound parameters, so a 5,000-member portfolio is ten queries. */
const BATCH = 500;

async function inBatches<T>(ids: readonly string[], query: (batch: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += BATCH) out.push(...(await query(unique.slice(i, i + BATCH))));
  return out;
}

/**
 * The deals among `dealIds` that every one of `organisationIds` sees (owns, or has been shared):
 * one query per 500 ids, no deal content read. A portfolio is checked against its owner and, when
 * another organisation reads it through a share, against that organisation too.
 */
export async function findDealsVisibleToAll(db: DbOrTx, dealIds: readonly string[], organisationIds: readonly string[]): Promise<Map<string, VisibleDealHead>> {
  const visibleTo = (organisationId: string) =>
    or(
      eq(deals.organisationId, organisationId),
      sql`exists (select 1 from ${shares} where ${shares.dealId} = ${deals.id} and ${shares.organisationId} = ${organisationId})`,
    );
  const rows = await inBatches(dealIds, async (batch) =>
    db
      .select({ id: deals.id, name: deals.name, revision: deals.currentRevision })
      .from(deals)
      .where(and(inArray(deals.id, batch), ...[...new Set(organisationIds)].map(visibleTo))),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The live scenarios among `scenarioIds`, each with its deal and base revision. */
export async function findLiveScenarios(db: DbOrTx, scenarioIds: readonly string[]): Promise<Map<string, { dealId: string; baseRevision: number }>> {
  const rows = await inBatches(scenarioIds, async (batch) =>
    db
      .select({ id: scenarios.id, dealId: scenarios.dealId, baseRevision: scenarios.baseRevision })
      .from(scenarios)
      .where(and(inArray(scenarios.id, batch), isNull(scenarios.deletedAt))),
  );
  return new Map(rows.map(({ id, ...rest }) => [id, rest]));
}
