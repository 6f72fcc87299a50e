import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, startTestApp, TEST_PASSWORD, type TestApp } from '../../testing/app';

let t: TestApp;
let owner: Caller;
let orgId: string;
let store: { id: string; code: string };
let otherStore: { id: string; code: string };
beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
  store = (await owner.post('/api/v1/stores', { code: 'KASA-1', name: 'Osmangazi' })).body;
  otherStore = (await owner.post('/api/v1/stores', { code: 'KASA-2', name: 'Nilüfer' })).body;
});
afterAll(() => t.close());

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const listCodes = async (caller: Caller) => (await caller.get('/api/v1/stores')).body.items.map((s: { code: string }) => s.code);

/** Creates a key through the API as `by`; returns the answer (with the secret) and a caller using it. */
async function newKey(input: { name?: string; scopes: string[]; storeCode?: string }, by = owner) {
  const res = await by.post('/api/v1/api-keys', { name: 'Entegrasyon', ...input });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...res.body, caller: t.asApiKey(res.body.key) } as { id: string; key: string; caller: Caller };
}

async function keyRows(where = 'true', params: unknown[] = []) {
  return (await t.db.pool.query(`select * from api_keys where org_id = $1 and ${where}`, [orgId, ...params])).rows;
}

describe('creating and listing keys', () => {
  it('shows the key once and keeps only its hash', async () => {
    const res = await owner.post('/api/v1/api-keys', { name: 'Web mağaza', scopes: ['read'] });
    expect(res.status).toBe(201);
    const key: string = res.body.key;
    expect(key).toMatch(/^mk_[\w-]{40}$/);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Web mağaza',
      prefix: key.slice(0, 10),
      scopes: ['read'],
      storeId: null,
      storeCode: null,
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
      key,
    });
    const list = await owner.get('/api/v1/api-keys');
    const { key: _secret, ...listed } = res.body;
    expect(list.body.items).toContainEqual(listed);
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(JSON.stringify(list.body)).not.toContain(sha256(key));

    const [row] = await keyRows('id = $2', [res.body.id]);
    expect(row.key_hash).toBe(sha256(key));
    expect(JSON.stringify(row)).not.toContain(key);
  });

  it('never stores the secret in clear, even for a request sent with an Idempotency-Key', async () => {
    const res = await owner.post(
      '/api/v1/api-keys',
      { name: 'Tekrar güvenli', scopes: ['read'] },
      { headers: { 'idempotency-key': 'key-create-1' } },
    );
    expect(res.status).toBe(201);
    const { rows } = await t.db.pool.query(`select body::text as body from idempotency_keys`);
    for (const row of rows) expect(row.body ?? '').not.toContain(res.body.key);
  });

  it.each([
    ['no scope', { name: 'X', scopes: [] }, 'validation_failed'],
    ['an unknown scope', { name: 'X', scopes: ['superuser'] }, 'validation_failed'],
    ['an empty name', { name: ' ', scopes: ['read'] }, 'validation_failed'],
    ['an unknown field', { name: 'X', scopes: ['read'], expiresAt: '2030-01-01' }, 'validation_failed'],
    ['a pos key without a store', { name: 'POS', scopes: ['pos'] }, 'store_required'],
    ['an unknown store code', { name: 'POS', scopes: ['pos'], storeCode: 'YOK-1' }, 'unknown_store'],
  ])('refuses %s with 400 and creates nothing', async (_label, body, code) => {
    const before = (await keyRows()).length;
    expectProblem(await owner.post('/api/v1/api-keys', body), 400, code);
    expect(await keyRows()).toHaveLength(before);
  });

  it("refuses another org's store code", async () => {
    const other = await t.newOrg();
    await other.owner.post('/api/v1/stores', { code: 'ONLARIN', name: 'Onların' });
    expectProblem(await owner.post('/api/v1/api-keys', { name: 'POS', scopes: ['pos'], storeCode: 'ONLARIN' }), 400, 'unknown_store');
  });
});

