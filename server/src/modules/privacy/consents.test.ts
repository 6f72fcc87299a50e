import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitEvent } from '../../platform/events/bus';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../testing/app';
import { insertCustomers } from '../customers/bulk';
import { type ConsentEntry, recordConsentsBulk } from './consents';

let t: TestApp;
let owner: Caller;
let orgId: string;
beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
});
afterAll(() => t.close());

let seq = 0;
const mobile = () => `+90532${String(4000000 + ++seq * 7).padStart(7, '0')}`;

async function customer(extra: object = {}) {
  const res = await owner.post('/api/v1/customers', { firstName: 'Ayşe', lastName: 'Çelik', phone: mobile(), ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; quality: { issues: string[] } };
}

async function count(table: string, where = 'true', params: unknown[] = []) {
  const { rows } = await t.db.pool.query(`select count(*)::int as n from ${table} where org_id = $1 and ${where}`, [orgId, ...params]);
  return rows[0].n as number;
}

const grant = { channels: ['sms', 'email'], status: 'granted', source: 'HS_FIZIKSEL_ORTAM', textVersion: 'KVKK-2024/1 — İzin metni' };

describe('recording consent', () => {
  it('records several channels at once, derives the current state and marks the customer', async () => {
    const c = await customer();
    expect(c.quality.issues).toContain('consent_missing');
    const res = await owner.post(`/api/v1/customers/${c.id}/consents`, grant);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.current.map((x: { channel: string }) => x.channel).sort()).toEqual(['email', 'sms']);
    expect(res.body.current[0]).toMatchObject({
      status: 'granted',
      source: 'HS_FIZIKSEL_ORTAM',
      recipientType: 'BIREYSEL',
      origin: 'muhtar',
      iysStatus: null,
    });
    expect(res.body.current[0].textVersion).toBe('KVKK-2024/1 — İzin metni');

    const revoke = await owner.post(`/api/v1/customers/${c.id}/consents`, { channels: ['sms'], status: 'revoked', source: 'HS_MESAJ' });
    expect(revoke.status).toBe(201);
    const read = await owner.get(`/api/v1/customers/${c.id}/consents`);
    const sms = read.body.current.find((x: { channel: string }) => x.channel === 'sms');
    expect(sms).toMatchObject({ status: 'revoked', source: 'HS_MESAJ' });
    expect(read.body.history.items).toHaveLength(3);
    expect(read.body.history.items[0].status).toBe('revoked');

    const profile = await owner.get(`/api/v1/customers/${c.id}`);
    expect(profile.body.quality.issues).not.toContain('consent_missing');
    const timeline = await owner.get(`/api/v1/customers/${c.id}/timeline`, { query: { type: 'consent.changed' } });
    expect(timeline.body.items).toHaveLength(3);
    expect(Object.keys(timeline.body.items[0].payload).sort()).toEqual(['channel', 'source', 'status']);
  });

  it('refuses a first record that is a revocation with 422 first_consent_revoked and writes nothing', async () => {
    const c = await customer();
    expectProblem(
      await owner.post(`/api/v1/customers/${c.id}/consents`, { channels: ['call'], status: 'revoked', source: 'HS_CAGRI_MERKEZI' }),
      422,
      'first_consent_revoked',
    );
    // A batch with one first revocation is refused whole.
    await owner.post(`/api/v1/customers/${c.id}/consents`, { channels: ['sms'], status: 'granted', source: 'HS_WEB' });
    expectProblem(
      await owner.post(`/api/v1/customers/${c.id}/consents`, { channels: ['sms', 'email'], status: 'revoked', source: 'HS_WEB' }),
      422,
      'first_consent_revoked',
    );
    expect(await count('consents', 'customer_id = $2', [c.id])).toBe(1);
  });

  it('validates sources, dates and fields', async () => {
    const c = await customer();
    const url = `/api/v1/customers/${c.id}/consents`;
    expectProblem(await owner.post(url, { ...grant, source: 'HS_UYDURMA' }), 400, 'validation_failed');
    expectProblem(await owner.post(url, { ...grant, source: "'; drop table consents; --" }), 400, 'validation_failed');
    expectProblem(await owner.post(url, { ...grant, channels: ['fax'] }), 400, 'validation_failed');
    expectProblem(await owner.post(url, { ...grant, channels: [] }), 400, 'validation_failed');
    // HS_KARAR is the provider's own decision to stop: a revocation only.
    const karar = expectProblem(await owner.post(url, { ...grant, source: 'HS_KARAR' }), 400, 'validation_failed');
    expect(karar.errors?.[0]).toMatchObject({ field: '/source', code: 'invalid_source' });
    const future = expectProblem(
      await owner.post(url, { ...grant, recordedAt: new Date(Date.now() + 86_400_000).toISOString() }),
      400,
      'validation_failed',
    );
    expect(future.errors?.[0].field).toBe('/recordedAt');
    expectProblem(await owner.post(url, { ...grant, recordedAt: '2014-01-01T10:00:00Z' }), 400, 'validation_failed');
    expect((await owner.post(url, { ...grant, source: 'HS_2015', recordedAt: '2014-01-01T10:00:00Z' })).status).toBe(201);
    expectProblem(await owner.post(url, { ...grant, textVersion: 'x'.repeat(101) }), 400, 'validation_failed');
    expectProblem(await owner.post(url, { ...grant, storeId: '00000000-0000-4000-8000-000000000000' }), 400, 'validation_failed');
    expectProblem(await owner.post(url, { ...grant, brandId: '00000000-0000-4000-8000-000000000000' }), 400, 'validation_failed');
    expectProblem(await owner.post(url, { ...grant, extra: 1 }), 400, 'validation_failed');
    expectProblem(await owner.post(url, { ...grant, textVersion: 'x'.repeat(2_000_000) }), 413, 'payload_too_large');
  });

  it('follows a merged id to the survivor, and 404s for unknown and other orgs’ customers', async () => {
    const c = await customer();
    expectProblem(await owner.post('/api/v1/customers/00000000-0000-4000-8000-000000000000/consents', grant), 404, 'not_found');
    const other = await t.newOrg('Başka');
    expectProblem(await other.owner.post(`/api/v1/customers/${c.id}/consents`, grant), 404, 'not_found');
    expectProblem(await other.owner.get(`/api/v1/customers/${c.id}/consents`), 404, 'not_found');
    expect(await count('consents', 'customer_id = $2', [c.id])).toBe(0);
  });

  it('lets store staff and POS keys record, not a marketer', async () => {
    const c = await customer();
    const store = await owner.post('/api/v1/stores', { code: 'KDK', name: 'Kadıköy' });
    expect(store.status, JSON.stringify(store.body)).toBe(201);
    const associate = await signedInAs(t, owner, 'associate', [store.body.id]);
    const res = await associate.post(`/api/v1/customers/${c.id}/consents`, { ...grant, channels: ['whatsapp'] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // The associate's only store is where it was recorded, with who recorded it.
    expect(res.body.history.items[0]).toMatchObject({ storeId: store.body.id, actorType: 'user' });
    const key = await owner.post('/api/v1/api-keys', { name: 'Kasa 1', scopes: ['pos'], storeCode: 'KDK' });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    const pos = await t.asApiKey(key.body.key).post(`/api/v1/customers/${c.id}/consents`, { ...grant, channels: ['call'] });
    expect(pos.status, JSON.stringify(pos.body)).toBe(201);
    const marketer = await signedInAs(t, owner, 'marketer');
    expectProblem(await marketer.post(`/api/v1/customers/${c.id}/consents`, grant), 403, 'forbidden');
    expect((await marketer.get(`/api/v1/customers/${c.id}/consents`)).status).toBe(200);
  });

  it('serialises concurrent writes to one customer: a revocation passes only after a committed grant', async () => {
    const c = await customer();
    const url = `/api/v1/customers/${c.id}/consents`;
    const [a, b] = await Promise.all([
      owner.post(url, { channels: ['sms'], status: 'revoked', source: 'HS_WEB' }),
      owner.post(url, { channels: ['sms'], status: 'granted', source: 'HS_WEB' }),
    ]);
    // Serialised per customer: the revocation passes only if the grant committed first.
    expect(b.status).toBe(201);
    expect([201, 422]).toContain(a.status);
    const history = (await owner.get(url)).body.history.items as { status: string }[];
    expect(history.at(-1)?.status).toBe('granted');
  });

  it('replays an idempotent retry instead of recording twice', async () => {
    const c = await customer();
    const headers = { 'idempotency-key': `consent-${c.id}` };
    const first = await owner.post(`/api/v1/customers/${c.id}/consents`, grant, { headers });
    const again = await owner.post(`/api/v1/customers/${c.id}/consents`, grant, { headers });
    expect(again.body).toEqual(first.body);
    expect(await count('consents', 'customer_id = $2', [c.id])).toBe(2);
  });
});

describe('merges', () => {
  it("moves the merged customer's history to the survivor on customer.merged, once", async () => {
    const survivor = await customer();
    const merged = await customer();
    await owner.post(`/api/v1/customers/${merged.id}/consents`, grant);
    const event = { type: 'customer.merged', customerId: survivor.id, payload: { survivorId: survivor.id, mergedId: merged.id } };
    await t.db.tenant(orgId, (tx) => emitEvent(tx, event));
    await t.app.ctx.events.drain();
    await t.db.tenant(orgId, (tx) => emitEvent(tx, event)); // a redelivery changes nothing
    await t.app.ctx.events.drain();
    expect(await count('consents', 'customer_id = $2', [merged.id])).toBe(0);
    const read = await owner.get(`/api/v1/customers/${survivor.id}/consents`);
    expect(read.body.history.items).toHaveLength(2);
    expect((await owner.get(`/api/v1/customers/${survivor.id}`)).body.quality.issues).not.toContain('consent_missing');
  });
});

describe('recordConsentsBulk', () => {
  it('records many entries set-based across chunks and refuses bad ones per entry', async () => {
    const ids = await t.db.tenant(orgId, (tx) =>
      insertCustomers(
        tx,
        Array.from({ length: 3000 }, (_, i) => ({
          columns: { firstName: `Toplu ${i}` },
          identities: [],
          createdVia: 'import',
          storeId: null,
        })),
      ),
    );
    const entries: ConsentEntry[] = ids.flatMap((customerId): ConsentEntry[] => [
      {
        customerId,
        channel: 'sms',
        status: 'granted',
        source: 'HS_FIZIKSEL_ORTAM',
        recordedAt: new Date(Date.now() - 60_000),
      },
      { customerId, channel: 'email', status: 'granted', source: 'HS_WEB', recordedAt: new Date(Date.now() - 60_000) },
      // Granted a minute ago, revoked now: fine even in the same file.
      { customerId, channel: 'sms', status: 'revoked', source: 'HS_MESAJ' },
    ]);
    entries.push(
      { customerId: ids[0], channel: 'call', status: 'revoked', source: 'HS_CAGRI_MERKEZI' },
      { customerId: 'not-a-uuid', channel: 'sms', status: 'granted', source: 'HS_WEB' },
      { customerId: '00000000-0000-4000-8000-000000000000', channel: 'sms', status: 'granted', source: 'HS_WEB' },
      { customerId: ids[1], channel: 'sms', status: 'granted', source: 'HS_UYDURMA' },
    );
    const result = await t.db.tenant(orgId, (tx) => recordConsentsBulk(tx, entries));
    expect(result.recorded).toBe(9000);
    expect(result.rejected).toEqual([
      { index: 9000, code: 'first_consent_revoked' },
      { index: 9001, code: 'invalid_customer' },
      { index: 9002, code: 'unknown_customer' },
      { index: 9003, code: 'invalid_source' },
    ]);
    expect(await count('consents', "customer_id = any($2::uuid[]) and status = 'revoked'", [ids])).toBe(3000);
    expect(await count('customers', 'id = any($2::uuid[]) and consent_recorded_at is not null', [ids])).toBe(3000);
    expect(await count('events', "type = 'consent.changed' and customer_id = any($2::uuid[])", [ids])).toBe(9000);
    const state = await owner.get(`/api/v1/customers/${ids[2999]}/consents`);
    expect(state.body.current.find((c: { channel: string }) => c.channel === 'sms').status).toBe('revoked');
  });

  it('remembers history across calls: a later revocation is not a first record', async () => {
    const c = await customer();
    const first = await t.db.tenant(orgId, (tx) =>
      recordConsentsBulk(tx, [{ customerId: c.id, channel: 'sms', status: 'revoked', source: 'HS_WEB' }]),
    );
    expect(first).toEqual({ recorded: 0, rejected: [{ index: 0, code: 'first_consent_revoked' }] });
    await owner.post(`/api/v1/customers/${c.id}/consents`, { channels: ['sms'], status: 'granted', source: 'HS_WEB' });
    const second = await t.db.tenant(orgId, (tx) =>
      recordConsentsBulk(tx, [{ customerId: c.id, channel: 'sms', status: 'revoked', source: 'HS_WEB' }]),
    );
    expect(second).toEqual({ recorded: 1, rejected: [] });
  });
});
