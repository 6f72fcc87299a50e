import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../../testing/app';
import { enqueueMessages, type MessageRequest } from './enqueue';
import { afterQuietHours } from './quiet-hours';
import { customerWith, fakeProvider, rows } from './test-helpers';
import { drainOrg } from './worker';

let t: TestApp;
let owner: Caller;
let orgId: string;

const NO_QUIET = { quietHours: { start: '00:00', end: '00:00' } };

beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
  // Tests run at any hour: quiet hours are switched off except where a test sets them.
  expect((await owner.patch('/api/v1/messaging/settings', NO_QUIET)).status).toBe(200);
});
afterAll(() => t.close());

const sms = (customerId: string, over: Partial<MessageRequest> = {}): MessageRequest => ({
  customerId,
  channel: 'sms',
  purpose: 'marketing',
  content: { text: 'Sizi özledik! Bu hafta %15 indirim.' },
  ...over,
});

const enqueue = (list: MessageRequest[]) => t.db.tenant(orgId, (tx) => enqueueMessages(tx, t.app.ctx, list));

const statusOf = async (id: string) =>
  (
    await rows<{ status: string; skip_reason: string | null }>(
      t,
      'select status, skip_reason from messages where org_id = $1 and id = $2',
      [orgId, id],
    )
  )[0];

describe('quiet hours', () => {
  const IST = 'Europe/Istanbul';
  const quiet = { start: 21 * 60, end: 9 * 60 };

  it('moves a time inside the period to its end in the org zone, across midnight, and leaves other times', () => {
    // 22:30 Istanbul (19:30 UTC) → 09:00 next day (06:00 UTC).
    expect(afterQuietHours(new Date('2026-03-10T19:30:00Z'), IST, quiet).toISOString()).toBe('2026-03-11T06:00:00.000Z');
    // 02:00 Istanbul on the 11th (23:00 UTC on the 10th) → 09:00 the same local day.
    expect(afterQuietHours(new Date('2026-03-10T23:00:00Z'), IST, quiet).toISOString()).toBe('2026-03-11T06:00:00.000Z');
    // Exactly 21:00 is quiet, 09:00 is not; 20:59 is not.
    expect(afterQuietHours(new Date('2026-03-10T18:00:00Z'), IST, quiet).toISOString()).toBe('2026-03-11T06:00:00.000Z');
    expect(afterQuietHours(new Date('2026-03-11T06:00:00Z'), IST, quiet).toISOString()).toBe('2026-03-11T06:00:00.000Z');
    expect(afterQuietHours(new Date('2026-03-10T17:59:00Z'), IST, quiet).toISOString()).toBe('2026-03-10T17:59:00.000Z');
    // Month end: 23:00 on 31 Dec → 09:00 on 1 Jan.
    expect(afterQuietHours(new Date('2026-12-31T20:00:00Z'), IST, quiet).toISOString()).toBe('2027-01-01T06:00:00.000Z');
  });

  it('reads the org zone (New York, with DST) and a period within one day', () => {
    const ny = 'America/New_York';
    // 23:00 in New York on 7 March (04:00 UTC on the 8th); DST starts on the 8th: 09:00 EDT = 13:00 UTC.
    expect(afterQuietHours(new Date('2026-03-08T04:00:00Z'), ny, quiet).toISOString()).toBe('2026-03-08T13:00:00.000Z');
    const lunch = { start: 12 * 60, end: 13 * 60 + 30 };
    expect(afterQuietHours(new Date('2026-06-01T09:15:00Z'), IST, lunch).toISOString()).toBe('2026-06-01T10:30:00.000Z');
    expect(afterQuietHours(new Date('2026-06-01T11:00:00Z'), IST, lunch).toISOString()).toBe('2026-06-01T11:00:00.000Z');
    expect(afterQuietHours(new Date('2026-06-01T11:00:00Z'), IST, { start: 600, end: 600 }).toISOString()).toBe('2026-06-01T11:00:00.000Z');
  });

  it('holds marketing queued in quiet hours until their end (not dropped); transactional goes now', async () => {
    const c = await customerWith(owner, { consents: ['sms'] });
    // A quiet period around the current Istanbul time.
    const now = new Date();
    const local = (d: Date) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Istanbul', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
    const start = local(new Date(now.getTime() - 3_600_000));
    const end = local(new Date(now.getTime() + 3_600_000));
    expect((await owner.patch('/api/v1/messaging/settings', { quietHours: { start, end } })).body.quietHours).toEqual({ start, end });
    try {
      const r = await enqueue([sms(c.id), sms(c.id, { purpose: 'transactional', content: { text: 'Siparişiniz hazır.' } })]);
      expect(r).toMatchObject({ queued: 2, skipped: {} });
      const [held] = await rows<{ not_before: Date; status: string }>(t, 'select not_before, status from messages where id = $1', [
        r.ids[0],
      ]);
      expect(held.status).toBe('queued');
      const wait = held.not_before.getTime() - now.getTime();
      expect(wait).toBeGreaterThan(55 * 60_000);
      expect(wait).toBeLessThanOrEqual(61 * 60_000);
      const fake = fakeProvider();
      await drainOrg(t.app.ctx, orgId, { resolve: fake.resolve });
      expect(fake.sent.map((m) => m.id)).toEqual([r.ids[1]]);
      expect(fake.sent[0].transactional).toBe(true);
      expect((await statusOf(r.ids[0]!)).status).toBe('queued');
    } finally {
      await owner.patch('/api/v1/messaging/settings', NO_QUIET);
    }
  });
});