describe('calling with a key', () => {
  it('a read key reads but changes nothing', async () => {
    const { id, caller } = await newKey({ name: 'Rapor', scopes: ['read'] });
    expect(await listCodes(caller)).toEqual(['KASA-1', 'KASA-2']);
    const me = await caller.get('/api/v1/me');
    expect(me.body).toMatchObject({ user: null, apiKey: { id, name: 'Rapor' }, csrfToken: null });
    expect(me.body.permissions.sort()).toEqual([
      'analytics.read',
      'campaigns.read',
      'catalog.read',
      'customers.read',
      'jobs.read',
      'loyalty.read',
      'messaging.read',
      'sales.read',
      'segments.read',
      'stores.read',
    ]);
    const before = (await owner.get('/api/v1/org')).body;
    expectProblem(await caller.patch('/api/v1/org', { name: 'Ele geçirildi' }), 403, 'forbidden');
    expectProblem(await caller.post('/api/v1/stores', { code: 'BY-KEY', name: 'X' }), 403, 'forbidden');
    expectProblem(await caller.patch('/api/v1/me', { locale: 'en' }), 403, 'forbidden');
    for (const url of ['/api/v1/users', '/api/v1/api-keys', '/api/v1/audit-log']) expectProblem(await caller.get(url), 403, 'forbidden');
    expect((await owner.get('/api/v1/org')).body).toEqual(before);
  });

  it('an admin key writes without a CSRF token but cannot manage users or keys', async () => {
    const { caller } = await newKey({ name: 'ERP', scopes: ['admin'] });
    expect((await caller.patch('/api/v1/org', { quietHoursStart: '22:00' })).body.quietHoursStart).toBe('22:00');
    expect((await caller.post('/api/v1/brands', { code: 'ERP', name: 'ERP markası' })).status).toBe(201);
    expectProblem(await caller.post('/api/v1/api-keys', { name: 'Yeni', scopes: ['admin'] }), 403, 'forbidden');
    expectProblem(await caller.post('/api/v1/users', { email: 'erp@magaza.example', name: 'ERP', role: 'admin' }), 403, 'forbidden');
    expect((await caller.get('/api/v1/audit-log')).status).toBe(200);
  });

  it('a pos key sees only its store', async () => {
    const created = await newKey({ name: 'Kasa 1', scopes: ['pos'], storeCode: 'KASA-1' });
    expect(created).toMatchObject({ storeId: store.id, storeCode: 'KASA-1', scopes: ['pos'] });
    expect(await listCodes(created.caller)).toEqual(['KASA-1']);
    expect((await created.caller.get(`/api/v1/stores/${store.id}`)).status).toBe(200);
    expectProblem(await created.caller.get(`/api/v1/stores/${otherStore.id}`), 404, 'not_found');
  });

  it('records when a key was last used', async () => {
    const { id, caller } = await newKey({ scopes: ['read'] });
    const listed = async () => (await owner.get('/api/v1/api-keys')).body.items.find((k: { id: string }) => k.id === id);
    expect((await listed()).lastUsedAt).toBeNull();
    const before = Date.now();
    await caller.get('/api/v1/stores');
    const lastUsedAt = Date.parse((await listed()).lastUsedAt);
    expect(lastUsedAt).toBeGreaterThanOrEqual(before - 5_000);
    expect(lastUsedAt).toBeLessThanOrEqual(Date.now() + 5_000);
  });
});

