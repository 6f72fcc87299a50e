import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Tx } from '../db/database';
import { Problem } from './problem';
import { idempotencyKeys } from './schema';

/** Thrown to answer a retry with the response stored for its key. */
export class Replay extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
  ) {
    super('idempotent replay');
  }
}

const KEY = /^[\x21-\x7e]{1,255}$/;

export function idempotencyKeyOf(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new Problem(400, 'invalid_idempotency_key', 'error.validation');
  }
  return key;
}

function requestHash(req: FastifyRequest): string {
  return createHash('sha256')
    .update(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`)
    .digest('hex');
}

/**
 * Runs a write once per key. The key row is inserted in the same transaction as the write, so
 * a concurrent duplicate waits on the row lock, then finds the stored answer; a rolled-back
 * write leaves no key behind and the retry runs again.
 */
export async function runIdempotent<T>(tx: Tx, req: FastifyRequest, key: string, status: () => number, fn: () => Promise<T>): Promise<T> {
  const auth = req.auth!;
  const hash = requestHash(req);
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ orgId: auth.orgId, actorId: auth.actor.id, key, method: req.method, path: req.url, requestHash: hash, statusCode: 0 })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  const where = and(eq(idempotencyKeys.orgId, auth.orgId), eq(idempotencyKeys.actorId, auth.actor.id), eq(idempotencyKeys.key, key));
  if (claimed.length === 0) {
    const [first] = await tx.select().from(idempotencyKeys).where(where);
    if (first.requestHash !== hash) throw new Problem(422, 'idempotency_key_reused', 'error.idempotency_mismatch');
    throw new Replay(first.statusCode, first.body);
  }
  const result = await fn();
  // Store what the client received (serialised by the route's response schema), not the raw
  // result: the replay must be the first answer exactly.
  const sent = result === undefined ? null : JSON.parse(String(req.reply.serialize(result)));
  const store = tx.update(idempotencyKeys).set({ statusCode: status(), body: sent }).where(where);
  if (tx.hot) tx.atCommit(store.toSQL());
  else await store;
  return result;
}
