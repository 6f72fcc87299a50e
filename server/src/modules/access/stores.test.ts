import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../testing/app';

let t: TestApp;
let owner: Caller;
let orgId: string;
beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
});
afterAll(() => t.close());

let seq = 0;
const uniqueCode = (prefix = 'S') => `${prefix}-${++seq}`;

async function createStore(fields: object = {}, caller = owner) {
  const res = await caller.post('/api/v1/stores', { code: uniqueCode(), name: 'Mağaza', ...fields });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function rows(table: 'stores' | 'brands', where: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  return (await t.db.pool.query(`select * from ${table} where org_id = $1 and ${where}`, [orgId, ...params])).rows;
}

const signedIn = (role: string, storeIds?: string[]) => signedInAs(t, owner, role, storeIds);

describe('brands', () => {
  it('are created, listed, renamed and deleted', async () => {
    const created = await owner.post('/api/v1/brands', { code: 'USPA', name: 'U.S. Polo Assn.' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), code: 'USPA', name: 'U.S. Polo Assn.', createdAt: expect.any(String) });
    const id = created.body.id;
    expect((await owner.get('/api/v1/brands')).body.items).toContainEqual(created.body);

    const renamed = await owner.patch(`/api/v1/brands/${id}`, { name: 'Çağdaş Giyim' });
    expect([renamed.status, renamed.body.name]).toEqual([200, 'Çağdaş Giyim']);
    expectProblem(await owner.post('/api/v1/brands', { code: 'USPA', name: 'İkinci' }), 409, 'brand_code_taken');
    expect(await rows('brands', 'code = $2', ['USPA'])).toHaveLength(1);

    expect((await owner.delete(`/api/v1/brands/${id}`)).status).toBe(204);
    expectProblem(await owner.delete(`/api/v1/brands/${id}`), 404, 'not_found');
    expect(await rows('brands', 'id = $2', [id])).toHaveLength(0);
  });

  it('cannot be deleted while stores belong to them (409 brand_in_use)', async () => {
    const brand = (await owner.post('/api/v1/brands', { code: 'PC', name: 'Pierre Cardin' })).body;
    await createStore({ brandId: brand.id });
    expectProblem(await owner.delete(`/api/v1/brands/${brand.id}`), 409, 'brand_in_use');
    expect(await rows('brands', 'id = $2', [brand.id])).toHaveLength(1);
  });
});

