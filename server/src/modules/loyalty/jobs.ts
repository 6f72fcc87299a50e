import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db/database';
import { type EventInput, emitEvents } from '../../platform/events/bus';
import { getOrg } from '../access/orgs';
import { toProgramConfig } from './config';
import { computeLots, evaluateTier, expiredBy, expiringWithin } from './engine';
import { localTime } from './engine/time';
import { appendEntries, ledgersOf, tierMetrics } from './ledger';
import { loyaltyAccounts, loyaltyPrograms, pointsLedger } from './schema';

/**
 * The nightly expiry run and the yearly tier review, on each org's own schedule (its time zone).
 * Expiry replays the FIFO lots of the accounts whose lots reach their expiry since the last run and
 * writes one `expire` entry per account (idempotent: expired lots are consumed by it, a second run
 * finds nothing), then warns about points expiring within the program's warning days (each lot
 * once: the account remembers the last expiry it warned about).
 */

export const EXPIRY_JOB = 'loyalty.expiry';
export const TIER_REVIEW_JOB = 'loyalty.tier-review';
const CHUNK = 500;

async function customersWithLots(tx: Tx, programId: string, from: Date, to: Date, after: string | null): Promise<string[]> {
  const { rows } = await tx.execute<{ customer_id: string }>(sql`
    select distinct customer_id from ${pointsLedger}
    where org_id = ${tx.orgId} and program_id = ${programId} and expires_at > ${from.toISOString()} and expires_at <= ${to.toISOString()}
      ${after ? sql`and customer_id > ${after}` : sql``}
    order by customer_id limit ${CHUNK}`);
  return rows.map((r) => r.customer_id);
}

export interface ExpiryReport {
  expired: { accounts: number; points: number };
  warned: { accounts: number; points: number };
}

export async function runExpiry(ctx: AppContext, orgId: string, at = new Date()): Promise<ExpiryReport> {
  const report: ExpiryReport = { expired: { accounts: 0, points: 0 }, warned: { accounts: 0, points: 0 } };
  const programs = await ctx.db.tenant(orgId, (tx) => tx.select().from(loyaltyPrograms).where(eq(loyaltyPrograms.orgId, orgId)));
  const { timezone } = await ctx.db.tenant(orgId, (tx) => getOrg(tx));
  for (const row of programs) {
    const program = toProgramConfig(row);
    const policy = program.definition.expiry;
    if (!policy) continue;

    // 1. Expire what reached its expiry since the last run.
    const from = row.expiryThrough ?? new Date(0);
    for (let after: string | null = null; ; ) {
      const batch = await ctx.db.tenant(orgId, async (tx) => {
        const ids = await customersWithLots(tx, program.id, from, at, after);
        if (ids.length === 0) return ids;
        await lockAccounts(tx, program.id, ids);
        const ledgers = await ledgersOf(tx, program.id, ids);
        const events: EventInput[] = [];
        const now = new Date();
        for (const customerId of ids) {
          const gone = expiredBy(computeLots(ledgers.get(customerId) ?? [], policy, timezone), at);
          if (gone.points <= 0) continue;
          const { balance } = await appendEntries(
            tx,
            program.id,
            customerId,
            [{ kind: 'expire', points: -gone.points, reason: 'expired' }],
            { at: now },
          );
          report.expired.accounts++;
          report.expired.points += gone.points;
          events.push({
            type: 'loyalty.points_expired',
            subjectType: 'loyalty_program',
            subjectId: program.id,
            customerId,
            payload: { programId: program.id, points: gone.points, balance, lots: gone.lots.length },
          });
        }
        await emitEvents(tx, events);
        return ids;
      });
      if (batch.length < CHUNK) break;
      after = batch[batch.length - 1];
    }
    await ctx.db.tenant(orgId, (tx) =>
      tx
        .update(loyaltyPrograms)
        .set({ expiryThrough: at })
        .where(and(eq(loyaltyPrograms.orgId, orgId), eq(loyaltyPrograms.id, program.id))),
    );

    // 2. Warn about what expires within the warning window (each lot once).
    const days = program.expiryWarningDays;
    if (days <= 0) continue;
    const horizon = new Date(at.getTime() + days * 86_400_000);
    const warnFrom = row.warnedThrough && row.warnedThrough > at ? row.warnedThrough : at;
    for (let after: string | null = null; ; ) {
      const batch = await ctx.db.tenant(orgId, async (tx) => {
        const ids = await customersWithLots(tx, program.id, warnFrom, horizon, after);
        if (ids.length === 0) return ids;
        const accounts = await lockAccounts(tx, program.id, ids);
        const ledgers = await ledgersOf(tx, program.id, ids);
        const events: EventInput[] = [];
        const marks: { customer_id: string; through: string }[] = [];
        for (const customerId of ids) {
          const warnedThrough = accounts.get(customerId)?.expiryWarnedThrough ?? null;
          const soon = expiringWithin(computeLots(ledgers.get(customerId) ?? [], policy, timezone), at, days);
          const lots = soon.lots.filter((l) => !warnedThrough || l.expiresAt > warnedThrough);
          const points = lots.reduce((s, l) => s + l.points, 0);
          if (points <= 0) continue;
          report.warned.accounts++;
          report.warned.points += points;
          const last = lots.reduce((m, l) => (l.expiresAt > m ? l.expiresAt : m), lots[0].expiresAt);
          marks.push({ customer_id: customerId, through: last.toISOString() });
          events.push({
            type: 'loyalty.points_expiring',
            subjectType: 'loyalty_program',
            subjectId: program.id,
            customerId,
            payload: {
              programId: program.id,
              points,
              expiresAt: lots[0].expiresAt.toISOString(),
              lastValidDay: lots[0].lastValidDay,
              lots: lots.map((l) => ({ points: l.points, lastValidDay: l.lastValidDay, expiresAt: l.expiresAt.toISOString() })),
            },
          });
        }
        if (marks.length > 0) {
          await tx.execute(sql`
            update ${loyaltyAccounts} a set expiry_warned_through = m.through
            from jsonb_to_recordset(${JSON.stringify(marks)}::jsonb) as m(customer_id uuid, through timestamptz)
            where a.org_id = ${orgId} and a.program_id = ${program.id} and a.customer_id = m.customer_id`);
        }
        await emitEvents(tx, events);
        return ids;
      });
      if (batch.length < CHUNK) break;
      after = batch[batch.length - 1];
    }
    await ctx.db.tenant(orgId, (tx) =>
      tx
        .update(loyaltyPrograms)
        .set({ warnedThrough: horizon })
        .where(and(eq(loyaltyPrograms.orgId, orgId), eq(loyaltyPrograms.id, program.id))),
    );
  }
  return report;
}

