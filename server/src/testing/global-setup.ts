import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { Database, openDatabase } from '../platform/db/database';
import { Jobs } from '../platform/jobs/jobs';

/** Migrates once per run into a template that every test file clones: cheap, isolated databases. */
async function prepare(db: Database) {
  await db.migrate();
  const jobs = new Jobs(db, { work: false });
  await jobs.start(); // installs pg-boss's schema into the template
  await jobs.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateTar?: string;
    templateDatabase?: string;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `muhtar_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const db = new Database(url.toString());
    await prepare(db);
    await db.close();
    project.provide('templateDatabase', name);
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'muhtar-template-'));
  const db = await openDatabase({});
  await prepare(db);
  const tar = join(dir, 'template.tar');
  writeFileSync(tar, await db.dump());
  await db.close();
  project.provide('templateTar', tar);
  return () => rmSync(dir, { recursive: true, force: true });
}
