import { and, asc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { conflict, forbidden, notFound, Problem } from '../../platform/http/problem';
import type { Locale } from '../../platform/i18n';
import { newId } from '../../platform/ids';
import { type AuditSource, recordAudit } from './audit';
import { type Role, STORE_ROLES } from './permissions';
import { sessions, stores, userStores, users, userTokens } from './schema';
import { hashPassword, hashToken, randomToken } from './secrets';

export type TokenPurpose = 'invite' | 'reset';
const TOKEN_TTL_HOURS: Record<TokenPurpose, number> = { invite: 7 * 24, reset: 24 };

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale | null;
  active: boolean;
  /** Null until the invitation is accepted. */
  activated: boolean;
  storeIds: string[];
  createdAt: Date;
  lastLoginAt: Date | null;
}

async function storeIdsOf(tx: Tx, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await tx
    .select()
    .from(userStores)
    .where(and(eq(userStores.orgId, tx.orgId!), inArray(userStores.userId, userIds)));
  for (const r of rows) map.get(r.userId)?.push(r.storeId);
  return map;
}

function view(u: typeof users.$inferSelect, storeIds: string[]): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as Role,
    locale: (u.locale as Locale | null) ?? null,
    active: u.active,
    activated: u.passwordHash !== null,
    storeIds,
    createdAt: u.createdAt,
    lastLoginAt: u.lastLoginAt,
  };
}

export async function listUsers(tx: Tx, f: { limit: number; cursor?: string; active?: boolean }) {
  const rows = await tx
    .select()
    .from(users)
    .where(
      and(
        eq(users.orgId, tx.orgId!),
        f.active === undefined ? undefined : eq(users.active, f.active),
        afterCursor([users.email], f.cursor),
      ),
    )
    .orderBy(asc(users.email))
    .limit(f.limit + 1);
  const page = toPage(rows, f.limit, (r) => [r.email]);
  const scopes = await storeIdsOf(
    tx,
    page.items.map((u) => u.id),
  );
  return { items: page.items.map((u) => view(u, scopes.get(u.id) ?? [])), nextCursor: page.nextCursor };
}

export async function getUser(tx: Tx, id: string): Promise<UserView> {
  const [u] = await tx
    .select()
    .from(users)
    .where(and(eq(users.orgId, tx.orgId!), eq(users.id, id)));
  if (!u) throw notFound();
  return view(u, (await storeIdsOf(tx, [id])).get(id) ?? []);
}

async function setStores(tx: Tx, userId: string, role: Role, storeIds: string[]) {
  const wanted = STORE_ROLES.has(role) ? [...new Set(storeIds)] : [];
  if (STORE_ROLES.has(role) && wanted.length === 0) {
    throw new Problem(400, 'store_scope_required', 'access.store_scope_required');
  }
  if (wanted.length) {
    const found = await tx
      .select({ id: stores.id })
      .from(stores)
      .where(and(eq(stores.orgId, tx.orgId!), inArray(stores.id, wanted)));
    if (found.length !== wanted.length)
      throw new Problem(400, 'unknown_store', 'access.unknown_store', {
        code: wanted.filter((id) => !found.some((f) => f.id === id)).join(', '),
      });
  }
  await tx.delete(userStores).where(and(eq(userStores.orgId, tx.orgId!), eq(userStores.userId, userId)));
  if (wanted.length) await tx.insert(userStores).values(wanted.map((storeId) => ({ orgId: tx.orgId!, userId, storeId })));
}

/** Only an owner may create or promote owners. */
function assertCanGrant(actorRole: Role | null, role: Role) {
  if (role === 'owner' && actorRole !== 'owner') throw new Problem(403, 'owner_only', 'access.owner_only');
}

export async function issueToken(tx: Tx, userId: string, purpose: TokenPurpose): Promise<string> {
  const token = randomToken();
  // A new link replaces older unused ones of the same purpose.
  await tx
    .update(userTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(userTokens.orgId, tx.orgId!), eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)));
  await tx.insert(userTokens).values({
    orgId: tx.orgId!,
    id: newId(),
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: sql`now() + make_interval(hours => ${TOKEN_TTL_HOURS[purpose]})`,
  });
  return token;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  storeIds?: string[];
  locale?: Locale;
  /** Set directly (bootstrap, CLI); otherwise the user sets it through the invitation. */
  password?: string;
}

