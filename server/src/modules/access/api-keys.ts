import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { notFound, Problem } from '../../platform/http/problem';
import { newId } from '../../platform/ids';
import { forgetKey } from './api-key-cache';
import { type AuditSource, recordAudit } from './audit';
import type { ApiKeyScope } from './permissions';
import { apiKeys, stores } from './schema';
import { hashToken, randomToken } from './secrets';

const KEY_PREFIX = 'mk_';

const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  storeId: apiKeys.storeId,
  storeCode: stores.code,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export async function listApiKeys(tx: Tx) {
  const rows = await tx
    .select(columns)
    .from(apiKeys)
    .leftJoin(stores, and(eq(stores.orgId, apiKeys.orgId), eq(stores.id, apiKeys.storeId)))
    .where(eq(apiKeys.orgId, tx.orgId!))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((r) => ({ ...r, scopes: r.scopes as ApiKeyScope[] }));
}

/** Creates a key; the secret is returned here once and only its hash is kept. */
export async function createApiKey(tx: Tx, source: AuditSource, input: { name: string; scopes: ApiKeyScope[]; storeCode?: string }) {
  let storeId: string | undefined;
  if (input.storeCode) {
    const [store] = await tx
      .select({ id: stores.id })
      .from(stores)
      .where(and(eq(stores.orgId, tx.orgId!), eq(stores.code, input.storeCode)));
    if (!store) throw new Problem(400, 'unknown_store', 'access.unknown_store', { code: input.storeCode });
    storeId = store.id;
  } else if (input.scopes.includes('pos')) {
    throw new Problem(400, 'store_required', 'access.api_key_store_scope');
  }
  const key = `${KEY_PREFIX}${randomToken(30)}`;
  const id = newId();
  await tx.insert(apiKeys).values({
    orgId: tx.orgId!,
    id,
    name: input.name.trim(),
    prefix: key.slice(0, 10),
    keyHash: hashToken(key),
    scopes: [...new Set(input.scopes)],
    storeId,
    createdBy: source.auth?.actor.id,
  });
  await recordAudit(
    tx,
    source,
    'api_key.create',
    { type: 'api_key', id },
    { name: input.name, scopes: input.scopes, storeCode: input.storeCode },
  );
  const [created] = (await listApiKeys(tx)).filter((k) => k.id === id);
  return { ...created, key };
}

export async function revokeApiKey(tx: Tx, source: AuditSource, id: string) {
  const [key] = await tx
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(revoked_at, now())` })
    .where(and(eq(apiKeys.orgId, tx.orgId!), eq(apiKeys.id, id)))
    .returning({ id: apiKeys.id });
  if (!key) throw notFound();
  tx.afterCommit(() => forgetKey(id));
  await recordAudit(tx, source, 'api_key.revoke', { type: 'api_key', id });
}

/** A live key by its secret (system transaction: before the org is known). */
export async function findLiveKey(tx: Tx, key: string) {
  if (!key.startsWith(KEY_PREFIX)) return undefined;
  const [row] = await tx
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashToken(key)), isNull(apiKeys.revokedAt)));
  if (row) {
    // At most one write a minute per key: the list shows "last used", not an access log.
    await tx
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(
          eq(apiKeys.orgId, row.orgId),
          eq(apiKeys.id, row.id),
          sql`(last_used_at is null or last_used_at < now() - interval '1 minute')`,
        ),
      );
  }
  return row;
}
