import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination';
import { Problem } from '../../platform/http/problem';
import { isUuid } from '../../platform/ids';
import { maskPhone } from '../../platform/phone';
import { compileEnv, customersMatching, fastPlans, matchingSql } from './compile';
import type { CompileEnv } from './registry';
import type { Rule } from './rule';
import { segments } from './schema';

type SegmentRow = typeof segments.$inferSelect;

/** A UUIDv7 made in SQL (48-bit ms timestamp, version 7), for events written by INSERT … SELECT. */
const uuidV7 = sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing
  substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;

export interface MemberRow {
  customerId: string;
  name: string | null;
  phone: string | null;
  city: string | null;
  lastPurchase: string | null;
}

/** The columns a member list shows, for rows of `customers c`; the last purchase from the sales read view. */
const memberColumns = sql`c.id::text as "customerId", nullif(trim(concat_ws(' ', c.first_name, c.last_name)), '') as name, c.phone, c.city,
  (select max(p.business_date)::text from sales_purchase_facts p where p.org_id = c.org_id and p.customer_id = c.id) as "lastPurchase"`;

const masked = (rows: MemberRow[], mask: boolean) => (mask ? rows.map((r) => ({ ...r, phone: r.phone && maskPhone(r.phone) })) : rows);

/**
 * Up to `limit` matching customers, newest first: walks customers_list_idx and stops at the
 * `limit`-th match, so a common rule costs a few rows, not a full evaluation.
 */
export async function sampleRule(tx: Tx, rule: Rule, env: CompileEnv, limit: number, mask: boolean): Promise<MemberRow[]> {
  const { rows } = await tx.execute(sql`select ${memberColumns} ${customersMatching(tx, rule, env)}
    order by c.created_at desc, c.id desc limit ${limit}`);
  return masked(rows as unknown as MemberRow[], mask);
}

/** The stored members of a segment who are still live customers: what campaigns send to. */
export function storedMembersSql(tx: Tx, segmentId: string): SQL {
  return sql`select m.customer_id from segment_members m
    join customers c on c.org_id = m.org_id and c.id = m.customer_id and c.status = 'active'
    where m.org_id = ${tx.orgId} and m.segment_id = ${segmentId}`;
}

/** A page of a segment's members in customer id order. */
export async function listMembers(tx: Tx, segmentId: string, page: { limit: number; cursor?: string }, mask: boolean) {
  let after = sql``;
  if (page.cursor) {
    const [id] = decodeCursor(page.cursor, 1);
    if (!isUuid(String(id))) throw new Problem(400, 'invalid_cursor', 'error.invalid_cursor');
    after = sql`and m.customer_id > ${id}::uuid`;
  }
  const { rows } = await tx.execute(sql`select ${memberColumns} from segment_members m
    join customers c on c.org_id = m.org_id and c.id = m.customer_id and c.status = 'active'
    where m.org_id = ${tx.orgId} and m.segment_id = ${segmentId} ${after}
    order by m.customer_id limit ${page.limit + 1}`);
  const list = rows as unknown as MemberRow[];
  const items = list.slice(0, page.limit);
  return {
    items: masked(items, mask),
    nextCursor: list.length > page.limit ? encodeCursor([items[items.length - 1].customerId]) : null,
  };
}

/**
 * Re-evaluates a dynamic segment and applies the difference in one statement: members who left
 * are deleted, new ones inserted, and one `segment.entered` / `segment.exited` event written per
 * change (INSERT … SELECT, same transaction). The first evaluation fills the segment silently:
 * creating a segment is not a change of anyone's behaviour.
 */
export async function refreshMembers(
  tx: Tx,
  segment: SegmentRow,
  rule: Rule,
): Promise<{ entered: number; exited: number; members: number }> {
  const env = await compileEnv(tx);
  await fastPlans(tx);
  const silent = segment.refreshedAt === null;
  const event = (type: string, from: string) => sql`
    insert into events (org_id, id, type, subject_type, subject_id, customer_id, payload)
    select ${tx.orgId}, ${uuidV7}, ${type}, 'segment', ${segment.id}, customer_id,
      jsonb_build_object('segmentId', ${segment.id}::text, 'segmentName', ${segment.name}::text)
    from ${sql.raw(from)} where not ${silent}::boolean
    returning 1`;
  const { rows } = await tx.execute(sql`
    with target as materialized (${matchingSql(tx, rule, env)}),
    exited as (
      delete from segment_members m where m.org_id = ${tx.orgId} and m.segment_id = ${segment.id}
        and not exists (select 1 from target t where t.customer_id = m.customer_id)
      returning m.customer_id),
    entered as (
      insert into segment_members (org_id, segment_id, customer_id)
      select ${tx.orgId}, ${segment.id}, t.customer_id from target t
      on conflict do nothing
      returning customer_id),
    entered_events as (${event('segment.entered', 'entered')}),
    exited_events as (${event('segment.exited', 'exited')})
    select (select count(*) from entered)::int as entered, (select count(*) from exited)::int as exited,
      (select count(*) from target)::int as members,
      (select count(*) from entered_events)::int + (select count(*) from exited_events)::int as events`);
  const r = rows[0] as { entered: number; exited: number; members: number };
  await tx
    .update(segments)
    .set({ memberCount: r.members, refreshedAt: sql`now()` })
    .where(sql`${segments.orgId} = ${tx.orgId} and ${segments.id} = ${segment.id}`);
  return { entered: r.entered, exited: r.exited, members: r.members };
}

/** Replaces a static segment's list with a set of customer ids (a subquery of `customer_id`). */
export async function replaceMembers(tx: Tx, segmentId: string, source: SQL): Promise<number> {
  await tx.execute(sql`delete from segment_members where org_id = ${tx.orgId} and segment_id = ${segmentId}`);
  return addMembers(tx, segmentId, source);
}

/** Adds customers to a static list; returns the new member count. */
export async function addMembers(tx: Tx, segmentId: string, source: SQL): Promise<number> {
  await tx.execute(sql`insert into segment_members (org_id, segment_id, customer_id)
    select distinct ${tx.orgId}::uuid, ${segmentId}::uuid, s.customer_id from (${source}) s on conflict do nothing`);
  const { rows } = await tx.execute(
    sql`select count(*)::int as n from segment_members where org_id = ${tx.orgId} and segment_id = ${segmentId}`,
  );
  const n = (rows[0] as { n: number }).n;
  await tx
    .update(segments)
    .set({ memberCount: n, refreshedAt: sql`now()`, updatedAt: sql`now()` })
    .where(sql`${segments.orgId} = ${tx.orgId} and ${segments.id} = ${segmentId}`);
  return n;
}
