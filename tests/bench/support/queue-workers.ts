/**
 * Worker processes of the durable queue for the queue benchmarks (durable-queue.ts,
 * portfolio-stress-queue.ts): `npm run worker`'s code on a throwaway PostgreSQL, each started and
 * waited for until it says it is ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcess } from '../../helpers/server-process.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface WorkerEntry {
  /** node's arguments: the compiled worker, or the sources through tsx. */
  args: string[];
  /** What runs, for the benchmark's first line. */
  label: string;
}

/**
 * The compiled dist/worker.js when it is there, newer than src/worker.ts (npm run build:server) and
 * has every compiled file of `needs` (the chunk kinds the benchmark queues), else src/worker.ts
 * through tsx — so a stale or partial build never stands in for the sources.
 */
export function chooseWorkerEntry(needs: readonly string[] = []): WorkerEntry {
  const built = join(ROOT, 'dist', 'worker.js');
  const compiled = existsSync(built) && statSync(built).mtimeMs >= statSync(join(ROOT, 'src', 'worker.ts')).mtimeMs && needs.every((file) => existsSync(join(ROOT, file)));
  return compiled ? { args: ['dist/worker.js'], label: 'dist/worker.js' } : { args: ['--import', 'tsx', 'src/worker.ts'], label: 'src/worker.ts (tsx)' };
}

/** One worker process on the queue at `url` (DATABASE_URL, idle polling every second); resolves once it logs "worker … ready". */
export function startQueueWorker(url: string, entry: WorkerEntry): Promise<ChildProcess> {
  const child = spawn(process.execPath, entry.args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, QUEUE_POLLING_SECONDS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (b: Buffer) => {
      output += b.toString();
      if (/worker \S+ ready/.test(output)) resolve(child);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output}`)));
  });
}

/** Every worker asked to stop (SIGTERM), killed when still running after a second; resolves when all have exited. */
export async function stopQueueWorkers(workers: readonly ChildProcess[]): Promise<void> {
  await Promise.all(workers.map((worker) => stopProcess(worker, 1_000)));
}
