import { modules } from './modules';
import { createOrg } from './modules/access/orgs';
import { createAuthenticator } from './modules/access/sessions';
import type { Config } from './platform/config';
import type { AppContext } from './platform/context';
import { type Database, openDatabase } from './platform/db/database';
import { defineAnalyzeJob } from './platform/db/maintenance';
import { EventBus } from './platform/events/bus';
import { platformRoutes } from './platform/http/health.routes';
import { createHttpServer, type HttpServer } from './platform/http/server';
import { defineImportJob, importRoutes } from './platform/imports';
import { Jobs } from './platform/jobs/jobs';
import { createLogger } from './platform/logger';

export type Role = 'api' | 'worker' | 'all';

export interface App {
  ctx: AppContext;
  http?: HttpServer;
  close(): Promise<void>;
}

export interface AppOptions {
  role?: Role;
  /** Use this database instead of opening the configured one (tests). It is not closed. */
  db?: Database;
  logger?: boolean;
  jobPollSeconds?: number;
  eventPollMs?: number;
}

/** Assembles the platform and every module; `role` decides what this process serves. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const role = options.role ?? 'all';
  const log = createLogger(options.logger === false ? 'silent' : config.logLevel);
  const db = options.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  await db.migrate();
  const works = role !== 'api';
  const events = new EventBus(db, log, options.eventPollMs);
  const jobs = new Jobs(db, { work: works, pollSeconds: options.jobPollSeconds });
  const ctx: AppContext = { config, db, events, jobs, log };
  defineImportJob(ctx);
  if (db.isEmbedded) defineAnalyzeJob(ctx);
  for (const m of modules) m.setup?.(ctx);

  let http: HttpServer | undefined;
  if (role !== 'worker') {
    http = await createHttpServer({ config, db, authenticate: createAuthenticator(db), logger: log });
    platformRoutes(http, ctx);
    importRoutes(http, ctx);
    for (const m of modules) m.routes?.(http, ctx);
    await http.ready();
  }
  await jobs.start();
  if (works) events.start();
  return {
    ctx,
    http,
    async close() {
      await http?.close();
      await events.stop();
      await jobs.stop();
      for (const m of modules) await m.close?.();
      if (!options.db) await db.close();
    },
  };
}

/** The first start: an owner and an org (the demo org unless MUHTAR_DEMO=false). */
export async function bootstrap(
  ctx: AppContext,
  owner: { email: string; password: string },
  options: { demo: boolean; customers?: number },
) {
  const org = await createOrg(ctx.db, {
    name: options.demo ? 'Demo Tekstil A.Ş.' : 'Şirketim',
    owner: { email: owner.email, name: options.demo ? 'Demo Sahibi' : 'Sahip', password: owner.password },
  });
  if (options.demo) await seedDemo(ctx, org.orgId, options.customers ?? 3000);
  return org;
}

export async function seedDemo(ctx: AppContext, orgId: string, customers: number) {
  await ctx.db.tenant(orgId, async (tx) => {
    for (const m of modules) await m.seedDemo?.(tx, ctx, { customers });
  });
}
