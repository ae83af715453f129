import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
}

/**
 * The built service (node dist/server.js) in its own process with exactly `env` (plus PATH), listening
 * on 127.0.0.1: resolves with its URL once it says it listens, rejects with its output when it exits
 * first or does not listen within `startMs`.
 */
export function startServerProcess(env: Record<string, string>, { startMs = 120_000 }: { startMs?: number } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['dist/server.js'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error(`the server did not start in ${startMs / 1000} s:\n${output}`), { child })), startMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child, output: () => output });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`the server exited (${code}) before listening:\n${output}`), { child }));
    });
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * `npm run build:server` unless dist/server.js is newer than every file under src (a fresh install
 * builds it: `npm install` runs the build). Building only when stale keeps two test files that start
 * the built service from rewriting dist/ under each other's running processes.
 */
export function ensureServerBuilt(): void {
  const built = statOrUndefined(join(ROOT, 'dist', 'server.js'));
  if (built && built.mtimeMs >= newestModification(join(ROOT, 'src'))) return;
  const run = spawnSync('npm', ['run', 'build:server', '--silent'], { cwd: ROOT, encoding: 'utf8', timeout: 480_000 });
  if (run.status !== 0) throw new Error(`npm run build:server failed:\n${run.stdout}\n${run.stderr}`);
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function newestModification(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs);
  }
  return newest;
}
