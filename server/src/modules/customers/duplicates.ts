import { and, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AppContext } from '../../platform/context';
import type { Database, Tx } from '../../platform/db/database';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { Problem } from '../../platform/http/problem';
import type { AuditSource } from '../access/audit';
import { customers, duplicateCandidates } from './schema';
import { getCustomerRow } from './service';

/**
 * What makes two records look like one person, with the points each adds to the 0–100 score.
 * A name alone is not enough (Turkey has many Ayşe Yılmaz): every pair needs a second signal.
 */
export const DUPLICATE_REASONS = {
  name_same: 40,
  name_similar: 30,
  birthday_same: 25,
  email_local_same: 25,
  phone_near: 25,
  district_same: 10,
} as const;
export type DuplicateReason = keyof typeof DUPLICATE_REASONS;

/** Pairs below this are not worth a person's time (e.g. the same name in the same district). */
export const MIN_SCORE = 55;
/** Trigram similarity of the folded names that counts as "similar" (a typo, a missing letter). */
const NAME_SIMILARITY = 0.6;

export const SCAN_JOB = 'customers.duplicates-scan';
const NIGHTLY = '30 3 * * *';

const active = (orgId: string) => sql`
  select id, name_key, phone, lower(split_part(email::text, '@', 1)) as email_local,
         birth_year, birth_month, birth_day, district
    from customers where org_id = ${orgId} and status = 'active'`;

/**
 * Blocking: each block finds candidate pairs by equality on a shared attribute (a hash join),
 * so a scan costs about the sum of the blocks' sizes instead of n² name comparisons. The trigram
 * `%` filter (threshold set per transaction) runs only inside a block. Names that are similar
 * but share nothing else are not looked for: they would not reach MIN_SCORE anyway.
 *
 * The big blocks run in twelve slices that partition their join key (the birth month, the phone
 * digit position), so no pair is lost and each slice is a short transaction: on the embedded
 * database one long statement would hold up every other request (it has one session).
 */
const SLICES = 12;
const SLICED_BLOCKS: Record<string, (orgId: string, slice: number) => SQL> = {
  // Same birthday and district, name possibly misspelt: the person registered twice nearby.
  birthday_district: (org, slice) => sql`
    with c as (${active(org)} and birth_month = ${slice + 1})
    select a.id as a, b.id as b from c a join c b
      on a.birth_day = b.birth_day and a.district = b.district and a.id < b.id and a.name_key % b.name_key`,
  // Same full birth date, anywhere.
  birth_date: (org, slice) => sql`
    with c as (${active(org)} and birth_month = ${slice + 1})
    select a.id as a, b.id as b from c a join c b
      on a.birth_year = b.birth_year and a.birth_day = b.birth_day and a.id < b.id and a.name_key % b.name_key`,
  // Same folded name and day of birth where a year is missing on one side.
  birthday_name: (org, slice) => sql`
    with c as (${active(org)} and birth_month = ${slice + 1})
    select a.id as a, b.id as b from c a join c b
      on a.name_key = b.name_key and a.birth_day = b.birth_day and a.id < b.id and a.name_key <> ''`,
  /*
   * One digit off, or two neighbours swapped. Rather than trigram similarity on phones (one
   * wrong digit changes three of ~13 trigrams, and every number of the same operator shares
   * the prefix), each phone gets a key per digit position with that digit masked, and one with
   * that digit and the next sorted: two phones share a key exactly when they differ that way,
   * and equal keys are a hash join. Slice n handles position n + 4 (after "+90"; E.164 has at
   * most 15 digits).
   */
  phone_near: (org, slice) => sql`
    with c as (${active(org)} and length(phone) >= ${slice + 4}),
    k as (
      select id, overlay(phone placing '_' from ${slice + 4} for 1) as k from c
      union all
      select id, left(phone, ${slice + 3}) || '~'
             || least(substr(phone, ${slice + 4}, 1), substr(phone, ${slice + 5}, 1))
             || greatest(substr(phone, ${slice + 4}, 1), substr(phone, ${slice + 5}, 1)) || substr(phone, ${slice + 6})
        from c where length(phone) > ${slice + 4}
    )
    select distinct a.id as a, b.id as b from k a join k b on a.k = b.k and a.id < b.id`,
};

const emailLocal = (org: string) => sql`
  with c as (${active(org)})
  select a.id as a, b.id as b from c a join c b
    on a.email_local = b.email_local and a.id < b.id and length(a.email_local) >= 3`;

const weights = sql.raw(
  `(values ${Object.entries(DUPLICATE_REASONS)
    .map(([code, w]) => `('${code}', ${w})`)
    .join(', ')})`,
);

