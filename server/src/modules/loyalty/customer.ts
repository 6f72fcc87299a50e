import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { type EventInput, emitEvents } from '../../platform/events/bus';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { Problem } from '../../platform/http/problem';
import type { Locale } from '../../platform/i18n';
import type { PersonalDataHandler } from '../../platform/personal-data';
import { type AuditSource, recordAudit } from '../access/audit';
import { getStore } from '../access/stores';
import { type CustomerRow, getCustomerRow } from '../customers/service';
import { getReceipt } from '../sales/service';
import { loadConfig, orgClock, type ProgramConfig, programFor, toProgramConfig } from './config';
import { couponText, issueCodes, usableCoupons } from './coupons';
import { computeEarn, computeLots, evaluateTier, expiringWithin, manualStamp, pointsValue } from './engine';
import { localTime } from './engine/time';
import { type Actor, appendEntries, creditExpiry, entriesOfReceipt, ledgersOf, lockAccount, readAccount, tierMetric } from './ledger';
import {
  couponCodes,
  couponRedemptions,
  loyaltyAccounts,
  loyaltyPrograms,
  pointsLedger,
  stampCards,
  stampMovements,
  stampProgress,
} from './schema';
import { progressOf, saveProgress } from './stamps';

/**
 * A customer's loyalty: the summary the customer 360 and the POS show, the ledger, manual
 * adjustments and the counter's stamp button, points for receipts that arrive outside the POS
 * commit (claims, API receipts), merges, and the personal-data handlers.
 */

const actorOf = (source: AuditSource): Actor | undefined => {
  const a = source.auth?.actor;
  return a ? { type: a.type, id: a.id } : undefined;
};

async function programsOf(tx: Tx, customerId: string): Promise<ProgramConfig[]> {
  const config = await loadConfig(tx);
  const held = await tx
    .select({ programId: loyaltyAccounts.programId })
    .from(loyaltyAccounts)
    .where(and(eq(loyaltyAccounts.orgId, tx.orgId!), eq(loyaltyAccounts.customerId, customerId)));
  const extra = held.map((h) => h.programId).filter((id) => !config.programs.some((p) => p.id === id));
  const others =
    extra.length > 0
      ? (
          await tx
            .select()
            .from(loyaltyPrograms)
            .where(and(eq(loyaltyPrograms.orgId, tx.orgId!), inArray(loyaltyPrograms.id, extra)))
        ).map(toProgramConfig)
      : [];
  return [...config.programs, ...others];
}

/** Balance, tier and the way to the next one, points expiring soon, stamp cards and usable coupons. */
export async function customerLoyalty(tx: Tx, customerId: string) {
  const row = await getCustomerRow(tx, customerId);
  const { timezone } = await orgClock(tx);
  const now = new Date();
  const config = await loadConfig(tx);
  const accounts = [];
  for (const program of await programsOf(tx, row.id)) {
    const account = await readAccount(tx, program.id, row.id);
    const balance = account?.balance ?? 0;
    const tiers = program.tiers;
    const tier = tiers?.tiers.find((t) => t.code === account?.tierCode) ?? null;
    let next = null;
    let metric: number | null = null;
    if (tiers) {
      metric = await tierMetric(tx, program.id, row.id, tiers, now, timezone);
      const verdict = evaluateTier(tiers.tiers, metric, account?.tierCode ?? null, { review: false });
      // The next tier above the one held (or qualified for).
      const sorted = [...tiers.tiers].sort((a, b) => a.threshold - b.threshold);
      const heldIndex = sorted.findIndex((t) => t.code === (verdict.tierCode ?? ''));
      const up = sorted[heldIndex + 1];
      if (up) next = { code: up.code, name: up.name ?? up.code, missing: Math.max(0, up.threshold - metric), threshold: up.threshold };
    }
    let expiring = null;
    if (balance > 0 && program.definition.expiry) {
      const entries = (await ledgersOf(tx, program.id, [row.id])).get(row.id) ?? [];
      const soon = expiringWithin(computeLots(entries, program.definition.expiry, timezone), now, program.expiryWarningDays);
      if (soon.points > 0) expiring = { points: soon.points, expiresAt: soon.lots[0].expiresAt, withinDays: program.expiryWarningDays };
    }
    accounts.push({
      program: { id: program.id, name: program.name, brandId: program.brandId, active: config.programs.some((p) => p.id === program.id) },
      balance,
      pointsValue: pointsValue(program.definition, balance),
      tier: tier ? { code: tier.code, name: tier.name ?? tier.code, since: account?.tierSince ?? null } : null,
      tierMetric: tiers ? { metric: tiers.metric, windowMonths: tiers.windowMonths, value: metric ?? 0 } : null,
      nextTier: next,
      expiring,
    });
  }
  const progress = await progressOf(
    tx,
    row.id,
    config.stampCards.map((c) => c.id),
  );
  return {
    customerId: row.id,
    accounts,
    stampCards: config.stampCards.map((c) => {
      const p = progress.get(c.id)!;
      return {
        cardId: c.id,
        code: c.code,
        name: c.definition.name,
        stamps: p.stamps,
        stampsNeeded: c.definition.stampsNeeded,
        totalStamps: p.totalStamps,
        rewards: p.rewards,
      };
    }),
    coupons: await usableCoupons(tx, row.id, localTime(now, timezone).date, 50),
  };
}

