import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, startTestApp, TEST_PASSWORD, type TestApp } from '../../testing/app';
import { permissionsOfRole, ROLES } from './permissions';

let t: TestApp;
let owner: Caller;
let orgId: string;
let storeId: string;
beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
  storeId = (await owner.post('/api/v1/stores', { code: 'BURSA-1', name: 'Bursa Zafer Plaza' })).body.id;
});
afterAll(() => t.close());

const RANDOM_ID = '01a20000-0000-7000-8000-000000000000';

let seq = 0;
const newEmail = (role = 'user') => `${role}.${++seq}@magaza.example`;
const isStoreRole = (role: string) => role === 'store_manager' || role === 'associate';

/** Invites a user as `by` (the owner by default); asserts 201. */
async function invite(role: string, extra: object = {}, by = owner) {
  const email = newEmail(role);
  const res = await by.post('/api/v1/users', {
    email,
    name: `Kullanıcı ${seq}`,
    role,
    ...(isStoreRole(role) ? { storeIds: [storeId] } : {}),
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.user.id as string, email, token: res.body.invite.url.split('/').pop() as string };
}

/** A user with `role` who accepted the invitation and signed in. */
async function signedIn(role: string, by = owner) {
  const user = await invite(role, {}, by);
  expect((await t.anonymous.post(`/api/v1/auth/tokens/${user.token}`, { password: TEST_PASSWORD })).status).toBe(204);
  return { ...user, caller: await t.login(user.email) };
}

async function usersWithEmail(email: string): Promise<number> {
  return (await t.db.pool.query('select count(*)::int as n from users where email = $1', [email.toLowerCase()])).rows[0].n;
}
const roleOf = async (id: string) => (await owner.get(`/api/v1/users/${id}`)).body.role;

describe('roles', () => {
  it.each(ROLES)('a %s gets the permissions of the matrix', async (role) => {
    const { caller } = await signedIn(role);
    const me = await caller.get('/api/v1/me');
    expect(me.body.user.role).toBe(role);
    expect([...me.body.permissions].sort()).toEqual([...permissionsOfRole(role)].sort());
    for (const [url, permission] of [
      ['/api/v1/users', 'users.manage'],
      ['/api/v1/api-keys', 'api_keys.manage'],
      ['/api/v1/audit-log', 'audit.read'],
      ['/api/v1/stores', 'stores.read'],
    ] as const) {
      const res = await caller.get(url);
      expect(res.status, `${role} GET ${url}`).toBe(permissionsOfRole(role).has(permission) ? 200 : 403);
    }
  });
});

describe('store scope', () => {
  it.each(['store_manager', 'associate'])('a %s needs at least one store (400 store_scope_required)', async (role) => {
    for (const extra of [{}, { storeIds: [] }]) {
      const email = newEmail(role);
      expectProblem(await owner.post('/api/v1/users', { email, name: 'Mağazasız', role, ...extra }), 400, 'store_scope_required');
      expect(await usersWithEmail(email)).toBe(0);
    }
  });

  it("refuses unknown stores and other orgs' stores (400 unknown_store)", async () => {
    const other = await t.newOrg();
    const theirStore = (await other.owner.post('/api/v1/stores', { code: 'THEIRS', name: 'Onların' })).body.id;
    for (const storeIds of [[RANDOM_ID], [storeId, theirStore]]) {
      const email = newEmail();
      expectProblem(await owner.post('/api/v1/users', { email, name: 'X', role: 'associate', storeIds }), 400, 'unknown_store');
      expect(await usersWithEmail(email)).toBe(0);
    }
  });

  it('follows role changes: needed for store roles, dropped for the others', async () => {
    const { id } = await invite('marketer', { storeIds: [storeId] });
    expect((await owner.get(`/api/v1/users/${id}`)).body.storeIds).toEqual([]);
    expectProblem(await owner.patch(`/api/v1/users/${id}`, { role: 'associate' }), 400, 'store_scope_required');
    expect(await roleOf(id)).toBe('marketer');
    const promoted = await owner.patch(`/api/v1/users/${id}`, { role: 'associate', storeIds: [storeId, storeId] });
    expect(promoted.body).toMatchObject({ role: 'associate', storeIds: [storeId] });
    expectProblem(await owner.patch(`/api/v1/users/${id}`, { storeIds: [] }), 400, 'store_scope_required');
    expect((await owner.patch(`/api/v1/users/${id}`, { role: 'analyst' })).body).toMatchObject({ role: 'analyst', storeIds: [] });
  });
});

describe('owners', () => {
  it('only an owner may grant the owner role (403 owner_only)', async () => {
    const admin = await signedIn('admin');
    const email = newEmail();
    expectProblem(await admin.caller.post('/api/v1/users', { email, name: 'Sahip adayı', role: 'owner' }), 403, 'owner_only');
    expect(await usersWithEmail(email)).toBe(0);
    const { id } = await invite('marketer');
    expectProblem(await admin.caller.patch(`/api/v1/users/${id}`, { role: 'owner' }), 403, 'owner_only');
    expectProblem(await admin.caller.patch(`/api/v1/users/${admin.id}`, { role: 'owner' }), 403, 'owner_only');
    expect(await roleOf(id)).toBe('marketer');
    expect(await roleOf(admin.id)).toBe('admin');
    expect((await owner.patch(`/api/v1/users/${id}`, { role: 'owner' })).body.role).toBe('owner');
  });

  it('an admin cannot change, deactivate or reset an owner (403)', async () => {
    const admin = await signedIn('admin');
    const ownerId = (await owner.get('/api/v1/me')).body.user.id;
    expectProblem(await admin.caller.patch(`/api/v1/users/${ownerId}`, { name: 'Ele geçirildi' }), 403, 'forbidden');
    expectProblem(await admin.caller.patch(`/api/v1/users/${ownerId}`, { active: false }), 403, 'forbidden');
    expectProblem(await admin.caller.post(`/api/v1/users/${ownerId}/reset-password`), 403, 'forbidden');
    expect((await owner.get('/api/v1/me')).body.user).toMatchObject({ active: true, role: 'owner' });
  });

  it('keeps the last owner (409 last_owner) and refuses self-deactivation (409 self_deactivate)', async () => {
    const org = await t.newOrg();
    const firstId = (await org.owner.get('/api/v1/me')).body.user.id;
    expectProblem(await org.owner.patch(`/api/v1/users/${firstId}`, { role: 'admin' }), 409, 'last_owner');
    expectProblem(await org.owner.patch(`/api/v1/users/${firstId}`, { active: false }), 409, 'self_deactivate');

    const second = await signedIn('owner', org.owner);
    expect((await second.caller.patch(`/api/v1/users/${firstId}`, { role: 'admin' })).body.role).toBe('admin');
    expectProblem(await second.caller.patch(`/api/v1/users/${second.id}`, { role: 'marketer' }), 409, 'last_owner');
    expectProblem(await org.owner.patch(`/api/v1/users/${second.id}`, { active: false }), 403, 'forbidden'); // an admin now
    const { rows } = await t.db.pool.query(`select role, active from users where org_id = $1 and role = 'owner'`, [org.orgId]);
    expect(rows).toEqual([{ role: 'owner', active: true }]);
  });

  it('an admin cannot deactivate themselves either', async () => {
    const admin = await signedIn('admin');
    expectProblem(await admin.caller.patch(`/api/v1/users/${admin.id}`, { active: false }), 409, 'self_deactivate');
    expect((await admin.caller.get('/api/v1/me')).status).toBe(200);
  });
});

describe('deactivation', () => {
  it('ends the sessions, blocks login and links, and can be undone', async () => {
    const user = await signedIn('marketer');
    const reset = (await owner.post(`/api/v1/users/${user.id}/reset-password`)).body.url.split('/').pop();
    const off = await owner.patch(`/api/v1/users/${user.id}`, { active: false });
    expect([off.status, off.body.active]).toEqual([200, false]);

    expectProblem(await user.caller.get('/api/v1/me'), 401, 'unauthenticated');
    const login = await t.anonymous.post('/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(expectProblem(login, 401, 'unauthenticated').detail).toBe('E-posta veya şifre hatalı.');
    expectProblem(await t.anonymous.get(`/api/v1/auth/tokens/${reset}`), 404, 'not_found');
    expectProblem(await t.anonymous.post(`/api/v1/auth/tokens/${reset}`, { password: 'yepyeni-şifre' }), 400, 'token_invalid');
    const inactive = await owner.get('/api/v1/users', { query: { active: 'false', limit: '200' } });
    expect(inactive.body.items.map((u: { id: string }) => u.id)).toContain(user.id);

    expect((await owner.patch(`/api/v1/users/${user.id}`, { active: true })).body.active).toBe(true);
    const back = await t.login(user.email);
    expect((await back.get('/api/v1/me')).status).toBe(200);
  });
});

describe('e-mail addresses', () => {
  it.each([
    ['the same address', (e: string) => e],
    ['the address in upper case', (e: string) => e.toUpperCase()],
  ])('refuses %s twice (409 email_taken)', async (_label, variant) => {
    const { email } = await invite('analyst');
    expectProblem(await owner.post('/api/v1/users', { email: variant(email), name: 'İkinci', role: 'analyst' }), 409, 'email_taken');
    expect(await usersWithEmail(email)).toBe(1);
  });

  it('refuses an address used in another org: one login per address', async () => {
    const { email } = await invite('analyst');
    const other = await t.newOrg();
    expectProblem(await other.owner.post('/api/v1/users', { email, name: 'Başka', role: 'analyst' }), 409, 'email_taken');
    expect(await usersWithEmail(email)).toBe(1);
  });

  it('matches an address with surrounding spaces to the existing user (409), so no second user appears', async () => {
    const { email } = await invite('analyst');
    const res = await owner.post('/api/v1/users', { email: `  ${email} `, name: 'Boşluklu', role: 'analyst' });
    expectProblem(res, 409, 'email_taken');
    expect(await usersWithEmail(email)).toBe(1);
  });

  it('stores addresses in lower case', async () => {
    const email = `Buyuk.Harf${++seq}@Magaza.Example`;
    const res = await owner.post('/api/v1/users', { email, name: 'Büyük', role: 'analyst' });
    expect([res.status, res.body.user?.email]).toEqual([201, email.toLowerCase()]);
  });
});

describe('listing and reading users', () => {
  it('walks every user exactly once, by e-mail, 2 at a time', async () => {
    for (let i = 0; i < 3; i++) await invite('agent');
    const { rows } = await t.db.pool.query('select email from users where org_id = $1 order by email', [orgId]);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await owner.get('/api/v1/users', { query: { limit: '2', ...(cursor ? { cursor } : {}) } });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((u: { email: string }) => u.email));
      cursor = res.body.nextCursor;
    } while (cursor && ++pages < 100);
    expect(seen).toEqual(rows.map((r) => r.email));
    expect(seen.length).toBeGreaterThan(5);
  });

  it("answers 404 for another org's user and changes nothing", async () => {
    const other = await t.newOrg();
    const theirId = (await other.owner.get('/api/v1/me')).body.user.id;
    expectProblem(await owner.get(`/api/v1/users/${theirId}`), 404, 'not_found');
    expectProblem(await owner.patch(`/api/v1/users/${theirId}`, { active: false }), 404, 'not_found');
    expectProblem(await owner.post(`/api/v1/users/${theirId}/reset-password`), 404, 'not_found');
    expect((await other.owner.get('/api/v1/me')).status).toBe(200);
  });

  it('refuses an unknown role and an unknown field', async () => {
    const email = newEmail();
    expectProblem(await owner.post('/api/v1/users', { email, name: 'X', role: 'superuser' }), 400, 'validation_failed');
    expectProblem(
      await owner.post('/api/v1/users', { email, name: 'X', role: 'analyst', password: 'set-directly' }),
      400,
      'validation_failed',
    );
    expect(await usersWithEmail(email)).toBe(0);
  });
});
