import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { bootstrap } from '../app';
import { ROLES, type Role, roleAllows } from '../modules/access/permissions';
import { createUser } from '../modules/access/users';
import type { RouteEntry } from '../platform/http/server';
import { type Caller, TEST_PASSWORD, type TestApp } from './app';
import { type Fixture, isolationFixtures } from './isolation-fixtures';

export interface SweepResult {
  checkedCrossTenant: string[];
  checkedPermissions: string[];
}

/** Non-public API routes; signing out goes last so the sweeping session survives the sweep. */
const apiRoutes = (t: TestApp) =>
  t.app
    .http!.routeList.filter((r) => r.url.startsWith('/api/v1/') && !r.config.public)
    .sort((x, y) => Number(x.url.endsWith('/logout')) - Number(y.url.endsWith('/logout')));

const fill = (url: string, params: Record<string, string>) => url.replace(/:(\w+)/g, (_, name) => params[name] ?? `missing-${name}`);

/** Every tenant table's rows of one org, hashed: proof that nothing of it changed. */
async function digestOf(t: TestApp, orgId: string): Promise<Record<string, string>> {
  const { rows } = await t.db.pool.query<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'org_id' order by 1`,
  );
  const digest: Record<string, string> = {};
  for (const { table_name } of rows) {
    const res = await t.db.pool.query(
      `select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table_name} x where org_id = $1`,
      [orgId],
    );
    digest[table_name] = res.rows[0].h;
  }
  return digest;
}

/** Every id (and org id) of an org: none may appear in an answer to another org. */
async function idsOf(t: TestApp, orgId: string): Promise<string[]> {
  const { rows } = await t.db.pool.query<{ table_name: string }>(
    `select c.table_name from information_schema.columns c
     join information_schema.columns o on o.table_name = c.table_name and o.table_schema = c.table_schema and o.column_name = 'org_id'
     where c.table_schema = 'public' and c.column_name = 'id'`,
  );
  const ids = new Set([orgId]);
  for (const { table_name } of rows) {
    const res = await t.db.pool.query(`select id::text from ${table_name} where org_id = $1`, [orgId]);
    for (const r of res.rows) ids.add(r.id);
  }
  return [...ids];
}

/**
 * The tenant-isolation and permission sweep every module's routes pass automatically:
 * 1. org B's owner calls every non-public route with org A's ids → 404/403, no A data in any
 *    answer, and A's rows unchanged;
 * 2. every route that names a permission is refused (403) to each of org A's roles without it.
 */
export async function sweepRoutes(t: TestApp): Promise<SweepResult> {
  const a = await bootstrap(
    t.app.ctx,
    { email: 'isolation-owner-a@test.muhtar.local', password: TEST_PASSWORD },
    { demo: true, customers: 20 },
  );
  const fixtures: Record<string, Fixture> = await t.db.tenant(a.orgId, (tx) => isolationFixtures(tx, t.app.ctx));
  const b = await t.newOrg('Isolation B');
  const routes = apiRoutes(t);

  const missing = routes.filter((r) => r.url.includes(':') && !fixtures[`${r.method} ${r.url}`]).map((r) => `${r.method} ${r.url}`);
  expect(missing, 'routes with path parameters need an entry in testing/isolation-fixtures.ts').toEqual([]);

  const secretsOfA = await idsOf(t, a.orgId);
  const before = await digestOf(t, a.orgId);
  const checkedCrossTenant: string[] = [];
  for (const route of routes) {
    const fixture = fixtures[`${route.method} ${route.url}`];
    const url = fill(route.url, fixture?.params ?? {});
    const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : (fixture?.body ?? {});
    const res = await b.owner.request(route.method, url, { body });
    const label = `${route.method} ${route.url} → ${res.status}`;
    if (route.url.includes(':')) expect([403, 404], label).toContain(res.status);
    expect(res.status, label).toBeLessThan(500);
    // An id the caller sent may be echoed back (a problem's `instance`); any other is a leak.
    const sent = url + JSON.stringify(body ?? '');
    const text = JSON.stringify(res.body ?? '');
    for (const id of secretsOfA) if (!sent.includes(id)) expect(text.includes(id), `${label} leaks ${id} of org A`).toBe(false);
    checkedCrossTenant.push(label);
  }
  expect(await digestOf(t, a.orgId), "org A's rows after org B's calls").toEqual(before);

  const checkedPermissions = await sweepPermissions(t, a.orgId, routes, fixtures);
  return { checkedCrossTenant, checkedPermissions };
}

async function sweepPermissions(t: TestApp, orgId: string, routes: RouteEntry[], fixtures: Record<string, Fixture>) {
  const checked: string[] = [];
  const [store] = (await t.db.tenant(orgId, (tx) => tx.execute(sql`select id from stores where org_id = ${orgId} limit 1`))).rows as {
    id: string;
  }[];
  const callers = new Map<Role, Caller>();
  for (const role of ROLES) {
    const email = `isolation-${role}@test.muhtar.local`;
    await t.db.tenant(orgId, (tx) =>
      createUser(tx, { auth: null }, 'owner', { email, name: role, role, storeIds: [store.id], password: TEST_PASSWORD }),
    );
    callers.set(role, await t.login(email));
  }
  for (const route of routes) {
    const permission = route.config.permission;
    if (!permission) continue;
    const fixture = fixtures[`${route.method} ${route.url}`];
    for (const role of ROLES) {
      if (roleAllows(role, permission as never)) continue;
      const res = await callers.get(role)!.request(route.method, fill(route.url, fixture?.params ?? {}), {
        body: route.method === 'GET' || route.method === 'DELETE' ? undefined : (fixture?.body ?? {}),
      });
      expect(res.status, `${role} ${route.method} ${route.url}`).toBe(403);
      checked.push(`${role} ${route.method} ${route.url}`);
    }
  }
  return checked;
}
