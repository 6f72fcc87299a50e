import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../testing/app';
import { runRetention } from './retention';

let t: TestApp;
let owner: Caller;
let orgId: string;
beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
});
afterAll(() => t.close());

let seq = 0;
const mobile = () => `+90542${String(2000000 + ++seq * 17).padStart(7, '0')}`;

interface Person {
  id: string;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
}
async function customer(firstName = 'Şebnem', lastName = `Öztürkoğlu${++seq}x`): Promise<Person> {
  const res = await owner.post('/api/v1/customers', {
    firstName,
    lastName,
    phone: mobile(),
    email: `kisi.${seq}.${Date.now()}@eposta.com.tr`,
    city: 'Eskişehir',
    tags: ['VIP-özel'],
    cards: [`KART${seq}9911`],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function request(customerId: string, type: string, extra: object = {}) {
  const res = await owner.post('/api/v1/privacy/requests', { customerId, type, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Every tenant table of the org as text, the way the isolation sweep lists them. */
async function orgText(): Promise<string> {
  const { rows } = await t.db.pool.query<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'org_id' order by 1`,
  );
  let all = '';
  for (const { table_name } of rows) {
    const res = await t.db.pool.query(`select coalesce(string_agg(x::text, '|'), '') as s from ${table_name} x where org_id = $1`, [orgId]);
    all += res.rows[0].s;
  }
  return all;
}

const auditActions = async (id: string) =>
  (await t.db.pool.query(`select action, details from audit_log where org_id = $1 and target_id = $2 order by id`, [orgId, id])).rows;

describe('data-subject requests', () => {
  it('are due 30 days after receipt, listed earliest due first, filtered by status and overdue', async () => {
    const c = await customer();
    const old = await request(c.id, 'rectification', { receivedAt: '2026-01-01T09:00:00Z', notes: 'Adres yanlış — "Kadıköy" olmalı' });
    expect(old.dueAt).toBe('2026-01-31T09:00:00.000Z');
    const fresh = await request(c.id, 'access');
    const list = await owner.get('/api/v1/privacy/requests', { query: { customerId: c.id } });
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([old.id, fresh.id]);
    const overdue = await owner.get('/api/v1/privacy/requests', { query: { overdue: 'true', customerId: c.id } });
    expect(overdue.body.items.map((r: { id: string }) => r.id)).toEqual([old.id]);
    const page = await owner.get('/api/v1/privacy/requests', { query: { customerId: c.id, limit: '1' } });
    expect(page.body.items).toHaveLength(1);
    const next = await owner.get('/api/v1/privacy/requests', { query: { customerId: c.id, limit: '1', cursor: page.body.nextCursor } });
    expect(next.body.items[0].id).toBe(fresh.id);
    expectProblem(await owner.get('/api/v1/privacy/requests', { query: { cursor: 'bozuk' } }), 400, 'invalid_cursor');
    expectProblem(await owner.get('/api/v1/privacy/requests', { query: { status: 'kapalı' } }), 400, 'validation_failed');
  });

  it('refuse bad input and other orgs’ customers', async () => {
    const c = await customer();
    expectProblem(await owner.post('/api/v1/privacy/requests', { customerId: c.id, type: 'silme' }), 400, 'validation_failed');
    expectProblem(await owner.post('/api/v1/privacy/requests', { customerId: "' or 1=1 --", type: 'access' }), 400, 'validation_failed');
    expectProblem(
      await owner.post('/api/v1/privacy/requests', { customerId: c.id, type: 'access', notes: 'x'.repeat(5001) }),
      400,
      'validation_failed',
    );
    const bad = expectProblem(
      await owner.post('/api/v1/privacy/requests', { customerId: c.id, type: 'access', ownerId: '00000000-0000-4000-8000-000000000000' }),
      400,
      'validation_failed',
    );
    expect(bad.errors?.[0].field).toBe('/ownerId');
    const other = await t.newOrg('Başka KVKK');
    expectProblem(await other.owner.post('/api/v1/privacy/requests', { customerId: c.id, type: 'access' }), 400, 'validation_failed');
    const mine = await request(c.id, 'access');
    expectProblem(await other.owner.get(`/api/v1/privacy/requests/${mine.id}`), 404, 'not_found');
    expectProblem(await other.owner.post(`/api/v1/privacy/requests/${mine.id}/execute`), 404, 'not_found');
    const marketer = await signedInAs(t, owner, 'marketer');
    expectProblem(await marketer.get('/api/v1/privacy/requests'), 403, 'forbidden');
  });

  it('audit every status and owner change, and stay closed once done', async () => {
    const c = await customer();
    const r = await request(c.id, 'rectification');
    const userId = (await owner.get('/api/v1/me')).body.user.id;
    const taken = await owner.patch(`/api/v1/privacy/requests/${r.id}`, { status: 'in_progress', ownerId: userId });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body).toMatchObject({ status: 'in_progress', ownerId: userId });
    // Rectification is done on the profile; the request only tracks it.
    expectProblem(await owner.post(`/api/v1/privacy/requests/${r.id}/execute`), 409, 'not_executable');
    const done = await owner.patch(`/api/v1/privacy/requests/${r.id}`, { status: 'done', resolution: 'Soyadı düzeltildi.' });
    expect(done.body.history.map((h: { action: string }) => h.action)).toEqual(['created', 'status', 'owner', 'status']);
    expectProblem(await owner.patch(`/api/v1/privacy/requests/${r.id}`, { status: 'open' }), 409, 'request_closed');
    const audit = await auditActions(r.id);
    expect(audit.map((a) => a.action)).toEqual([
      'privacy.request.create',
      'privacy.request.status',
      'privacy.request.owner',
      'privacy.request.status',
    ]);
    expect(audit[3].details).toEqual({ from: 'in_progress', to: 'done' });
  });

  it('access: produces a machine-readable export to download', async () => {
    const c = await customer();
    await owner.post(`/api/v1/customers/${c.id}/notes`, { body: 'Kırmızı elbise istedi' });
    await owner.post(`/api/v1/customers/${c.id}/consents`, { channels: ['sms'], status: 'granted', source: 'HS_FIZIKSEL_ORTAM' });
    const r = await request(c.id, 'access');
    expectProblem(await owner.get(`/api/v1/privacy/requests/${r.id}/export`), 404, 'no_export');
    const done = await owner.post(`/api/v1/privacy/requests/${r.id}/execute`);
    expect(done.body).toMatchObject({ status: 'done', hasExport: true, resolution: 'export_ready' });
    const file = await owner.get(`/api/v1/privacy/requests/${r.id}/export`);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toContain(`kvkk-export-${r.id}.json`);
    const { data } = file.body;
    expect(data.customers.profile).toMatchObject({ firstName: c.firstName, phone: c.phone, city: 'Eskişehir', tags: ['VIP-özel'] });
    expect(data.customers.identities).toEqual(expect.arrayContaining([{ kind: 'card', value: expect.stringMatching(/^KART/) }]));
    expect(data.customers.notes[0].body).toBe('Kırmızı elbise istedi');
    expect(data.customers.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['customer.created', 'consent.changed']),
    );
    expect(data.privacy.consents[0]).toMatchObject({ channel: 'sms', status: 'granted' });
    expect((await auditActions(r.id)).map((a) => a.action)).toContain('privacy.request.download');
    expectProblem(await owner.post(`/api/v1/privacy/requests/${r.id}/execute`), 409, 'request_closed');
  });

  it('objection: revokes every granted marketing consent with HS_KARAR', async () => {
    const c = await customer();
    await owner.post(`/api/v1/customers/${c.id}/consents`, { channels: ['sms', 'email'], status: 'granted', source: 'HS_WEB' });
    const r = await request(c.id, 'objection');
    const done = await owner.post(`/api/v1/privacy/requests/${r.id}/execute`);
    expect(done.body.resolution).toBe('revoked:email,sms');
    const consents = await owner.get(`/api/v1/customers/${c.id}/consents`);
    expect(consents.body.current.map((x: { status: string; source: string }) => [x.status, x.source])).toEqual([
      ['revoked', 'HS_KARAR'],
      ['revoked', 'HS_KARAR'],
    ]);
  });

  it('erasure: leaves no name, phone, e-mail or note of the customer in any table, keeps the row', async () => {
    const c = await customer('Ümran', `Ağaoğlu${Date.now()}`);
    const twin = await customer('Ümran', `İkizoğlu${Date.now()}`);
    await owner.post(`/api/v1/customers/${c.id}/notes`, { body: 'Gizli not: eşi Kemal Bey' });
    await owner.post(`/api/v1/customers/${c.id}/consents`, { channels: ['sms'], status: 'granted', source: 'HS_WEB' });
    // An idempotent write stores its answer, which repeats the profile.
    await owner.patch(`/api/v1/customers/${c.id}`, { district: 'Tepebaşı' }, { headers: { 'idempotency-key': `edit-${c.id}` } });
    await owner.post(`/api/v1/customers/${c.id}/notes`, { body: 'Tekrar' }, { headers: { 'idempotency-key': `note-${c.id}` } });
    const access = await request(c.id, 'access');
    await owner.post(`/api/v1/privacy/requests/${access.id}/execute`);
    const r = await request(c.id, 'erasure', { notes: `${c.firstName} ${c.lastName} aradı, silinmesini istedi` });
    const before = await orgText();
    for (const v of [c.lastName, c.phone, c.email, 'Gizli not']) expect(before).toContain(v);

    const done = await owner.post(`/api/v1/privacy/requests/${r.id}/execute`);
    expect(done.body).toMatchObject({ status: 'done', resolution: 'erased', notes: null });
    const after = await orgText();
    for (const v of [c.lastName, c.phone, c.email, 'Gizli not', 'Kemal', 'Tepebaşı']) expect(after, v).not.toContain(v);
    expect(after).toContain(twin.lastName); // only this customer
    const row = await owner.get(`/api/v1/customers/${c.id}`);
    expect(row.body).toMatchObject({ id: c.id, status: 'anonymized', firstName: null, phone: null, email: null, tags: [] });
    expect((await owner.get(`/api/v1/customers/${c.id}/timeline`, { query: { type: 'customer.anonymized' } })).body.items).toHaveLength(1);
    expect((await owner.get(`/api/v1/privacy/requests/${access.id}`)).body.hasExport).toBe(false);
    expectProblem(
      await owner.post(`/api/v1/customers/${c.id}/consents`, { channels: ['sms'], status: 'granted', source: 'HS_WEB' }),
      404,
      'not_found',
    );
  });
});

describe('retention', () => {
  it('is off by default; a dry run counts and samples, the run anonymises the inactive', async () => {
    expect((await owner.get('/api/v1/privacy/retention')).body).toMatchObject({ enabled: false, inactiveYears: null, messageDays: null });
    expectProblem(await owner.post('/api/v1/privacy/retention/run'), 409, 'retention_disabled');
    expectProblem(await owner.patch('/api/v1/privacy/retention', { inactiveYears: 0 }), 400, 'validation_failed');
    const sleeper = await customer('Uykucu', `Eskioğlu${Date.now()}`);
    const active = await customer();
    await t.db.pool.query(`update customers set last_activity_at = now() - interval '4 years' where org_id = $1 and id = $2`, [
      orgId,
      sleeper.id,
    ]);

    const dry = await owner.post('/api/v1/privacy/retention/dry-run', { inactiveYears: 3, messageDays: 90 });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ customers: 1, sample: [sleeper.id], messages: 0, messagePurgers: ['messaging'] });
    expect((await owner.get(`/api/v1/customers/${sleeper.id}`)).body.status).toBe('active'); // a dry run changes nothing

    const saved = await owner.patch('/api/v1/privacy/retention', { enabled: true, inactiveYears: 3, messageDays: 90 });
    expect(saved.body).toMatchObject({ enabled: true, inactiveYears: 3, messageDays: 90 });
    const run = await owner.post('/api/v1/privacy/retention/run');
    expect(run.status).toBe(202);
    expect((await owner.get(`/api/v1/jobs/${run.body.jobId}`)).status).toBe(200);
    // The worker's job does this; run it here, in the test's process.
    const report = await runRetention(t.app.ctx, orgId);
    expect(report).toMatchObject({ customers: 1, sample: [sleeper.id] });
    expect((await owner.get(`/api/v1/customers/${sleeper.id}`)).body).toMatchObject({ status: 'anonymized', lastName: null });
    expect((await owner.get(`/api/v1/customers/${active.id}`)).body.status).toBe('active');
    expect((await owner.get('/api/v1/privacy/retention')).body.lastResult).toMatchObject({ customers: 1 });
  });
});
