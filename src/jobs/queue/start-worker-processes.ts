import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface WorkerProcesses {
  /** The worker processes running now (their pids), for logs and tests. */
  pids(): number[];
  /** Stop every worker (SIGTERM: each finishes the chunk in hand; SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

export interface WorkerProcessOptions {
  /** The worker's script: src/worker.ts under tsx, dist/worker.js in the built service. */
  script: string;
  /** Its environment (the queue's URL and timings); unset: this process's, which the worker reads as the service did. */
  env?: Record<string, string | undefined>;
  /** A worker that exits on its own is started again after this long (ms); 0 turns restarts off. */
  restartDelayMs?: number;
  log?: (line: string) => void;
}

/**
 * The chunk workers a service process starts beside itself (QUEUE_WORKERS, README "Deployment"): each
 * its own process running `npm run worker`'s script, so chunks never run on the HTTP thread. A worker
 * that dies (killed, out of memory) loses no chunk — the queue gives it to another worker when its
 * expiry passes — and is started again; stop() ends them with the service.
 */
export function startWorkerProcesses(count: number, { script, env, restartDelayMs = 1_000, log = console.log }: WorkerProcessOptions): WorkerProcesses {
  const running = new Set<ChildProcess>();
  let stopping = false;
  const startOne = (slot: number) => {
    const child = fork(script, [], { ...(env ? { env } : {}), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    running.add(child);
    child.on('exit', (code, signal) => {
      running.delete(child);
      if (stopping) return;
      log(`queue worker ${slot} (pid ${child.pid}) exited (${signal ?? code}); ${restartDelayMs > 0 ? `starting it again in ${restartDelayMs} ms` : 'not restarted'}`);
      if (restartDelayMs > 0) setTimeout(() => !stopping && startOne(slot), restartDelayMs).unref();
    });
  };
  for (let slot = 1; slot <= count; slot++) startOne(slot);
  return {
    pids: () => [...running].flatMap((child) => (child.pid === undefined ? [] : [child.pid])),
    stop: async (graceMs = 10_000) => {
      stopping = true;
      await Promise.all(
        [...running].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/** The worker script beside the running server: compiled (dist/worker.js) or, under tsx, src/worker.ts. */
export function locateWorkerScript(serverModuleUrl: string): string {
  return fileURLToPath(new URL(serverModuleUrl.endsWith('.ts') ? './worker.ts' : './worker.js', serverModuleUrl));
}
