import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type App, createApp } from '../app';
import { createOrg } from '../modules/access/orgs';
import { loadConfig } from '../platform/config';
import type { Database } from '../platform/db/database';
import { openTestDatabase } from './database';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestResponse {
  status: number;
  headers: LightMyRequestResponse['headers'];
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on arbitrary response shapes
  body: any;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  ip?: string;
}

/** Calls the HTTP API as one caller: anonymous, a signed-in user (cookie + CSRF) or an API key. */
export class Caller {
  constructor(
    private readonly app: App,
    private readonly credentials: { cookie?: string; csrf?: string; apiKey?: string } = {},
  ) {}

  async request(method: string, url: string, options: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.credentials.cookie) headers.cookie = this.credentials.cookie;
    if (this.credentials.csrf && method !== 'GET') headers['x-csrf-token'] ??= this.credentials.csrf;
    if (this.credentials.apiKey) headers.authorization = `Bearer ${this.credentials.apiKey}`;
    const res = await this.app.http!.inject({
      method: method as 'GET',
      url,
      query: options.query,
      headers,
      remoteAddress: options.ip,
      ...(options.body === undefined
        ? {}
        : typeof options.body === 'string'
          ? { payload: options.body }
          : { payload: options.body as object }),
    });
    const type = String(res.headers['content-type'] ?? '');
    return { status: res.statusCode, headers: res.headers, body: type.includes('json') ? res.json() : res.body };
  }

  get = (url: string, o?: RequestOptions) => this.request('GET', url, o);
  post = (url: string, body?: unknown, o?: RequestOptions) => this.request('POST', url, { ...o, body });
  patch = (url: string, body?: unknown, o?: RequestOptions) => this.request('PATCH', url, { ...o, body });
  delete = (url: string, o?: RequestOptions) => this.request('DELETE', url, o);
}

export interface TestApp {
  app: App;
  db: Database;
  anonymous: Caller;
  /** Signs in through the real login route. */
  login(email: string, password?: string): Promise<Caller>;
  /** A new org with an owner signed in. */
  newOrg(name?: string): Promise<{ orgId: string; ownerEmail: string; owner: Caller }>;
  asApiKey(key: string): Caller;
  close(): Promise<void>;
}

let orgCounter = 0;

/**
 * Two new orgs on either side of the date line (UTC+14 and UTC−11), with today's date in each: their
 * dates always differ, so a date taken from UTC instead of the org's zone is wrong for one of them.
 */
export async function orgsAcrossTheDateLine(t: TestApp) {
  return Promise.all(
    ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].map(async (timezone) => {
      const org = await t.newOrg();
      const res = await org.owner.patch('/api/v1/org', { timezone });
      if (res.status !== 200) throw new Error(`time zone ${timezone}: ${res.status} ${JSON.stringify(res.body)}`);
      return { ...org, today: () => new Date().toLocaleDateString('en-CA', { timeZone: timezone }) };
    }),
  );
}

/** A whole server (HTTP, jobs, events) on a fresh cloned database. */
export async function startTestApp(options: { env?: Record<string, string>; worker?: boolean } = {}): Promise<TestApp> {
  const db = await openTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', ...options.env });
  const app = await createApp(config, { db, role: options.worker ? 'all' : 'api', logger: false, jobPollSeconds: 0.5, eventPollMs: 200 });
  const login = async (email: string, password = TEST_PASSWORD) => {
    const res = await new Caller(app).post('/api/v1/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    return new Caller(app, { cookie, csrf: res.body.csrfToken });
  };
  return {
    app,
    db,
    anonymous: new Caller(app),
    login,
    async newOrg(name = `Test Org ${++orgCounter}`) {
      const ownerEmail = `owner${orgCounter}.${Date.now()}@test.muhtar.local`;
      const { orgId } = await createOrg(db, { name, owner: { email: ownerEmail, name: 'Owner', password: TEST_PASSWORD } });
      return { orgId, ownerEmail, owner: await login(ownerEmail) };
    },
    asApiKey: (key) => new Caller(app, { apiKey: key }),
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** Asserts an RFC 9457 problem with this status and stable code; returns its body. */
export function expectProblem(res: TestResponse, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, detail: expect.any(String), requestId: expect.any(String) });
  return res.body as { detail: string; requestId: string; errors?: { field: string; code: string; detail: string }[] };
}

let invited = 0;

/** A user with `role` (and stores), invited by `owner`, who accepted the invitation and signed in. */
export async function signedInAs(t: TestApp, owner: Caller, role: string, storeIds?: string[]): Promise<Caller> {
  const email = `${role}.${++invited}.${Date.now()}@magaza.example`;
  const res = await owner.post('/api/v1/users', { email, name: `${role} ${invited}`, role, storeIds });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const token = res.body.invite.url.split('/').pop();
  expect((await t.anonymous.post(`/api/v1/auth/tokens/${token}`, { password: TEST_PASSWORD })).status).toBe(204);
  return t.login(email);
}