/** The customer's ledger, newest first, all programs or one. */
export async function customerLedger(tx: Tx, customerId: string, f: { programId?: string; limit: number; cursor?: string }) {
  const row = await getCustomerRow(tx, customerId);
  const rows = await tx
    .select()
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.orgId, tx.orgId!),
        eq(pointsLedger.customerId, row.id),
        f.programId ? eq(pointsLedger.programId, f.programId) : undefined,
        afterCursor([pointsLedger.occurredAt, pointsLedger.id], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(pointsLedger.occurredAt), desc(pointsLedger.id))
    .limit(f.limit + 1);
  const page = toPage(rows, f.limit, (r) => [r.occurredAt, r.id]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      id: r.id,
      programId: r.programId,
      kind: r.kind,
      points: r.points,
      receiptId: r.receiptId,
      returnId: r.returnId,
      lotId: r.lotId,
      qualifyingAmount: r.qualifyingAmount,
      occurredAt: r.occurredAt,
      expiresAt: r.expiresAt,
      reason: r.reason,
      actorType: r.actorType,
      actorId: r.actorId,
    })),
  };
}

async function liveCustomer(tx: Tx, id: string): Promise<CustomerRow> {
  const row = await getCustomerRow(tx, id);
  if (row.status !== 'active') throw new Problem(409, 'customer_not_active', 'loyalty.customer_not_active', { status: row.status });
  return row;
}

async function pickProgram(tx: Tx, programId: string | undefined): Promise<ProgramConfig> {
  if (programId) {
    const [row] = await tx
      .select()
      .from(loyaltyPrograms)
      .where(and(eq(loyaltyPrograms.orgId, tx.orgId!), eq(loyaltyPrograms.id, programId)));
    if (!row) throw new Problem(422, 'unknown_program', 'loyalty.unknown_program');
    return toProgramConfig(row);
  }
  const program = programFor(await loadConfig(tx), null);
  if (!program) throw new Problem(422, 'no_program', 'loyalty.no_program');
  return program;
}

/**
 * A manual adjustment (goodwill points, a correction): an `adjust` entry with the reason. Taking
 * more than the balance is a 422 `insufficient_points`: the balance never goes negative.
 */