describe('stores', () => {
  it('are created, read and edited, keeping Turkish text as typed', async () => {
    const brand = (await owner.post('/api/v1/brands', { code: 'CACHAREL', name: 'Cacharel' })).body;
    const input = {
      code: 'İST-ŞİŞLİ',
      name: 'Çağlayan Ğ Şubesi',
      brandId: brand.id,
      city: 'İstanbul',
      district: 'Şişli',
      address: 'Halaskargazi Cd. No:1, Gümüşsuyu',
      phone: '0212 380 11 22',
      openingHours: { mon: [['09:00', '12:30'] as const, ['13:30', '21:00'] as const], sun: [] },
    };
    const created = await owner.post('/api/v1/stores', input);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ...input, id: expect.any(String), phone: '+902123801122', active: true, createdAt: expect.any(String) });
    expect((await owner.get(`/api/v1/stores/${created.body.id}`)).body).toEqual(created.body);

    const edited = await owner.patch(`/api/v1/stores/${created.body.id}`, { district: 'Üsküdar', active: false, phone: null });
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual({ ...created.body, district: 'Üsküdar', active: false, phone: null });
    const [row] = await rows('stores', 'id = $2', [created.body.id]);
    expect(row).toMatchObject({ code: 'İST-ŞİŞLİ', name: 'Çağlayan Ğ Şubesi', city: 'İstanbul', district: 'Üsküdar', active: false });
  });

  it.each(['0212 380 11 22', '+90 (212) 380-11-22', '2123801122', '(0212) 3801122', '0090 212 380 11 22'])(
    'stores the phone %j as E.164',
    async (phone) => {
      const store = await createStore({ phone });
      expect(store.phone).toBe('+902123801122');
      expect((await rows('stores', 'id = $2', [store.id]))[0].phone).toBe('+902123801122');
    },
  );

  it.each(['12345', 'telefon', '0212 380 11 22 dahili 5', '+90 212 380 11 22 33 44'])('refuses the phone %j on /phone', async (phone) => {
    const code = uniqueCode();
    const problem = expectProblem(await owner.post('/api/v1/stores', { code, name: 'Mağaza', phone }), 400, 'validation_failed');
    expect(problem.errors).toEqual([{ field: '/phone', code: 'invalid_phone', detail: 'Geçerli bir telefon numarası girin.' }]);
    expect(await rows('stores', 'code = $2', [code])).toHaveLength(0);
  });

  it('refuses a duplicate code with 409 store_code_taken and keeps one row', async () => {
    const store = await createStore({ code: 'BURSA-01' });
    expectProblem(await owner.post('/api/v1/stores', { code: 'BURSA-01', name: 'Başka' }), 409, 'store_code_taken');
    const other = await createStore();
    expectProblem(await owner.patch(`/api/v1/stores/${other.id}`, { code: 'BURSA-01' }), 409, 'store_code_taken');
    expect(await rows('stores', 'code = $2', ['BURSA-01'])).toEqual([expect.objectContaining({ id: store.id, name: 'Mağaza' })]);
  });

  it.each([
    ['an unknown field', { code: 'X-1', name: 'X', manager: 'Ali' }, '/', 'unknown_field'],
    ['a number for the name', { code: 'X-2', name: 42 }, '/name', expect.any(String)],
    ['a string for active', { code: 'X-3', name: 'X', active: 'yes' }, '/active', expect.any(String)],
    ['a missing name', { code: 'X-4' }, '/name', 'required'],
    ['an empty name', { code: 'X-5', name: '   ' }, '/name', 'too_small'],
    ['a code with spaces', { code: 'X 6', name: 'X' }, '/code', 'invalid_regex'],
    ['an unknown weekday', { code: 'X-7', name: 'X', openingHours: { pzt: [] } }, '/openingHours', 'unknown_field'],
    ['closing before opening', { code: 'X-8', name: 'X', openingHours: { mon: [['21:00', '09:00']] } }, '/openingHours/mon/0', 'invalid'],
    [
      'an impossible time',
      { code: 'X-9', name: 'X', openingHours: { mon: [['09:00', '25:00']] } },
      '/openingHours/mon/0/1',
      'invalid_regex',
    ],
    ['a brand id that is no uuid', { code: 'X-10', name: 'X', brandId: 'abc' }, '/brandId', 'invalid_uuid'],
  ])('refuses %s with a field error', async (_label, body, field, code) => {
    const problem = expectProblem(await owner.post('/api/v1/stores', body), 400, 'validation_failed');
    expect(problem.errors?.[0]).toMatchObject({ field, code });
    expect(await rows('stores', 'code = $2', [body.code])).toHaveLength(0);
  });

  it.each([
    [{ code: 'X-2', name: 42 }, '/name'],
    [{ code: 'X-3', name: 'X', active: 'yes' }, '/active'],
  ])('reports a wrong type in %j as invalid_type, not required', async (body, field) => {
    const problem = expectProblem(await owner.post('/api/v1/stores', body), 400, 'validation_failed');
    expect(problem.errors?.[0]).toMatchObject({ field, code: 'invalid_type' });
  });

  it('refuses a body over 1 MiB with 413 and malformed JSON with 400', async () => {
    expectProblem(await owner.post('/api/v1/stores', { code: 'BIG', name: 'x'.repeat(1_100_000) }), 413, 'payload_too_large');
    const malformed = await owner.post('/api/v1/stores', '{"code": "BAD", "name": ', { headers: { 'content-type': 'application/json' } });
    expectProblem(malformed, 400, 'malformed_json');
    expect(await rows('stores', 'code in ($2, $3)', ['BIG', 'BAD'])).toHaveLength(0);
  });

  it('refuses a brand of another org (400 unknown_brand)', async () => {
    const other = await t.newOrg();
    const theirBrand = (await other.owner.post('/api/v1/brands', { code: 'THEIRS', name: 'Onların' })).body;
    expectProblem(await owner.post('/api/v1/stores', { code: 'FOREIGN', name: 'X', brandId: theirBrand.id }), 400, 'unknown_brand');
    const store = await createStore();
    expectProblem(await owner.patch(`/api/v1/stores/${store.id}`, { brandId: theirBrand.id }), 400, 'unknown_brand');
  });

  it("answers 404 for another org's store and changes nothing", async () => {
    const other = await t.newOrg();
    const theirs = (await other.owner.post('/api/v1/stores', { code: 'THEIRS', name: 'Onların' })).body;
    expectProblem(await owner.get(`/api/v1/stores/${theirs.id}`), 404, 'not_found');
    expectProblem(await owner.patch(`/api/v1/stores/${theirs.id}`, { name: 'Ele geçirildi' }), 404, 'not_found');
    expect((await other.owner.get(`/api/v1/stores/${theirs.id}`)).body.name).toBe('Onların');
  });

  it.each([
    ["'; drop table stores; --", "Robert'); DROP TABLE users;--"],
    ['" OR 1=1 --', '%_\\'],
  ])('stores SQL-looking text %j literally', async (name, city) => {
    const store = await createStore({ name, city });
    expect((await owner.get(`/api/v1/stores/${store.id}`)).body).toMatchObject({ name, city });
    const found = await owner.get('/api/v1/stores', { query: { q: name } });
    expect(found.body.items.map((s: { id: string }) => s.id)).toEqual([store.id]);
    const { rows: tables } = await t.db.pool.query(
      `select count(*)::int as n from information_schema.tables where table_name in ('stores', 'users')`,
    );
    expect(tables[0].n).toBe(2);
  });
});

