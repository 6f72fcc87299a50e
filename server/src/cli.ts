import cluster from 'node:cluster';
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { bootstrap, createApp, type Role } from './app';
import { createOrg } from './modules/access/orgs';
import { orgs } from './modules/access/schema';
import { randomToken } from './modules/access/secrets';
import { ConfigError, loadConfig } from './platform/config';
import { openDatabase } from './platform/db/database';

const USAGE = `Usage: muhtar <command> [options]

Commands:
  serve [--role api|worker|all]        run the server (default: all in one process)
  migrate                              apply database migrations and exit
  seed-demo [--customers N]            add a demo org
  create-owner --email E --password P [--org NAME]   create an org with its owner
  openapi FILE                         write the OpenAPI document to FILE

Configuration comes from the environment: see README.md.`;

const WEB_INDEX = new URL('../../web/dist/index.html', import.meta.url).pathname;

async function buildWebIfMissing() {
  if (existsSync(WEB_INDEX)) return;
  console.log('Building the web app (first start only)…');
  const { build } = await import('vite');
  await build({ configFile: new URL('../../web/vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}

/**
 * `serve --role api` with API_WORKERS > 1: this process only keeps that many copies of the API
 * running (Node's cluster shares the port between them), so the API uses more than one core.
 */
async function superviseApiWorkers(count: number) {
  let stopping = false;
  const start = () =>
    cluster.fork().once('exit', (code, signal) => {
      if (stopping) return;
      console.error(`API worker exited (${signal ?? code}); starting another`);
      start();
    });
  for (let i = 0; i < count; i++) start();
  const stop = () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const w of workers) {
      w?.once('exit', () => --left === 0 && process.exit(0));
      w?.process.kill('SIGTERM');
    }
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function serve(role: Role) {
  const config = loadConfig();
  const supervise = role === 'api' && config.apiWorkers > 1 && cluster.isPrimary;
  if (supervise && !config.databaseUrl)
    throw new ConfigError('API_WORKERS > 1 needs DATABASE_URL: the embedded database serves one process.');
  if (role !== 'worker' && cluster.isPrimary) await buildWebIfMissing();
  if (supervise) return superviseApiWorkers(config.apiWorkers);
  const app = await createApp(config, { role });
  const { db } = app.ctx;
  const [{ n }] = await db.system((tx) => tx.select({ n: sql<number>`count(*)::int` }).from(orgs));
  // With several API workers the first one creates the owner of an empty database.
  if (n === 0 && (cluster.isPrimary || cluster.worker?.id === 1)) {
    const email = config.ownerEmail ?? 'owner@demo.muhtar.local';
    const password = config.ownerPassword ?? randomToken(12);
    await bootstrap(app.ctx, { email, password }, { demo: config.demo });
    console.log(
      `\nMuhtar is ready. Sign in at ${config.publicUrl}\n  e-mail:   ${email}\n  password: ${config.ownerPassword ? '(MUHTAR_OWNER_PASSWORD)' : password}\n`,
    );
  }
  if (app.http) {
    await app.http.listen({ port: config.port, host: config.host });
    console.log(`Muhtar listening on ${config.publicUrl} (${db.isEmbedded ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`);
  }
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      role: { type: 'string', default: 'all' },
      customers: { type: 'string', default: '3000' },
      email: { type: 'string' },
      password: { type: 'string' },
      org: { type: 'string' },
    },
  });
  switch (command) {
    case 'serve': {
      if (!['api', 'worker', 'all'].includes(values.role!)) throw new ConfigError(`--role must be api, worker or all, not ${values.role}`);
      return serve(values.role as Role);
    }
    case 'migrate': {
      const config = loadConfig();
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await db.migrate();
      await db.close();
      return console.log('Migrations applied.');
    }
    case 'seed-demo': {
      const customers = Number(values.customers);
      if (!Number.isInteger(customers) || customers < 0) throw new ConfigError('--customers must be a whole number');
      const app = await createApp(loadConfig(), { role: 'api', logger: false });
      const email = `owner+${randomToken(4).toLowerCase()}@demo.muhtar.local`;
      const password = values.password ?? randomToken(12);
      const org = await bootstrap(app.ctx, { email, password }, { demo: true, customers });
      await app.close();
      return console.log(`Demo org ${org.orgId} created. Owner: ${email} / ${password}`);
    }
    case 'create-owner': {
      if (!values.email || !values.password) throw new ConfigError('create-owner needs --email and --password');
      if (values.password.length < 10) throw new ConfigError('the password must be at least 10 characters');
      const config = loadConfig();
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await db.migrate();
      const org = await createOrg(db, {
        name: values.org ?? 'Şirketim',
        owner: { email: values.email, name: values.email.split('@')[0], password: values.password },
      });
      await db.close();
      return console.log(`Org ${org.orgId} created with owner ${values.email}.`);
    }
    case 'openapi': {
      const file = positionals[0];
      if (!file) throw new ConfigError('openapi needs a file name');
      const db = await openDatabase({});
      const app = await createApp(loadConfig({}), { role: 'api', db, logger: false });
      writeFileSync(file, `${JSON.stringify(app.http!.swagger(), null, 2)}\n`);
      await app.close();
      await db.close();
      return console.log(`OpenAPI document written to ${file}.`);
    }
    default:
      console.log(USAGE);
      if (command && command !== 'help') process.exitCode = 1;
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
