import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { afterCursor, toPage } from '../http/pagination';
import { events } from './schema';

export interface TimelineFilter {
  types?: string[];
  limit: number;
  cursor?: string;
}

/** A customer's events, newest first: the timeline of the customer 360 page. */
export async function customerTimeline(tx: Tx, customerId: string, f: TimelineFilter) {
  const rows = await tx
    .select({
      id: events.id,
      type: events.type,
      subjectType: events.subjectType,
      subjectId: events.subjectId,
      actorType: events.actorType,
      actorId: events.actorId,
      payload: events.payload,
      occurredAt: events.occurredAt,
    })
    .from(events)
    .where(
      and(
        eq(events.orgId, tx.orgId!),
        eq(events.customerId, customerId),
        f.types?.length ? inArray(events.type, f.types) : undefined,
        afterCursor([events.occurredAt, events.id], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(events.occurredAt), desc(events.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => [r.occurredAt, r.id]);
}

/** Moves a merged customer's history to the survivor (the events stay as they were written). */
export async function reassignCustomerEvents(tx: Tx, fromId: string, toId: string): Promise<number> {
  const moved = await tx
    .update(events)
    .set({ customerId: toId })
    .where(and(eq(events.orgId, tx.orgId!), eq(events.customerId, fromId)))
    .returning({ id: events.id });
  return moved.length;
}

/** Payload keys that may hold personal data; event payloads should carry ids and amounts instead. */
export const PERSONAL_PAYLOAD_KEYS = ['phone', 'email', 'name', 'firstName', 'lastName', 'body', 'text', 'address', 'note', 'to'];

/** KVKK erasure: keeps the events (aggregates count them) but drops any personal data they carry. */
export async function scrubCustomerEvents(tx: Tx, customerId: string): Promise<number> {
  const scrubbed = await tx
    .update(events)
    .set({
      payload: sql`${events.payload} - array[${sql.join(
        PERSONAL_PAYLOAD_KEYS.map((k) => sql`${k}`),
        sql`, `,
      )}]::text[]`,
    })
    .where(and(eq(events.orgId, tx.orgId!), eq(events.customerId, customerId)))
    .returning({ id: events.id });
  return scrubbed.length;
}