export async function adjustPoints(
  tx: Tx,
  source: AuditSource,
  customerId: string,
  input: { points: number; reason: string; programId?: string },
) {
  const row = await liveCustomer(tx, customerId);
  const program = await pickProgram(tx, input.programId);
  const account = await lockAccount(tx, program.id, row.id);
  if (account.balance + input.points < 0) {
    throw new Problem(
      422,
      'insufficient_points',
      'loyalty.insufficient_points',
      { balance: account.balance },
      { balance: account.balance },
    );
  }
  const { timezone } = await orgClock(tx);
  const at = new Date();
  const { written, balance } = await appendEntries(
    tx,
    program.id,
    row.id,
    [
      {
        kind: 'adjust',
        points: input.points,
        reason: input.reason.trim(),
        expiresAt: input.points > 0 ? creditExpiry(program, at, timezone) : null,
      },
    ],
    { at, actor: actorOf(source) },
  );
  await emitEvents(tx, [
    {
      type: 'loyalty.points_adjusted',
      subjectType: 'loyalty_program',
      subjectId: program.id,
      customerId: row.id,
      actor: actorOf(source),
      payload: { programId: program.id, points: input.points, balance },
    },
  ]);
  await recordAudit(tx, source, 'loyalty.points.adjust', { type: 'customer', id: row.id }, { programId: program.id, points: input.points });
  return { entryId: written[0].id, programId: program.id, points: input.points, balance };
}

/** The counter's one-tap stamp button: `count` stamps on a card; completed cards issue their reward coupon. */
export async function stampManually(
  tx: Tx,
  source: AuditSource,
  customerId: string,
  input: { cardId: string; count?: number },
  locale: Locale,
) {
  const row = await liveCustomer(tx, customerId);
  const [card] = await tx
    .select()
    .from(stampCards)
    .where(and(eq(stampCards.orgId, tx.orgId!), eq(stampCards.id, input.cardId), eq(stampCards.active, true)));
  if (!card) throw new Problem(422, 'unknown_stamp_card', 'loyalty.unknown_stamp_card');
  const definition = (await loadConfig(tx)).stampCards.find((c) => c.id === card.id)?.definition ?? (card.definition as never);
  const { timezone } = await orgClock(tx);
  const at = new Date();
  const before = (await progressOf(tx, row.id, [card.id], true)).get(card.id)!;
  const result = manualStamp(definition, before, { count: input.count ?? 1, at, timeZone: timezone, customerId: row.id });
  const actor = actorOf(source);
  await saveProgress(
    tx,
    row.id,
    [{ cardId: card.id, stamps: result.stampsAdded, rewards: result.rewardsEarned, progress: result.newProgress }],
    {
      source: 'manual',
      at,
      actor,
    },
  );
  const codes = await issueCodes(
    tx,
    result.rewards.map((coupon) => ({ source: 'stamp_card' as const, sourceId: card.id, customerId: row.id, coupon })),
    at,
  );
  const events: EventInput[] = [
    {
      type: 'stamp.added',
      subjectType: 'stamp_card',
      subjectId: card.id,
      customerId: row.id,
      actor,
      payload: {
        cardId: card.id,
        stamps: result.stampsAdded,
        progress: result.newProgress.stamps,
        stampsNeeded: definition.stampsNeeded,
        manual: true,
      },
    },
    ...codes.map((code, i) => ({
      type: 'stamp.reward_issued',
      subjectType: 'stamp_card',
      subjectId: card.id,
      customerId: row.id,
      actor,
      payload: { cardId: card.id, code, validUntil: result.rewards[i].validUntil },
    })),
  ];
  await emitEvents(tx, events);
  return {
    cardId: card.id,
    name: definition.name,
    stampsAdded: result.stampsAdded,
    stamps: result.newProgress.stamps,
    stampsNeeded: definition.stampsNeeded,
    rewardsEarned: result.rewardsEarned,
    coupons: codes.map((code, i) => ({
      code,
      label: result.rewards[i].effect.label,
      text: couponText(result.rewards[i].effect.label, result.rewards[i].validUntil, locale),
      validFrom: result.rewards[i].validFrom,
      validUntil: result.rewards[i].validUntil,
    })),
  };
}

