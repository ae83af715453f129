import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createInlineEvaluator, createWorkerPoolEvaluator } from '../../../src/api/evaluation/evaluator.js';
import { loadTemplate } from '../../helpers/load-template.js';
import { portfolioSchema } from '../../../src/deal/portfolio-schema.js';
import { solveRequestSchema } from '../../../src/analysis/goal-seek-request.js';
import { simulationRequestSchema } from '../../../src/analysis/simulation/simulation-request.js';

const fuzhou: unknown = JSON.parse(readFileSync(new URL('../../../models/fuzhou-gulou-25y.json', import.meta.url), 'utf8'));

describe('the worker-thread evaluator', () => {
  const pool = createWorkerPoolEvaluator(2);
  afterAll(() => pool.close());

  it('answers exactly what the request thread would, for jobs run side by side', async () => {
    const inline = await createInlineEvaluator().evaluate({ input: fuzhou, asOf: '2026-11-23' });
    const answers = await Promise.all([1, 2, 3].map(() => pool.evaluate({ input: fuzhou, asOf: '2026-11-23' })));
    expect(inline.ok).toBe(true);
    for (const answer of answers) expect(answer).toEqual(inline);
  });

  it('returns the problems of an invalid deal as data', async () => {
    const answer = await pool.evaluate({ input: { name: '' }, asOf: '2026-11-23' });
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.code).toBe('VALIDATION_FAILED');
      expect(answer.problems.length).toBeGreaterThan(0);
    }
  });

  it('builds the term-sheet workbook on a worker and hands its bytes over', async () => {
    const answer = await pool.writeTermSheet({ input: fuzhou, asOf: '2026-11-23' });
    expect(answer.ok).toBe(true);
    // An .xlsx file is a zip: it starts with "PK".
    if (answer.ok) expect(Buffer.from(answer.bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
  });

  it('runs a decision tool on a worker: the stress pack answers as on this thread', async () => {
    const deal = loadTemplate('lugu-package');
    const job = { tool: 'stress' as const, deal, request: {}, asOf: '2026-11-23' };
    expect(await pool.analyse(job)).toEqual(await createInlineEvaluator().analyse(job));
  });

  it('evaluates a portfolio on a worker, member by member, as on this thread', async () => {
    const portfolio = portfolioSchema.parse({ name: '片区', members: [{ dealId: 'a' }, { dealId: 'b' }] });
    const members = [
      { index: 0, label: '鲁谷', dealId: 'a', revision: 1, content: JSON.stringify(loadTemplate('lugu-package')) },
      { index: 1, label: '湘潭', dealId: 'b', revision: 1, content: JSON.stringify(loadTemplate('xiangtan-heping')) },
    ];
    const job = { tool: 'portfolio' as const, portfolio, members, asOf: '2026-11-23' };
    const inline = await createInlineEvaluator().analyse(job);
    expect(inline.ok).toBe(true);
    expect(await pool.analyse(job)).toEqual(inline);
  });

  it('evaluates a portfolio in parts side by side on the workers: the same answer and problems as on this thread in one go', async () => {
    const parted = createWorkerPoolEvaluator(2, { membersPerPart: 1 });
    try {
      const lugu = { ...loadTemplate('lugu-package'), timeline: { ...loadTemplate('lugu-package').timeline, startYear: 2029 } };
      const templates = [lugu, loadTemplate('xiangtan-heping'), loadTemplate('fuzhou-gulou-25y'), loadTemplate('xiangtan-bond-card')];
      const portfolio = portfolioSchema.parse({ name: '片区', members: templates.map((_, i) => ({ dealId: `d${i}` })), bondQuota: [{ year: 2028, available: '1000000' }] });
      const members = templates.map((t, i) => ({ index: i, label: `m${i}`, dealId: `d${i}`, revision: 1, content: JSON.stringify(t) }));
      const job = { tool: 'portfolio' as const, portfolio, members, asOf: '2026-11-23' };
      const seen: [number, number][] = [];
      const answer = await parted.analyse(job, (done, total) => seen.push([done, total]));
      const inline = await createInlineEvaluator().analyse(job);
      expect(inline.ok).toBe(true);
      expect(answer).toEqual(inline);
      // Progress counts members across the parts, up to all four.
      expect(seen.at(-1)).toEqual([4, 4]);
      expect(seen.every(([d], i) => i === 0 || d >= seen[i - 1]![0])).toBe(true);
      // Members that do not read, in two parts: both listed with the total, as one job lists them.
      const broken = [members[0]!, { ...members[1]!, content: JSON.stringify({ ...templates[1], discountRate: 'abc' }) }, members[2]!, { ...members[3]!, content: JSON.stringify({ ...templates[3], discountRate: 'x' }) }];
      const failed = await parted.analyse({ ...job, members: broken });
      expect(failed.ok ? [] : failed.problems.map((p) => p.path)).toEqual(['members[1].deal.discountRate', 'members[3].deal.discountRate']);
      expect(failed).toEqual(await createInlineEvaluator().analyse({ ...job, members: broken }));
    } finally {
      await parted.close();
    }
  });

  it('builds a portfolio workbook on a worker, member by member, and hands its bytes over', async () => {
    const portfolio = portfolioSchema.parse({ name: '片区', members: [{ dealId: 'a' }, { dealId: 'b' }] });
    const members = [
      { index: 0, label: '鲁谷', dealId: 'a', revision: 1, content: JSON.stringify(loadTemplate('lugu-package')) },
      { index: 1, label: '湘潭', dealId: 'b', revision: 1, content: JSON.stringify(loadTemplate('xiangtan-heping')) },
    ];
    const answer = await pool.writePortfolioWorkbook({ portfolio, members, asOf: '2026-11-23' });
    expect(answer.ok).toBe(true);
    if (answer.ok) expect(Buffer.from(answer.bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
  });

  it('reads a decision tool\'s body on a worker: parsed and checked as its schema does on this thread', async () => {
    const text = '{"input":{"kind":"price","stream":"fz-parking-community"},"target":{"indicator":"minDscr","value":"1.3"}}';
    const answer = await pool.readBody({ bytes: new TextEncoder().encode(text), schema: 'solve' });
    expect(answer).toEqual({ ok: true, value: solveRequestSchema.parse(JSON.parse(text)) });
    // A blank body stands for the defaults the job names ({} for an analysis): the schema's defaults.
    expect(await pool.readBody({ bytes: new TextEncoder().encode('  \n'), schema: 'simulate', emptyMeans: {} })).toEqual({ ok: true, value: simulationRequestSchema.parse({}) });
  });

  it('answers a body that does not parse or fails its schema with problems by path, not a thrown error', async () => {
    const malformed = await pool.readBody({ bytes: new TextEncoder().encode('{"name": '), schema: 'portfolio' });
    expect(malformed).toMatchObject({ ok: false, code: 'MALFORMED_JSON', total: 1 });
    const invalid = await pool.readBody({ bytes: new TextEncoder().encode('{"name":"片区","members":[{"dealId":7}]}'), schema: 'portfolio' });
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(invalid.problems.map((p) => p.path)).toEqual(['members[0].dealId']);
    const scenario = await pool.readBody({ bytes: new TextEncoder().encode('{"overrides":{}}'), schema: 'scenario' });
    expect(scenario.ok ? [] : scenario.problems.map((p) => `${p.path} ${p.code}`)).toEqual(['name REQUIRED']);
  });

  it('hands a scenario\'s overrides back from the worker as transferred bytes of their JSON text (asBytes)', async () => {
    const overrides = { discountRate: '0.08', revenue: [{ id: 'x', name: '停车 ✓' }] };
    const answer = await pool.readBody({ bytes: new TextEncoder().encode(JSON.stringify({ name: '情景', overrides })), schema: 'scenario', asBytes: ['overrides'] });
    const value = (answer as { ok: true; value: { name: string; overrides: Uint8Array } }).value;
    expect(value.name).toBe('情景');
    expect(JSON.parse(new TextDecoder().decode(value.overrides))).toEqual(overrides);
  });

  it('hands a body\'s whole buffer over to the worker (detached here once sent), and copies a view of part of one', async () => {
    const whole = new TextEncoder().encode('{"name": ');
    const answer = await pool.validate({ input: whole });
    expect(answer).toMatchObject({ ok: false, code: 'MALFORMED_JSON' });
    expect(whole.byteLength).toBe(0); // transferred, not copied
    const shared = Buffer.from('   {"name": ');
    const part = shared.subarray(3);
    expect(await pool.validate({ input: part })).toMatchObject({ ok: false, code: 'MALFORMED_JSON' });
    expect(part.toString()).toBe('{"name": '); // a view into a larger buffer stays where it is
  });

  it('parses portfolio members from their stored text on the worker, each problem at members[i].deal', async () => {
    const portfolio = portfolioSchema.parse({ name: '片区', members: [{ dealId: 'a' }, { dealId: 'b' }] });
    const broken = { ...loadTemplate('xiangtan-heping'), discountRate: 'abc' };
    const members = [
      { index: 0, label: '鲁谷', dealId: 'a', revision: 1, content: JSON.stringify(loadTemplate('lugu-package')) },
      { index: 1, label: '湘潭', dealId: 'b', revision: 1, content: JSON.stringify(broken) },
    ];
    const answer = await pool.analyse({ tool: 'portfolio', portfolio, members, asOf: '2026-11-23' });
    expect(answer.ok ? [] : answer.problems.map((p) => p.path)).toEqual(['members[1].deal.discountRate']);
    // A scenario's overrides (stored text as well) are applied there too: the broken rate overridden, the member evaluates.
    const mended = await pool.analyse({ tool: 'portfolio', portfolio, members: [members[0]!, { ...members[1]!, overrides: '{"discountRate":"0.06"}' }], asOf: '2026-11-23' });
    expect(mended.ok).toBe(true);
  });

  it('refuses work once closed', async () => {
    const short = createWorkerPoolEvaluator(1);
    await short.close();
    await expect(short.evaluate({ input: fuzhou, asOf: '2026-11-23' })).rejects.toThrow('closed');
  });

  it('fails a job that runs past its deadline, replaces the worker, and goes on', async () => {
    const impatient = createWorkerPoolEvaluator(1, { jobTimeoutMs: 1 });
    await expect(impatient.evaluate({ input: fuzhou, asOf: '2026-11-23' })).rejects.toThrow('time budget of 1 ms');
    await impatient.close();
    const patient = createWorkerPoolEvaluator(1, { jobTimeoutMs: 60_000 });
    expect((await patient.evaluate({ input: fuzhou, asOf: '2026-11-23' })).ok).toBe(true);
    await patient.close();
  });

  it('stops replacing workers that cannot start, and says why', async () => {
    const broken = createWorkerPoolEvaluator(1, { workerScript: 'data:text/javascript,throw new Error("no engine here")' });
    // The first job fails with the worker; after three failed starts the pool refuses work with the reason.
    const reasons: string[] = [];
    for (let attempt = 0; attempt < 100 && !reasons.at(-1)?.includes('cannot start'); attempt++) {
      await broken.evaluate({ input: fuzhou, asOf: '2026-11-23' }).catch((error: Error) => reasons.push(error.message));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(reasons.at(-1)).toMatch(/cannot start \(3 in a row failed\)/);
    await broken.close();
  });

  it('fails the jobs in flight when it closes, rather than leaving them unsettled', async () => {
    const closing = createWorkerPoolEvaluator(1);
    const settled = expect(closing.evaluate({ input: fuzhou, asOf: '2026-11-23' })).rejects.toThrow('closed');
    await closing.close();
    await settled;
  });
});