export async function createUser(tx: Tx, source: AuditSource, actorRole: Role | null, input: NewUser) {
  assertCanGrant(actorRole, input.role);
  const id = newId();
  try {
    await tx.insert(users).values({
      orgId: tx.orgId!,
      id,
      email: normalizeEmail(input.email),
      name: input.name.trim(),
      role: input.role,
      locale: input.locale,
      passwordHash: input.password ? await hashPassword(input.password) : null,
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_key')) throw conflict('email_taken', 'access.email_taken');
    throw err;
  }
  await setStores(tx, id, input.role, input.storeIds ?? []);
  const token = input.password ? undefined : await issueToken(tx, id, 'invite');
  await recordAudit(
    tx,
    source,
    'user.create',
    { type: 'user', id },
    { email: normalizeEmail(input.email), role: input.role, storeIds: input.storeIds ?? [] },
  );
  return { user: await getUser(tx, id), inviteToken: token };
}

async function assertOwnersRemain(tx: Tx, excludingId: string) {
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.orgId, tx.orgId!), eq(users.role, 'owner'), eq(users.active, true), ne(users.id, excludingId)));
  if (n === 0) throw conflict('last_owner', 'access.last_owner');
}

export interface UserPatch {
  name?: string;
  role?: Role;
  storeIds?: string[];
  active?: boolean;
  locale?: Locale | null;
}

export async function updateUser(tx: Tx, source: AuditSource, actor: { id: string; role: Role | null }, id: string, patch: UserPatch) {
  const current = await getUser(tx, id);
  if (patch.role) assertCanGrant(actor.role, patch.role);
  if (current.role === 'owner' && actor.role !== 'owner') throw forbidden();
  if (patch.active === false && id === actor.id) throw conflict('self_deactivate', 'access.self_deactivate');
  const losesOwner = current.role === 'owner' && ((patch.role && patch.role !== 'owner') || patch.active === false);
  if (losesOwner) await assertOwnersRemain(tx, id);
  const role = patch.role ?? current.role;
  const columns = Object.fromEntries(
    Object.entries({ name: patch.name?.trim(), role: patch.role, active: patch.active, locale: patch.locale }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  if (Object.keys(columns).length > 0)
    await tx
      .update(users)
      .set(columns)
      .where(and(eq(users.orgId, tx.orgId!), eq(users.id, id)));
  if (patch.storeIds !== undefined || patch.role !== undefined) await setStores(tx, id, role, patch.storeIds ?? current.storeIds);
  if (patch.active === false) await tx.delete(sessions).where(and(eq(sessions.orgId, tx.orgId!), eq(sessions.userId, id)));
  await recordAudit(tx, source, patch.active === false ? 'user.deactivate' : 'user.update', { type: 'user', id }, { ...patch });
  return getUser(tx, id);
}

/** A fresh one-time link to set a new password; the old password stays valid until it is used. */
export async function createResetLink(tx: Tx, source: AuditSource, actor: { role: Role | null }, id: string) {
  const user = await getUser(tx, id);
  if (user.role === 'owner' && actor.role !== 'owner') throw forbidden();
  const token = await issueToken(tx, id, user.activated ? 'reset' : 'invite');
  await recordAudit(tx, source, 'user.reset_password', { type: 'user', id });
  return { token, purpose: user.activated ? ('reset' as const) : ('invite' as const) };
}

/** Finds a live token (system transaction: the caller is not signed in yet). */
export async function findLiveToken(tx: Tx, token: string) {
  const [row] = await tx
    .select({
      orgId: userTokens.orgId,
      id: userTokens.id,
      userId: userTokens.userId,
      purpose: userTokens.purpose,
      email: users.email,
      name: users.name,
    })
    .from(userTokens)
    .innerJoin(users, and(eq(users.orgId, userTokens.orgId), eq(users.id, userTokens.userId)))
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, sql`now()`),
        eq(users.active, true),
      ),
    );
  return row;
}

/** Uses a token to set the password; every other session of the user ends. */
export async function redeemToken(tx: Tx, token: string, password: string) {
  const live = await findLiveToken(tx, token);
  if (!live) throw new Problem(400, 'token_invalid', 'auth.token_invalid');
  const used = await tx
    .update(userTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(userTokens.orgId, live.orgId), eq(userTokens.id, live.id), isNull(userTokens.usedAt)))
    .returning({ id: userTokens.id });
  if (used.length === 0) throw new Problem(400, 'token_invalid', 'auth.token_invalid');
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(and(eq(users.orgId, live.orgId), eq(users.id, live.userId)));
  await tx.delete(sessions).where(and(eq(sessions.orgId, live.orgId), eq(sessions.userId, live.userId)));
  return live;
}