/**
 * Points for a receipt recorded outside the POS commit: a claimed anonymous receipt, or a receipt
 * an integration sent through the sales API. The engine's earn runs on the stored lines (their
 * discounts as recorded). Idempotent: a receipt earns once per program.
 */
export async function awardReceipt(tx: Tx, receiptId: string, actor?: Actor): Promise<{ points: number } | null> {
  const receipt = await getReceipt(tx, receiptId);
  if (!receipt?.customerId) return null;
  const config = await loadConfig(tx);
  const brandId = receipt.storeId ? (await getStore(tx, null, receipt.storeId)).brandId : null;
  const program = programFor(config, brandId);
  if (!program) return null;
  let customer: CustomerRow;
  try {
    customer = await getCustomerRow(tx, receipt.customerId);
  } catch {
    return null;
  }
  if (customer.status !== 'active') return null;
  const account = await lockAccount(tx, program.id, customer.id);
  if ((await entriesOfReceipt(tx, receipt.id)).some((e) => e.kind === 'earn' && e.programId === program.id)) return null;
  const { timezone } = await orgClock(tx);
  const at = new Date();
  const local = localTime(receipt.occurredAt, timezone);
  const tier = program.tiers?.tiers.find((t) => t.code === account.tierCode) ?? null;
  const birthdayThisMonth = customer.birthMonth !== null && customer.birthMonth === Number(local.date.slice(5, 7));
  const month = local.date.slice(0, 7);
  const paidWithPoints = receipt.payments.filter((p) => p.method === 'points').reduce((s, p) => s + p.amount, 0);
  const basket = {
    lines: receipt.lines.map((l) => ({
      lineId: String(l.lineNo),
      sku: l.sku,
      categoryPath: l.categoryPath,
      brand: l.brand,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
    })),
    storeCode: receipt.storeId ?? '',
    channel: 'store',
    at: receipt.occurredAt,
    timeZone: timezone,
    customer: { id: customer.id, tierCode: account.tierCode, tags: customer.tags, birthdayThisMonth },
  };
  const redeemedPoints = Math.floor((paidWithPoints * program.definition.burn.points) / program.definition.burn.value);
  const earn = computeEarn(
    program.definition,
    basket,
    receipt.lines.map((l) => ({ lineId: String(l.lineNo), discount: l.lineDiscount })),
    redeemedPoints,
    tier,
    { birthdayBonusGranted: account.birthdayBonusMonth === month },
  );
  const update: Parameters<typeof appendEntries>[4]['account'] = {};
  const events: EventInput[] = [];
  if (program.tiers) {
    const before = await tierMetric(tx, program.id, customer.id, program.tiers, at, timezone);
    const metric = before + (program.tiers.metric === 'spend' ? receipt.total : earn.points);
    const verdict = evaluateTier(program.tiers.tiers, metric, account.tierCode, { review: false });
    if (verdict.change === 'upgrade') {
      update.tierCode = verdict.tierCode;
      update.tierSince = at;
      events.push({
        type: 'loyalty.tier_changed',
        subjectType: 'loyalty_program',
        subjectId: program.id,
        customerId: customer.id,
        payload: { programId: program.id, from: account.tierCode, to: verdict.tierCode, change: 'upgrade', metric },
      });
    }
  }
  if (program.definition.birthday?.type === 'points' && earn.breakdown.some((b) => b.source === 'birthday'))
    update.birthdayBonusMonth = month;
  const { written, balance } = await appendEntries(
    tx,
    program.id,
    customer.id,
    [
      {
        kind: 'earn',
        points: earn.points,
        receiptId: receipt.id,
        qualifyingAmount: receipt.total,
        expiresAt: creditExpiry(program, at, timezone),
      },
    ],
    { at, actor, account: update },
  );
  if (written.length === 0) return null;
  if (earn.points > 0) {
    events.push({
      type: 'loyalty.points_earned',
      subjectType: 'receipt',
      subjectId: receipt.id,
      customerId: customer.id,
      actor,
      payload: { receiptId: receipt.id, programId: program.id, points: earn.points, earn: earn.points, bonus: 0, balance },
    });
  }
  await emitEvents(tx, events);
  return { points: earn.points };
}

