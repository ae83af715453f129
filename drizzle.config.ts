import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/db/schema.ts with `npx drizzle-kit generate`, committed, and
// applied by the service at start (src/db/open-database.ts). drizzle-kit needs no connection to
// generate; the URL is only used by its optional `push`/`studio` commands.
export default defineConfig({
  dialect: 'sqlite',
  schema: ['./src/db/schema.ts', './src/limits/organisation-slots.schema.ts'],
  out: './src/db/migrations',
  dbCredentials: { url: process.env.DATABASE_PATH ?? './data/capital.db' },
});
