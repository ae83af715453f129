// npx tsx tests/bench/explain-key-listing.ts — EXPLAIN of the key listing query on SQLite and PostgreSQL with an organisation of 50 keys and 20,000 audit rows.
import { asc, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase } from '../../src/db/open-database.js';
import { openPostgres } from '../../src/db/open-postgres.js';
import { apiKeys, auditLog, organisations } from '../../src/db/schema.js';
import { startPostgresCluster } from '../helpers/postgres-cluster.js';

const seed = [
  `insert into organisations (id, name, created_at) values ('o1', 'soe', '2026-01-01')`,
];
function query(db: any) {
  return db.select({ id: apiKeys.id }).from(apiKeys).innerJoin(organisations, eq(organisations.id, apiKeys.organisationId)).where(eq(apiKeys.organisationId, 'o1'))
    .orderBy(asc(apiKeys.createdAt), sql`(select min(${auditLog.id}) from ${auditLog} where ${auditLog.organisationId} = ${apiKeys.organisationId} and ${auditLog.subjectType} = 'api-key' and ${auditLog.subjectId} = ${apiKeys.id})`, asc(apiKeys.id));
}
const sqlite = openDatabase(':memory:') as any;
const raw = sqlite.db.$client ?? sqlite.db.session?.client;
for (const s of seed) raw.prepare(s).run();
for (let o = 2; o < 50; o++) raw.prepare(`insert into organisations (id, name, created_at) values ('o${o}', 'org${o}', '2026-01-01')`).run();
const insKey = raw.prepare(`insert into api_keys (id, organisation_id, role, key_hash, created_at) values (?, ?, 'admin', ?, '2026-01-01')`);
const insAudit = raw.prepare(`insert into audit_log (at, organisation_id, action, subject_type, subject_id) values ('2026-01-01', ?, ?, ?, ?)`);
for (let o = 1; o < 50; o++) for (let k = 0; k < 50; k++) { insKey.run(`k${o}-${k}`, `o${o}`, `h${o}-${k}`); insAudit.run(`o${o}`, 'key.created', 'api-key', `k${o}-${k}`); }
for (let i = 0; i < 20000; i++) insAudit.run(`o${1 + (i % 49)}`, 'deal.revised', 'deal', `d${i % 500}`);
raw.prepare('ANALYZE').run();
const { sql: text, params } = query(sqlite.db).toSQL();
console.log('SQLite EXPLAIN QUERY PLAN:');
for (const r of raw.prepare('EXPLAIN QUERY PLAN ' + text).all(...params)) console.log('  ', r.detail);
let t = performance.now(); for (let i = 0; i < 20; i++) raw.prepare(text).all(...params); console.log(`  ${((performance.now() - t) / 20).toFixed(2)} ms per listing`);

const cluster = await startPostgresCluster('explain');
try {
  const opened = await openPostgres(cluster.url, { maxConnections: 1 });
  await opened.close();
  const c = new pg.Client({ connectionString: cluster.url });
  await c.connect();
  await c.query(`insert into organisations (id, name, created_at) select 'o' || g, 'org' || g, '2026-01-01' from generate_series(1, 49) g`);
  await c.query(`insert into api_keys (id, organisation_id, role, key_hash, created_at) select 'k' || o || '-' || k, 'o' || o, 'admin', 'h' || o || '-' || k, '2026-01-01' from generate_series(1, 49) o, generate_series(0, 49) k`);
  await c.query(`insert into audit_log (at, organisation_id, action, subject_type, subject_id) select '2026-01-01', organisation_id, 'key.created', 'api-key', id from api_keys`);
  await c.query(`insert into audit_log (at, organisation_id, action, subject_type, subject_id) select '2026-01-01', 'o' || (1 + i % 49), 'deal.revised', 'deal', 'd' || (i % 500) from generate_series(0, 19999) i`);
  await c.query('ANALYZE');
  const pgText = text.replace('?', '$1');
  console.log('PostgreSQL EXPLAIN ANALYZE:');
  for (const r of (await c.query('EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ' + pgText, params)).rows) console.log('  ', r['QUERY PLAN']);
  await c.end();
} finally {
  cluster.stop();
}