/**
 * `customer.merged`: the merged customer's ledger entries, stamps, coupons and redemptions move to
 * the survivor, and the survivor's account rows are rebuilt from the (now combined) ledger: balance =
 * the sum of entries, the higher of the two tiers. Idempotent (a second run finds nothing to move).
 */
export async function mergeLoyalty(tx: Tx, mergedId: string, survivorId: string): Promise<void> {
  const org = tx.orgId!;
  const accounts = await tx
    .select()
    .from(loyaltyAccounts)
    .where(and(eq(loyaltyAccounts.orgId, org), inArray(loyaltyAccounts.customerId, [mergedId, survivorId])))
    .orderBy(loyaltyAccounts.programId, loyaltyAccounts.customerId)
    .for('update');
  const { rows: programRows } = await tx.execute<{ program_id: string }>(sql`
    select distinct program_id from ${pointsLedger} where org_id = ${org} and customer_id in (${mergedId}, ${survivorId})
    union select program_id from ${loyaltyAccounts} where org_id = ${org} and customer_id in (${mergedId}, ${survivorId})`);
  await tx
    .update(pointsLedger)
    .set({ customerId: survivorId })
    .where(and(eq(pointsLedger.orgId, org), eq(pointsLedger.customerId, mergedId)));
  for (const { program_id: programId } of programRows) {
    const survivor = await lockAccount(tx, programId, survivorId);
    const merged = accounts.find((a) => a.programId === programId && a.customerId === mergedId);
    const [program] = await tx
      .select()
      .from(loyaltyPrograms)
      .where(and(eq(loyaltyPrograms.orgId, org), eq(loyaltyPrograms.id, programId)));
    const tiers = program ? toProgramConfig(program).tiers : null;
    const rank = (code: string | null | undefined) => (code ? (tiers?.tiers.find((t) => t.code === code)?.threshold ?? -1) : -1);
    const better = merged && rank(merged.tierCode) > rank(survivor.tierCode) ? merged : survivor;
    await tx.execute(sql`
      update ${loyaltyAccounts} set
        balance = (select coalesce(sum(points), 0) from ${pointsLedger} where org_id = ${org} and program_id = ${programId} and customer_id = ${survivorId}),
        tier_code = ${better.tierCode}, tier_since = ${better.tierSince?.toISOString() ?? null}::timestamptz,
        birthday_bonus_month = greatest(birthday_bonus_month, ${merged?.birthdayBonusMonth ?? null}::text),
        updated_at = now()
      where org_id = ${org} and program_id = ${programId} and customer_id = ${survivorId}`);
  }
  await tx.delete(loyaltyAccounts).where(and(eq(loyaltyAccounts.orgId, org), eq(loyaltyAccounts.customerId, mergedId)));

  // Stamps: progress adds up (a card it completes gives its rewards on the next stamp); history moves.
  const movedProgress = await tx
    .delete(stampProgress)
    .where(and(eq(stampProgress.orgId, org), eq(stampProgress.customerId, mergedId)))
    .returning();
  for (const p of movedProgress) {
    await tx
      .insert(stampProgress)
      .values({ orgId: org, cardId: p.cardId, customerId: survivorId, stamps: p.stamps, totalStamps: p.totalStamps, rewards: p.rewards })
      .onConflictDoUpdate({
        target: [stampProgress.orgId, stampProgress.cardId, stampProgress.customerId],
        set: {
          stamps: sql`${stampProgress.stamps} + ${p.stamps}`,
          totalStamps: sql`${stampProgress.totalStamps} + ${p.totalStamps}`,
          rewards: sql`${stampProgress.rewards} + ${p.rewards}`,
          updatedAt: new Date(),
        },
      });
  }
  await tx
    .update(stampMovements)
    .set({ customerId: survivorId })
    .where(and(eq(stampMovements.orgId, org), eq(stampMovements.customerId, mergedId)));

  // Coupons: personal codes and uses move; a one-per-customer code both had used keeps one guard.
  await tx
    .update(couponCodes)
    .set({ customerId: survivorId })
    .where(and(eq(couponCodes.orgId, org), eq(couponCodes.customerId, mergedId)));
  await tx.execute(sql`
    update ${couponRedemptions} m set per_customer_key = null
    where m.org_id = ${org} and m.customer_id = ${mergedId} and m.per_customer_key is not null
      and exists (select 1 from ${couponRedemptions} s where s.org_id = m.org_id and s.code = m.code
                  and s.per_customer_key = ${survivorId} and s.reinstated_at is null)`);
  await tx.execute(sql`
    update ${couponRedemptions} set customer_id = ${survivorId},
      per_customer_key = case when per_customer_key is null then null else ${survivorId}::uuid end
    where org_id = ${org} and customer_id = ${mergedId}`);
}

