import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../../testing/app';
import { closeProviders, parseProviderWebhook, pollableConfigs, pollProvider, resolveProvider, webhookOrgId } from './registry';
import { type FakeAnswer, fakeApi } from './testing/fake-api';
import { fakeSmtp } from './testing/fake-smtp';

let t: TestApp;
let owner: Caller;
let orgId: string;
let api: Awaited<ReturnType<typeof fakeApi>>;
let answer: FakeAnswer = { status: 200, json: { code: '00', jobid: 'JOB-1' } };

beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
  api = await fakeApi(() => answer);
});
afterAll(async () => {
  await closeProviders();
  await api.close();
  await t.close();
});

const netgsm = (over: Record<string, unknown> = {}) => ({
  kind: 'netgsm',
  channel: 'sms',
  name: 'Netgsm — merkez',
  settings: { baseUrl: api.url, usercode: '8503020000', msgheader: 'MAGAZA', timeoutMs: 1000 },
  secrets: { password: 'çok-gizli-şifre' },
  costPerPart: 18,
  ...over,
});

async function create(body: Record<string, unknown>, caller = owner) {
  const res = await caller.post('/api/v1/messaging/providers', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const rawRow = async (id: string) =>
  (await t.db.pool.query('select * from message_provider_configs where id = $1', [id])).rows[0] as Record<string, unknown>;

const resolve = (channel: 'sms' | 'email' | 'whatsapp', brandId: string | null = null, org = orgId) =>
  t.db.tenant(org, (tx) => resolveProvider(tx, t.app.ctx, channel, brandId));

describe('configurations', () => {
  it('lists every kind with its fields, secret ones marked', async () => {
    const res = await owner.get('/api/v1/messaging/providers/kinds');
    expect(res.status).toBe(200);
    const kinds = Object.fromEntries(res.body.items.map((k: { kind: string }) => [k.kind, k]));
    expect(Object.keys(kinds)).toEqual(['outbox', 'smtp', 'netgsm', 'iletimerkezi', 'twilio', 'whatsapp']);
    const field = (kind: string, name: string) => kinds[kind].fields.find((f: { name: string }) => f.name === name);
    expect(field('netgsm', 'password')).toMatchObject({ secret: true, required: true, type: 'string' });
    expect(field('netgsm', 'msgheader')).toMatchObject({ secret: false, required: true, maxLength: 11 });
    expect(field('netgsm', 'baseUrl')).toMatchObject({ required: false, default: 'https://api.netgsm.com.tr' });
    expect(field('netgsm', 'iysRecipientType')).toMatchObject({ options: ['BIREYSEL', 'TACIR'] });
    expect(field('smtp', 'port')).toMatchObject({ type: 'integer', default: 587 });
    expect(kinds.whatsapp).toMatchObject({ channels: ['whatsapp'], webhooks: true });
    expect(kinds.netgsm.webhooks).toBe(false);
  });

  it('stores secrets sealed, never returns them, keeps them on an update without them', async () => {
    const created = await create(netgsm());
    expect(created).toMatchObject({
      kind: 'netgsm',
      channel: 'sms',
      secretsSet: ['password'],
      costPerPart: 18,
      enabled: true,
      isDefault: false,
    });
    expect(JSON.stringify(created)).not.toContain('çok-gizli-şifre');
    const row = await rawRow(created.id);
    expect(String(row.secrets_sealed)).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain('çok-gizli-şifre');

    const renamed = await owner.patch(`/api/v1/messaging/providers/${created.id}`, {
      name: 'Netgsm — yeni',
      settings: { msgheader: 'YENIBASLIK' },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Netgsm — yeni',
      secretsSet: ['password'],
      settings: { msgheader: 'YENIBASLIK', usercode: '8503020000' },
    });
    expect((await rawRow(created.id)).secrets_sealed).toBe(row.secrets_sealed);

    // The kept secret still works: a test send authenticates with it.
    answer = { status: 200, json: { code: '00', jobid: 'JOB-KEPT' } };
    const sent = await owner.post(`/api/v1/messaging/providers/${created.id}/test`, { to: '0532 123 45 67' });
    expect(sent.body).toEqual({ ok: true, providerMessageId: 'JOB-KEPT', error: null, retryable: null });
    const last = api.requests.at(-1)!;
    expect(last.headers.authorization).toBe(`Basic ${Buffer.from('8503020000:çok-gizli-şifre').toString('base64')}`);
    expect(JSON.parse(last.body)).toMatchObject({ msgheader: 'YENIBASLIK', iysfilter: '0', messages: [{ no: '5321234567' }] });

    const list = await owner.get('/api/v1/messaging/providers');
    expect(JSON.stringify(list.body)).not.toContain('çok-gizli-şifre');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(created.id);
  });

  it('answers a test send the provider refuses with its message (200, ok false), a hang as retryable', async () => {
    const { id } = await create(netgsm({ name: 'Netgsm — deneme' }));
    answer = { status: 406, json: { code: '30', description: 'Geçersiz kullanıcı adı, şifre veya kullanıcınızın API erişim izni yok.' } };
    const refused = await owner.post(`/api/v1/messaging/providers/${id}/test`, { to: '+905321234567', text: 'Deneme: ğüşıöç' });
    expect(refused.status).toBe(200);
    expect(refused.body).toEqual({
      ok: false,
      providerMessageId: null,
      error: 'Netgsm 30: Geçersiz kullanıcı adı, şifre veya kullanıcınızın API erişim izni yok.',
      retryable: false,
    });
    expect(JSON.parse(api.requests.at(-1)!.body).messages[0].msg).toBe('Deneme: ğüşıöç');
    answer = 'hang';
    const hung = await owner.post(`/api/v1/messaging/providers/${id}/test`, { to: '+905321234567' });
    expect(hung.body).toMatchObject({ ok: false, retryable: true, error: 'no answer within 1 s' });
    answer = { status: 200, json: { code: '00', jobid: 'JOB-1' } };
    expectProblem(await owner.post(`/api/v1/messaging/providers/${id}/test`, { to: 'ayse@example.com' }), 400, 'validation_failed');
  });

  it('sends a test e-mail through an SMTP configuration', async () => {
    const smtp = await fakeSmtp();
    try {
      const { id } = await create({
        kind: 'smtp',
        channel: 'email',
        name: 'Posta sunucusu',
        settings: { host: smtp.host, port: smtp.port, fromAddress: 'bulten@magaza.com.tr', fromName: 'Mağaza' },
      });
      const res = await owner.post(
        `/api/v1/messaging/providers/${id}/test`,
        { to: 'ayse@example.com.tr' },
        { headers: { 'accept-language': 'tr' } },
      );
      expect(res.body).toMatchObject({ ok: true, error: null });
      expect(smtp.received.map((m) => m.to)).toEqual([['ayse@example.com.tr']]);
      expect(smtp.received[0].raw).toContain('Message-ID: <');
    } finally {
      await closeProviders(); // the pooled SMTP connection, or the server waits for it to time out
      await smtp.close();
    }
  });

  it('refuses bad input with 400 and field paths, writing nothing', async () => {
    const count = async () =>
      Number((await t.db.pool.query('select count(*) from message_provider_configs where org_id = $1', [orgId])).rows[0].count);
    const before = await count();
    const fields = async (body: unknown) => {
      const p = expectProblem(await owner.post('/api/v1/messaging/providers', body), 400, 'validation_failed');
      return p.errors!.map((e) => `${e.field}:${e.code}`).sort();
    };
    expect(await fields(netgsm({ settings: { baseUrl: 'javascript:alert(1)', msgheader: 'ÇOK-UZUN-BAŞLIK-12' } }))).toEqual([
      '/settings/baseUrl:invalid_url',
      '/settings/msgheader:too_big',
      '/settings/usercode:required',
    ]);
    expect(await fields(netgsm({ secrets: {} }))).toEqual(['/secrets/password:required']);
    expect(await fields(netgsm({ secrets: { password: 'x', apiKey: 'y' } }))).toEqual(['/secrets:unknown_field']);
    expect(await fields(netgsm({ settings: { ...netgsm().settings, "'; drop table message_provider_configs; --": 1 } }))).toEqual([
      '/settings:unknown_field',
    ]);
    expect(await fields(netgsm({ channel: 'email' }))).toEqual(['/channel:unsupported_channel']);
    expect(await fields(netgsm({ kind: 'sendgrid' }))).toEqual(['/kind:invalid_option']);
    expect(await fields(netgsm({ costPerPart: -1, ratePerSecond: 10_000_000 }))).toEqual([
      '/costPerPart:too_small',
      '/ratePerSecond:too_big',
    ]);
    expect(await fields(netgsm({ brandId: '01900000-0000-7000-8000-000000000000' }))).toEqual(['/brandId:unknown_brand']);
    expect(await fields(netgsm({ extra: true }))).toEqual(['/:unknown_field']);
    expect(await fields({ ...netgsm(), name: 'x'.repeat(101) })).toEqual(['/name:too_big']);
    const huge = await owner.post('/api/v1/messaging/providers', netgsm({ secrets: { password: 'x'.repeat(2_000_000) } }));
    expect([400, 413]).toContain(huge.status);
    expect(await count()).toBe(before);
  });

  it('keeps other orgs and non-managers out', async () => {
    const { id } = await create(netgsm({ name: 'Gizli servis' }));
    const other = await t.newOrg();
    expectProblem(await other.owner.get(`/api/v1/messaging/providers/${id}`), 404, 'not_found');
    expectProblem(await other.owner.patch(`/api/v1/messaging/providers/${id}`, { enabled: false }), 404, 'not_found');
    expectProblem(await other.owner.post(`/api/v1/messaging/providers/${id}/test`, { to: '+905321234567' }), 404, 'not_found');
    expectProblem(await other.owner.delete(`/api/v1/messaging/providers/${id}`), 404, 'not_found');
    expect((await other.owner.get('/api/v1/messaging/providers')).body.items).toEqual([]);
    const manager = await signedInAs(t, owner, 'analyst');
    expectProblem(await manager.get('/api/v1/messaging/providers'), 403, 'forbidden');
    expectProblem(await manager.post('/api/v1/messaging/providers', netgsm()), 403, 'forbidden');
    expect((await rawRow(id)).enabled).toBe(true);
  });
});

describe('resolveProvider', () => {
  it('answers the outbox until a default is set; brand default before the org default; one default per scope', async () => {
    const org = await t.newOrg();
    const o = org.owner;
    expect(await resolve('sms', null, org.orgId)).toMatchObject({ configId: null, kind: 'outbox', costPerPart: 0 });
    const brand = (await o.post('/api/v1/brands', { code: 'EV', name: 'Ev Tekstili' })).body;

    const first = await create(netgsm({ isDefault: true, ratePerSecond: 25 }), o);
    expect(await resolve('sms', null, org.orgId)).toMatchObject({ configId: first.id, kind: 'netgsm', ratePerSecond: 25, costPerPart: 18 });
    // A brand without its own default gets the org's.
    expect((await resolve('sms', brand.id, org.orgId)).configId).toBe(first.id);

    const second = await create(netgsm({ name: 'İkinci', isDefault: true }), o);
    const list = (await o.get('/api/v1/messaging/providers')).body.items;
    expect(list.filter((c: { isDefault: boolean }) => c.isDefault).map((c: { id: string }) => c.id)).toEqual([second.id]);
    expect(await resolve('sms', null, org.orgId)).toMatchObject({ configId: second.id, ratePerSecond: 10 });

    const branded = await create(netgsm({ name: 'Marka', brandId: brand.id, isDefault: true }), o);
    expect((await resolve('sms', brand.id, org.orgId)).configId).toBe(branded.id);
    expect((await resolve('sms', null, org.orgId)).configId).toBe(second.id);

    // Disabling the brand's provider drops its default place: the org's takes over.
    const off = await o.patch(`/api/v1/messaging/providers/${branded.id}`, { enabled: false });
    expect(off.body).toMatchObject({ enabled: false, isDefault: false });
    expect((await resolve('sms', brand.id, org.orgId)).configId).toBe(second.id);
    expectProblem(await o.patch(`/api/v1/messaging/providers/${branded.id}`, { isDefault: true }), 400, 'validation_failed');
    expect((await resolve('email', null, org.orgId)).kind).toBe('outbox');
  });

  it('keeps one default under concurrent "make default" calls', async () => {
    const org = await t.newOrg();
    const a = await create(netgsm({ name: 'A' }), org.owner);
    const b = await create(netgsm({ name: 'B' }), org.owner);
    const results = await Promise.all([a, b, a, b].map((c) => org.owner.patch(`/api/v1/messaging/providers/${c.id}`, { isDefault: true })));
    for (const r of results) expect([200, 409]).toContain(r.status);
    const { rows } = await t.db.pool.query('select id from message_provider_configs where org_id = $1 and is_default', [org.orgId]);
    expect(rows).toHaveLength(1);
  });

  it('rebuilds a provider when its configuration changes', async () => {
    const org = await t.newOrg();
    const c = await create(netgsm({ isDefault: true }), org.owner);
    const first = await resolve('sms', null, org.orgId);
    expect((await resolve('sms', null, org.orgId)).provider).toBe(first.provider);
    await org.owner.patch(`/api/v1/messaging/providers/${c.id}`, { secrets: { password: 'yeni-şifre' } });
    const again = await resolve('sms', null, org.orgId);
    expect(again.provider).not.toBe(first.provider);
    answer = { status: 200, json: { code: '00', jobid: 'JOB-2' } };
    await again.provider.send({ id: 'x', orgId: org.orgId, channel: 'sms', to: '+905321234567', text: 'x', transactional: false });
    expect(api.requests.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('8503020000:yeni-şifre').toString('base64')}`);
  });
});

describe('polling', () => {
  it('lists the configurations to poll and polls one with its stored secrets', async () => {
    const org = await t.newOrg();
    const polled = await create(netgsm({ name: 'Netgsm — rapor' }), org.owner);
    await create({ kind: 'outbox', channel: 'sms', name: 'Giden kutusu' }, org.owner);
    expect(await t.db.tenant(org.orgId, pollableConfigs)).toEqual([{ id: polled.id, kind: 'netgsm' }]);
    answer = { status: 200, json: { code: '00', jobs: [{ jobid: 'JOB-9', status: 1 }], messages: [] } };
    expect(await pollProvider(t.app.ctx, org.orgId, polled.id, ['JOB-9'])).toEqual({
      reports: [{ providerMessageId: 'JOB-9', status: 'delivered' }],
      replies: [],
    });
    expect(api.requests.at(-2)!.headers.authorization).toBe(`Basic ${Buffer.from('8503020000:çok-gizli-şifre').toString('base64')}`);
    // Another org cannot poll it.
    await expect(pollProvider(t.app.ctx, orgId, polled.id, ['JOB-9'])).rejects.toMatchObject({ status: 404 });
  });
});

describe('webhooks', () => {
  const twilioSid = `AC${'b2'.repeat(16)}`;

  async function twilioConfig() {
    const c = await create({
      kind: 'twilio',
      channel: 'sms',
      name: 'Twilio',
      settings: { accountSid: twilioSid, from: '+15005550006' },
      secrets: { authToken: 'tw-token' },
    });
    return c as { id: string; webhookUrl: string; webhookToken: string };
  }

  const sign = (url: string, params: Record<string, string>) =>
    createHmac('sha1', 'tw-token')
      .update(
        Object.keys(params)
          .sort()
          .reduce((acc, k) => acc + k + params[k], url),
      )
      .digest('base64');

  it('reads a signed Twilio status callback; a bad signature or token is a 401, an unknown configuration a 404', async () => {
    const c = await twilioConfig();
    expect(c.webhookUrl).toBe(`http://localhost:3000/api/v1/messaging/webhooks/${c.id}?token=${c.webhookToken}`);
    const params = { MessageSid: 'SM1', MessageStatus: 'delivered' };
    const rawBody = new URLSearchParams(params).toString();
    const request = (signature: string, token = c.webhookToken) => ({
      headers: { 'x-twilio-signature': signature },
      query: { token },
      body: rawBody,
      rawBody,
      url: c.webhookUrl,
    });
    expect(await webhookOrgId(t.app.ctx, c.id)).toBe(orgId);
    expect(await webhookOrgId(t.app.ctx, 'not-a-uuid')).toBeNull();
    const parse = (r: ReturnType<typeof request>, id = c.id) => t.db.tenant(orgId, (tx) => parseProviderWebhook(tx, t.app.ctx, id, r));
    expect(await parse(request(sign(c.webhookUrl, params)))).toEqual({
      reports: [{ providerMessageId: 'SM1', status: 'delivered' }],
      replies: [],
    });
    await expect(parse(request('bogus'))).rejects.toMatchObject({ status: 401, code: 'webhook_signature' });
    await expect(parse(request(sign(c.webhookUrl, params), 'wrong-token'))).rejects.toMatchObject({ status: 401 });
    await expect(parse(request(sign(c.webhookUrl, params)), '01900000-0000-7000-8000-000000000000')).rejects.toMatchObject({ status: 404 });
    // Another org's transaction cannot read this org's configuration.
    const other = await t.newOrg();
    await expect(
      t.db.tenant(other.orgId, (tx) => parseProviderWebhook(tx, t.app.ctx, c.id, request(sign(c.webhookUrl, params)))),
    ).rejects.toMatchObject({ status: 404 });
    await owner.patch(`/api/v1/messaging/providers/${c.id}`, { enabled: false });
    await expect(parse(request(sign(c.webhookUrl, params)))).rejects.toMatchObject({ status: 404 });
  });

  it('answers the WhatsApp verification handshake with the verify token only', async () => {
    const c = await create({
      kind: 'whatsapp',
      channel: 'whatsapp',
      name: 'WhatsApp',
      settings: { phoneNumberId: '106540352242922' },
      secrets: { accessToken: 'EAAG', appSecret: 'app-secret' },
    });
    const url = `/api/v1/messaging/webhooks/${c.id}`;
    const ok = await t.anonymous.get(url, {
      query: { 'hub.mode': 'subscribe', 'hub.verify_token': c.webhookToken, 'hub.challenge': '1158201444' },
    });
    expect([ok.status, ok.body]).toEqual([200, '1158201444']);
    const bad = await t.anonymous.get(url, { query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'yanlış', 'hub.challenge': '1' } });
    expectProblem(bad, 401, 'webhook_signature');
    expectProblem(
      await t.anonymous.get('/api/v1/messaging/webhooks/01900000-0000-7000-8000-000000000000', { query: {} }),
      404,
      'not_found',
    );
    // Through the delivery module's public POST route: the signature covers the raw bytes.
    const payload = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ changes: [{ value: { statuses: [] } }] }] });
    const signature = `sha256=${createHmac('sha256', 'app-secret').update(payload).digest('hex')}`;
    const post = (sig: string, token = c.webhookToken) =>
      t.anonymous.request('POST', `${url}?token=${token}`, {
        body: payload,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': sig },
      });
    expect((await post(signature)).status).toBe(200);
    expectProblem(await post(signature.replace(/.$/, (ch) => (ch === '0' ? '1' : '0'))), 401, 'webhook_signature');
    expectProblem(await post(signature, 'yanlış-anahtar'), 401, 'webhook_signature');
    const netgsmConfig = await create(netgsm({ name: 'Netgsm — webhook yok' }));
    expect(netgsmConfig.webhookUrl).toBeNull();
    expectProblem(await t.anonymous.get(`/api/v1/messaging/webhooks/${netgsmConfig.id}`, { query: {} }), 404, 'not_found');
  });

  it('records changes in the audit log without secret values', async () => {
    const { id } = await create(netgsm({ name: 'Denetim' }));
    await owner.patch(`/api/v1/messaging/providers/${id}`, { secrets: { password: 'denetim-şifresi' } });
    const rows = (
      await t.db.tenant(orgId, (tx) => tx.execute(sql`select action, details::text from audit_log where target_id = ${id} order by at`))
    ).rows as { action: string; details: string }[];
    expect(rows.map((r) => r.action)).toEqual(['messaging.provider_create', 'messaging.provider_update']);
    expect(rows.map((r) => r.details).join()).not.toContain('denetim-şifresi');
    expect(rows[1].details).toContain('password');
    expect((await owner.delete(`/api/v1/messaging/providers/${id}`)).status).toBe(204);
    expectProblem(await owner.get(`/api/v1/messaging/providers/${id}`), 404, 'not_found');
  });
});
