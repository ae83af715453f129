import { and, asc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from './audit-log.js';
import { newId } from './new-id.js';
import type { Db, DbOrTx } from './open-database.js';
import { scenarios } from './schema.js';

export interface Scenario {
  id: string;
  dealId: string;
  name: string;
  baseRevision: number;
  overrides: unknown;
  authorKeyId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ScenarioBody {
  name: string;
  baseRevision: number;
  overrides: unknown;
}

interface Change {
  organisationId: string;
  actorKeyId: string | null;
  at: string;
}

type ScenarioRow = typeof scenarios.$inferSelect;
const toScenario = ({ deletedAt: _deleted, overrides, ...row }: ScenarioRow): Scenario => ({ ...row, overrides: JSON.parse(overrides) as unknown });
const live = (dealId: string) => and(eq(scenarios.dealId, dealId), isNull(scenarios.deletedAt));

export async function listScenarios(db: DbOrTx, dealId: string): Promise<Scenario[]> {
  return (await db.select().from(scenarios).where(live(dealId)).orderBy(asc(scenarios.createdAt), asc(scenarios.id))).map(toScenario);
}

export async function findScenario(db: DbOrTx, dealId: string, scenarioId: string): Promise<Scenario | undefined> {
  const [row] = await db.select().from(scenarios).where(and(live(dealId), eq(scenarios.id, scenarioId))).limit(1);
  return row && toScenario(row);
}

async function isNameTaken(db: DbOrTx, dealId: string, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await db.select({ id: scenarios.id }).from(scenarios).where(and(live(dealId), eq(scenarios.name, name))).limit(1);
  return row !== undefined && row.id !== exceptId;
}

export type ScenarioOutcome = { ok: true; scenario: Scenario } | { ok: false; reason: 'name-taken' | 'not-found' };

/** A new scenario of a deal; its name is unique among the deal's scenarios. */
export async function createScenario(db: Db, dealId: string, body: ScenarioBody, change: Change): Promise<ScenarioOutcome> {
  return db.transaction(async (tx): Promise<ScenarioOutcome> => {
    if (await isNameTaken(tx, dealId, body.name)) return { ok: false, reason: 'name-taken' };
    const row: ScenarioRow = {
      id: newId('scn'), dealId, name: body.name, baseRevision: body.baseRevision, overrides: JSON.stringify(body.overrides),
      authorKeyId: change.actorKeyId, createdAt: change.at, updatedAt: change.at, deletedAt: null,
    };
    await tx.insert(scenarios).values(row);
    await recordAudit(tx, { ...change, action: 'scenario.created', subjectType: 'scenario', subjectId: row.id, detail: { dealId, name: body.name, baseRevision: body.baseRevision } });
    return { ok: true, scenario: toScenario(row) };
  });
}

/** Replace a scenario's name, base revision and overrides. */
export async function updateScenario(db: Db, dealId: string, scenarioId: string, body: ScenarioBody, change: Change): Promise<ScenarioOutcome> {
  return db.transaction(async (tx): Promise<ScenarioOutcome> => {
    if (!(await findScenario(tx, dealId, scenarioId))) return { ok: false, reason: 'not-found' };
    if (await isNameTaken(tx, dealId, body.name, scenarioId)) return { ok: false, reason: 'name-taken' };
    await tx.update(scenarios)
      .set({ name: body.name, baseRevision: body.baseRevision, overrides: JSON.stringify(body.overrides), authorKeyId: change.actorKeyId, updatedAt: change.at })
      .where(eq(scenarios.id, scenarioId));
    await recordAudit(tx, { ...change, action: 'scenario.updated', subjectType: 'scenario', subjectId: scenarioId, detail: { dealId, name: body.name, baseRevision: body.baseRevision } });
    return { ok: true, scenario: (await findScenario(tx, dealId, scenarioId))! };
  });
}

/** Delete a scenario: it is marked deleted, kept in the table, and the audit log says by whom. */
export async function deleteScenario(db: Db, dealId: string, scenarioId: string, change: Change): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx.update(scenarios).set({ deletedAt: change.at }).where(and(live(dealId), eq(scenarios.id, scenarioId))).returning({ id: scenarios.id });
    if (updated.length !== 1) return false;
    await recordAudit(tx, { ...change, action: 'scenario.deleted', subjectType: 'scenario', subjectId: scenarioId, detail: { dealId } });
    return true;
  });
}

/** A live scenario with its overrides as their stored JSON text, not parsed: evaluating it, the evaluator parses them off the request thread. */
export async function findScenarioAsStored(db: DbOrTx, dealId: string, scenarioId: string): Promise<{ id: string; baseRevision: number; overridesText: string } | undefined> {
  const [row] = await db.select({ id: scenarios.id, baseRevision: scenarios.baseRevision, overridesText: scenarios.overrides }).from(scenarios).where(and(live(dealId), eq(scenarios.id, scenarioId))).limit(1);
  return row;
}

/** A live scenario's overrides as their stored JSON text, not parsed: for the evaluator to parse off the request thread. */
export async function findScenarioOverridesText(db: DbOrTx, dealId: string, scenarioId: string): Promise<string | undefined> {
  const [row] = await db.select({ overrides: scenarios.overrides }).from(scenarios).where(and(live(dealId), eq(scenarios.id, scenarioId))).limit(1);
  return row?.overrides;
}
