import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { newId } from '../../platform/ids';
import type { ProgramConfig, TierSetup } from './config';
import { type LedgerEntry, lotExpiry, tierWindow } from './engine';
import { type LedgerKind, loyaltyAccounts, pointsLedger } from './schema';

/**
 * The points ledger and the account rows that cache its sums. Every writer locks the account row
 * first (`lockAccount`: created if missing, then held `for update` until commit), computes with the
 * balance it read, appends entries, and moves the cached balance by exactly what it appended, in the
 * same transaction. Entries are stamped with the time they are recorded, so the ledger's time order
 * is its append order and a burn can never land before the points it spends.
 */

export type AccountRow = typeof loyaltyAccounts.$inferSelect;

export interface Actor {
  type: string;
  id: string;
}

export async function readAccount(tx: Tx, programId: string, customerId: string): Promise<AccountRow | null> {
  const [row] = await tx
    .select()
    .from(loyaltyAccounts)
    .where(and(eq(loyaltyAccounts.orgId, tx.orgId!), eq(loyaltyAccounts.programId, programId), eq(loyaltyAccounts.customerId, customerId)));
  return row ?? null;
}

/** What a tier metric sums over a customer's entries: qualifying spend, or points earned less reversed. */
const measureOf = (tiers: TierSetup) =>
  tiers.metric === 'spend'
    ? sql`coalesce(sum(qualifying_amount), 0)`
    : sql`coalesce(sum(case when kind in ('earn', 'bonus') then points when kind = 'reversal' and points < 0 then points else 0 end), 0)`;

/** The rolling tier metric of one customer from `window.from` on, as text (a subquery for a lock's returning list). */
export function metricSince(tx: Tx, programId: string, customerId: string, window?: { tiers: TierSetup; from: Date }) {
  return window
    ? sql<string>`(select (${measureOf(window.tiers)})::text from ${pointsLedger}
        where org_id = ${tx.orgId} and program_id = ${programId} and customer_id = ${customerId} and occurred_at >= ${window.from.toISOString()})`
    : sql<null>`null`;
}

/**
 * The account row, created if missing, locked until the transaction ends — one statement, which
 * also answers the rolling tier metric from `window.from` on when asked (the commit's upgrade check).
 */
export async function lockAccount(
  tx: Tx,
  programId: string,
  customerId: string,
  window?: { tiers: TierSetup; from: Date },
): Promise<AccountRow & { metric?: number }> {
  const [row] = await tx
    .insert(loyaltyAccounts)
    .values({ orgId: tx.orgId!, programId, customerId })
    .onConflictDoUpdate({
      target: [loyaltyAccounts.orgId, loyaltyAccounts.programId, loyaltyAccounts.customerId],
      set: { updatedAt: sql`${loyaltyAccounts.updatedAt}` },
    })
    .returning({ ...getTableColumns(loyaltyAccounts), metric: metricSince(tx, programId, customerId, window) });
  const { metric: m, ...account } = row;
  return window ? { ...account, metric: Number(m ?? 0) } : account;
}

export interface NewEntry {
  kind: LedgerKind;
  points: number;
  receiptId?: string | null;
  returnId?: string | null;
  lotId?: string | null;
  qualifyingAmount?: number;
  expiresAt?: Date | null;
  reason?: string | null;
}

export interface WrittenEntry extends NewEntry {
  id: string;
}

/**
 * Appends entries of one account (in the given order, all stamped with one time) and moves the cached balance
 * by exactly what was inserted, in one statement (the insert is a CTE of the account update).
 * Entries of the receipt-once kinds (earn, bonus, burn with a receipt) that already exist are skipped
 * — a repeated subscriber run awards nothing twice — and do not move the balance. The caller holds
 * the account lock (`lockAccount`). Returns the entries written and the new balance.
 */
export async function appendEntries(
  tx: Tx,
  programId: string,
  customerId: string,
  entries: NewEntry[],
  opts: { at: Date; actor?: Actor; account?: Partial<Pick<AccountRow, 'tierCode' | 'tierSince' | 'birthdayBonusMonth'>> },
): Promise<{ written: WrittenEntry[]; balance: number }> {
  const rows = entries.map((e) => ({ ...e, id: newId() }));
  const json = JSON.stringify(
    rows.map((e) => ({
      id: e.id,
      kind: e.kind,
      points: e.points,
      receipt_id: e.receiptId ?? null,
      return_id: e.returnId ?? null,
      lot_id: e.lotId ?? null,
      qualifying_amount: e.qualifyingAmount ?? 0,
      expires_at: e.expiresAt?.toISOString() ?? null,
      reason: e.reason ?? null,
    })),
  );
  const at = opts.at.toISOString();
  const extra = opts.account ?? {};
  const sets = [
    ...('tierCode' in extra ? [sql`tier_code = ${extra.tierCode ?? null}`] : []),
    ...('tierSince' in extra ? [sql`tier_since = ${extra.tierSince?.toISOString() ?? null}::timestamptz`] : []),
    ...('birthdayBonusMonth' in extra ? [sql`birthday_bonus_month = ${extra.birthdayBonusMonth ?? null}`] : []),
  ];
  // The entries' time is the database clock once the account lock is held, and strictly after the
  // account's last entry: the ledger's time order is its append order, whatever the callers' clocks.
  const { rows: result } = await tx.execute<{ balance: number; ids: string[] }>(sql`
    with t as (
      select greatest(clock_timestamp(), coalesce(max(occurred_at) + interval '1 microsecond', '-infinity'::timestamptz)) as at
      from ${pointsLedger} where org_id = ${tx.orgId} and program_id = ${programId} and customer_id = ${customerId}),
    e as (
      insert into ${pointsLedger} (org_id, id, program_id, customer_id, kind, points, receipt_id, return_id, lot_id, qualifying_amount,
                                   occurred_at, expires_at, reason, actor_type, actor_id)
      select ${tx.orgId}, r.id, ${programId}, ${customerId}, r.kind, r.points, r.receipt_id, r.return_id, r.lot_id, r.qualifying_amount,
             t.at, r.expires_at, r.reason, ${opts.actor?.type ?? null}, ${opts.actor?.id ?? null}::uuid
      from t, jsonb_to_recordset(${json}::jsonb) as r(id uuid, kind text, points int, receipt_id uuid, return_id uuid, lot_id uuid,
             qualifying_amount bigint, expires_at timestamptz, reason text)
      on conflict do nothing
      returning id, points)
    update ${loyaltyAccounts} set balance = balance + (select coalesce(sum(points), 0) from e), updated_at = ${at}::timestamptz
      ${sets.length > 0 ? sql`, ${sql.join(sets, sql`, `)}` : sql``}
    where org_id = ${tx.orgId} and program_id = ${programId} and customer_id = ${customerId}
    returning balance, (select coalesce(array_agg(id::text), '{}') from e) as ids`);
  if (result.length === 0) throw new Error('appendEntries: the account row must exist (lockAccount first)');
  const ids = new Set(result[0].ids);
  return { written: rows.filter((r) => ids.has(r.id)), balance: Number(result[0].balance) };
}

