import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database';
import type { Auth, Authenticator } from '../../platform/http/auth-context';
import { Problem, unauthenticated } from '../../platform/http/problem';
import { SESSION_COOKIE } from '../../platform/http/server';
import { isLocale, type Locale } from '../../platform/i18n';
import { newId } from '../../platform/ids';
import { cachedKey, cacheKey } from './api-key-cache';
import { findLiveKey } from './api-keys';
import { recordAudit } from './audit';
import { type ApiKeyScope, permissionsOfRole, permissionsOfScopes, type Role, STORE_ROLES } from './permissions';
import { loginFailures, orgs, sessions, userStores, users } from './schema';
import { hashPassword, hashToken, randomToken, verifyPassword } from './secrets';
import { normalizeEmail } from './users';

const SESSION_DAYS = 14;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 30;

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  orgId: string;
  userId: string;
}

/**
 * Signs a user in. Failures are counted in the database, so the limits hold across processes:
 * the sixth wrong try for an address within a minute, or the 31st failure from one IP (someone
 * spraying many addresses), is refused with 429. Successful logins never count.
 */
export async function login(db: Database, email: string, password: string, from: { ip: string; userAgent?: string }): Promise<LoginResult> {
  const emailKey = normalizeEmail(email);
  const recent = await db.system(async (tx) => {
    const [row] = await tx
      .select({
        byEmail: sql<number>`count(*) filter (where ${loginFailures.emailKey} = ${emailKey})::int`,
        byIp: sql<number>`count(*) filter (where ${loginFailures.ip} = ${from.ip})::int`,
        oldest: sql<string>`min(${loginFailures.at})`,
      })
      .from(loginFailures)
      .where(
        and(
          or(eq(loginFailures.emailKey, emailKey), eq(loginFailures.ip, from.ip)),
          gt(loginFailures.at, sql`now() - interval '1 minute'`),
        ),
      );
    return row;
  });
  if (recent.byEmail >= MAX_FAILURES_PER_EMAIL || recent.byIp >= MAX_FAILURES_PER_IP) {
    const seconds = Math.max(1, Math.ceil((new Date(recent.oldest).getTime() + 60_000 - Date.now()) / 1000));
    throw new Problem(429, 'too_many_attempts', 'auth.too_many_attempts', { seconds }, { retryAfter: seconds });
  }
  const [user] = await db.system((tx) => tx.select().from(users).where(eq(users.email, emailKey)));
  const ok = await verifyPassword(password, user?.active ? user.passwordHash : null);
  if (!user || !ok) {
    await db.system(async (tx) => {
      await tx.delete(loginFailures).where(lt(loginFailures.at, sql`now() - interval '1 hour'`));
      await tx.insert(loginFailures).values({ id: newId(), emailKey, ip: from.ip });
    });
    throw unauthenticated('auth.invalid_credentials');
  }
  const token = randomToken();
  const csrfToken = randomToken(18);
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db.tenant(user.orgId, async (tx) => {
    await tx.insert(sessions).values({
      orgId: user.orgId,
      id: newId(),
      userId: user.id,
      tokenHash: hashToken(token),
      csrfToken,
      ip: from.ip,
      userAgent: from.userAgent?.slice(0, 300),
      expiresAt,
    });
    await tx
      .update(users)
      .set({ lastLoginAt: sql`now()` })
      .where(and(eq(users.orgId, user.orgId), eq(users.id, user.id)));
    await recordAudit(tx, { auth: { actor: { type: 'user', id: user.id, name: user.name } }, ...from }, 'auth.login', {
      type: 'user',
      id: user.id,
    });
  });
  return { token, csrfToken, expiresAt, orgId: user.orgId, userId: user.id };
}

export async function logout(tx: Tx, sessionId: string) {
  await tx.delete(sessions).where(and(eq(sessions.orgId, tx.orgId!), eq(sessions.id, sessionId)));
}

export async function changeOwnPassword(tx: Tx, auth: Auth, current: string, next: string) {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.orgId, tx.orgId!), eq(users.id, auth.actor.id)));
  if (!(await verifyPassword(current, user.passwordHash))) throw new Problem(400, 'wrong_password', 'auth.wrong_password');
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(next) })
    .where(and(eq(users.orgId, tx.orgId!), eq(users.id, user.id)));
  // Other devices signed in with the old password are signed out.
  await tx.delete(sessions).where(and(eq(sessions.orgId, tx.orgId!), eq(sessions.userId, user.id), sql`id <> ${auth.sessionId ?? null}`));
}

const localeOr = (v: string | null | undefined): Locale | undefined => (isLocale(v) ? v : undefined);

async function sessionAuth(tx: Tx, token: string): Promise<Auth | null> {
  const [row] = await tx
    .select({ session: sessions, user: users, orgLocale: orgs.defaultLocale })
    .from(sessions)
    .innerJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId)))
    .innerJoin(orgs, eq(orgs.orgId, sessions.orgId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, sql`now()`), eq(users.active, true)));
  if (!row) return null;
  const { session, user } = row;
  const role = user.role as Role;
  let storeIds: string[] | null = null;
  if (STORE_ROLES.has(role)) {
    const rows = await tx
      .select({ id: userStores.storeId })
      .from(userStores)
      .where(and(eq(userStores.orgId, user.orgId), eq(userStores.userId, user.id)));
    storeIds = rows.map((r) => r.id);
  }
  await tx
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(and(eq(sessions.orgId, session.orgId), eq(sessions.id, session.id), lt(sessions.lastSeenAt, sql`now() - interval '5 minutes'`)));
  return {
    orgId: user.orgId,
    actor: { type: 'user', id: user.id, name: user.name },
    role,
    permissions: permissionsOfRole(role),
    storeIds,
    csrfToken: session.csrfToken,
    sessionId: session.id,
    userLocale: localeOr(user.locale),
    orgLocale: localeOr(row.orgLocale) ?? 'tr',
  };
}

async function apiKeyAuth(tx: Tx, key: string): Promise<Auth | null> {
  const row = await findLiveKey(tx, key);
  if (!row) return null;
  const [org] = await tx.select({ locale: orgs.defaultLocale }).from(orgs).where(eq(orgs.orgId, row.orgId));
  const auth: Auth = {
    orgId: row.orgId,
    actor: { type: 'api_key', id: row.id, name: row.name },
    role: null,
    permissions: permissionsOfScopes(row.scopes as ApiKeyScope[]),
    storeIds: row.storeId ? [row.storeId] : null,
    orgLocale: localeOr(org?.locale) ?? 'tr',
  };
  cacheKey(row.keyHash, auth);
  return auth;
}

/** Resolves a bearer API key or the session cookie. A bad key is refused outright. */
export function createAuthenticator(db: Database): Authenticator {
  return async (req) => {
    const header = req.headers.authorization;
    if (typeof header === 'string' && header.length > 0) {
      const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      const auth = key ? (cachedKey(hashToken(key)) ?? (await db.system((tx) => apiKeyAuth(tx, key)))) : null;
      if (!auth) throw unauthenticated('auth.invalid_api_key');
      return auth;
    }
    const token = req.cookies[SESSION_COOKIE];
    return token ? db.system((tx) => sessionAuth(tx, token)) : null;
  };
}
