import type { ExpiryPolicy, LedgerEntry } from './schemas';
import { addDays, addMonths, endOfMonth, localTime, startOfLocalDay } from './time';

/**
 * Points expiry, FIFO. Every credit (earn, positive adjust, a reversal that gives paid points back) opens
 * a lot; every debit (burn, expire, negative adjust, a reversal that takes earned points back) consumes
 * lots oldest first. Two exceptions keep refunds exact:
 *  - a negative reversal of an earn (`reversesId`) takes from that earn's lot first, then FIFO;
 *  - a positive reversal of a debit puts the points back into the lots that debit consumed (newest
 *    first), with their original expiry; only what is left over opens a new lot.
 * A lot earned on local day D with `months` N is valid through D + N months (through the end of that
 * month with `monthEnd`), and expires at the next local midnight in the org time zone.
 */

export interface Lot {
  /** id of the credit entry that opened the lot */
  entryId: string;
  earnedAt: Date;
  /** points the lot started with */
  points: number;
  /** points still open in it */
  remaining: number;
  /** last local day the points are usable; null = never expire */
  lastValidDay: string | null;
  /** the instant they stop being usable (next local midnight); null = never */
  expiresAt: Date | null;
}

export interface LedgerState {
  /** sum of all entries */
  balance: number;
  /** every lot, oldest first, including exhausted ones */
  lots: Lot[];
  /** points debited that no lot could cover: > 0 means the ledger went negative (a bug upstream) */
  deficit: number;
}

export interface LedgerStep {
  entry: LedgerEntry;
  /** lots after the entry was applied */
  lots: readonly Lot[];
  /** for debits: how much was taken from which lot index, in order; `targeted` for a reversal's own lot */
  took: { lot: number; points: number; targeted: boolean }[];
}

const byTime = (a: LedgerEntry, b: LedgerEntry) =>
  a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The last valid day and expiry instant of points earned at `earnedAt`. */
export function lotExpiry(
  earnedAt: Date,
  policy: ExpiryPolicy | undefined,
  timeZone: string,
): { lastValidDay: string | null; expiresAt: Date | null } {
  if (!policy) return { lastValidDay: null, expiresAt: null };
  const shifted = addMonths(localTime(earnedAt, timeZone).date, policy.months);
  const lastValidDay = policy.monthEnd ? endOfMonth(shifted) : shifted;
  return { lastValidDay, expiresAt: startOfLocalDay(addDays(lastValidDay, 1), timeZone) };
}

/** Replays a ledger (in occurredAt, then id order) into FIFO lots. `observe` sees every step (tests). */
export function computeLots(
  entries: readonly LedgerEntry[],
  policy: ExpiryPolicy | undefined,
  timeZone: string,
  observe?: (step: LedgerStep) => void,
): LedgerState {
  const lots: Lot[] = [];
  const lotOf = new Map<string, number>(); // credit entry id → lot index
  const taken = new Map<string, { lot: number; points: number }[]>(); // debit entry id → what it took
  let balance = 0;
  let deficit = 0;

  const open = (entry: LedgerEntry, points: number) => {
    lotOf.set(entry.id, lots.length);
    lots.push({
      entryId: entry.id,
      earnedAt: entry.occurredAt,
      points,
      remaining: points,
      ...lotExpiry(entry.occurredAt, policy, timeZone),
    });
  };

  for (const entry of [...entries].sort(byTime)) {
    balance += entry.points;
    const took: LedgerStep['took'] = [];
    if (entry.points > 0) {
      let left = entry.points;
      const debit = entry.type === 'reversal' && entry.reversesId ? taken.get(entry.reversesId) : undefined;
      if (debit) {
        for (let k = debit.length - 1; k >= 0 && left > 0; k--) {
          const part = debit[k] as { lot: number; points: number };
          const back = Math.min(part.points, left);
          (lots[part.lot] as Lot).remaining += back;
          part.points -= back;
          left -= back;
        }
      }
      if (left > 0) open(entry, left);
    } else {
      let left = -entry.points;
      const record: { lot: number; points: number }[] = [];
      const takeFrom = (index: number, targeted: boolean) => {
        const lot = lots[index] as Lot;
        const k = Math.min(lot.remaining, left);
        if (k <= 0) return;
        lot.remaining -= k;
        left -= k;
        record.push({ lot: index, points: k });
        took.push({ lot: index, points: k, targeted });
      };
      const target = entry.type === 'reversal' && entry.reversesId !== undefined ? lotOf.get(entry.reversesId) : undefined;
      if (target !== undefined) takeFrom(target, true);
      for (let i = 0; i < lots.length && left > 0; i++) takeFrom(i, false);
      deficit += left;
      taken.set(entry.id, record);
    }
    observe?.({ entry, lots, took });
  }
  return { balance, lots, deficit };
}

export interface ExpiringLots {
  points: number;
  lots: { entryId: string; points: number; lastValidDay: string; expiresAt: Date }[];
}

function openLotsWhere(state: LedgerState, keep: (expiresAt: Date) => boolean): ExpiringLots {
  const lots = state.lots
    .filter((l) => l.remaining > 0 && l.expiresAt !== null && keep(l.expiresAt))
    .map((l) => ({ entryId: l.entryId, points: l.remaining, lastValidDay: l.lastValidDay as string, expiresAt: l.expiresAt as Date }));
  return { points: lots.reduce((s, l) => s + l.points, 0), lots };
}

/** Open points whose expiry instant is at or before `at`: what an expiry run writes off (one `expire` entry). */
export function expiredBy(state: LedgerState, at: Date): ExpiringLots {
  return openLotsWhere(state, (e) => e.getTime() <= at.getTime());
}

/** Open points that expire after `now` and within the next `days` days: the warning event's content. */
export function expiringWithin(state: LedgerState, now: Date, days: number): ExpiringLots {
  const until = now.getTime() + days * 86_400_000;
  return openLotsWhere(state, (e) => e.getTime() > now.getTime() && e.getTime() <= until);
}

/** Points still open, oldest first. */
export function openLots(state: LedgerState): Lot[] {
  return state.lots.filter((l) => l.remaining > 0);
}

/**
 * The ledger invariants: the running balance (in occurredAt, id order) never drops below zero. Returns
 * the balance (= sum of entries) and the first entry that made it negative.
 */
export function verifyLedger(entries: readonly LedgerEntry[]): { ok: boolean; balance: number; negativeAt?: string } {
  let balance = 0;
  let negativeAt: string | undefined;
  for (const e of [...entries].sort(byTime)) {
    balance += e.points;
    if (balance < 0 && negativeAt === undefined) negativeAt = e.id;
  }
  return negativeAt === undefined ? { ok: true, balance } : { ok: false, balance, negativeAt };
}
