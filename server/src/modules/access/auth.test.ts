import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Caller, expectProblem, startTestApp, TEST_PASSWORD, type TestApp, type TestResponse } from '../../testing/app';

let t: TestApp;
let owner: Caller;
let orgId: string;
let ownerEmail: string;
beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId, ownerEmail } = await t.newOrg());
});
afterAll(() => t.close());

const NEW_PASSWORD = 'yepyeni-şifre-2024';
const RANDOM_ID = '01a20000-0000-7000-8000-000000000000';

const signIn = (email: string, password: string, headers: Record<string, string> = {}, ip?: string) =>
  t.anonymous.post('/api/v1/auth/login', { email, password }, { headers, ip });

/** The session cookie (name=value) a login answer sets. */
const cookieOf = (res: TestResponse) => String(res.headers['set-cookie']).split(';')[0];
const tokenOf = (url: string) => url.split('/').pop()!;

let userCount = 0;
/** Invites a user through the API; returns the one-time token from the link. */
async function invite(role = 'marketer') {
  const email = `kisi${++userCount}@magaza.example`;
  const res = await owner.post('/api/v1/users', { email, name: `Kişi ${userCount}`, role });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.user.id as string, email, token: tokenOf(res.body.invite.url), res };
}

/** An invited user who has set TEST_PASSWORD and signed in. */
async function activeUser(role = 'marketer') {
  const user = await invite(role);
  expect((await t.anonymous.post(`/api/v1/auth/tokens/${user.token}`, { password: TEST_PASSWORD })).status).toBe(204);
  return { ...user, caller: await t.login(user.email) };
}

async function count(sql: string, params: unknown[]): Promise<number> {
  return (await t.db.pool.query(sql, params)).rows[0].n;
}
const sessionsOf = (userId: string) => count('select count(*)::int as n from sessions where user_id = $1', [userId]);
const storesOfOrg = () => count('select count(*)::int as n from stores where org_id = $1', [orgId]);

describe('login', () => {
  it('sets an HttpOnly SameSite session cookie and returns the CSRF token', async () => {
    const user = await activeUser();
    const res = await signIn(user.email, TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ csrfToken: expect.any(String), userId: user.id, orgId });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^muhtar_session=[\w-]{40,};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/); // plain http here
    const token = cookieOf(res).split('=')[1];
    const { rows } = await t.db.pool.query('select token_hash from sessions where user_id = $1', [user.id]);
    expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(token).digest('hex'));

    const me = await new Caller(t.app, { cookie: cookieOf(res) }).get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: { id: user.id, email: user.email, role: 'marketer' },
      apiKey: null,
      csrfToken: res.body.csrfToken,
    });
    expect(me.body.org.orgId).toBe(orgId);
  });

  it('accepts the e-mail address in any case and with surrounding spaces', async () => {
    const user = await activeUser();
    expect((await signIn(`  ${user.email.toUpperCase()} `, TEST_PASSWORD)).status).toBe(200);
  });

  it('refuses a wrong password with 401 in Turkish by default and in English on request', async () => {
    const user = await activeUser();
    const tr = await signIn(user.email, 'wrong-password-1');
    expect(expectProblem(tr, 401, 'unauthenticated').detail).toBe('E-posta veya şifre hatalı.');
    expect(tr.headers['set-cookie']).toBeUndefined();
    const en = await signIn(user.email, 'wrong-password-2', { 'accept-language': 'en' });
    expect(expectProblem(en, 401, 'unauthenticated').detail).toBe('Wrong e-mail or password.');
  });

  it('answers an unknown e-mail exactly like a wrong password', async () => {
    const user = await activeUser();
    const wrong = await signIn(user.email, 'wrong-password-1');
    const unknown = await signIn('kimse@magaza.example', 'wrong-password-1');
    const { requestId: _a, instance: _b, ...a } = wrong.body;
    const { requestId: _c, instance: _d, ...b } = unknown.body;
    expect([unknown.status, b]).toEqual([wrong.status, a]);
  });

  it('refuses a user who has not accepted the invitation yet', async () => {
    const user = await invite();
    expectProblem(await signIn(user.email, ''), 401, 'unauthenticated');
    expectProblem(await signIn(user.email, TEST_PASSWORD), 401, 'unauthenticated');
  });

  it.each([
    ['an existing account', true],
    ['an unknown address', false],
  ])('refuses the 6th try within a minute for %s with 429 and retry-after, even with the right password', async (_label, exists) => {
    const email = exists ? (await t.newOrg()).ownerEmail : `yok-${Date.now()}@magaza.example`;
    for (let i = 0; i < 5; i++) expectProblem(await signIn(email, `wrong-password-${i}`), 401, 'unauthenticated');
    const sixth = await signIn(email, TEST_PASSWORD, { 'accept-language': 'en' });
    const body = expectProblem(sixth, 429, 'too_many_attempts');
    const retryAfter = Number(sixth.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(body.detail).toBe(`Too many failed sign-in attempts. Try again in ${retryAfter} seconds.`);
    expect((await signIn(ownerEmail, TEST_PASSWORD)).status).toBe(200); // other accounts are not throttled
  });

  it('refuses the 31st login from one IP address within a minute', async () => {
    // Side by side, as a sprayer sends them (and well inside the minute on a busy machine).
    const tries = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(`sprey${i}@magaza.example`, 'Password123!', {}, '10.0.0.31')),
    );
    for (const res of tries) expectProblem(res, 401, 'unauthenticated');
    expect((await signIn('sprey-last@magaza.example', 'Password123!', {}, '10.0.0.31')).status).toBe(429);
  }, 60_000);
});