/** One digit different, or two neighbouring digits swapped, in phones of the same length. */
const phoneNear = (x: SQL, y: SQL) => sql`(length(${x}) = length(${y}) and (
  select count(*) = 1 or (count(*) = 2 and max(i) - min(i) = 1
         and substr(${x}, min(i), 1) = substr(${y}, max(i), 1) and substr(${x}, max(i), 1) = substr(${y}, min(i), 1))
    from generate_series(1, length(${x})) i where substr(${x}, i, 1) <> substr(${y}, i, 1)))`;

/** Scores the block's pairs on every signal and upserts those worth reviewing; a dismissed pair stays dismissed. */
async function scanBlock(tx: Tx, pairs: SQL): Promise<number> {
  // Every block is an equi-join: a hash join is right at any size, while a nested loop (what the
  // planner picks when statistics are missing, as on a fresh embedded database) is n².
  await tx.execute(
    sql`select set_config('pg_trgm.similarity_threshold', ${String(NAME_SIMILARITY)}, true), set_config('enable_nestloop', 'off', true)`,
  );
  const res = await tx.execute(sql`
    with p as (${pairs}),
    r as (
      select p.a, p.b, array_remove(array[
        case when x.name_key <> '' and x.name_key = y.name_key then 'name_same'
             when similarity(x.name_key, y.name_key) >= ${NAME_SIMILARITY} then 'name_similar' end,
        case when x.birth_month = y.birth_month and x.birth_day = y.birth_day
              and (x.birth_year is null or y.birth_year is null or x.birth_year = y.birth_year) then 'birthday_same' end,
        case when length(split_part(x.email::text, '@', 1)) >= 3
              and lower(split_part(x.email::text, '@', 1)) = lower(split_part(y.email::text, '@', 1)) then 'email_local_same' end,
        case when x.district = y.district and x.city is not distinct from y.city then 'district_same' end,
        case when ${phoneNear(sql`x.phone`, sql`y.phone`)} then 'phone_near' end
      ], null) as reasons
      from p
      join customers x on x.org_id = ${tx.orgId} and x.id = p.a
      join customers y on y.org_id = ${tx.orgId} and y.id = p.b
    ),
    s as (
      select a, b, reasons,
             least(100, (select coalesce(sum(w.points), 0) from unnest(reasons) u join ${weights} w(code, points) on w.code = u)) as score
        from r
    )
    insert into duplicate_candidates (org_id, customer_a, customer_b, score, reasons, detected_at)
    select ${tx.orgId}, a, b, score, reasons, now() from s where score >= ${MIN_SCORE}
    on conflict (org_id, customer_a, customer_b) do update
      set score = excluded.score, reasons = excluded.reasons, detected_at = excluded.detected_at
      where duplicate_candidates.status = 'open'`);
  return res.rowCount ?? 0;
}

export interface ScanResult {
  /** Open candidates after the scan. */
  open: number;
  /** Open candidates of an earlier scan that no longer match (edited, merged, anonymised). */
  closed: number;
}

/**
 * Finds duplicate candidates of one org. Each block runs in its own short transaction, so the
 * caller can report progress in between (and the embedded database's one session is not held).
 */
export async function scanDuplicates(
  db: Database,
  orgId: string,
  progress?: (done: number, total: number) => Promise<void>,
): Promise<ScanResult> {
  const steps = [
    ...Object.values(SLICED_BLOCKS).flatMap((block) => Array.from({ length: SLICES }, (_, slice) => block(orgId, slice))),
    emailLocal(orgId),
  ];
  const total = steps.length + 1;
  const started = await db.tenant(orgId, async (tx) => (await tx.execute<{ at: Date }>(sql`select now() as at`)).rows[0].at);
  let done = 0;
  for (const pairs of steps) {
    await db.tenant(orgId, (tx) => scanBlock(tx, pairs));
    await progress?.(++done, total);
  }
  const result = await db.tenant(orgId, async (tx) => {
    const closed = await tx
      .delete(duplicateCandidates)
      .where(
        and(
          eq(duplicateCandidates.orgId, orgId),
          eq(duplicateCandidates.status, 'open'),
          sql`${duplicateCandidates.detectedAt} < ${started}`,
        ),
      )
      .returning({ a: duplicateCandidates.customerA });
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(duplicateCandidates)
      .where(and(eq(duplicateCandidates.orgId, orgId), eq(duplicateCandidates.status, 'open')));
    return { open: n, closed: closed.length };
  });
  await progress?.(total, total);
  return result;
}

