import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './platform/db/database';

const run = promisify(execFile);
const bin = new URL('../../bin/muhtar.mjs', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'muhtar-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `npx muhtar …` on an embedded data directory of its own. */
async function muhtar(...args: (string | Record<string, string>)[]) {
  const env = Object.assign({}, ...args.filter((a) => typeof a === 'object'));
  const argv = args.filter((a): a is string => typeof a === 'string');
  try {
    const { stdout, stderr } = await run('node', [bin, ...argv], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env },
      timeout: 120_000,
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('the muhtar command', () => {
  it('applies migrations, creates an owner and a demo org, and refuses bad arguments', async () => {
    expect(await muhtar('migrate')).toMatchObject({ code: 0, out: expect.stringContaining('Migrations applied.') });
    expect(await muhtar('create-owner', '--email', 'kurucu@bakkal.example', '--password', 'kısa')).toMatchObject({
      code: 1,
      out: expect.stringContaining('at least 10 characters'),
    });
    expect(
      await muhtar('create-owner', '--email', 'kurucu@bakkal.example', '--password', 'uzun-bir-şifre-1', '--org', 'Yıldız Bakkaliyesi'),
    ).toMatchObject({ code: 0 });
    expect(await muhtar('seed-demo', '--customers', 'many')).toMatchObject({ code: 1, out: expect.stringContaining('--customers') });
    expect(await muhtar('seed-demo', '--customers', '0')).toMatchObject({ code: 0, out: expect.stringContaining('Demo org') });
    expect(await muhtar('frobnicate')).toMatchObject({ code: 1, out: expect.stringContaining('Usage: muhtar') });
    expect(await muhtar('serve', '--role', 'api', { API_WORKERS: '2' })).toMatchObject({
      code: 1,
      out: expect.stringContaining('API_WORKERS > 1 needs DATABASE_URL'),
    });

    const db = await openDatabase({ dataDir });
    try {
      const { rows } = await db.pool.query(
        `select o.name, count(s.id)::int as stores from orgs o left join stores s on s.org_id = o.org_id group by o.name order by o.name`,
      );
      expect(rows).toEqual([
        { name: 'Demo Tekstil A.Ş.', stores: 5 },
        { name: 'Yıldız Bakkaliyesi', stores: 0 },
      ]);
    } finally {
      await db.close();
    }
  }, 180_000);
});
