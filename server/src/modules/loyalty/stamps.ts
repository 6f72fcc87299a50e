import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { newId } from '../../platform/ids';
import type { StampProgress } from './engine';
import type { Actor } from './ledger';
import { stampMovements, stampProgress } from './schema';

/**
 * Stamp progress per card and customer. Writers lock the customer's progress rows (created when
 * missing) before they compute with them; every change is also a movement (the history, and what a
 * refund may take back from a receipt).
 */

export type Progress = Required<StampProgress>;

const EMPTY: Progress = { stamps: 0, totalStamps: 0, rewards: 0 };

/**
 * The customer's progress on these cards (missing rows are empty progress). With `lock`, the rows are
 * created if missing and locked until the transaction ends — one statement either way.
 */
export async function progressOf(tx: Tx, customerId: string, cardIds: string[], lock = false): Promise<Map<string, Progress>> {
  const out = new Map<string, Progress>(cardIds.map((id) => [id, { ...EMPTY }]));
  if (cardIds.length === 0) return out;
  const ids = sql.param([...cardIds].sort());
  const { rows } = lock
    ? await tx.execute<{ card_id: string; stamps: number; total_stamps: number; rewards: number }>(sql`
        insert into ${stampProgress} (org_id, card_id, customer_id)
        select ${tx.orgId}, c, ${customerId}::uuid from unnest(${ids}::uuid[]) as c
        on conflict (org_id, card_id, customer_id) do update set updated_at = ${stampProgress.updatedAt}
        returning card_id, stamps, total_stamps, rewards`)
    : await tx.execute<{ card_id: string; stamps: number; total_stamps: number; rewards: number }>(sql`
        select card_id, stamps, total_stamps, rewards from ${stampProgress}
        where org_id = ${tx.orgId} and customer_id = ${customerId} and card_id = any(${ids}::uuid[])`);
  for (const r of rows) out.set(r.card_id, { stamps: r.stamps, totalStamps: r.total_stamps, rewards: r.rewards });
  return out;
}

export interface StampChange {
  cardId: string;
  /** signed: stamps added (or taken back by a refund) */
  stamps: number;
  rewards: number;
  progress: Progress;
}

/** Writes new progress (rows locked by `progressOf(…, true)`) and the movements, in one statement. */
export async function saveProgress(
  tx: Tx,
  customerId: string,
  changes: StampChange[],
  movement: {
    source: 'receipt' | 'manual' | 'refund' | 'merge';
    receiptId?: string | null;
    returnId?: string | null;
    at: Date;
    actor?: Actor;
  },
): Promise<void> {
  const real = changes.filter((c) => c.stamps !== 0 || c.rewards !== 0);
  if (real.length === 0) return;
  const json = JSON.stringify(
    real.map((c) => ({
      id: newId(),
      card_id: c.cardId,
      stamps: c.progress.stamps,
      total_stamps: c.progress.totalStamps,
      rewards: c.progress.rewards,
      delta: c.stamps,
      reward_delta: c.rewards,
    })),
  );
  await tx.execute(sql`
    with v as (
      select * from jsonb_to_recordset(${json}::jsonb)
        as v(id uuid, card_id uuid, stamps int, total_stamps int, rewards int, delta int, reward_delta int)),
    u as (
      update ${stampProgress} p set stamps = v.stamps, total_stamps = v.total_stamps, rewards = v.rewards, updated_at = now()
      from v where p.org_id = ${tx.orgId} and p.customer_id = ${customerId} and p.card_id = v.card_id
      returning p.card_id)
    insert into ${stampMovements} (org_id, id, card_id, customer_id, source, stamps, rewards, receipt_id, return_id, occurred_at, actor_type, actor_id)
    select ${tx.orgId}, v.id, v.card_id, ${customerId}, ${movement.source}, v.delta, v.reward_delta, ${movement.receiptId ?? null}::uuid,
           ${movement.returnId ?? null}::uuid, ${movement.at.toISOString()}::timestamptz, ${movement.actor?.type ?? null}, ${movement.actor?.id ?? null}::uuid
    from v`);
}

/** Net stamps each card got from a receipt (its stamps minus what refunds took back). */
export async function receiptStamps(tx: Tx, receiptId: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ cardId: stampMovements.cardId, n: sql<number>`sum(${stampMovements.stamps})::int` })
    .from(stampMovements)
    .where(and(eq(stampMovements.orgId, tx.orgId!), eq(stampMovements.receiptId, receiptId)))
    .groupBy(stampMovements.cardId);
  return new Map(rows.map((r) => [r.cardId, r.n]));
}

/** Whether stamps were already taken back for this return. */
export async function stampsTakenFor(tx: Tx, returnId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: stampMovements.id })
    .from(stampMovements)
    .where(and(eq(stampMovements.orgId, tx.orgId!), eq(stampMovements.returnId, returnId)))
    .limit(1);
  return row !== undefined;
}
