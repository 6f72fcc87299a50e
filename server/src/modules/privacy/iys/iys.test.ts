import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, startTestApp, type TestApp } from '../../../testing/app';
import { IysClient, iysDate } from './client';
import { checkSent, MAX_ATTEMPTS, pullChanges, pushPending } from './sync';

/** A stand-in for İYS: checks what it is sent the way İYS documents it, answers as İYS does. */
interface Seen {
  method: string;
  path: string;
  auth?: string;
  body: unknown;
}
let seen: Seen[] = [];
let failNext = 0;
let changes: unknown[] = [];
const batchResults = new Map<string, unknown[]>();
let server: Server;
let baseUrl: string;

const CONSENT_FIELDS = ['consentDate', 'recipient', 'recipientType', 'source', 'status', 'type'];
const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function validConsent(c: Record<string, unknown>): string | null {
  if (Object.keys(c).sort().join() !== CONSENT_FIELDS.join()) return `fields ${Object.keys(c)}`;
  if (!DATE.test(String(c.consentDate))) return 'consentDate';
  if (!['ONAY', 'RET'].includes(String(c.status))) return 'status';
  if (!['MESAJ', 'ARAMA', 'EPOSTA'].includes(String(c.type))) return 'type';
  if (c.type === 'EPOSTA' ? !String(c.recipient).includes('@') : !/^\+90\d{10}$/.test(String(c.recipient))) return 'recipient';
  return null;
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => resolve(data));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const text = await read(req);
    const body = text ? JSON.parse(text) : undefined;
    const url = new URL(req.url!, 'http://x');
    seen.push({ method: req.method!, path: url.pathname + url.search, auth: req.headers.authorization, body });
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (url.pathname === '/oauth2/token') {
      if (body?.grant_type !== 'password' || body.username !== 'iys-user' || body.password !== 'Gizli şifre 123!')
        return send(401, { message: 'bad credentials' });
      return send(200, { access_token: 'tok-1', token_type: 'bearer', expires_in: 7200 });
    }
    if (req.headers.authorization !== 'Bearer tok-1') return send(401, { errors: [{ code: 'H174', message: 'unauthorized' }] });
    if (failNext > 0) {
      failNext--;
      return send(503, { errors: [{ code: 'H500', message: 'Servis geçici olarak kullanılamıyor' }] });
    }
    const base = '/sps/700123/brands/700124/consents';
    if (req.method === 'POST' && url.pathname === base) {
      const problem = validConsent(body);
      if (problem) return send(422, { errors: [{ code: 'H100', message: problem }] });
      return send(200, { transactionId: `tx-${seen.length}`, creationDate: '2026-01-01 10:00:00' });
    }
    if (req.method === 'POST' && url.pathname === `${base}/request`) {
      if (!Array.isArray(body) || body.length > 1000) return send(400, { errors: [{ code: 'H101', message: 'list' }] });
      const requestId = `req-${seen.length}`;
      // İYS processes a batch later; the second entry fails, like a malformed address would.
      batchResults.set(
        requestId,
        body.map((c: Record<string, unknown>, index: number) =>
          index === 1 || validConsent(c)
            ? { index, status: 'failure', subRequestId: `s${index}`, error: { code: 'H174', message: 'Alıcı geçersiz' } }
            : { index, status: 'success', subRequestId: `s${index}`, transactionId: `t${index}` },
        ),
      );
      return send(200, { requestId, subRequests: body.map((_: unknown, index: number) => ({ index, subRequestId: `s${index}` })) });
    }
    if (req.method === 'GET' && url.pathname.startsWith(`${base}/request/`)) {
      return send(200, batchResults.get(decodeURIComponent(url.pathname.split('/').pop()!)) ?? []);
    }
    if (req.method === 'GET' && url.pathname === `${base}/changes`) {
      if (url.searchParams.get('source') !== 'IYS') return send(400, {});
      const after = url.searchParams.get('after');
      return after === 'c1' ? send(200, { after: 'c1', list: [] }) : send(200, { after: 'c1', list: changes });
    }
    send(404, { message: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

let t: TestApp;
let owner: Caller;
let orgId: string;
beforeAll(async () => {
  t = await startTestApp({ env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'muhtar-iys-')) } });
  ({ owner, orgId } = await t.newOrg());
});
afterAll(() => t.close());
beforeEach(() => {
  seen = [];
  failNext = 0;
});