describe('listing stores', () => {
  const codes = Array.from({ length: 25 }, (_, i) => `PAGE-${String(i + 1).padStart(2, '0')}`);
  beforeAll(async () => {
    for (const [i, code] of codes.entries()) {
      await createStore({ code, name: i % 5 === 0 ? `Üsküdar Çarşı ${i}` : `Sayfa ${i}`, city: i % 2 ? 'Bursa' : 'İzmir' });
    }
  });

  /** Walks every page of GET /stores with `query`; returns the codes in order and the page count. */
  async function walk(query: Record<string, string>) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await owner.get('/api/v1/stores', { query: { ...query, ...(cursor ? { cursor } : {}) } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...res.body.items.map((s: { code: string }) => s.code));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    return { seen, pages };
  }

  it('walks all stores exactly once, in code order, 10 at a time', async () => {
    const { seen, pages } = await walk({ q: 'PAGE-', limit: '10' });
    expect(seen).toEqual(codes);
    expect(pages).toBe(3);
  });

  it('pages with a limit that divides the total without an empty last page', async () => {
    const { seen, pages } = await walk({ q: 'PAGE-', limit: '5' });
    expect(seen).toEqual(codes);
    expect(pages).toBeLessThanOrEqual(6);
  });

  it.each([
    ['Üsküdar', 5],
    ['çarşı', 5], // case-insensitive on the whole name
    ['bursa', 12],
    ['PAGE-2', 6],
    ['%', 0],
    ['_', 0],
  ])('finds stores by q=%j', async (q, expected) => {
    const { seen } = await walk({ q, limit: '7' });
    expect(seen.filter((c) => c.startsWith('PAGE-'))).toHaveLength(expected);
  });

  it('filters by active and brand', async () => {
    const brand = (await owner.post('/api/v1/brands', { code: 'FILTER', name: 'Filtre' })).body;
    const store = await createStore({ brandId: brand.id, active: false });
    expect((await walk({ brandId: brand.id })).seen).toEqual([store.code]);
    expect((await walk({ active: 'false' })).seen).toContain(store.code);
    expect((await walk({ active: 'true' })).seen).not.toContain(store.code);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['two values', Buffer.from('["a","b"]').toString('base64url')],
    ['an object', Buffer.from('{"code":"A"}').toString('base64url')],
    ['null', Buffer.from('[null]').toString('base64url')],
  ])('refuses a %s cursor with 400 invalid_cursor', async (_label, cursor) => {
    expectProblem(await owner.get('/api/v1/stores', { query: { cursor } }), 400, 'invalid_cursor');
  });
});

describe('store roles and permissions', () => {
  let mine: { id: string; code: string };
  let notMine: { id: string };
  beforeAll(async () => {
    mine = await createStore({ code: 'SCOPE-MINE', city: 'Bursa' });
    notMine = await createStore({ code: 'SCOPE-OTHER', city: 'Bursa' });
  });

  it.each(['store_manager', 'associate'])('a %s sees only the assigned store', async (role) => {
    const caller = await signedIn(role, [mine.id]);
    const list = await caller.get('/api/v1/stores', { query: { limit: '200' } });
    expect(list.body.items.map((s: { code: string }) => s.code)).toEqual(['SCOPE-MINE']);
    expect((await caller.get(`/api/v1/stores/${mine.id}`)).status).toBe(200);
    expectProblem(await caller.get(`/api/v1/stores/${notMine.id}`), 404, 'not_found');
  });

  it.each(['store_manager', 'associate', 'marketer', 'analyst', 'agent', 'sales_rep'])(
    'a %s may read stores but not create, edit or delete them (403)',
    async (role) => {
      const caller = await signedIn(role, ['store_manager', 'associate'].includes(role) ? [mine.id] : undefined);
      expect((await caller.get('/api/v1/brands')).status).toBe(200);
      expectProblem(await caller.post('/api/v1/stores', { code: `FORBIDDEN-${role}`, name: 'X' }), 403, 'forbidden');
      expectProblem(await caller.patch(`/api/v1/stores/${mine.id}`, { name: 'Değişti' }), 403, 'forbidden');
      expectProblem(await caller.post('/api/v1/brands', { code: `FORBIDDEN-${role}`, name: 'X' }), 403, 'forbidden');
      expect(await rows('stores', 'code = $2', [`FORBIDDEN-${role}`])).toHaveLength(0);
      expect((await rows('stores', 'id = $2', [mine.id]))[0].name).toBe('Mağaza');
    },
  );

  it('an admin may manage stores', async () => {
    const admin = await signedIn('admin');
    expect((await admin.post('/api/v1/stores', { code: 'BY-ADMIN', name: 'Yönetici' })).status).toBe(201);
  });
});
