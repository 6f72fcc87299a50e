import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, startTestApp, type TestApp } from '../../testing/app';

let t: TestApp;
let owner: Caller;
let orgId: string;
beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
});
afterAll(() => t.close());

let n = 0;
const key = () => `key-${++n}-${Date.now()}`;
const postStore = (caller: Caller, body: object, idempotencyKey: string) =>
  caller.post('/api/v1/stores', body, { headers: { 'idempotency-key': idempotencyKey } });

async function storesWithCode(org: string, code: string): Promise<number> {
  const { rows } = await t.db.pool.query('select count(*)::int as n from stores where org_id = $1 and code = $2', [org, code]);
  return rows[0].n;
}

async function keysStored(idempotencyKey: string): Promise<number> {
  const { rows } = await t.db.pool.query('select count(*)::int as n from idempotency_keys where key = $1', [idempotencyKey]);
  return rows[0].n;
}

describe('Idempotency-Key on POST /api/v1/stores', () => {
  it('replays the first answer for a retry with the same body', async () => {
    const k = key();
    const first = await postStore(owner, { code: 'IDEM-1', name: 'Tekrar' }, k);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await postStore(owner, { code: 'IDEM-1', name: 'Tekrar' }, k);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect([again.status, again.body]).toEqual([201, first.body]);
  });

  it('creates nothing the second time', async () => {
    const k = key();
    expect((await postStore(owner, { code: 'IDEM-2', name: 'Tekrar' }, k)).status).toBe(201);
    const again = await postStore(owner, { code: 'IDEM-2', name: 'Tekrar' }, k);
    expect(again.body?.code).not.toBe('store_code_taken');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await storesWithCode(orgId, 'IDEM-2')).toBe(1);
    expect(await keysStored(k)).toBe(1);
  });

  it('refuses the same key with a different body (422) and writes nothing', async () => {
    const k = key();
    expect((await postStore(owner, { code: 'IDEM-3', name: 'Bir' }, k)).status).toBe(201);
    expectProblem(await postStore(owner, { code: 'IDEM-3B', name: 'İki' }, k), 422, 'idempotency_key_reused');
    expect(await storesWithCode(orgId, 'IDEM-3B')).toBe(0);
  });

  it('creates exactly one store for ten concurrent identical requests', async () => {
    const k = key();
    const answers = await Promise.all(Array.from({ length: 10 }, () => postStore(owner, { code: 'IDEM-4', name: 'Eşzamanlı' }, k)));
    expect(answers.filter((a) => a.status === 201 && !a.headers['idempotent-replayed'])).toHaveLength(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    expect(answers.some((a) => a.body?.code === 'store_code_taken')).toBe(false);
    expect(await storesWithCode(orgId, 'IDEM-4')).toBe(1);
  });

  it('gives all ten concurrent requests the same answer', async () => {
    const k = key();
    const answers = await Promise.all(Array.from({ length: 10 }, () => postStore(owner, { code: 'IDEM-5', name: 'Eşzamanlı' }, k)));
    for (const a of answers) expect([a.status, a.body]).toEqual([answers[0].status, answers[0].body]);
  });

  it.each([
    ['fails validation', { code: 'IDEM-6', name: '' }, 400, 'validation_failed'],
    ['conflicts (409)', { code: 'TAKEN', name: 'Çakışma' }, 409, 'store_code_taken'],
    ['names an unknown brand', { code: 'IDEM-7', name: 'Marka', brandId: '01a20000-0000-7000-8000-000000000000' }, 400, 'unknown_brand'],
  ])('leaves no key behind when the request %s, so a corrected retry succeeds', async (_label, bad, status, code) => {
    if (code === 'store_code_taken') await owner.post('/api/v1/stores', { code: 'TAKEN', name: 'İlk' });
    const k = key();
    expectProblem(await postStore(owner, bad, k), status, code);
    expect(await keysStored(k)).toBe(0);
    const fixed = await postStore(owner, { code: `${bad.code}-OK`, name: 'Düzeltilmiş' }, k);
    expect(fixed.status).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    expect(await storesWithCode(orgId, `${bad.code}-OK`)).toBe(1);
  });

  it('keeps keys apart between orgs and between callers of one org', async () => {
    const k = key();
    const other = await t.newOrg();
    const created = await owner.post('/api/v1/api-keys', { name: 'POS entegrasyonu', scopes: ['admin'] });
    const callers: [string, Caller, string][] = [
      ['IDEM-8-S', owner, orgId],
      ['IDEM-8-K', t.asApiKey(created.body.key), orgId],
      ['IDEM-8-O', other.owner, other.orgId],
    ];
    for (const [code, caller, org] of callers) {
      const res = await postStore(caller, { code, name: 'Aynı anahtar' }, k);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(await storesWithCode(org, code)).toBe(1);
    }
    expect(await keysStored(k)).toBe(3);
  });

  it('is off without a key: two identical posts are two requests', async () => {
    expect((await owner.post('/api/v1/stores', { code: 'IDEM-9', name: 'Anahtarsız' })).status).toBe(201);
    expectProblem(await owner.post('/api/v1/stores', { code: 'IDEM-9', name: 'Anahtarsız' }), 409, 'store_code_taken');
  });

  it.each(['has space', 'x'.repeat(256), 'ünicode'])('refuses a malformed key %j with 400 and writes nothing', async (bad) => {
    expectProblem(await postStore(owner, { code: 'IDEM-10', name: 'Kötü anahtar' }, bad), 400, 'invalid_idempotency_key');
    expect(await storesWithCode(orgId, 'IDEM-10')).toBe(0);
  });
});