let seq = 0;
const mobile = () => `+90533${String(1000000 + ++seq * 13).padStart(7, '0')}`;
async function customer() {
  const res = await owner.post('/api/v1/customers', {
    firstName: 'Gül',
    lastName: 'Şahin',
    phone: mobile(),
    email: `gul.${++seq}@ornek.com.tr`,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; phone: string; email: string };
}
const syncRows = async (where = 'true') =>
  (await t.db.pool.query(`select * from consent_iys_sync where org_id = $1 and ${where} order by created_at`, [orgId])).rows;

const put = (body: object) => owner.request('PUT', '/api/v1/privacy/iys/settings', { body });
const settings = { scope: 'org', iysCode: '700123', brandCode: '700124', username: 'iys-user', password: 'Gizli şifre 123!' };

describe('İYS settings', () => {
  it('are off by default, need complete credentials to turn on, and never return or store the password in clear', async () => {
    expect((await owner.get('/api/v1/privacy/iys/settings')).body.items).toEqual([]);
    const c = await customer();
    await owner.post(`/api/v1/customers/${c.id}/consents`, { channels: ['sms'], status: 'granted', source: 'HS_WEB' });
    expect(await syncRows()).toHaveLength(0); // nothing queues while İYS is off

    const incomplete = expectProblem(await put({ scope: 'org', enabled: true, iysCode: '700123' }), 400, 'validation_failed');
    expect(incomplete.errors?.[0].code).toBe('iys_incomplete');
    expectProblem(await put({ ...settings, iysCode: '1; drop table x' }), 400, 'validation_failed');
    expectProblem(await put({ ...settings, scope: '00000000-0000-4000-8000-000000000000' }), 400, 'validation_failed');

    const res = await put({ ...settings, enabled: true, baseUrl });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ scope: 'org', enabled: true, hasPassword: true, iysCode: '700123' });
    expect(JSON.stringify(res.body)).not.toContain('Gizli');
    expect(JSON.stringify((await owner.get('/api/v1/privacy/iys/settings')).body)).not.toContain('Gizli');
    const { rows } = await t.db.pool.query('select password_enc from iys_settings where org_id = $1', [orgId]);
    expect(rows[0].password_enc).toMatch(/^v1\./);
    expect(rows[0].password_enc).not.toContain('Gizli');
    // Another org has its own (none).
    const other = await t.newOrg('İYS yok');
    expect((await other.owner.get('/api/v1/privacy/iys/settings')).body.items).toEqual([]);
  });
});

describe('İYS client', () => {
  it('writes consent dates in Turkish time', () => {
    expect(iysDate(new Date('2026-03-01T21:30:05Z'))).toBe('2026-03-02 00:30:05');
  });

  it('authenticates with the password grant and reuses the token', async () => {
    const client = new IysClient({ baseUrl, ...settings });
    await client.addConsent({
      consentDate: '2026-01-01 10:00:00',
      source: 'HS_WEB',
      recipient: '+905321112233',
      recipientType: 'BIREYSEL',
      status: 'ONAY',
      type: 'MESAJ',
    });
    await client.changes(null);
    expect(seen.map((s) => `${s.method} ${s.path.split('?')[0]}`)).toEqual([
      'POST /oauth2/token',
      'POST /sps/700123/brands/700124/consents',
      'GET /sps/700123/brands/700124/consents/changes',
    ]);
    expect(seen[1].auth).toBe('Bearer tok-1');
    await expect(new IysClient({ baseUrl, ...settings, password: 'yanlış' }).accessToken()).rejects.toMatchObject({ status: 401 });
    await expect(client.addConsentsAsync(Array.from({ length: 1001 }, () => ({}) as never))).rejects.toThrow(/1000/);
  });
});

