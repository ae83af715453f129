/**
 * A throwaway PostgreSQL for tests: initdb in a temp folder, pg_ctl start on 127.0.0.1 at a free port
 * (its unix socket in the same folder, never /var/run), one database created; stop() stops the
 * cluster and removes the folder. Nothing of the machine's own PostgreSQL is used or touched.
 *
 * initdb refuses to run as root: as root the cluster is the `postgres` system user's (created by
 * Debian's postgresql package), run through runuser, in a folder that user owns.
 *
 * Tests that need PostgreSQL call openTestDatabase(): TEST_DATABASE_URL when set (a cluster someone
 * already runs), else a throwaway cluster; when PostgreSQL is not installed they skip with a message,
 * except under CI=true, where they fail (.ci/run installs the package).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/DB */
  url: string;
  stop(): void;
}

/** The newest installed PostgreSQL's bin folder (Debian puts each version under /usr/lib/postgresql/N/bin), or null. */
export function findPostgresBin(root = '/usr/lib/postgresql'): string | null {
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0]!, 'bin') : null;
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary, as the postgres user when we are root; throws with its output when it fails. */
function runPg(bin: string, args: string[]): void {
  const [command, commandArgs] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const run = spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`${bin.split('/').pop()} ${args.join(' ')} failed (${run.status ?? run.signal}): ${run.stderr || run.stdout}`);
}

/** A fresh cluster with one database `database`, listening on 127.0.0.1 at a free port. */
export async function startPostgresCluster(database = 'renovation_test'): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql');
  const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  const data = join(dir, 'data');
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  let started = false;
  const stop = () => {
    if (started) {
      try {
        runPg(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped: the folder goes all the same
      }
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    runPg(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    const port = await findFreePort();
    // fsync off: a throwaway cluster need not survive a power cut, and the loaded machine writes less.
    const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=100`;
    runPg(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '120', 'start']);
    started = true;
    runPg(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database]);
    return { url: `postgres://postgres@127.0.0.1:${port}/${database}`, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

export type TestDatabase = { ok: true; url: string; stop(): void } | { ok: false; reason: string };

/**
 * The PostgreSQL a test uses: TEST_DATABASE_URL when set (stop() leaves it running), else a throwaway
 * cluster. Not installed: { ok: false } with the reason to skip, outside CI; under CI=true it throws.
 */
export async function openTestDatabase(env: NodeJS.ProcessEnv = process.env): Promise<TestDatabase> {
  if (env.TEST_DATABASE_URL) return { ok: true, url: env.TEST_DATABASE_URL, stop: () => {} };
  if (!findPostgresBin()) {
    const reason = 'PostgreSQL is not installed (apt-get install postgresql): the PostgreSQL tests are skipped';
    if (env.CI === 'true') throw new Error(`${reason} — but under CI=true they must run`);
    return { ok: false, reason };
  }
  return { ok: true, ...(await startPostgresCluster()) };
}

/** Whether the PostgreSQL tests can run here (binaries or TEST_DATABASE_URL), for describe.skipIf; under CI=true always true, so a missing install fails. */
export function postgresAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.TEST_DATABASE_URL) || findPostgresBin() !== null || env.CI === 'true';
}
