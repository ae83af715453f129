import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Worker {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first line matching `pattern`. */
  waitFor: (pattern: RegExp, timeoutMs: number) => Promise<RegExpExecArray>;
}

/** src/worker.ts as one node process (node --import tsx, so a SIGKILL reaches the worker itself). */
export function startWorker(url: string): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, QUEUE_MAINTENANCE_SECONDS: '1', QUEUE_POLLING_SECONDS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', read);
  child.stderr!.on('data', read);
  const waitFor = (pattern: RegExp, timeoutMs: number) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output);
        if (!match) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(match);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`worker ${child.pid} printed no ${pattern} in ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  return { child, output: () => output, waitFor };
}