describe('İYS sync', () => {
  it('sends a single consent with the documented body and marks it accepted', async () => {
    const c = await customer();
    const res = await owner.post(`/api/v1/customers/${c.id}/consents`, {
      channels: ['email'],
      status: 'granted',
      source: 'HS_WEB',
      recordedAt: '2026-02-10T07:15:00Z',
    });
    expect(res.body.current[0].iysStatus).toBe('pending');
    const pending = await syncRows(`status = 'pending'`);
    expect(pending).toHaveLength(1);
    expect(await pushPending(t.app.ctx, orgId)).toEqual({ sent: 1 });
    const post = seen.find((s) => s.path === '/sps/700123/brands/700124/consents')!;
    expect(post.body).toEqual({
      consentDate: '2026-02-10 10:15:00',
      source: 'HS_WEB',
      recipient: c.email,
      recipientType: 'BIREYSEL',
      status: 'ONAY',
      type: 'EPOSTA',
    });
    const read = await owner.get(`/api/v1/customers/${c.id}/consents`);
    expect(read.body.current[0]).toMatchObject({ iysStatus: 'accepted', iysError: null });
  });

  it('sends several in one async batch, then reads per-consent results', async () => {
    const c = await customer();
    await owner.post(`/api/v1/customers/${c.id}/consents`, {
      channels: ['sms', 'call', 'whatsapp'],
      status: 'granted',
      source: 'HS_FIZIKSEL_ORTAM',
    });
    expect(await pushPending(t.app.ctx, orgId)).toEqual({ sent: 2 }); // WhatsApp is not sent to İYS
    const batch = seen.find((s) => s.path.endsWith('/consents/request'))!;
    expect(batch.body).toHaveLength(2);
    expect((batch.body as { type: string; recipient: string }[]).map((b) => [b.type, b.recipient])).toEqual([
      ['MESAJ', c.phone],
      ['ARAMA', c.phone],
    ]);
    expect(await syncRows(`status = 'sent'`)).toHaveLength(2);
    expect(await checkSent(t.app.ctx, orgId)).toEqual({ accepted: 1, failed: 1 });
    const failed = await syncRows(`status = 'failed'`);
    expect(failed).toHaveLength(1);
    expect(failed[0].error).toContain('Alıcı geçersiz');
  });

  it('retries when İYS is down, and gives up after the attempt limit', async () => {
    const c = await customer();
    await owner.post(`/api/v1/customers/${c.id}/consents`, { channels: ['sms'], status: 'granted', source: 'HS_WEB' });
    failNext = 1;
    await expect(pushPending(t.app.ctx, orgId)).rejects.toMatchObject({ status: 503, retryable: true });
    const [row] = await syncRows(`status = 'pending'`);
    expect(row).toMatchObject({ attempts: 1 });
    expect(row.error).toContain('503');
    expect(await pushPending(t.app.ctx, orgId)).toEqual({ sent: 1 });
    expect(await syncRows(`status = 'pending'`)).toHaveLength(0);

    await owner.post(`/api/v1/customers/${c.id}/consents`, { channels: ['sms'], status: 'revoked', source: 'HS_WEB' });
    failNext = MAX_ATTEMPTS;
    for (let i = 0; i < MAX_ATTEMPTS; i++) await expect(pushPending(t.app.ctx, orgId)).rejects.toThrow();
    const [gaveUp] = await syncRows(`status = 'failed' and attempts = ${MAX_ATTEMPTS}`);
    expect(gaveUp.error).toContain('Servis geçici');
  });

  it('records revocations made at İYS as consent history, once', async () => {
    const c = await customer();
    await owner.post(`/api/v1/customers/${c.id}/consents`, { channels: ['sms'], status: 'granted', source: 'HS_WEB' });
    await pushPending(t.app.ctx, orgId);
    // The citizen said no at İYS after the grant here.
    const at = new Date(Math.ceil((Date.now() + 2000) / 1000) * 1000);
    changes = [
      {
        consentDate: iysDate(at),
        source: 'IYS_WEB',
        recipient: c.phone,
        recipientType: 'BIREYSEL',
        status: 'RET',
        type: 'MESAJ',
        transactionId: 'ret-1',
      },
      {
        consentDate: '2026-03-01 12:00:00',
        source: 'IYS_MOBIL',
        recipient: '+905009998877',
        recipientType: 'BIREYSEL',
        status: 'RET',
        type: 'MESAJ',
        transactionId: 'ret-2',
      },
    ];
    expect(await pullChanges(t.app.ctx, orgId)).toEqual({ recorded: 1 });
    const read = await owner.get(`/api/v1/customers/${c.id}/consents`);
    expect(read.body.current[0]).toMatchObject({
      channel: 'sms',
      status: 'revoked',
      source: 'IYS_WEB',
      origin: 'iys',
      actorName: 'İYS',
      iysStatus: null,
    });
    expect(new Date(read.body.current[0].consentAt).toISOString()).toBe(at.toISOString());
    // The cursor moved on; a pull from the start again records nothing twice.
    const { rows } = await t.db.pool.query(`select pull_after from iys_settings where org_id = $1`, [orgId]);
    expect(rows[0].pull_after).toBe('c1');
    await t.db.pool.query(`update iys_settings set pull_after = null where org_id = $1`, [orgId]);
    expect(await pullChanges(t.app.ctx, orgId)).toEqual({ recorded: 0 });
    expect((await owner.get(`/api/v1/customers/${c.id}/consents`)).body.history.items).toHaveLength(2);
  });
});
