import { describe, expect, it } from 'vitest';
import { createLongJobGate } from '../../src/jobs/long-job-gate.js';
import { createDatabaseLimitStore } from '../../src/limits/database-limit-store.js';
import { isRefusal, type LimitClaim } from '../../src/limits/limit-store.js';
import { ensureOrganisation } from '../../src/db/organisations.js';
import { openDatabase } from '../../src/db/open-database.js';

/** The shared limit store on one database, with a clock the test moves (leases are 60 s). */
async function setUp() {
  const { db, close } = openDatabase(':memory:');
  const { organisation } = await ensureOrganisation(db, 'city-a', '2026-03-01T00:00:00.000Z');
  let now = Date.parse('2026-03-01T00:00:00.000Z');
  const clock = () => new Date(now);
  const store = (instanceId: string) =>
    createDatabaseLimitStore({ db, gate: createLongJobGate(5), longJobsPerOrganisation: 2, queuedJobsPerOrganisation: 1, instanceId, now: clock, leaseMs: 60_000, pollMs: 5 });
  const owner = { organisationId: organisation.id, organisationName: 'city-a' };
  return { db, close, store, owner, advance: (ms: number) => (now += ms) };
}

describe('createDatabaseLimitStore', () => {
  it('counts slots of every instance against the organisation\'s limit, and gives each back once', async () => {
    const t = await setUp();
    const a = await t.store('a');
    const b = await t.store('b');
    const first = (await a.tryClaimRunning(t.owner)) as LimitClaim;
    const second = (await b.tryClaimRunning(t.owner)) as LimitClaim;
    expect(isRefusal(first) || isRefusal(second)).toBe(false);
    expect(await a.tryClaimRunning(t.owner)).toEqual({ refused: true, count: 2 });
    await first.release();
    await first.release(); // twice is still one
    const third = await b.tryClaimRunning(t.owner);
    expect(isRefusal(third)).toBe(false);
    expect(await b.tryClaimRunning(t.owner)).toEqual({ refused: true, count: 2 });
    // Queue places are a count of their own (limit 1).
    expect(isRefusal(await a.tryClaimQueued(t.owner))).toBe(false);
    expect(await b.tryClaimQueued(t.owner)).toEqual({ refused: true, count: 1 });
    a.close();
    b.close();
    t.close();
  });

  it('frees the slots of a process that died once their lease runs out, and its own at once when it starts again', async () => {
    const t = await setUp();
    const dead = await t.store('dead');
    await dead.tryClaimRunning(t.owner);
    await dead.tryClaimRunning(t.owner);
    dead.close(); // killed: nothing released, no more renewals
    const alive = await t.store('alive');
    expect(await alive.tryClaimRunning(t.owner)).toEqual({ refused: true, count: 2 });
    t.advance(59_999);
    expect(await alive.tryClaimRunning(t.owner)).toEqual({ refused: true, count: 2 });
    t.advance(1); // 60 s after the claims: the leases have run out
    expect(isRefusal(await alive.tryClaimRunning(t.owner))).toBe(false);

    const again = await t.store('again');
    await again.tryClaimQueued(t.owner);
    again.close();
    expect(await alive.tryClaimQueued(t.owner)).toEqual({ refused: true, count: 1 });
    await t.store('again'); // the same INSTANCE_ID starting again drops what its previous run held
    expect(isRefusal(await alive.tryClaimQueued(t.owner))).toBe(false);
    alive.close();
    t.close();
  });

  it('makes a job wait for a slot another instance holds, and stops waiting when the job is cancelled', async () => {
    const t = await setUp();
    const a = await t.store('a');
    const b = await t.store('b');
    const held = [(await a.tryClaimRunning(t.owner)) as LimitClaim, (await a.tryClaimRunning(t.owner)) as LimitClaim];
    let got = false;
    const waiting = b.waitForRunning(t.owner, new AbortController().signal).then((claim) => {
      got = true;
      return claim;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(got).toBe(false);
    await held[0]!.release();
    await (await waiting).release();
    expect(got).toBe(true);

    const cancel = new AbortController();
    await a.tryClaimRunning(t.owner);
    const cancelled = b.waitForRunning(t.owner, cancel.signal);
    cancel.abort(new Error('the job was cancelled'));
    await expect(cancelled).rejects.toThrow('the job was cancelled');
    a.close();
    b.close();
    t.close();
  });
});