/** When points credited at `at` stop being usable under the program's expiry policy (null: never). */
export function creditExpiry(program: ProgramConfig, at: Date, timeZone: string): Date | null {
  return lotExpiry(at, program.definition.expiry, timeZone).expiresAt;
}

type LedgerRow = typeof pointsLedger.$inferSelect;

/** A stored entry as the engine reads it (earn and bonus are both credits that open a lot). */
export function toEngineEntry(r: Pick<LedgerRow, 'id' | 'kind' | 'points' | 'occurredAt' | 'lotId'>): LedgerEntry {
  const type = r.kind === 'bonus' ? 'earn' : r.kind;
  return {
    id: r.id,
    type,
    points: r.points,
    occurredAt: r.occurredAt,
    ...(r.kind === 'reversal' && r.lotId ? { reversesId: r.lotId } : {}),
  } as LedgerEntry;
}

/** The ledgers of some accounts of a program, in replay order, as engine entries (0-point entries left out). */
export async function ledgersOf(tx: Tx, programId: string, customerIds: string[]): Promise<Map<string, LedgerEntry[]>> {
  const out = new Map<string, LedgerEntry[]>(customerIds.map((c) => [c, []]));
  if (customerIds.length === 0) return out;
  const rows = await tx
    .select({
      id: pointsLedger.id,
      customerId: pointsLedger.customerId,
      kind: pointsLedger.kind,
      points: pointsLedger.points,
      occurredAt: pointsLedger.occurredAt,
      lotId: pointsLedger.lotId,
    })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.orgId, tx.orgId!), eq(pointsLedger.programId, programId), inArray(pointsLedger.customerId, customerIds)))
    .orderBy(asc(pointsLedger.customerId), asc(pointsLedger.occurredAt), asc(pointsLedger.id));
  for (const r of rows) if (r.points !== 0) out.get(r.customerId)?.push(toEngineEntry(r));
  return out;
}

/**
 * The tier metric of a customer in a program at `at`: rolling spend (kuruş of qualifying receipts,
 * minus refunds) or points earned (earn and bonus, minus reversed earnings) over the window.
 */
export async function tierMetric(
  tx: Tx,
  programId: string,
  customerId: string,
  tiers: TierSetup,
  at: Date,
  timeZone: string,
): Promise<number> {
  const { from } = tierWindow(at, timeZone, tiers.windowMonths);
  const measure = measureOf(tiers);
  const { rows } = await tx.execute<{ m: string }>(sql`
    select (${measure})::text as m from ${pointsLedger}
    where org_id = ${tx.orgId} and program_id = ${programId} and customer_id = ${customerId}
      and occurred_at >= ${from.toISOString()} and occurred_at <= ${at.toISOString()}`);
  return Number(rows[0]?.m ?? 0);
}

/** The same metric for every customer of a program with activity in the window (the yearly review). */
export async function tierMetrics(tx: Tx, programId: string, tiers: TierSetup, at: Date, timeZone: string): Promise<Map<string, number>> {
  const { from } = tierWindow(at, timeZone, tiers.windowMonths);
  const measure = measureOf(tiers);
  const { rows } = await tx.execute<{ customer_id: string; m: string }>(sql`
    select customer_id, (${measure})::text as m from ${pointsLedger}
    where org_id = ${tx.orgId} and program_id = ${programId} and occurred_at >= ${from.toISOString()} and occurred_at <= ${at.toISOString()}
    group by customer_id`);
  return new Map(rows.map((r) => [r.customer_id, Number(r.m)]));
}

/** The entries a receipt left in the ledger (all programs). */
export async function entriesOfReceipt(tx: Tx, receiptId: string) {
  return tx
    .select()
    .from(pointsLedger)
    .where(and(eq(pointsLedger.orgId, tx.orgId!), eq(pointsLedger.receiptId, receiptId)))
    .orderBy(asc(pointsLedger.occurredAt), asc(pointsLedger.id));
}