describe('sessions', () => {
  it('logout ends only this session', async () => {
    const user = await activeUser();
    const other = await t.login(user.email);
    expect(await sessionsOf(user.id)).toBe(2);
    const res = await user.caller.post('/api/v1/auth/logout');
    expect(res.status).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/^muhtar_session=;.*Expires=Thu, 01 Jan 1970/);
    expectProblem(await user.caller.get('/api/v1/me'), 401, 'unauthenticated');
    expect((await other.get('/api/v1/me')).status).toBe(200);
    expect(await sessionsOf(user.id)).toBe(1);
  });

  it('refuses an expired session and a made-up cookie', async () => {
    const user = await activeUser();
    await t.db.pool.query(`update sessions set expires_at = now() - interval '1 second' where user_id = $1`, [user.id]);
    expectProblem(await user.caller.get('/api/v1/me'), 401, 'unauthenticated');
    expectProblem(await new Caller(t.app, { cookie: 'muhtar_session=made-up' }).get('/api/v1/me'), 401, 'unauthenticated');
    expect((await new Caller(t.app, { cookie: 'muhtar_session=made-up' }).get('/api/health')).status).toBe(200);
  });

  describe('CSRF', () => {
    let cookie: string;
    let otherSessionsToken: string;
    beforeAll(async () => {
      const user = await activeUser('admin');
      cookie = cookieOf(await signIn(user.email, TEST_PASSWORD));
      otherSessionsToken = (await signIn(user.email, TEST_PASSWORD)).body.csrfToken;
    });

    it.each([
      ['no X-CSRF-Token', undefined],
      ['an empty X-CSRF-Token', ''],
      ['a wrong X-CSRF-Token', 'x'.repeat(24)],
      ["another session's X-CSRF-Token", 'other'],
    ])('refuses a cookie write with %s (403 csrf_failed) and writes nothing', async (_label, header) => {
      const caller = new Caller(t.app, { cookie });
      const headers: Record<string, string> =
        header === undefined ? {} : { 'x-csrf-token': header === 'other' ? otherSessionsToken : header };
      const before = await owner.get('/api/v1/org');
      expectProblem(await caller.post('/api/v1/stores', { code: 'CSRF', name: 'Saldırı' }, { headers }), 403, 'csrf_failed');
      expectProblem(await caller.patch('/api/v1/org', { name: 'Ele geçirildi' }, { headers }), 403, 'csrf_failed');
      expectProblem(await caller.post('/api/v1/auth/logout', undefined, { headers }), 403, 'csrf_failed');
      expect(await storesOfOrg()).toBe(0);
      expect((await owner.get('/api/v1/org')).body.name).toBe(before.body.name);
      expect((await caller.get('/api/v1/me')).status).toBe(200); // reads need no token; the session lives on
    });
  });
});