describe('revoking and bad keys', () => {
  it('a revoked key is refused at once with 401', async () => {
    const { id, key, caller } = await newKey({ scopes: ['read'] });
    expect((await caller.get('/api/v1/stores')).status).toBe(200);
    expect((await owner.delete(`/api/v1/api-keys/${id}`)).status).toBe(204);
    const refused = expectProblem(await caller.get('/api/v1/stores'), 401, 'unauthenticated');
    expect(refused.detail).toBe('API anahtarı geçersiz ya da iptal edilmiş.');
    const revokedAt = (await keyRows('id = $2', [id]))[0].revoked_at;
    expect(revokedAt).toBeInstanceOf(Date);
    expect((await owner.delete(`/api/v1/api-keys/${id}`)).status).toBe(204);
    expect((await keyRows('id = $2', [id]))[0].revoked_at).toEqual(revokedAt); // the first revocation time stays
    expect((await owner.get('/api/v1/api-keys')).body.items.find((k: { id: string }) => k.id === id).revokedAt).toBe(
      revokedAt.toISOString(),
    );
    expectProblem(await t.anonymous.get('/api/v1/stores', { headers: { authorization: `bearer   ${key}` } }), 401, 'unauthenticated');
  });

  it("answers 404 for revoking another org's key, which keeps working", async () => {
    const other = await t.newOrg();
    const theirs = await newKey({ scopes: ['read'] }, other.owner);
    expectProblem(await owner.delete(`/api/v1/api-keys/${theirs.id}`), 404, 'not_found');
    expect((await theirs.caller.get('/api/v1/stores')).status).toBe(200);
  });

  // A bad Authorization header is refused where a caller is needed and ignored on open routes,
  // so a health probe that sends one still gets its answer.
  it.each([
    ['garbage', 'Bearer garbage'],
    ['a made-up mk_ key', `Bearer mk_${'A'.repeat(40)}`],
    ['an empty bearer', 'Bearer '],
    ['Basic credentials', 'Basic dXNlcjpwYXNz'],
    ['a key without the Bearer scheme', `mk_${'A'.repeat(40)}`],
  ])('refuses %s with 401 on the API, and ignores it on /api/health', async (_label, authorization) => {
    const res = expectProblem(await t.anonymous.get('/api/v1/stores', { headers: { authorization } }), 401, 'unauthenticated');
    expect(res.detail).toBe('API anahtarı geçersiz ya da iptal edilmiş.');
    expect((await t.anonymous.get('/api/health', { headers: { authorization } })).status).toBe(200);
  });

  it('keys cannot be managed by a marketer (403)', async () => {
    const res = await owner.post('/api/v1/users', { email: 'pazarlama@magaza.example', name: 'Pazarlama', role: 'marketer' });
    await t.anonymous.post(`/api/v1/auth/tokens/${res.body.invite.url.split('/').pop()}`, { password: TEST_PASSWORD });
    const marketer = await t.login('pazarlama@magaza.example');
    expectProblem(await marketer.get('/api/v1/api-keys'), 403, 'forbidden');
    expectProblem(await marketer.post('/api/v1/api-keys', { name: 'X', scopes: ['admin'] }), 403, 'forbidden');
  });
});

describe('rate limit per key (API_KEY_RATE_LIMIT=5)', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ env: { API_KEY_RATE_LIMIT: '5' } });
  });
  afterAll(() => limited.close());

  it('refuses the 6th call within a minute with 429 problem+json and lets others through', async () => {
    const org = await limited.newOrg();
    const create = (name: string) => org.owner.post('/api/v1/api-keys', { name, scopes: ['admin'] });
    const busy = limited.asApiKey((await create('Yoğun')).body.key);
    const calm = limited.asApiKey((await create('Sakin')).body.key);
    for (let i = 0; i < 5; i++) {
      const res = await busy.get('/api/v1/stores');
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(4 - i));
    }
    const sixth = await busy.post('/api/v1/stores', { code: 'TOO-MANY', name: 'Fazla' }, { headers: { 'accept-language': 'en' } });
    const problem = expectProblem(sixth, 429, 'rate_limited');
    const retryAfter = Number(sixth.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(problem.detail).toBe(`Too many requests. Try again in ${retryAfter} seconds.`);
    const { rows } = await limited.db.pool.query(`select count(*)::int as n from stores where code = 'TOO-MANY'`);
    expect(rows[0].n).toBe(0);

    expect((await calm.get('/api/v1/stores')).status).toBe(200); // each key has its own budget
    for (let i = 0; i < 7; i++) expect((await org.owner.get('/api/v1/stores')).status).toBe(200); // people are not limited here
  });
});