describe('compliance at enqueue', () => {
  it('skips marketing without an address or consent, counts every reason; transactional needs only an address', async () => {
    const granted = await customerWith(owner, { consents: ['sms', 'email'] });
    const none = await customerWith(owner);
    const noEmail = await customerWith(owner, { consents: ['sms', 'email'], email: false });
    const r = await enqueue([
      sms(granted.id),
      sms(none.id),
      sms(noEmail.id, { channel: 'email', content: { subject: 'Kampanya', text: 'Merhaba' } }),
      sms(none.id, { purpose: 'transactional', content: { text: 'Randevunuz yarın 10:00.' } }),
      sms('019a0000-0000-7000-8000-000000000bad'),
    ]);
    expect(r.queued).toBe(2);
    expect(r.skipped).toEqual({ no_consent: 1, no_address: 1, unknown_customer: 1 });
    expect(r.ids[4]).toBeNull();
    expect(await statusOf(r.ids[1]!)).toEqual({ status: 'skipped', skip_reason: 'no_consent' });
    expect(await statusOf(r.ids[2]!)).toEqual({ status: 'skipped', skip_reason: 'no_address' });
    expect(await statusOf(r.ids[3]!)).toEqual({ status: 'queued', skip_reason: null });
  });

  it('caps marketing per customer across campaigns (default 2 in 7 days), within one batch too; transactional is not counted', async () => {
    const c = await customerWith(owner, { consents: ['sms', 'email'] });
    const other = await customerWith(owner, { consents: ['sms'] });
    const campaign = (n: number) => `019a0000-0000-7000-8000-00000000000${n}`;
    expect((await enqueue([sms(c.id, { campaignId: campaign(1) })])).queued).toBe(1);
    expect((await enqueue([sms(c.id, { purpose: 'transactional' })])).queued).toBe(1);
    // The second campaign fits, the third (other channel, same week) does not; the other customer is unaffected.
    const r = await enqueue([
      sms(c.id, { campaignId: campaign(2) }),
      sms(c.id, { campaignId: campaign(3), channel: 'email', content: { text: 'E-posta' } }),
      sms(other.id, { campaignId: campaign(3) }),
    ]);
    expect(r).toMatchObject({ queued: 2, skipped: { frequency_cap: 1 } });
    expect((await statusOf(r.ids[1]!)).skip_reason).toBe('frequency_cap');
    // A skipped message does not count; a wider cap lets the next one through.
    expect((await owner.patch('/api/v1/messaging/settings', { frequencyCap: { messages: 3, days: 7 } })).status).toBe(200);
    expect((await enqueue([sms(c.id, { campaignId: campaign(4) })])).queued).toBe(1);
    expect((await enqueue([sms(c.id, { campaignId: campaign(5) })])).skipped).toEqual({ frequency_cap: 1 });
    await owner.patch('/api/v1/messaging/settings', { frequencyCap: { messages: 2, days: 7 } });
  });

  it('skips suppressed addresses for marketing only; the list is managed through the API', async () => {
    const c = await customerWith(owner, { consents: ['sms'] });
    const add = await owner.post('/api/v1/messaging/suppressions', { channel: 'sms', address: c.phone.replace('+90', '0') });
    expect(add.status, JSON.stringify(add.body)).toBe(201);
    expect(add.body).toMatchObject({ channel: 'sms', address: c.phone, reason: 'manual' });
    // Adding it again answers the same entry.
    expect((await owner.post('/api/v1/messaging/suppressions', { channel: 'sms', address: c.phone })).body.id).toBe(add.body.id);
    const r = await enqueue([sms(c.id), sms(c.id, { purpose: 'transactional' })]);
    expect(r).toMatchObject({ queued: 1, skipped: { suppressed: 1 } });
    const list = await owner.get('/api/v1/messaging/suppressions', { query: { channel: 'sms' } });
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(add.body.id);
    // A marketer (no pii.read) sees it masked.
    const marketer = await signedInAs(t, owner, 'marketer');
    const masked = await marketer.get('/api/v1/messaging/suppressions');
    expect(masked.body.items.find((s: { id: string }) => s.id === add.body.id).address).not.toBe(c.phone);
    expectProblem(
      await owner.post('/api/v1/messaging/suppressions', { channel: 'sms', address: "'; drop table messages; --" }),
      400,
      'validation_failed',
    );
    expectProblem(
      await owner.post('/api/v1/messaging/suppressions', { channel: 'email', address: 'not-an-email' }),
      400,
      'validation_failed',
    );
    expectProblem(await owner.post('/api/v1/messaging/suppressions', { channel: 'fax', address: c.phone }), 400, 'validation_failed');
    expect((await owner.delete(`/api/v1/messaging/suppressions/${add.body.id}`)).status).toBe(204);
    expectProblem(await owner.delete(`/api/v1/messaging/suppressions/${add.body.id}`), 404, 'not_found');
    expect((await enqueue([sms(c.id)])).queued).toBe(1);
  });

  it('requires İYS acceptance where İYS sync is on', async () => {
    await t.db.pool.query(`insert into iys_settings (org_id, scope, enabled) values ($1, 'org', true)`, [orgId]);
    try {
      // Recorded while İYS is on: queued for İYS (pending), not yet accepted.
      const c = await customerWith(owner, { consents: ['sms'] });
      expect((await enqueue([sms(c.id)])).skipped).toEqual({ iys_not_accepted: 1 });
      // WhatsApp is not an İYS channel.
      expect((await enqueue([sms(c.id, { channel: 'whatsapp', purpose: 'transactional' })])).queued).toBe(1);
      await t.db.pool.query(
        `update consent_iys_sync set status = 'accepted' where org_id = $1 and consent_id in (select id from consents where customer_id = $2)`,
        [orgId, c.id],
      );
      expect((await enqueue([sms(c.id)])).queued).toBe(1);
      // A brand without its own İYS sync follows the org's.
      expect((await enqueue([sms(c.id, { brandId: '019a0000-0000-7000-8000-0000000000b1' })])).queued).toBe(1);
    } finally {
      await t.db.pool.query(`delete from iys_settings where org_id = $1`, [orgId]);
    }
  });

  it('skips at send time a recipient whose consent was revoked after queueing', async () => {
    const c = await customerWith(owner, { consents: ['sms'] });
    const kept = await customerWith(owner, { consents: ['sms'] });
    const r = await enqueue([sms(c.id), sms(kept.id)]);
    expect(r.queued).toBe(2);
    const revoke = await owner.post(`/api/v1/customers/${c.id}/consents`, { channels: ['sms'], status: 'revoked', source: 'HS_WEB' });
    expect(revoke.status).toBe(201);
    const fake = fakeProvider();
    const result = await drainOrg(t.app.ctx, orgId, { resolve: fake.resolve });
    expect(result.skipped).toBeGreaterThanOrEqual(1);
    expect(await statusOf(r.ids[0]!)).toEqual({ status: 'skipped', skip_reason: 'consent_revoked' });
    expect((await statusOf(r.ids[1]!)).status).toBe('sent');
    expect(fake.sent.map((m) => m.id)).not.toContain(r.ids[0]);
  });
});

describe('settings', () => {
  it('answers the defaults, validates changes and leaves nothing half written', async () => {
    const other = await t.newOrg('Ayarlar');
    expect((await other.owner.get('/api/v1/messaging/settings')).body).toEqual({
      quietHours: { start: '21:00', end: '09:00' },
      frequencyCap: { messages: 2, days: 7 },
      maxAttempts: 5,
    });
    for (const bad of [
      { quietHours: { start: '24:00', end: '09:00' } },
      { quietHours: { start: '21:00' } },
      { frequencyCap: { messages: -1, days: 7 } },
      { frequencyCap: { messages: 2, days: 0 } },
      { maxAttempts: 1000 },
      { quietHours: { start: '21:00', end: '09:00' }, extra: true },
    ]) {
      expectProblem(await other.owner.patch('/api/v1/messaging/settings', bad), 400, 'validation_failed');
    }
    expect((await other.owner.get('/api/v1/messaging/settings')).body.quietHours.start).toBe('21:00');
    const analyst = await signedInAs(t, other.owner, 'analyst');
    expect((await analyst.patch('/api/v1/messaging/settings', { maxAttempts: 2 })).status).toBe(403);
  });
});
