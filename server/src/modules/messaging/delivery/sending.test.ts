import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasePersonalData, exportPersonalData } from '../../../platform/personal-data';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../../testing/app';
import { ProviderError } from '../providers/types';
import { enqueueMessages, type MessageRequest } from './enqueue';
import { applyReplies, applyReports, isRetReply } from './feedback';
import { customerWith, fakeProvider, rows } from './test-helpers';
import { drainOrg } from './worker';

let t: TestApp;
let owner: Caller;
let orgId: string;

beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
  await owner.patch('/api/v1/messaging/settings', { quietHours: { start: '00:00', end: '00:00' }, frequencyCap: { messages: 0, days: 7 } });
});
afterAll(() => t.close());

const enqueue = (list: MessageRequest[]) => t.db.tenant(orgId, (tx) => enqueueMessages(tx, t.app.ctx, list));
// biome-ignore lint/suspicious/noExplicitAny: rows of the messages table, asserted field by field
const message = async (id: string) => (await rows<any>(t, 'select * from messages where org_id = $1 and id = $2', [orgId, id]))[0];
const eventsOf = async (id: string) =>
  (
    await rows<{ type: string; payload: Record<string, unknown>; customer_id: string }>(
      t,
      'select type, payload, customer_id from events where org_id = $1 and subject_id = $2 order by occurred_at, id',
      [orgId, id],
    )
  ).map((e) => e.type);

