import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'reports', 'screenshots');
export const ADMIN_API_KEY = 'workbench-browser-test-admin-key-0123456789';
export const CHROMIUM = '/usr/bin/chromium';
/** The flags the brief asks for: no GPU, no network of Chromium's own (updates, sync, QUIC). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface WorkbenchServer {
  url: string;
  folder: string;
  child: ChildProcess;
  /** Keys of the test world: the SOE's admin, a bank's reviewer (deals shared with it), the SOE's bureau-style budget key. */
  keys: { admin: string; bankReviewer: string; budget: string };
  api: (method: string, path: string, body?: unknown, key?: string) => Promise<any>;
  stop: () => Promise<void>;
}

/** The built page (npm install's prepare step makes it; built here when missing). */
export function ensureWebBuild(): void {
  if (existsSync(join(ROOT, 'web', 'dist', 'index.html'))) return;
  const built = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
}

function createKey(databasePath: string, organisation: string, role: string): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'keys', 'create', '--org', organisation, '--role', role], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`keys create failed: ${result.stderr}`);
  return result.stdout.trim().split('\n').pop()!.trim();
}

/** Whether nothing listens on 127.0.0.1:port (a probe bound and closed at once). */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * The port the test server takes: 0 (any free one) unless WORKBENCH_TEST_PORTS names a range such as
 * 4111-4119 (a shared machine where each user keeps to its own ports); then the first free one in it,
 * so test files running side by side each get their own.
 */
async function choosePort(): Promise<string> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.WORKBENCH_TEST_PORTS ?? '');
  if (!range) return '0';
  for (let port = Number(range[1]); port <= Number(range[2]); port++) if (await isPortFree(port)) return String(port);
  throw new Error(`no free port in WORKBENCH_TEST_PORTS ${process.env.WORKBENCH_TEST_PORTS}`);
}

/** Start src/server.ts on the port; resolves with its address once it listens, rejects if it exits first. */
function spawnServer(databasePath: string, port: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath, PORT: port, HOST: '127.0.0.1', ADMIN_API_KEY, EVALUATION_WORKERS: '2' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${output}`)); });
  });
}

/** The real server (src/server.ts) on 127.0.0.1, a fresh database in a temp folder. */
export async function startWorkbenchServer(): Promise<WorkbenchServer> {
  ensureWebBuild();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const folder = mkdtempSync(join(tmpdir(), 'rcp-workbench-'));
  const databasePath = join(folder, 'capital.db');
  // Two test files may probe the same free port at once: the one that loses the race tries the next.
  let started: { child: ChildProcess; url: string } | undefined;
  for (let attempt = 0; !started; attempt++) {
    const port = await choosePort();
    try {
      started = await spawnServer(databasePath, port);
    } catch (error) {
      if (port === '0' || attempt >= 8 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
  const { child, url } = started;
  const keys = { admin: ADMIN_API_KEY, bankReviewer: createKey(databasePath, 'policy-bank', 'reviewer'), budget: createKey(databasePath, 'default', 'budget') };
  const api = async (method: string, path: string, body?: unknown, key = ADMIN_API_KEY) => {
    const response = await fetch(url + path, { method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(folder, { recursive: true, force: true });
  };
  return { url, folder, child, keys, api, stop };
}
