import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new SQL migration from the schemas; migrations are committed.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./server/src/platform/**/schema.ts', './server/src/modules/*/schema.ts', './server/src/modules/messaging/*/schema.ts'],
  out: './server/migrations',
  entities: { roles: { provider: '' } },
});