// --- personal data (KVKK) ---------------------------------------------------------------------

async function exportLoyalty(tx: Tx, customerId: string) {
  const accounts = await tx
    .select()
    .from(loyaltyAccounts)
    .where(and(eq(loyaltyAccounts.orgId, tx.orgId!), eq(loyaltyAccounts.customerId, customerId)));
  const ledger = await tx
    .select()
    .from(pointsLedger)
    .where(and(eq(pointsLedger.orgId, tx.orgId!), eq(pointsLedger.customerId, customerId)))
    .orderBy(pointsLedger.occurredAt, pointsLedger.id)
    .limit(50_000);
  const coupons = await tx
    .select()
    .from(couponCodes)
    .where(and(eq(couponCodes.orgId, tx.orgId!), eq(couponCodes.customerId, customerId)))
    .limit(10_000);
  const redemptions = await tx
    .select()
    .from(couponRedemptions)
    .where(and(eq(couponRedemptions.orgId, tx.orgId!), eq(couponRedemptions.customerId, customerId)))
    .limit(10_000);
  const stamps = await tx
    .select()
    .from(stampProgress)
    .where(and(eq(stampProgress.orgId, tx.orgId!), eq(stampProgress.customerId, customerId)));
  return {
    accounts: accounts.map((a) => ({ programId: a.programId, balance: a.balance, tierCode: a.tierCode, tierSince: a.tierSince })),
    ledger: ledger.map((e) => ({
      id: e.id,
      programId: e.programId,
      kind: e.kind,
      points: e.points,
      receiptId: e.receiptId,
      occurredAt: e.occurredAt,
      expiresAt: e.expiresAt,
      reason: e.reason,
    })),
    coupons: coupons.map((c) => ({
      code: c.code,
      status: c.status,
      uses: c.uses,
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      issuedAt: c.issuedAt,
    })),
    redemptions: redemptions.map((r) => ({ code: r.code, receiptId: r.receiptId, redeemedAt: r.redeemedAt, reinstatedAt: r.reinstatedAt })),
    stampCards: stamps.map((s) => ({ cardId: s.cardId, stamps: s.stamps, totalStamps: s.totalStamps, rewards: s.rewards })),
  };
}

/**
 * Erasure keeps the ledger, accounts and coupons (aggregates) on the anonymised customer; only the
 * free text staff may have typed into manual adjustments goes (system reasons stay).
 */
async function eraseLoyalty(tx: Tx, customerId: string) {
  await tx
    .update(pointsLedger)
    .set({ reason: null })
    .where(
      and(
        eq(pointsLedger.orgId, tx.orgId!),
        eq(pointsLedger.customerId, customerId),
        eq(pointsLedger.kind, 'adjust'),
        sql`coalesce(${pointsLedger.reason}, '') not in ('refund_shortfall')`,
      ),
    );
}

export const loyaltyPersonalData: PersonalDataHandler = { name: 'loyalty', export: exportLoyalty, erase: eraseLoyalty };
