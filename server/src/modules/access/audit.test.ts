import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Caller, expectProblem, startTestApp, TEST_PASSWORD, type TestApp } from '../../testing/app';

interface Entry {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown> | null;
}

const IP = '203.0.113.7';
const UA = 'Mozilla/5.0 (Muhtar test; Bursa)';
const from = { ip: IP, headers: { 'user-agent': UA } };

let t: TestApp;
let owner: Caller;
let ownerId: string;
let orgId: string;
beforeAll(async () => {
  t = await startTestApp();
  const org = await t.newOrg('Denetim Tekstil');
  orgId = org.orgId;
  // Sign in again from a known address and browser, so the login itself is audited with both.
  const login = await t.anonymous.post('/api/v1/auth/login', { email: org.ownerEmail, password: TEST_PASSWORD }, from);
  owner = new Caller(t.app, { cookie: String(login.headers['set-cookie']).split(';')[0], csrf: login.body.csrfToken });
  ownerId = login.body.userId;
});
afterAll(() => t.close());

/** One page of the audit log as the owner. */
async function auditPage(query: Record<string, string> = {}, caller = owner): Promise<{ items: Entry[]; nextCursor: string | null }> {
  const res = await caller.get('/api/v1/audit-log', { query: { limit: '200', ...query } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
const entries = async (query: Record<string, string> = {}) => (await auditPage(query)).items;
const latest = async (action: string) => (await entries({ action, limit: '1' }))[0];

const expectByOwner = (entry: Entry | undefined) =>
  expect(entry).toMatchObject({ actorType: 'user', actorId: ownerId, actorName: 'Owner', ip: IP, userAgent: UA, at: expect.any(String) });

/** Invites a user, accepts the invitation and signs in; returns the user's id and caller. */
async function signedIn(email: string, role: string, storeIds?: string[]) {
  const invited = await owner.post('/api/v1/users', { email, name: role, role, storeIds });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  await t.anonymous.post(`/api/v1/auth/tokens/${invited.body.invite.url.split('/').pop()}`, { password: TEST_PASSWORD });
  return { id: invited.body.user.id as string, caller: await t.login(email) };
}

describe('what is audited', () => {
  it('auth.login, with address and browser', async () => {
    expectByOwner(await latest('auth.login'));
    expect(await latest('auth.login')).toMatchObject({ targetType: 'user', targetId: ownerId });
  });

  it('store.create', async () => {
    const store = (await owner.post('/api/v1/stores', { code: 'AUD-1', name: 'Denetim Şubesi' }, from)).body;
    const entry = await latest('store.create');
    expectByOwner(entry);
    expect(entry).toMatchObject({ targetType: 'store', targetId: store.id, details: { code: 'AUD-1', name: 'Denetim Şubesi' } });
  });

  it('user.create', async () => {
    const user = (await owner.post('/api/v1/users', { email: 'denetlenen@magaza.example', name: 'Denetlenen', role: 'analyst' }, from)).body
      .user;
    const entry = await latest('user.create');
    expectByOwner(entry);
    expect(entry).toMatchObject({
      targetType: 'user',
      targetId: user.id,
      details: { email: 'denetlenen@magaza.example', role: 'analyst', storeIds: [] },
    });
  });

  it('api_key.create and api_key.revoke, and what a key does', async () => {
    const key = (await owner.post('/api/v1/api-keys', { name: 'ERP bağlantısı', scopes: ['admin'] }, from)).body;
    expectByOwner(await latest('api_key.create'));
    expect(await latest('api_key.create')).toMatchObject({ targetId: key.id, details: { name: 'ERP bağlantısı', scopes: ['admin'] } });

    const byKey = await t.asApiKey(key.key).post('/api/v1/brands', { code: 'ERP', name: 'ERP' }, { ip: '198.51.100.9' });
    expect(await latest('brand.create')).toMatchObject({
      actorType: 'api_key',
      actorId: key.id,
      actorName: 'ERP bağlantısı',
      ip: '198.51.100.9',
      targetId: byKey.body.id,
    });

    expect((await owner.delete(`/api/v1/api-keys/${key.id}`, from)).status).toBe(204);
    expectByOwner(await latest('api_key.revoke'));
    expect(await latest('api_key.revoke')).toMatchObject({ targetType: 'api_key', targetId: key.id });
  });

  it('org.update, with what changed from what to what', async () => {
    const res = await owner.patch('/api/v1/org', { name: 'Yeni Tekstil', timezone: 'Europe/Berlin' }, from);
    expect(res.status).toBe(200);
    const entry = await latest('org.update');
    expectByOwner(entry);
    expect(entry).toMatchObject({ targetType: 'org', targetId: orgId });
    expect(entry.details).toEqual({
      name: { from: 'Denetim Tekstil', to: 'Yeni Tekstil' },
      timezone: { from: 'Europe/Istanbul', to: 'Europe/Berlin' },
    });
  });

  it('nothing for a rejected request', async () => {
    const before = (await entries()).length;
    expectProblem(await owner.post('/api/v1/stores', { code: 'AUD-1', name: 'Çift' }), 409, 'store_code_taken');
    expectProblem(await owner.patch('/api/v1/org', { timezone: 'Nowhere/City' }), 400, 'validation_failed');
    expect(await entries()).toHaveLength(before);
  });
});

describe('reading the log', () => {
  let adminId: string;
  let otherOrgStoreId: string;
  let before: Date;
  let middle: Date;
  let lateStoreId: string;
  beforeAll(async () => {
    before = new Date(Date.now() - 1000);
    const admin = await signedIn('yonetici@magaza.example', 'admin');
    adminId = admin.id;
    await admin.caller.post('/api/v1/brands', { code: 'ADM', name: 'Yönetici markası' });
    const early = (await owner.post('/api/v1/stores', { code: 'AUD-EARLY', name: 'Erken' })).body;
    await owner.patch(`/api/v1/stores/${early.id}`, { name: 'Erken (düzeltildi)' });
    await sleep(100);
    middle = new Date();
    await sleep(100);
    lateStoreId = (await owner.post('/api/v1/stores', { code: 'AUD-LATE', name: 'Geç' })).body.id;
    const other = await t.newOrg();
    otherOrgStoreId = (await other.owner.post('/api/v1/stores', { code: 'AUD-OTHER', name: 'Başka' })).body.id;
  });

  it('filters by user', async () => {
    const mine = await entries({ userId: adminId });
    expect(mine.map((e) => e.action).sort()).toEqual(['auth.login', 'brand.create', 'user.accept_invite']);
    expect(mine.every((e) => e.actorId === adminId)).toBe(true);
    expect((await entries({ userId: ownerId })).every((e) => e.actorId === ownerId)).toBe(true);
  });

  it('filters by exact action and by a prefix ending in a dot', async () => {
    const exact = await entries({ action: 'store.create' });
    expect(exact.length).toBeGreaterThanOrEqual(2);
    expect(new Set(exact.map((e) => e.action))).toEqual(new Set(['store.create']));
    const prefixed = await entries({ action: 'store.' });
    expect(new Set(prefixed.map((e) => e.action))).toEqual(new Set(['store.create', 'store.update']));
    expect(await entries({ action: 'store' })).toEqual([]);
    expect(await entries({ action: '%' })).toEqual([]);
  });

  it('treats LIKE wildcards in an action prefix literally', async () => {
    expect(await entries({ action: '%.' })).toEqual([]);
  });

  it('filters by time: from inclusive, to exclusive', async () => {
    const late = await entries({ from: middle.toISOString() });
    expect(late.map((e) => e.targetId)).toEqual([lateStoreId]);
    const early = await entries({ to: middle.toISOString() });
    expect(early.map((e) => e.targetId)).not.toContain(lateStoreId);
    expect(early.length + late.length).toBe((await entries()).length);
    expect(await entries({ from: before.toISOString(), to: before.toISOString() })).toEqual([]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await entries({ from: tomorrow })).toEqual([]);
    expect((await entries({ to: tomorrow })).length).toBe((await entries()).length);
  });

  it('pages newest first, each entry exactly once', async () => {
    const all = await entries();
    const seen: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await auditPage({ limit: '3', ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && ++pages < 100);
    expect(seen).toEqual(all);
    expect(seen.length).toBeGreaterThan(10);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].id < seen[i - 1].id).toBe(true);
      expect(Date.parse(seen[i].at)).toBeLessThanOrEqual(Date.parse(seen[i - 1].at));
    }
  });

  it("never shows another org's entries", async () => {
    expect((await entries()).map((e) => e.targetId)).not.toContain(otherOrgStoreId);
  });

  it.each([
    ['userId', 'ben'],
    ['from', 'dün'],
    ['to', '2024-13-01'],
    ['action', 'x'.repeat(101)],
    ['actor', ownerId],
  ])('refuses a bad %s filter with 400', async (name, value) => {
    expectProblem(await owner.get('/api/v1/audit-log', { query: { [name]: value } }), 400, 'validation_failed');
  });

  it.each(['analyst', 'marketer', 'store_manager'])('is closed to a %s (403)', async (role) => {
    const { caller } = await signedIn(`${role}@denetim.example`, role, role === 'store_manager' ? [lateStoreId] : undefined);
    expectProblem(await caller.get('/api/v1/audit-log'), 403, 'forbidden');
  });
});