/** The scan job (with progress when a person started it) and its nightly schedule. */
export function defineDuplicateScan(ctx: AppContext): void {
  ctx.jobs.define<{ orgId: string; runId?: string }>(SCAN_JOB, async ({ orgId, runId }) => {
    const report = async (patch: Parameters<typeof ctx.jobs.updateRun>[2]) => {
      if (runId) await ctx.jobs.updateRun(orgId, runId, patch);
    };
    await report({ status: 'running' });
    try {
      const result = await scanDuplicates(ctx.db, orgId, (done, total) => report({ done, total }));
      await report({ status: 'succeeded', result: { ...result } });
    } catch (err) {
      await report({ status: 'failed', error: String((err as Error).message ?? err).slice(0, 500) });
      throw err;
    }
  });
  ctx.jobs.defineOrgSchedule(SCAN_JOB, NIGHTLY);
}

/** Queues a scan in the caller's transaction; its progress is read at GET /api/v1/jobs/{id}. */
export async function startDuplicateScan(ctx: AppContext, tx: Tx, source: AuditSource): Promise<string> {
  const runId = await ctx.jobs.createRun(tx, SCAN_JOB, source.auth?.actor.id);
  await ctx.jobs.send(SCAN_JOB, { orgId: tx.orgId!, runId }, { tx });
  return runId;
}

const a = alias(customers, 'a');
const b = alias(customers, 'b');

/** Open candidates whose two customers are both still active, best first. */
export async function listCandidates(tx: Tx, page: { limit: number; cursor?: string }) {
  const dc = duplicateCandidates;
  const rows = await tx
    .select({ candidate: dc, a, b })
    .from(dc)
    .innerJoin(a, and(eq(a.orgId, dc.orgId), eq(a.id, dc.customerA), eq(a.status, 'active')))
    .innerJoin(b, and(eq(b.orgId, dc.orgId), eq(b.id, dc.customerB), eq(b.status, 'active')))
    .where(and(eq(dc.orgId, tx.orgId!), eq(dc.status, 'open'), afterCursor([dc.score, dc.customerA, dc.customerB], page.cursor, 'desc')))
    .orderBy(desc(dc.score), desc(dc.customerA), desc(dc.customerB))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, (r) => [r.candidate.score, r.candidate.customerA, r.candidate.customerB]);
}

export const mergeSelf = () => new Problem(400, 'merge_self', 'dedup.merge_self');

/** A pair in the order the table keeps it (uuid order is byte order, as for lower-case hex). */
export function orderedPair(x: string, y: string): [string, string] {
  const [p, q] = [x.toLowerCase(), y.toLowerCase()];
  if (p === q) throw mergeSelf();
  return p < q ? [p, q] : [q, p];
}

/** "Not the same person": the pair stays dismissed on later scans (even one never detected). */
export async function dismissPair(tx: Tx, source: AuditSource, x: string, y: string) {
  const [ca, cb] = orderedPair(x, y);
  await getCustomerRow(tx, ca);
  await getCustomerRow(tx, cb);
  const values = { status: 'dismissed', resolvedAt: new Date(), resolvedBy: source.auth?.actor.id ?? null };
  const [row] = await tx
    .insert(duplicateCandidates)
    .values({ orgId: tx.orgId!, customerA: ca, customerB: cb, score: 0, reasons: [], ...values })
    .onConflictDoUpdate({
      target: [duplicateCandidates.orgId, duplicateCandidates.customerA, duplicateCandidates.customerB],
      set: values,
      setWhere: sql`${duplicateCandidates.status} <> 'merged'`,
    })
    .returning();
  return row ?? (await candidate(tx, ca, cb));
}

async function candidate(tx: Tx, ca: string, cb: string) {
  const [row] = await tx
    .select()
    .from(duplicateCandidates)
    .where(and(eq(duplicateCandidates.orgId, tx.orgId!), eq(duplicateCandidates.customerA, ca), eq(duplicateCandidates.customerB, cb)));
  return row;
}

/** After a merge: the pair is closed as merged, and other open pairs of the merged record go (the next scan re-pairs the survivor). */
export async function closeMergedPairs(tx: Tx, survivorId: string, mergedId: string, actorId: string | null) {
  const dc = duplicateCandidates;
  const [ca, cb] = orderedPair(survivorId, mergedId);
  const values = { status: 'merged', resolvedAt: new Date(), resolvedBy: actorId };
  await tx
    .insert(dc)
    .values({ orgId: tx.orgId!, customerA: ca, customerB: cb, score: 0, reasons: [], ...values })
    .onConflictDoUpdate({ target: [dc.orgId, dc.customerA, dc.customerB], set: values });
  await tx
    .delete(dc)
    .where(and(eq(dc.orgId, tx.orgId!), eq(dc.status, 'open'), or(eq(dc.customerA, mergedId), eq(dc.customerB, mergedId))));
}
