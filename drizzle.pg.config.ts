import { defineConfig } from 'drizzle-kit';

// The PostgreSQL migrations, generated from src/db/schema-pg.ts with
// `npx drizzle-kit generate --config drizzle.pg.config.ts`, committed, and applied by the service at
// start when DATABASE_URL is a postgres:// URL (src/db/open-postgres.ts). Generating needs no connection.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema-pg.ts',
  out: './src/db/migrations-pg',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/renovation' },
});
