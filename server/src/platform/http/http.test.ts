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

const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
const json = { 'content-type': 'application/json' };
const badKey = { 'idempotency-key': 'has space' };

describe('platform routes', () => {
  it('answers liveness', async () => {
    const res = await t.anonymous.get('/api/health');
    expect([res.status, res.body]).toEqual([200, { status: 'ok' }]);
  });

  it('answers readiness with the kind of database', async () => {
    const res = await t.anonymous.get('/api/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'embedded' });
  });

  it('documents every /api/v1 route in an OpenAPI 3.1 document', async () => {
    const res = await t.anonymous.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const registered = t.app
      .http!.routeList.filter((r) => r.url.startsWith('/api/v1/'))
      .map((r) => `${r.method.toLowerCase()} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(registered.length).toBeGreaterThan(15);
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(documented.filter((op) => op.includes(' /api/v1/')).sort()).toEqual(registered.sort());
  });

  it('serves Swagger UI to anyone', async () => {
    const res = await t.anonymous.get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('swagger-ui');
    expect((await t.anonymous.get('/api/docs/static/swagger-initializer.js')).status).toBe(200);
  });
});

describe('problems and request ids', () => {
  it('answers an unknown route with a translated route_not_found problem', async () => {
    const tr = expectProblem(await t.anonymous.get('/api/v1/nope'), 404, 'route_not_found');
    expect(tr.detail).toBe('Böyle bir adres yok: GET /api/v1/nope');
    const en = expectProblem(
      await owner.post('/api/v1/nope', {}, { headers: { 'accept-language': 'en-US,en;q=0.9' } }),
      404,
      'route_not_found',
    );
    expect(en.detail).toBe('There is no such address: POST /api/v1/nope');
  });

  it('gives every response a request id, and adopts the one the client sends', async () => {
    const ids = new Set<string>();
    for (const res of [await t.anonymous.get('/api/health'), await t.anonymous.get('/api/v1/me'), await owner.get('/api/v1/stores')]) {
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      ids.add(String(res.headers['x-request-id']));
    }
    expect(ids.size).toBe(3);
    const res = await t.anonymous.get('/api/v1/me', { headers: { 'x-request-id': 'lb-4711' } });
    expect(expectProblem(res, 401, 'unauthenticated').requestId).toBe('lb-4711');
    expect(res.headers['x-request-id']).toBe('lb-4711');
  });

  it('tells in Server-Timing how long the server took, on answers and on problems, within the round trip', async () => {
    const durations: number[] = [];
    for (const call of [() => owner.get('/api/v1/stores'), () => t.anonymous.get('/api/v1/me'), () => t.anonymous.get('/api/health')]) {
      const started = performance.now();
      const res = await call();
      const roundTrip = performance.now() - started;
      const dur = /^app;dur=(\d+\.\d\d)$/.exec(String(res.headers['server-timing']))?.[1];
      expect(dur, String(res.headers['server-timing'])).toBeDefined();
      expect(Number(dur)).toBeLessThanOrEqual(roundTrip);
      durations.push(Number(dur));
    }
    // A database read takes some time; the health check may round to 0.00.
    expect(durations[0]).toBeGreaterThan(0);
  });

  it('replaces an oversized or odd x-request-id with its own', async () => {
    for (const given of ['x'.repeat(5000), 'a b', 'id\u00e7']) {
      const res = await t.anonymous.get('/api/health', { headers: { 'x-request-id': given } });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('nasty input gets a 4xx problem, never a 5xx', () => {
  const big = 'x'.repeat(1_100_000);
  const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
  const rows: [string, string, string, unknown, Record<string, string> | undefined, number, string][] = [
    ['a path id that is not a uuid', 'GET', '/api/v1/stores/not-a-uuid', undefined, undefined, 400, 'validation_failed'],
    ['SQL in a path id', 'GET', "/api/v1/stores/'%20or%201=1--", undefined, undefined, 400, 'validation_failed'],
    ['a NUL byte in a path id', 'GET', '/api/v1/stores/%00', undefined, undefined, 400, 'validation_failed'],
    ['an unknown id', 'GET', '/api/v1/stores/01a20000-0000-7000-8000-000000000000', undefined, undefined, 404, 'not_found'],
    ['limit=0', 'GET', '/api/v1/stores?limit=0', undefined, undefined, 400, 'validation_failed'],
    ['limit=1e9', 'GET', '/api/v1/stores?limit=1000000000', undefined, undefined, 400, 'validation_failed'],
    ['limit=abc', 'GET', '/api/v1/stores?limit=abc', undefined, undefined, 400, 'validation_failed'],
    ['a repeated limit', 'GET', '/api/v1/stores?limit=1&limit=2', undefined, undefined, 400, 'validation_failed'],
    ['an unknown query parameter', 'GET', '/api/v1/stores?drop=1', undefined, undefined, 400, 'validation_failed'],
    ['a garbage cursor', 'GET', '/api/v1/stores?cursor=%25%25%25', undefined, undefined, 400, 'invalid_cursor'],
    ['a cursor of the wrong shape', 'GET', `/api/v1/stores?cursor=${cursorOf([{ a: 1 }])}`, undefined, undefined, 400, 'invalid_cursor'],
    ['a job id that is not a uuid', 'GET', '/api/v1/jobs/42', undefined, undefined, 400, 'validation_failed'],
    ['active=maybe', 'GET', '/api/v1/users?active=maybe', undefined, undefined, 400, 'validation_failed'],
    ['a date that is no date', 'GET', '/api/v1/audit-log?from=yesterday', undefined, undefined, 400, 'validation_failed'],
    ['an encoded path traversal', 'GET', '/api/v1/stores/..%2F..%2Fusers', undefined, undefined, 400, 'validation_failed'],
    ['malformed JSON', 'POST', '/api/v1/stores', '{"code":', json, 400, 'malformed_json'],
    ['an empty JSON body', 'POST', '/api/v1/stores', '', json, 400, 'malformed_json'],
    ['a JSON array', 'POST', '/api/v1/stores', [1, 2], undefined, 400, 'validation_failed'],
    ['JSON null', 'POST', '/api/v1/stores', 'null', json, 400, 'validation_failed'],
    ['a __proto__ key', 'POST', '/api/v1/stores', '{"code":"P","name":"P","__proto__":{"admin":true}}', json, 400, 'malformed_json'],
    ['a constructor.prototype key', 'POST', '/api/v1/stores', '{"code":"P","constructor":{"prototype":{}}}', json, 400, 'malformed_json'],
    ['JSON nested 5000 deep', 'POST', '/api/v1/stores', deep, json, 400, 'validation_failed'],
    ['plain text', 'POST', '/api/v1/stores', 'hello', { 'content-type': 'text/plain' }, 400, 'validation_failed'],
    ['XML', 'POST', '/api/v1/stores', '<store/>', { 'content-type': 'application/xml' }, 415, 'unsupported_media_type'],
    ['a body over 1 MiB', 'POST', '/api/v1/stores', { code: 'BIG', name: big }, undefined, 413, 'payload_too_large'],
    ['a 10 000 character name', 'POST', '/api/v1/stores', { code: 'LONG', name: 'x'.repeat(10_000) }, undefined, 400, 'validation_failed'],
    ['a bad timezone', 'PATCH', '/api/v1/org', { timezone: "Europe/Istanbul'; --" }, undefined, 400, 'validation_failed'],
    ['a bad Idempotency-Key', 'POST', '/api/v1/brands', { code: 'K', name: 'K' }, badKey, 400, 'invalid_idempotency_key'],
  ];
  it.each(rows)('%s → %s %s', async (_label, method, url, body, headers, status, code) => {
    const res = await owner.request(method, url, { body, headers });
    expect(res.headers['x-request-id']).toBe(expectProblem(res, status, code).requestId);
  });

  it('wrote nothing for any of them', async () => {
    const { rows: counts } = await t.db.pool.query(
      'select (select count(*)::int from stores where org_id = $1) as stores, (select count(*)::int from brands where org_id = $1) as brands',
      [orgId],
    );
    expect(counts).toEqual([{ stores: 0, brands: 0 }]);
  });

  it.each([
    ['a NUL character in a name', 'POST', '/api/v1/stores', { code: 'NUL', name: 'a\u0000b' }],
    ['a NUL character in a search', 'GET', '/api/v1/stores?q=a%00', undefined],
    ['a NUL character in a login e-mail', 'POST', '/api/v1/auth/login', { email: 'a\u0000@x.com', password: 'whatever1234' }],
    ['an audit cursor that is not a uuid', 'GET', `/api/v1/audit-log?cursor=${cursorOf(['not-a-uuid'])}`, undefined],
  ])('%s → 4xx', async (_label, method, url, body) => {
    const res = await owner.request(method, url, { body });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});

describe('GET /api/v1/jobs/{id}', () => {
  it("shows an org's own job with its progress and hides another org's", async () => {
    const other = await t.newOrg();
    const jobs = t.app.ctx.jobs;
    const mine = await t.db.tenant(orgId, (tx) => jobs.createRun(tx, 'test'));
    const theirs = await t.db.tenant(other.orgId, (tx) => jobs.createRun(tx, 'test'));

    const queued = await owner.get(`/api/v1/jobs/${mine}`);
    expect(queued.status).toBe(200);
    expect(queued.body).toMatchObject({ id: mine, kind: 'test', status: 'queued', done: 0, total: null, progress: null });

    await jobs.updateRun(orgId, mine, { status: 'running', done: 3, total: 8 });
    const running = await owner.get(`/api/v1/jobs/${mine}`);
    expect(running.body).toMatchObject({ status: 'running', done: 3, total: 8, progress: 37.5, startedAt: expect.any(String) });

    await jobs.updateRun(orgId, mine, { status: 'succeeded', result: { imported: 8 } });
    expect((await owner.get(`/api/v1/jobs/${mine}`)).body).toMatchObject({ status: 'succeeded', result: { imported: 8 } });

    expectProblem(await owner.get(`/api/v1/jobs/${theirs}`), 404, 'not_found');
    expect((await other.owner.get(`/api/v1/jobs/${theirs}`)).status).toBe(200);
    expectProblem(await t.anonymous.get(`/api/v1/jobs/${mine}`), 401, 'unauthenticated');
  });
});