describe('sending', () => {
  it('retries a retryable provider error with backoff, then fails with its message; the others are sent', async () => {
    const customers = await Promise.all([1, 2, 3, 4].map(() => customerWith(owner, { consents: ['sms'] })));
    await owner.patch('/api/v1/messaging/settings', { maxAttempts: 3 });
    const r = await enqueue(
      customers.map((c, i) => ({ customerId: c.id, channel: 'sms', purpose: 'marketing', content: { text: `Kampanya ${i} — çğışöü` } })),
    );
    const [flaky, broken, badNumber] = r.ids as string[];
    const fake = fakeProvider((m, attempt) => {
      if (m.id === flaky && attempt < 2) return new ProviderError('503 Service Unavailable', true, 503);
      if (m.id === broken) return new ProviderError('Zaman aşımı: sağlayıcı yanıt vermedi', true);
      if (m.id === badNumber) return new ProviderError('Geçersiz numara (code 40)', false, 400);
      return null;
    });
    // First round: a 1-minute backoff keeps the retries waiting.
    const first = await drainOrg(t.app.ctx, orgId, { resolve: fake.resolve, retryBaseMs: 60_000 });
    expect(first).toMatchObject({ sent: 1, failed: 1, retried: 2 });
    expect(await message(broken)).toMatchObject({ status: 'queued', attempts: 1, error: 'Zaman aşımı: sağlayıcı yanıt vermedi' });
    expect((await message(broken)).next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(await message(badNumber)).toMatchObject({ status: 'failed', attempts: 1, error: 'Geçersiz numara (code 40)' });
    // Without the backoff the retries run until the attempt limit.
    const rest = await drainOrg(t.app.ctx, orgId, { resolve: fake.resolve, retryBaseMs: 0 });
    await t.db.pool.query('update messages set next_attempt_at = now() where org_id = $1 and status = $2', [orgId, 'queued']);
    const last = await drainOrg(t.app.ctx, orgId, { resolve: fake.resolve, retryBaseMs: 0 });
    expect(rest.sent + last.sent).toBe(1);
    expect(await message(flaky)).toMatchObject({ status: 'sent', attempts: 2, provider_message_id: `pm-${flaky}`, parts: 1, cost: 7 });
    expect(await message(broken)).toMatchObject({ status: 'failed', attempts: 3, error: 'Zaman aşımı: sağlayıcı yanıt vermedi' });
    expect(fake.attempts.get(broken)).toBe(3);
    expect(await message(r.ids[3]!)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await eventsOf(flaky)).toEqual(['message.sent']);
    expect(await eventsOf(broken)).toEqual(['message.failed']);
    const [sentEvent] = await rows<{ payload: Record<string, unknown> }>(t, 'select payload from events where subject_id = $1', [flaky]);
    expect(sentEvent.payload).toEqual({
      messageId: flaky,
      channel: 'sms',
      purpose: 'marketing',
      campaignId: null,
      variant: null,
      templateId: null,
    });
    await owner.patch('/api/v1/messaging/settings', { maxAttempts: 5 });
  });

  it('sends through the outbox provider by default: delivered at once', async () => {
    const c = await customerWith(owner);
    const r = await enqueue([{ customerId: c.id, channel: 'sms', purpose: 'transactional', content: { text: 'Siparişiniz hazır.' } }]);
    expect((await drainOrg(t.app.ctx, orgId)).sent).toBeGreaterThanOrEqual(1);
    expect(await message(r.ids[0]!)).toMatchObject({ status: 'delivered', provider_kind: 'outbox' });
    expect(await eventsOf(r.ids[0]!)).toEqual(['message.sent', 'message.delivered']);
  });
});

describe('tracking and unsubscribe', () => {
  async function sendEmail(purpose: 'marketing' | 'transactional' = 'marketing') {
    const c = await customerWith(owner, { consents: ['email', 'sms'] });
    const r = await enqueue([
      {
        customerId: c.id,
        channel: 'email',
        purpose,
        content: {
          subject: 'Yeni sezon: İstanbul mağazamızda',
          text: 'Merhaba Ayşe Hanım',
          html: '<html><body><p>Merhaba</p><a href="https://magaza.example/kampanya?a=1&amp;b=2">Kampanya</a> <a href="mailto:x@y.z">yaz</a></body></html>',
        },
      },
    ]);
    const fake = fakeProvider();
    await drainOrg(t.app.ctx, orgId, { resolve: fake.resolve });
    const sent = fake.sent.find((m) => m.id === r.ids[0])!;
    const path = (url: string) => url.replace(t.app.ctx.config.publicUrl, '');
    const click = path(/href="([^"]*\/t\/c\/[^"]+)"/.exec(sent.html!)![1]);
    const open = path(/src="([^"]*\/t\/o\/[^"]+)"/.exec(sent.html!)![1]);
    return { c, id: r.ids[0]!, sent, click, open };
  }

  it('rewrites links to signed click tokens, adds the open pixel and records the first open and click', async () => {
    const { id, sent, click, open } = await sendEmail();
    expect(sent.html).toContain('href="mailto:x@y.z"');
    expect(sent.html).not.toContain('magaza.example');
    const px = await t.anonymous.get(open);
    expect(px.status).toBe(200);
    expect(px.headers['content-type']).toBe('image/gif');
    await t.anonymous.get(open);
    const go = await t.anonymous.get(click);
    expect(go.status).toBe(302);
    expect(go.headers.location).toBe('https://magaza.example/kampanya?a=1&b=2');
    await t.anonymous.get(click);
    const m = await message(id);
    expect(m.opened_at).not.toBeNull();
    expect(m.clicked_at).not.toBeNull();
    expect(await eventsOf(id)).toEqual(['message.sent', 'message.opened', 'message.clicked']);
  });

  it('refuses tampered, foreign-kind and forged tokens without an open redirect', async () => {
    const { click, open } = await sendEmail();
    const token = click.split('/').pop()!;
    const [body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify(['c', orgId, '019a0000-0000-7000-8000-000000000001', 'https://evil.example'])).toString(
      'base64url',
    );
    for (const url of [
      `/t/c/${forged}.${sig}`,
      `/t/c/${body}.${sig.slice(0, -2)}AA`,
      `/t/c/${body}`,
      `/t/o/${token}`, // a click token is not an open token
      `/t/c/${open.split('/').pop()}`,
      `/t/c/${'x'.repeat(5000)}`,
      "/t/c/'%20or%201=1--",
    ]) {
      const res = await t.anonymous.get(url);
      expect([400, 404], url).toContain(res.status);
      expect(res.headers.location).toBeUndefined();
    }
  });

  it('one-click unsubscribe (RFC 8058): headers on marketing only; the POST revokes e-mail consent and suppresses, once', async () => {
    const { c, id, sent } = await sendEmail();
    expect(sent.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const link = /^<(.+)>$/.exec(sent.headers!['List-Unsubscribe'])![1].replace(t.app.ctx.config.publicUrl, '');
    expect(sent.text).toContain(link);
    const page = await t.anonymous.get(link, { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Yes, unsubscribe');
    // Viewing the page changes nothing.
    expect((await message(id)).unsubscribed_at).toBeNull();
    const post = () =>
      t.anonymous.request('POST', link, {
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const res = await post();
    expect(res.status).toBe(200);
    expect(res.body).toContain('Aboneliğiniz iptal edildi');
    expect((await post()).status).toBe(200);
    const consents = await owner.get(`/api/v1/customers/${c.id}/consents`);
    const current = consents.body.current ?? consents.body.items ?? consents.body;
    expect(JSON.stringify(current)).toMatch(/"channel":"email","status":"revoked"/);
    expect(await rows(t, `select reason from message_suppressions where org_id = $1 and address = $2`, [orgId, c.email])).toEqual([
      { reason: 'unsubscribed' },
    ]);
    expect((await eventsOf(id)).filter((e) => e === 'message.unsubscribed')).toHaveLength(1);
    // Marketing to that address is now skipped; a bad token gets the page's 404.
    const again = await enqueue([{ customerId: c.id, channel: 'email', purpose: 'marketing', content: { text: 'x' } }]);
    expect(again.skipped).toEqual({ suppressed: 1 });
    expect((await t.anonymous.request('POST', `${link}x`, { body: '' })).status).toBe(404);
    const tx = await sendEmail('transactional');
    expect(tx.sent.headers).toBeUndefined();
  });
});

describe('delivery reports and replies', () => {
  it('answers 404 for an unknown configuration and for an id that is not one', async () => {
    expectProblem(await t.anonymous.post('/api/v1/messaging/webhooks/019a0000-0000-7000-8000-0000000000aa', { x: 1 }), 404, 'not_found');
    expectProblem(await t.anonymous.post('/api/v1/messaging/webhooks/not-a-uuid', { x: 1 }), 404, 'not_found');
  });

  it('takes signed reports through the provider (Twilio): bad signature 401, good one applied forward only', async () => {
    const c = await customerWith(owner, { consents: ['sms'] });
    const config = await owner.post('/api/v1/messaging/providers', {
      kind: 'twilio',
      channel: 'sms',
      name: 'Twilio',
      settings: { accountSid: `AC${'b2'.repeat(16)}`, from: '+15005550006' },
      secrets: { authToken: 'tw-token' },
    });
    expect(config.status, JSON.stringify(config.body)).toBe(201);
    const r = await enqueue([{ customerId: c.id, channel: 'sms', purpose: 'transactional', content: { text: 'Kargonuz yolda.' } }]);
    const fake = fakeProvider(() => null, { configId: config.body.id, providerMessageId: () => 'SM-DLR-1' });
    await drainOrg(t.app.ctx, orgId, { resolve: fake.resolve });
    const id = r.ids[0]!;
    const path = config.body.webhookUrl.replace(t.app.ctx.config.publicUrl, '');
    const post = (params: Record<string, string>, signature: string) =>
      t.anonymous.post(path, new URLSearchParams(params).toString(), {
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      });
    const sign = (params: Record<string, string>) =>
      createHmac('sha1', 'tw-token')
        .update(
          Object.keys(params)
            .sort()
            .reduce((acc, k) => acc + k + params[k], config.body.webhookUrl),
        )
        .digest('base64');
    const delivered = { MessageSid: 'SM-DLR-1', MessageStatus: 'delivered' };
    expectProblem(await post(delivered, 'bogus'), 401, 'webhook_signature');
    expect((await message(id)).status).toBe('sent');
    const ok = await post(delivered, sign(delivered));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ reports: 1, revoked: 0 });
    // A repeat changes nothing; a late failure does not undo the delivery.
    expect((await post(delivered, sign(delivered))).body.reports).toBe(0);
    const failed = { MessageSid: 'SM-DLR-1', MessageStatus: 'undelivered', ErrorCode: '30003' };
    expect((await post(failed, sign(failed))).body.reports).toBe(0);
    expect(await message(id)).toMatchObject({ status: 'delivered', error: null });
    expect(await eventsOf(id)).toEqual(['message.sent', 'message.delivered']);
    // An inbound RET through the same webhook.
    const reply = { From: c.phone, Body: 'RET', MessageSid: 'SM-IN-1' };
    await owner.post(`/api/v1/customers/${c.id}/consents`, { channels: ['sms'], status: 'granted', source: 'HS_WEB' });
    expect((await post(reply, sign(reply))).body).toEqual({ reports: 0, revoked: 1 });
    // Reports of a failed delivery are applied by provider id.
    expect(await t.db.tenant(orgId, (tx) => applyReports(tx, config.body.id, [{ providerMessageId: 'unknown', status: 'failed' }]))).toBe(
      0,
    );
  });

  it('recognises RET replies in any case, with a brand after it', () => {
    for (const text of ['RET', 'ret', ' Ret ', 'RET MAĞAZAM', 'ret\tİstanbul']) expect(isRetReply(text), text).toBe(true);
    for (const text of ['RETURN', 'Teşekkürler', 'evet ret', '']) expect(isRetReply(text), text).toBe(false);
  });

  it('a RET reply revokes the SMS consent of that phone and suppresses it', async () => {
    const c = await customerWith(owner, { consents: ['sms', 'email'] });
    const national = `0${c.phone.slice(3)}`;
    const revoked = await t.db.tenant(orgId, (tx) =>
      applyReplies(tx, [
        { from: national, text: 'Ret' },
        { from: '+905550000000', text: 'RET' },
        { from: c.phone, text: 'Merhaba' },
      ]),
    );
    expect(revoked).toBe(1);
    const consents = await owner.get(`/api/v1/customers/${c.id}/consents`);
    const text = JSON.stringify(consents.body);
    expect(text).toMatch(/"channel":"sms","status":"revoked"/);
    expect(text).toMatch(/"channel":"email","status":"granted"/);
    const listed = await rows(
      t,
      `select address, reason from message_suppressions where org_id = $1 and channel = 'sms' and reason = 'ret_reply'`,
      [orgId],
    );
    expect(listed).toEqual(
      expect.arrayContaining([
        { address: c.phone, reason: 'ret_reply' },
        { address: '+905550000000', reason: 'ret_reply' },
      ]),
    );
    const after = await enqueue([{ customerId: c.id, channel: 'sms', purpose: 'marketing', content: { text: 'x' } }]);
    expect(after.skipped).toEqual({ suppressed: 1 });
  });
});

describe('API', () => {
  it('sends one message now (one-tap), idempotent under concurrent retries', async () => {
    const c = await customerWith(owner, { consents: ['sms'] });
    const body = {
      customerId: c.id,
      channel: 'sms',
      purpose: 'transactional',
      text: 'Ayşe Hanım, siparişiniz hazır. <script>alert(1)</script>',
    };
    const headers = { 'idempotency-key': `tek-dokunus-${c.id}` };
    const answers = await Promise.all([1, 2, 3].map(() => owner.post('/api/v1/messaging/messages', body, { headers })));
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await rows(t, 'select id from messages where org_id = $1 and customer_id = $2', [orgId, c.id])).toHaveLength(1);
    expect(answers[0].body).toMatchObject({ status: 'queued', to: c.phone, text: body.text, purpose: 'transactional' });
    const got = await owner.get(`/api/v1/messaging/messages/${answers[0].body.id}`);
    expect(got.body.timeline.map((s: { event: string }) => s.event)).toEqual(['queued']);
  });

  it('refuses bad input with 4xx and writes nothing', async () => {
    const c = await customerWith(owner, { consents: ['sms'] });
    const base = { customerId: c.id, channel: 'sms', purpose: 'marketing', text: 'Merhaba' };
    const before = (await rows(t, 'select count(*)::int as n from messages where org_id = $1', [orgId]))[0].n;
    for (const bad of [
      { ...base, extra: 1 },
      { ...base, channel: 'fax' },
      { ...base, purpose: 'spam' },
      { ...base, text: '   ' },
      { ...base, text: 'x'.repeat(5001) },
      { ...base, customerId: "1' or '1'='1" },
      { ...base, channel: 'whatsapp' },
    ]) {
      expectProblem(await owner.post('/api/v1/messaging/messages', bad), 400, 'validation_failed');
    }
    expectProblem(await owner.post('/api/v1/messaging/messages', { ...base, html: 'x'.repeat(2_000_000) }), 413, 'payload_too_large');
    expectProblem(
      await owner.post('/api/v1/messaging/messages', { ...base, customerId: '019a0000-0000-7000-8000-000000000bad' }),
      404,
      'unknown_customer',
    );
    expect((await rows(t, 'select count(*)::int as n from messages where org_id = $1', [orgId]))[0].n).toBe(before);
    expectProblem(await owner.get('/api/v1/messaging/outbox', { query: { status: 'lost' } }), 400, 'validation_failed');
    expectProblem(await owner.get('/api/v1/messaging/outbox', { query: { cursor: 'bozuk' } }), 400, 'invalid_cursor');
  });

  it('lists the outbox with filters and pages, masks addresses without pii.read, hides other orgs', async () => {
    const c = await customerWith(owner, { consents: ['sms'] });
    const r = await enqueue(
      [1, 2, 3].map((i) => ({
        customerId: c.id,
        channel: 'sms' as const,
        purpose: 'transactional' as const,
        content: { text: `Mesaj ${i}` },
      })),
    );
    const page1 = await owner.get('/api/v1/messaging/outbox', { query: { customerId: c.id, limit: '2' } });
    expect(page1.body.items.map((m: { id: string }) => m.id)).toEqual([r.ids[2], r.ids[1]]);
    const page2 = await owner.get('/api/v1/messaging/outbox', { query: { customerId: c.id, limit: '2', cursor: page1.body.nextCursor } });
    expect(page2.body.items.map((m: { id: string }) => m.id)).toEqual([r.ids[0]]);
    expect(page2.body.nextCursor).toBeNull();
    expect(page1.body.items[0].to).toBe(c.phone);
    const filtered = await owner.get('/api/v1/messaging/outbox', {
      query: { customerId: c.id, status: 'queued', channel: 'sms', purpose: 'transactional', from: '2020-01-01', to: '2999-01-01' },
    });
    expect(filtered.body.items).toHaveLength(3);
    expect((await owner.get('/api/v1/messaging/outbox', { query: { customerId: c.id, to: '2020-01-01' } })).body.items).toHaveLength(0);
    const marketer = await signedInAs(t, owner, 'marketer');
    const masked = await marketer.get(`/api/v1/messaging/messages/${r.ids[0]}`);
    expect(masked.status).toBe(200);
    expect(masked.body.to).not.toBe(c.phone);
    expect(masked.body.to).toMatch(/\*/);
    const other = await t.newOrg('Başka dükkan');
    expectProblem(await other.owner.get(`/api/v1/messaging/messages/${r.ids[0]}`), 404, 'not_found');
    expect((await other.owner.get('/api/v1/messaging/outbox', { query: { customerId: c.id } })).body.items).toEqual([]);
    expectProblem(
      await other.owner.post('/api/v1/messaging/messages', { customerId: c.id, channel: 'sms', purpose: 'transactional', text: 'x' }),
      404,
      'unknown_customer',
    );
  });

  it('exports the customer’s messages and blanks them on erasure (counts stay, a waiting one is not sent)', async () => {
    const c = await customerWith(owner, { consents: ['sms'] });
    const r = await enqueue([
      { customerId: c.id, channel: 'sms', purpose: 'transactional', content: { text: 'Borç hatırlatması: 150 TL' } },
    ]);
    const exported = await t.db.tenant(orgId, (tx) => exportPersonalData(tx, c.id));
    expect(JSON.stringify(exported.messaging)).toContain('Borç hatırlatması');
    await t.db.tenant(orgId, (tx) => erasePersonalData(tx, c.id));
    expect(await message(r.ids[0]!)).toMatchObject({ to: null, text: '', status: 'skipped', skip_reason: 'unknown_customer' });
  });
});
