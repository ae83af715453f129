import { afterEach, describe, expect, it } from 'vitest';
import { createSimulationPool } from '../../src/analysis/simulation/worker-pool.js';
import { simulateDeal } from '../../src/analysis/simulation/simulate.js';
import { simulationRequestSchema } from '../../src/analysis/simulation/simulation-request.js';
import { createWorkerPoolEvaluator, type Evaluator } from '../../src/api/evaluation/evaluator.js';
import { JobTimeBudgetExceeded } from '../../src/jobs/job-errors.js';
import { loadTemplate } from '../helpers/load-template.js';

/**
 * A stand-in evaluation worker: it says it is ready, then answers each job after spinning for
 * `job.input.spinMs` (a formula bomb, in effect), echoing `job.input.tag` so the order can be read.
 */
const SPINNING_WORKER = `data:text/javascript,${encodeURIComponent(`
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (r) => {
  const end = Date.now() + (r.job.input.spinMs ?? 0);
  while (Date.now() < end) {}
  parentPort.postMessage({ id: r.id, outcome: { ok: true, tag: r.job.input.tag } });
});
parentPort.postMessage({ ready: true });
`)}`;

type Tagged = { ok: true; tag: string };
const job = (tag: string, spinMs = 0) => ({ input: { tag, spinMs }, asOf: '2026-11-23' });

const pools: Evaluator[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('evaluation pool: time budgets', () => {
  it('fails only the job past its budget (naming the budget), and serves every job queued behind it', async () => {
    const pool = createWorkerPoolEvaluator(1, { workerScript: SPINNING_WORKER, jobTimeoutMs: 400 });
    pools.push(pool);
    const bomb = pool.evaluate(job('bomb', 60_000));
    const behind = [pool.evaluate(job('b1')), pool.evaluate(job('b2')), pool.evaluate(job('b3'))];
    const error = await bomb.then(() => undefined, (e: Error) => e);
    expect(error).toBeInstanceOf(JobTimeBudgetExceeded);
    expect((error as JobTimeBudgetExceeded).budgetMs).toBe(400);
    expect(error!.message).toContain('400 ms');
    const answers = (await Promise.all(behind)) as unknown as Tagged[];
    expect(answers.map((a) => a.tag)).toEqual(['b1', 'b2', 'b3']);
  }, 60_000);

  it('does not count a stopped job as a worker that cannot start: many budget failures in a row leave the pool working', async () => {
    const pool = createWorkerPoolEvaluator(1, { workerScript: SPINNING_WORKER, jobTimeoutMs: 200 });
    pools.push(pool);
    for (let i = 0; i < 4; i++) await expect(pool.evaluate(job(`bomb${i}`, 60_000))).rejects.toBeInstanceOf(JobTimeBudgetExceeded);
    expect(((await pool.evaluate(job('after'))) as unknown as Tagged).tag).toBe('after');
  }, 60_000);
});

describe('evaluation pool: fair shares', () => {
  it('takes organisations in turn: one job of B queued behind five of A is the second to run', async () => {
    let owner = 'A';
    const pool = createWorkerPoolEvaluator(1, { workerScript: SPINNING_WORKER, ownerOf: () => owner });
    pools.push(pool);
    await pool.evaluate(job('warm-up')); // the worker is ready
    const finished: string[] = [];
    const track = (p: Promise<unknown>) => p.then((a) => finished.push((a as Tagged).tag));
    const all = ['a1', 'a2', 'a3', 'a4', 'a5'].map((tag) => track(pool.evaluate(job(tag, 50))));
    owner = 'B';
    all.push(track(pool.evaluate(job('b1', 50))));
    await Promise.all(all);
    // a1 went to the free worker at once (A left the ring, then rejoined with a2…); B, arriving second, is served after one of A's.
    expect(finished).toEqual(['a1', 'a2', 'b1', 'a3', 'a4', 'a5']);
  }, 60_000);

  it('gives an organisation with a share of 2 two jobs per turn', async () => {
    let owner = 'A';
    const pool = createWorkerPoolEvaluator(1, { workerScript: SPINNING_WORKER, ownerOf: () => owner, shares: { B: 2 } });
    pools.push(pool);
    await pool.evaluate(job('warm-up'));
    const finished: string[] = [];
    const track = (p: Promise<unknown>) => p.then((a) => finished.push((a as Tagged).tag));
    const all = ['a1', 'a2', 'a3'].map((tag) => track(pool.evaluate(job(tag, 30))));
    owner = 'B';
    all.push(...['b1', 'b2', 'b3'].map((tag) => track(pool.evaluate(job(tag, 30)))));
    await Promise.all(all);
    // a1 runs at once; then turns of A (one job) and B (two jobs).
    expect(finished).toEqual(['a1', 'a2', 'b1', 'b2', 'a3', 'b3']);
  }, 60_000);
});

describe('simulation pool: budgets and shares', () => {
  const deal = loadTemplate('fuzhou-gulou-25y');
  const AS_OF = '2026-11-23';
  const variables = [{ driver: { driver: 'revenue' }, distribution: { kind: 'triangular', min: -0.2, mode: 0, max: 0.1 } }];

  it('fails a run past its run budget with JobTimeBudgetExceeded, and the next run of another organisation completes', async () => {
    let owner = 'A';
    const pool = createSimulationPool(1, { runBudgetMs: 4000, ownerOf: () => owner });
    try {
      await simulateDeal(deal, simulationRequestSchema.parse({ variables, draws: 10, seed: 1 }), AS_OF, pool.runChunks); // the worker has started
      const big = simulateDeal(deal, simulationRequestSchema.parse({ variables, draws: 100_000, seed: 1 }), AS_OF, pool.runChunks);
      owner = 'B';
      const small = simulateDeal(deal, simulationRequestSchema.parse({ variables, draws: 10, seed: 1 }), AS_OF, pool.runChunks);
      const error = await big.then(() => undefined, (e: Error) => e);
      expect(error).toBeInstanceOf(JobTimeBudgetExceeded);
      expect((error as JobTimeBudgetExceeded).kind).toBe('simulation');
      const answer = await small;
      expect(answer.ok && answer.result.validDraws).toBe(10);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('runs a 10-draw run of B before most of a 1,000-draw run of A queued first (10 chunks)', async () => {
    let owner = 'A';
    const pool = createSimulationPool(1, { ownerOf: () => owner });
    try {
      // Warm the worker so both runs queue against a ready pool.
      await simulateDeal(deal, simulationRequestSchema.parse({ variables, draws: 10, seed: 1 }), AS_OF, pool.runChunks);
      const done: string[] = [];
      const big = simulateDeal(deal, simulationRequestSchema.parse({ variables, draws: 1000, seed: 2 }), AS_OF, pool.runChunks).then(() => done.push('A'));
      owner = 'B';
      const small = simulateDeal(deal, simulationRequestSchema.parse({ variables, draws: 10, seed: 3 }), AS_OF, pool.runChunks).then(() => done.push('B'));
      await Promise.all([big, small]);
      // First in, first out would finish A's 10 chunks first; by turns B's one chunk runs second.
      expect(done).toEqual(['B', 'A']);
    } finally {
      await pool.close();
    }
  }, 120_000);
});
