import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { iletimerkeziProvider } from './kinds/iletimerkezi';
import { netgsmProvider } from './kinds/netgsm';
import { smtpProvider } from './kinds/smtp';
import { twilioProvider, twilioSignature } from './kinds/twilio';
import { whatsappChallenge, whatsappProvider } from './kinds/whatsapp';
import { type FakeAnswer, fakeApi, type RecordedRequest } from './testing/fake-api';
import { decodeQuotedPrintable, decodeWords, fakeSmtp, headerOf } from './testing/fake-smtp';
import { type OutgoingMessage, ProviderError, type WebhookRequest } from './types';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function api(answer: (req: RecordedRequest) => FakeAnswer) {
  const fake = await fakeApi(answer);
  closers.push(fake.close);
  return fake;
}

const sms = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: '01900000-0000-7000-8000-000000000001',
  orgId: '01900000-0000-7000-8000-0000000000aa',
  channel: 'sms',
  to: '+905321234567',
  text: 'Merhaba Ayşe Hanım, puanınız 1.250 oldu. İyi alışverişler!',
  transactional: false,
  ...over,
});

/** The error a send rejected with. */
async function failure(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => null,
    (e) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

const json = (r: RecordedRequest) => JSON.parse(r.body);

describe('netgsm', () => {
  const config = (baseUrl: string) =>
    netgsmProvider.config.parse({ baseUrl, usercode: '8503020000', msgheader: 'MAGAZA', timeoutMs: 1000 });
  const secrets = { password: 'gizli-şifre' };

  it('sends the documented REST v2 request: Basic auth, encoding TR, İYS filter by purpose', async () => {
    const fake = await api(() => ({ status: 200, json: { code: '00', jobid: '17377215342605050417149344', description: 'queued' } }));
    const p = netgsmProvider.create(config(fake.url), secrets);
    expect(await p.send(sms())).toEqual({ providerMessageId: '17377215342605050417149344', status: 'sent' });
    await p.send(sms({ transactional: true }));
    const tacir = netgsmProvider.create({ ...config(fake.url), iysRecipientType: 'TACIR', partnercode: 'BAYI1' }, secrets);
    await tacir.send(sms({ to: '+4915112345678' }));

    const [marketing, transactional, merchant] = fake.requests;
    expect(marketing.method).toBe('POST');
    expect(marketing.url).toBe('/sms/rest/v2/send');
    expect(marketing.headers.authorization).toBe(`Basic ${Buffer.from('8503020000:gizli-şifre').toString('base64')}`);
    expect(marketing.headers['content-type']).toMatch(/application\/json/);
    expect(json(marketing)).toEqual({
      msgheader: 'MAGAZA',
      encoding: 'TR',
      iysfilter: '11',
      messages: [{ msg: 'Merhaba Ayşe Hanım, puanınız 1.250 oldu. İyi alışverişler!', no: '5321234567' }],
    });
    expect(json(transactional).iysfilter).toBe('0');
    expect(json(merchant)).toMatchObject({ iysfilter: '12', partnercode: 'BAYI1', messages: [{ no: '004915112345678' }] });
  });

  it('reports a business error with Netgsm’s code and meaning, not retryable; throttling is retryable', async () => {
    let code = '40';
    const fake = await api(() => ({ status: 406, json: { code, description: code === '40' ? undefined : 'limit' } }));
    const p = netgsmProvider.create(config(fake.url), secrets);
    const header = await failure(p.send(sms()));
    expect(header.message).toBe('Netgsm 40: message header (msgheader) not defined');
    expect(header.retryable).toBe(false);
    code = '80';
    expect((await failure(p.send(sms()))).retryable).toBe(true);
  });

  it('treats a 500 and a hang as retryable', async () => {
    let hang = false;
    const fake = await api(() => (hang ? 'hang' : { status: 500, text: 'Internal Server Error' }));
    const p = netgsmProvider.create(config(fake.url), secrets);
    const e500 = await failure(p.send(sms()));
    expect([e500.retryable, e500.status]).toEqual([true, 500]);
    hang = true;
    const started = Date.now();
    const timeout = await failure(p.send(sms()));
    expect(timeout.retryable).toBe(true);
    expect(timeout.message).toMatch(/no answer within 1 s/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('polls delivery reports by job id and the inbox for replies', async () => {
    let reportCode = '00';
    const fake = await api((req) =>
      req.url === '/sms/rest/v2/report'
        ? {
            status: 200,
            json: {
              code: reportCode,
              jobs: [
                { jobid: 'J1', number: '5321234567', status: 1, operator: 30 },
                { jobid: 'J2', number: '5321234568', status: 0 },
                { jobid: 'J3', number: '5321234569', status: 16, errorCode: 0 },
              ],
            },
          }
        : {
            status: 200,
            json: { code: '00', messages: [{ message: 'RET', sender: '905321234567', receiver: '8503020000', datetime: 'x' }] },
          },
    );
    const result = await netgsmProvider.poll!(config(fake.url), secrets, ['J1', 'J2', 'J3']);
    expect(result.reports).toEqual([
      { providerMessageId: 'J1', status: 'delivered' },
      { providerMessageId: 'J3', status: 'failed', error: 'Netgsm 16: rejected by İYS' },
    ]);
    expect(result.replies).toEqual([{ from: '+905321234567', text: 'RET' }]);
    const [report, inbox] = fake.requests;
    expect([report.method, JSON.parse(report.body).jobids]).toEqual(['POST', ['J1', 'J2', 'J3']]);
    expect(report.headers.authorization).toMatch(/^Basic /);
    expect([inbox.method, inbox.url]).toEqual(['GET', '/sms/rest/v2/inbox']);
    reportCode = '80';
    expect((await failure(netgsmProvider.poll!(config(fake.url), secrets, ['J1']))).retryable).toBe(true);
  });

  it('refuses bad settings', () => {
    const r = netgsmProvider.config.safeParse({ baseUrl: 'ftp://x', usercode: '', msgheader: 'ÇOK-UZUN-BAŞLIK' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['baseUrl', 'msgheader', 'usercode']);
  });
});

describe('iletimerkezi', () => {
  const config = (baseUrl: string) => iletimerkeziProvider.config.parse({ baseUrl, sender: 'MAGAZA', timeoutMs: 1000 });
  const secrets = { apiKey: 'anahtar-123', apiSecret: 'gizli-456' };

  it('sends the documented JSON order: key + HMAC hash, iys 1 + iysList for marketing, 0 for transactional', async () => {
    const fake = await api(() => ({
      status: 200,
      json: { response: { status: { code: '200', message: 'İşlem başarılı' }, order: { id: '12323232' } } },
    }));
    const p = iletimerkeziProvider.create(config(fake.url), secrets);
    expect(await p.send(sms())).toEqual({ providerMessageId: '12323232', status: 'sent' });
    await p.send(sms({ transactional: true }));
    const [marketing, transactional] = fake.requests;
    expect([marketing.method, marketing.url]).toEqual(['POST', '/v1/send-sms/json']);
    expect(json(marketing)).toEqual({
      request: {
        authentication: { key: 'anahtar-123', hash: createHmac('sha256', 'gizli-456').update('anahtar-123').digest('hex') },
        order: {
          sender: 'MAGAZA',
          sendDateTime: [],
          iys: '1',
          iysList: 'BIREYSEL',
          message: { text: sms().text, receipents: { number: ['+905321234567'] } },
        },
      },
    });
    expect(json(transactional).request.order.iys).toBe('0');
    expect(json(transactional).request.order.iysList).toBeUndefined();
  });

  it('passes İleti Merkezi’s own message on a business error; 503 is retryable', async () => {
    let status = 450;
    const fake = await api(() => ({
      status,
      json: { response: { status: { code: String(status), message: 'Gönderilen başlık kullanıma uygun değil' } } },
    }));
    const p = iletimerkeziProvider.create(config(fake.url), secrets);
    const e = await failure(p.send(sms()));
    expect([e.message, e.retryable]).toEqual(['İleti Merkezi 450: Gönderilen başlık kullanıma uygun değil', false]);
    status = 503;
    expect((await failure(p.send(sms()))).retryable).toBe(true);
  });

  it('reads the delivery webhook by order id', () => {
    const request = (status: string): WebhookRequest => ({
      headers: {},
      query: {},
      body: { report: { id: 1599558518, packet_id: 104525848, status, to: '+905321234567', body: 'x' } },
      rawBody: '',
      url: '',
    });
    const parse = (s: string) => iletimerkeziProvider.parseWebhook!(request(s), config('http://x'), secrets);
    expect(parse('delivered').reports).toEqual([{ providerMessageId: '104525848', status: 'delivered' }]);
    expect(parse('undelivered').reports[0]).toMatchObject({ status: 'failed' });
    expect(parse('accepted').reports).toEqual([]);
  });
});

describe('twilio', () => {
  const sid = `AC${'a1'.repeat(16)}`;
  const config = (baseUrl: string) => twilioProvider.config.parse({ baseUrl, accountSid: sid, from: '+15005550006', timeoutMs: 1000 });
  const secrets = { authToken: 'twilio-token' };

  it('posts the form the Messages API documents, with Basic auth and the status callback', async () => {
    const fake = await api(() => ({ status: 201, json: { sid: 'SM0123', status: 'queued' } }));
    const p = twilioProvider.create(config(fake.url), secrets, { webhookUrl: 'https://crm.example/api/v1/messaging/webhooks/x?token=t' });
    expect(await p.send(sms())).toEqual({ providerMessageId: 'SM0123', status: 'sent' });
    const [req] = fake.requests;
    expect([req.method, req.url]).toEqual(['POST', `/2010-04-01/Accounts/${sid}/Messages.json`]);
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from(`${sid}:twilio-token`).toString('base64')}`);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({
      To: '+905321234567',
      From: '+15005550006',
      Body: sms().text,
      StatusCallback: 'https://crm.example/api/v1/messaging/webhooks/x?token=t',
    });
  });

  it('passes Twilio’s error; 429 is retryable', async () => {
    let status = 400;
    const fake = await api(() => ({ status, json: { code: 21211, message: "The 'To' number is not a valid phone number.", status } }));
    const p = twilioProvider.create(config(fake.url), secrets);
    const e = await failure(p.send(sms()));
    expect([e.message, e.retryable]).toEqual(["Twilio 21211: The 'To' number is not a valid phone number.", false]);
    status = 429;
    expect((await failure(p.send(sms()))).retryable).toBe(true);
  });

  it('needs a sender: from or a messaging service', () => {
    const r = twilioProvider.config.safeParse({ accountSid: sid });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['from']);
  });

  it('checks X-Twilio-Signature and reads status callbacks and incoming SMS', () => {
    const url = 'https://crm.example/api/v1/messaging/webhooks/cfg?token=t';
    const request = (params: Record<string, string>, signature: string): WebhookRequest => {
      const rawBody = new URLSearchParams(params).toString();
      return { headers: { 'x-twilio-signature': signature }, query: { token: 't' }, body: rawBody, rawBody, url };
    };
    const status = { MessageSid: 'SM0123', MessageStatus: 'undelivered', ErrorCode: '30003', AccountSid: sid };
    const good = request(status, twilioSignature('twilio-token', url, status));
    expect(twilioProvider.parseWebhook!(good, config('http://x'), secrets).reports).toEqual([
      { providerMessageId: 'SM0123', status: 'failed', error: 'Twilio undelivered (30003)' },
    ]);
    // The worked example of twilio.com/docs/usage/security: the algorithm, not just agreement with ourselves.
    expect(
      twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', {
        CallSid: 'CA1234567890ABCDE',
        Caller: '+12349013030',
        Digits: '1234',
        From: '+12349013030',
        To: '+18005551212',
      }),
    ).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    const inbound = { MessageSid: 'SM9', From: '+905321234567', Body: 'RET', SmsStatus: 'received' };
    expect(
      twilioProvider.parseWebhook!(request(inbound, twilioSignature('twilio-token', url, inbound)), config('http://x'), secrets).replies,
    ).toEqual([{ from: '+905321234567', text: 'RET' }]);
    const tampered = request({ ...status, MessageStatus: 'delivered' }, twilioSignature('twilio-token', url, status));
    expect(() => twilioProvider.parseWebhook!(tampered, config('http://x'), secrets)).toThrow(ProviderError);
    expect(() => twilioProvider.parseWebhook!(request(status, ''), config('http://x'), secrets)).toThrow(/signature/);
  });
});

describe('whatsapp', () => {
  const config = (baseUrl: string) => whatsappProvider.config.parse({ baseUrl, phoneNumberId: '106540352242922', timeoutMs: 1000 });
  const secrets = { accessToken: 'EAAG-token', appSecret: 'uygulama-sırrı' };
  const wa = (over: Partial<OutgoingMessage> = {}) => sms({ channel: 'whatsapp', ...over });

  it('sends a template message (marketing) and a text message, with the Bearer token', async () => {
    const fake = await api(() => ({
      status: 200,
      json: {
        messaging_product: 'whatsapp',
        contacts: [{ input: '905321234567', wa_id: '905321234567' }],
        messages: [{ id: 'wamid.HBgM' }],
      },
    }));
    const p = whatsappProvider.create(config(fake.url), secrets);
    const template = { name: 'sizi_ozledik', language: 'tr', parameters: ['Ayşe', '%15'] };
    expect(await p.send(wa({ whatsappTemplate: template }))).toEqual({ providerMessageId: 'wamid.HBgM', status: 'sent' });
    await p.send(wa({ transactional: true }));
    const [t, text] = fake.requests;
    expect([t.method, t.url, t.headers.authorization]).toEqual(['POST', '/v21.0/106540352242922/messages', 'Bearer EAAG-token']);
    expect(json(t)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '905321234567',
      type: 'template',
      template: {
        name: 'sizi_ozledik',
        language: { code: 'tr' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ayşe' },
              { type: 'text', text: '%15' },
            ],
          },
        ],
      },
    });
    expect(json(text)).toMatchObject({ type: 'text', text: { body: sms().text } });
  });

  it('passes Meta’s error; throttling codes are retryable', async () => {
    let code = 132001;
    const fake = await api(() => ({
      status: 400,
      json: { error: { message: '(#132001) Template name does not exist in the translation', code, error_data: { details: 'tr yok' } } },
    }));
    const p = whatsappProvider.create(config(fake.url), secrets);
    const e = await failure(p.send(wa()));
    expect([e.message, e.retryable]).toEqual([
      'WhatsApp 132001: (#132001) Template name does not exist in the translation — tr yok',
      false,
    ]);
    code = 130429;
    expect((await failure(p.send(wa()))).retryable).toBe(true);
  });

  it('checks X-Hub-Signature-256 over the raw body and reads statuses and replies', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                statuses: [
                  { id: 'wamid.A', status: 'delivered', timestamp: '1700000000', recipient_id: '905321234567' },
                  { id: 'wamid.B', status: 'failed', timestamp: '1700000001', errors: [{ code: 131026, title: 'Message undeliverable' }] },
                  { id: 'wamid.C', status: 'sent', timestamp: '1700000002' },
                ],
                messages: [{ from: '905321234567', id: 'wamid.D', timestamp: '1700000003', type: 'text', text: { body: 'Ret' } }],
              },
            },
          ],
        },
      ],
    };
    const rawBody = JSON.stringify(body);
    const sign = (raw: string) => `sha256=${createHmac('sha256', 'uygulama-sırrı').update(raw).digest('hex')}`;
    const request = (signature: string, raw = rawBody): WebhookRequest => ({
      headers: { 'x-hub-signature-256': signature },
      query: {},
      body: JSON.parse(raw),
      rawBody: raw,
      url: '',
    });
    const parsed = whatsappProvider.parseWebhook!(request(sign(rawBody)), config('http://x'), secrets);
    expect(parsed.reports).toEqual([
      { providerMessageId: 'wamid.A', status: 'delivered', at: new Date(1700000000_000) },
      { providerMessageId: 'wamid.B', status: 'failed', error: 'WhatsApp 131026: Message undeliverable', at: new Date(1700000001_000) },
    ]);
    expect(parsed.replies).toEqual([{ from: '+905321234567', text: 'Ret', at: new Date(1700000003_000) }]);
    const altered = rawBody.replace('delivered', 'read');
    expect(() => whatsappProvider.parseWebhook!(request(sign(rawBody), altered), config('http://x'), secrets)).toThrow(/signature/);
    expect(() => whatsappProvider.parseWebhook!(request('sha256=00'), config('http://x'), secrets)).toThrow(/signature/);
  });

  it('answers the verification handshake only with the right token', () => {
    const q = { 'hub.mode': 'subscribe', 'hub.verify_token': 'dogru', 'hub.challenge': '1158201444' };
    expect(whatsappChallenge(q, 'dogru')).toBe('1158201444');
    expect(whatsappChallenge(q, 'yanlis')).toBeNull();
    expect(whatsappChallenge({ ...q, 'hub.mode': 'unsubscribe' }, 'dogru')).toBeNull();
  });
});

describe('smtp', () => {
  it('delivers MIME with the Turkish subject, the headers and both parts to a real SMTP server', async () => {
    const server = await fakeSmtp({ user: 'magaza', password: 'şifre-123' });
    closers.push(server.close);
    const config = smtpProvider.config.parse({
      host: server.host,
      port: server.port,
      user: 'magaza',
      fromAddress: 'bulten@magaza.com.tr',
      fromName: 'Çiçek Mağazası',
    });
    const p = smtpProvider.create(config, { password: 'şifre-123' });
    closers.push(async () => p.close?.());
    const result = await p.send({
      ...sms(),
      channel: 'email',
      to: 'ayse@example.com.tr',
      subject: 'Şubat indirimi: %15 sizin için, Ayşe Hanım',
      text: 'Çok özlediğimiz müşterimiz, ışıl ışıl ürünler sizi bekliyor.',
      html: '<p>Çok özlediğimiz müşterimiz, <b>ışıl ışıl</b> ürünler sizi bekliyor.</p>',
      headers: { 'List-Unsubscribe': '<https://crm.example/u/TOKEN>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    expect(result.status).toBe('delivered');
    expect(result.providerMessageId).toBe('<01900000-0000-7000-8000-000000000001@magaza.com.tr>');
    expect(server.received).toHaveLength(1);
    const mail = server.received[0];
    expect(mail.to).toEqual(['ayse@example.com.tr']);
    expect(mail.from).toBe('bulten@magaza.com.tr');
    expect(decodeWords(headerOf(mail.raw, 'Subject')!)).toBe('Şubat indirimi: %15 sizin için, Ayşe Hanım');
    expect(decodeWords(headerOf(mail.raw, 'From')!)).toBe('Çiçek Mağazası <bulten@magaza.com.tr>');
    expect(headerOf(mail.raw, 'List-Unsubscribe')).toBe('<https://crm.example/u/TOKEN>');
    expect(headerOf(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(headerOf(mail.raw, 'Content-Type')).toMatch(/^multipart\/alternative/);
    const body = decodeQuotedPrintable(mail.raw);
    expect(body).toMatch(/Content-Type: text\/plain; charset=utf-8[\s\S]*Çok özlediğimiz müşterimiz, ışıl ışıl ürünler sizi bekliyor\./);
    expect(body).toMatch(/Content-Type: text\/html; charset=utf-8[\s\S]*<b>ışıl ışıl<\/b>/);
  });

  it('tells a refused recipient (550, final) from a server that is not there (retryable)', async () => {
    const server = await fakeSmtp({ reject: /yok@/ });
    closers.push(server.close);
    const p = smtpProvider.create(smtpProvider.config.parse({ host: server.host, port: server.port, fromAddress: 'a@magaza.com.tr' }), {});
    closers.push(async () => p.close?.());
    const refused = await failure(p.send({ ...sms(), channel: 'email', to: 'yok@example.com', subject: 'x' }));
    expect([refused.retryable, refused.status]).toEqual([false, 550]);
    expect(refused.message).toMatch(/Böyle bir posta kutusu yok/);

    const gone = smtpProvider.create(
      smtpProvider.config.parse({ host: '127.0.0.1', port: 1, fromAddress: 'a@magaza.com.tr', timeoutMs: 1000 }),
      {},
    );
    closers.push(async () => gone.close?.());
    const down = await failure(gone.send({ ...sms(), channel: 'email', to: 'ayse@example.com', subject: 'x' }));
    expect(down.retryable).toBe(true);
  });

  it('refuses a bad login with the server’s message, not retryable', async () => {
    const server = await fakeSmtp({ user: 'magaza', password: 'doğru' });
    closers.push(server.close);
    const p = smtpProvider.create(
      smtpProvider.config.parse({ host: server.host, port: server.port, user: 'magaza', fromAddress: 'a@magaza.com.tr' }),
      { password: 'yanlış' },
    );
    closers.push(async () => p.close?.());
    const e = await failure(p.send({ ...sms(), channel: 'email', to: 'ayse@example.com', subject: 'x' }));
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(/535/);
  });
});
