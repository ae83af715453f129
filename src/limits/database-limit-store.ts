import { and, count, eq, gt, lte } from 'drizzle-orm';
import { newId } from '../db/new-id.js';
import type { Db } from '../db/open-database.js';
import { organisations } from '../db/schema.js';
import type { LongJobGate } from '../jobs/long-job-gate.js';
import { organisationSlots } from './organisation-slots.schema.js';
import type { LimitClaim, LimitOwner, LimitRefusal, LimitStore } from './limit-store.js';

export interface DatabaseLimitStoreOptions {
  db: Db;
  /** This process's gate: a synchronous long request holds a slot in it too, so the job runner here sees it. */
  gate: LongJobGate;
  longJobsPerOrganisation: number;
  queuedJobsPerOrganisation: number;
  /** This process among those sharing the database (AppConfig.instanceId): its rows are its own to drop at start. */
  instanceId: string;
  /** Wall clock for leases: every process compares against the others' (not a test's fixed clock). */
  now?: () => Date;
  /** How long a slot counts without renewal (a process killed holding one frees it after this); renewed every third of it. */
  leaseMs?: number;
  /** How often a job waiting for a slot held elsewhere asks again. */
  pollMs?: number;
}

export const DEFAULT_SLOT_LEASE_MS = 60_000;
const DEFAULT_POLL_MS = 500;

type Kind = 'running' | 'queued';

/**
 * The organisation limits in the database (table organisation_slots), so every process on one SQLite
 * file or one PostgreSQL counts the same slots. A claim is one transaction: it first writes the
 * organisation's own row (`UPDATE organisations SET name = name`), which on PostgreSQL locks that row
 * until commit and on SQLite is inside BEGIN IMMEDIATE's write lock anyway, so two processes claiming
 * for one organisation at once are serialised by the database; then it counts the live rows of the
 * kind and inserts one when below the limit. Nothing here waits on another process's memory.
 */
export async function createDatabaseLimitStore(options: DatabaseLimitStoreOptions): Promise<LimitStore> {
  const { db, gate, instanceId, now = () => new Date(), leaseMs = DEFAULT_SLOT_LEASE_MS, pollMs = DEFAULT_POLL_MS } = options;
  const limits: Record<Kind, number> = { running: options.longJobsPerOrganisation, queued: options.queuedJobsPerOrganisation };
  const held = new Map<string, true>();

  // A previous run of this process (same INSTANCE_ID) held nothing it still runs.
  await db.delete(organisationSlots).where(eq(organisationSlots.instanceId, instanceId));

  const expiry = () => new Date(now().getTime() + leaseMs).toISOString();

  const renew = setInterval(() => {
    if (held.size === 0) return;
    const until = expiry();
    void (async () => {
      for (const id of [...held.keys()]) await db.update(organisationSlots).set({ expiresAt: until }).where(eq(organisationSlots.id, id));
    })().catch((error: Error) => console.error(`organisation limits: could not renew the leases: ${error.message}`));
  }, Math.max(1_000, Math.floor(leaseMs / 3)));
  renew.unref();

  const claim = async (owner: LimitOwner, kind: Kind): Promise<LimitClaim | LimitRefusal> => {
    const at = now();
    const id = newId('slot');
    const outcome = await db.transaction(async (tx) => {
      await tx.update(organisations).set({ name: organisations.name }).where(eq(organisations.id, owner.organisationId));
      // Rows of processes that died stop counting once their lease has run out; drop them.
      await tx.delete(organisationSlots).where(and(eq(organisationSlots.organisationId, owner.organisationId), lte(organisationSlots.expiresAt, at.toISOString())));
      const [row] = await tx
        .select({ n: count() })
        .from(organisationSlots)
        .where(and(eq(organisationSlots.organisationId, owner.organisationId), eq(organisationSlots.kind, kind), gt(organisationSlots.expiresAt, at.toISOString())));
      const holding = row?.n ?? 0;
      if (holding >= limits[kind]) return { refused: true as const, count: holding };
      await tx.insert(organisationSlots).values({ id, organisationId: owner.organisationId, kind, instanceId, acquiredAt: at.toISOString(), expiresAt: expiry() });
      return undefined;
    });
    if (outcome) return outcome;
    held.set(id, true);
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        held.delete(id);
        await db.delete(organisationSlots).where(eq(organisationSlots.id, id));
      },
    };
  };

  return {
    shared: true,
    async tryClaimRunning(owner) {
      const leave = gate.tryEnter(owner.organisationName);
      if (!leave) return { refused: true, count: gate.running(owner.organisationName) };
      try {
        const outcome = await claim(owner, 'running');
        if ('refused' in outcome) {
          leave();
          return outcome;
        }
        return { release: async () => { leave(); await outcome.release(); } };
      } catch (error) {
        leave();
        throw error;
      }
    },
    async waitForRunning(owner, signal) {
      for (;;) {
        signal.throwIfAborted();
        const outcome = await claim(owner, 'running');
        if (!('refused' in outcome)) return outcome;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, pollMs);
          function done() {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            resolve();
          }
          signal.addEventListener('abort', done, { once: true });
        });
      }
    },
    tryClaimQueued: (owner) => claim(owner, 'queued'),
    close() {
      clearInterval(renew);
    },
  };
}