async function lockAccounts(tx: Tx, programId: string, customerIds: string[]) {
  const rows = await tx
    .select()
    .from(loyaltyAccounts)
    .where(
      and(eq(loyaltyAccounts.orgId, tx.orgId!), eq(loyaltyAccounts.programId, programId), inArray(loyaltyAccounts.customerId, customerIds)),
    )
    .orderBy(asc(loyaltyAccounts.customerId))
    .for('update');
  return new Map(rows.map((r) => [r.customerId, r]));
}

export interface TierReviewReport {
  programs: number;
  upgraded: number;
  downgraded: number;
}

/**
 * The yearly tier review: on the program's review day (org calendar), every account's tier is set to
 * the tier its rolling metric qualifies for — the only time a tier goes down. Runs once per day
 * (`tier_reviewed_on`), so a repeated run changes nothing.
 */
export async function runTierReview(
  ctx: AppContext,
  orgId: string,
  at = new Date(),
  opts: { force?: boolean } = {},
): Promise<TierReviewReport> {
  const report: TierReviewReport = { programs: 0, upgraded: 0, downgraded: 0 };
  const { timezone } = await ctx.db.tenant(orgId, (tx) => getOrg(tx));
  const today = localTime(at, timezone).date;
  const programs = await ctx.db.tenant(orgId, (tx) =>
    tx
      .select()
      .from(loyaltyPrograms)
      .where(and(eq(loyaltyPrograms.orgId, orgId), eq(loyaltyPrograms.active, true))),
  );
  for (const row of programs) {
    const program = toProgramConfig(row);
    const tiers = program.tiers;
    if (!tiers) continue;
    const isDay = Number(today.slice(5, 7)) === row.tierReviewMonth && Number(today.slice(8, 10)) === row.tierReviewDay;
    if (!opts.force && (!isDay || row.tierReviewedOn === today)) continue;
    report.programs++;
    const metrics = await ctx.db.tenant(orgId, (tx) => tierMetrics(tx, program.id, tiers, at, timezone));
    for (let after = ''; ; ) {
      const accounts = await ctx.db.tenant(orgId, async (tx) => {
        const rows = await tx
          .select({ customerId: loyaltyAccounts.customerId, tierCode: loyaltyAccounts.tierCode })
          .from(loyaltyAccounts)
          .where(
            and(
              eq(loyaltyAccounts.orgId, orgId),
              eq(loyaltyAccounts.programId, program.id),
              after ? gt(loyaltyAccounts.customerId, after) : undefined,
            ),
          )
          .orderBy(asc(loyaltyAccounts.customerId))
          .limit(5000)
          .for('update');
        const changes: { customer_id: string; tier_code: string | null }[] = [];
        const events: EventInput[] = [];
        for (const a of rows) {
          const metric = metrics.get(a.customerId) ?? 0;
          const verdict = evaluateTier(tiers.tiers, metric, a.tierCode, { review: true });
          if (verdict.change === 'none') continue;
          if (verdict.change === 'upgrade') report.upgraded++;
          else report.downgraded++;
          changes.push({ customer_id: a.customerId, tier_code: verdict.tierCode });
          events.push({
            type: 'loyalty.tier_changed',
            subjectType: 'loyalty_program',
            subjectId: program.id,
            customerId: a.customerId,
            payload: { programId: program.id, from: a.tierCode, to: verdict.tierCode, change: verdict.change, metric, review: true },
          });
        }
        if (changes.length > 0) {
          await tx.execute(sql`
            update ${loyaltyAccounts} a set tier_code = c.tier_code, tier_since = now(), updated_at = now()
            from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as c(customer_id uuid, tier_code text)
            where a.org_id = ${orgId} and a.program_id = ${program.id} and a.customer_id = c.customer_id`);
        }
        await emitEvents(tx, events);
        return rows;
      });
      if (accounts.length < 5000) break;
      after = accounts[accounts.length - 1].customerId;
    }
    await ctx.db.tenant(orgId, (tx) =>
      tx
        .update(loyaltyPrograms)
        .set({ tierReviewedOn: today })
        .where(and(eq(loyaltyPrograms.orgId, orgId), eq(loyaltyPrograms.id, program.id))),
    );
  }
  return report;
}
