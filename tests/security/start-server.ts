import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
  url: string;
  key: string;
  child: ChildProcess;
  /** Stop the server (SIGTERM, then SIGKILL after 10 s) and delete its temporary database. */
  stop(): Promise<void>;
}

/**
 * The real server (src/server.ts through tsx, or `entry`: e.g. ['dist/server.js'] for the compiled build)
 * on 127.0.0.1, a free port and a fresh database in a temporary folder — or `databasePath`, which is
 * kept when the server stops (a benchmark restarting on a migrated database).
 */
export async function startServer(entry: readonly string[] = ['--import', 'tsx', 'src/server.ts'], options: { databasePath?: string; root?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dir = options.databasePath === undefined ? mkdtempSync(join(tmpdir(), 'rcp-security-')) : undefined;
  const key = 'security-admin-key-0123456789abcdef0123';
  const child = spawn(process.execPath, [...entry], {
    // `root`: another checkout of the service (a benchmark comparing before and after); `env`: settings added.
    cwd: options.root ?? root,
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: options.databasePath ?? join(dir!, 'service.db'), PORT: '0', HOST: '127.0.0.1', ADMIN_API_KEY: key, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
    if (errors.length > 200_000) errors = errors.slice(-100_000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start in 120 s:\n${output}\n${errors}`)), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}):\n${output}\n${errors}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  };
  return { url, key, child, stop };
}