describe('invitation', () => {
  it('lets an invited user set a password once through the link and sign in', async () => {
    const { id, email, token, res } = await invite('marketer');
    expect(res.body.user).toMatchObject({ email, role: 'marketer', activated: false, active: true });
    expect(res.body.invite).toEqual({ url: `http://localhost:3000/invite/${token}`, expiresInHours: 168 });
    const { rows } = await t.db.pool.query('select token_hash from user_tokens where user_id = $1', [id]);
    expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);

    const check = await t.anonymous.get(`/api/v1/auth/tokens/${token}`);
    expect([check.status, check.body]).toEqual([200, { email, name: expect.stringMatching(/^Kişi/), purpose: 'invite' }]);

    const short = expectProblem(await t.anonymous.post(`/api/v1/auth/tokens/${token}`, { password: 'kısa' }), 400, 'validation_failed');
    expect(short.errors).toEqual([{ field: '/password', code: 'too_small', detail: expect.any(String) }]);
    expect((await t.anonymous.get(`/api/v1/auth/tokens/${token}`)).status).toBe(200); // still usable

    expect((await t.anonymous.post(`/api/v1/auth/tokens/${token}`, { password: NEW_PASSWORD })).status).toBe(204);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
    expect((await owner.get(`/api/v1/users/${id}`)).body.activated).toBe(true);

    expectProblem(await t.anonymous.post(`/api/v1/auth/tokens/${token}`, { password: 'başka-bir-şifre' }), 400, 'token_invalid');
    expectProblem(await t.anonymous.get(`/api/v1/auth/tokens/${token}`), 404, 'not_found');
    expectProblem(await signIn(email, 'başka-bir-şifre'), 401, 'unauthenticated');
  });

  it('refuses a made-up token', async () => {
    expectProblem(await t.anonymous.get('/api/v1/auth/tokens/uydurma'), 404, 'not_found');
    expectProblem(await t.anonymous.post('/api/v1/auth/tokens/uydurma', { password: NEW_PASSWORD }), 400, 'token_invalid');
  });

  it('a reset link ends every session of the user once used, and only then', async () => {
    const user = await activeUser('analyst');
    const second = await t.login(user.email);
    const link = await owner.post(`/api/v1/users/${user.id}/reset-password`);
    expect(link.status).toBe(200);
    expect(link.body).toEqual({ url: expect.stringMatching(/^http:\/\/localhost:3000\/reset\/[\w-]+$/), expiresInHours: 24 });
    const token = tokenOf(link.body.url);
    expect((await t.anonymous.get(`/api/v1/auth/tokens/${token}`)).body.purpose).toBe('reset');
    expect((await user.caller.get('/api/v1/me')).status).toBe(200); // the old password still works until the link is used

    expect((await t.anonymous.post(`/api/v1/auth/tokens/${token}`, { password: NEW_PASSWORD })).status).toBe(204);
    expectProblem(await user.caller.get('/api/v1/me'), 401, 'unauthenticated');
    expectProblem(await second.get('/api/v1/me'), 401, 'unauthenticated');
    expect(await sessionsOf(user.id)).toBe(0);
    expectProblem(await signIn(user.email, TEST_PASSWORD), 401, 'unauthenticated');
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
    expect((await owner.get('/api/v1/me')).status).toBe(200);
  });

  it('a new reset link replaces the unused older one', async () => {
    const user = await activeUser();
    const first = tokenOf((await owner.post(`/api/v1/users/${user.id}/reset-password`)).body.url);
    const second = tokenOf((await owner.post(`/api/v1/users/${user.id}/reset-password`)).body.url);
    expectProblem(await t.anonymous.post(`/api/v1/auth/tokens/${first}`, { password: NEW_PASSWORD }), 400, 'token_invalid');
    expect((await t.anonymous.post(`/api/v1/auth/tokens/${second}`, { password: NEW_PASSWORD })).status).toBe(204);
  });
});

describe('own account', () => {
  it('changes the password with the current one and signs out the other devices', async () => {
    const user = await activeUser();
    const otherDevice = await t.login(user.email);
    const wrong = await user.caller.post('/api/v1/me/password', { currentPassword: 'not-my-password', newPassword: NEW_PASSWORD });
    expect(expectProblem(wrong, 400, 'wrong_password').detail).toBe('Mevcut şifre hatalı.');
    const short = await user.caller.post('/api/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'kısa' });
    expect(expectProblem(short, 400, 'validation_failed').errors?.[0]).toMatchObject({ field: '/newPassword', code: 'too_small' });
    expect((await otherDevice.get('/api/v1/me')).status).toBe(200); // nothing changed yet

    const ok = await user.caller.post('/api/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(ok.status).toBe(204);
    expect((await user.caller.get('/api/v1/me')).status).toBe(200);
    expectProblem(await otherDevice.get('/api/v1/me'), 401, 'unauthenticated');
    expectProblem(await signIn(user.email, TEST_PASSWORD), 401, 'unauthenticated');
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it("answers in the user's own language once set, whatever the browser asks for", async () => {
    const user = await activeUser();
    const notFound = () => user.caller.get(`/api/v1/stores/${RANDOM_ID}`, { headers: { 'accept-language': 'tr-TR,tr;q=0.9' } });
    expect(expectProblem(await notFound(), 404, 'not_found').detail).toBe('Aradığınız kayıt bulunamadı.');

    const patched = await user.caller.patch('/api/v1/me', { locale: 'en' });
    expect([patched.status, patched.body.locale]).toEqual([200, 'en']);
    expect((await user.caller.get('/api/v1/me')).body.user.locale).toBe('en');
    expect(expectProblem(await notFound(), 404, 'not_found').detail).toBe('The record you are looking for was not found.');
    expect(expectProblem(await owner.get(`/api/v1/stores/${RANDOM_ID}`), 404, 'not_found').detail).toBe('Aradığınız kayıt bulunamadı.');

    expect((await user.caller.patch('/api/v1/me', { locale: null })).body.locale).toBeNull();
    expect(expectProblem(await notFound(), 404, 'not_found').detail).toBe('Aradığınız kayıt bulunamadı.');
    expectProblem(await user.caller.patch('/api/v1/me', { locale: 'de' }), 400, 'validation_failed');
    expectProblem(await user.caller.patch('/api/v1/me', { role: 'owner' }), 400, 'validation_failed');
  });

  it('refuses /me without a session', async () => {
    const res = await t.anonymous.get('/api/v1/me');
    expect(expectProblem(res, 401, 'unauthenticated').detail).toBe('Bu işlem için oturum açmanız gerekiyor.');
  });
});
