import { defineConfig } from 'drizzle-kit';

// Storage (deals, revisions, organisations, keys) arrives with the HTTP-service issue; its schema will
// live in src/db/schema.ts and its generated migrations in src/db/migrations, applied at start.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
  dbCredentials: { url: process.env.DATABASE_PATH ?? './data/capital.db' },
});
