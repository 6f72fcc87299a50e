import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { afterCursor, toPage } from '../../../platform/http/pagination';
import { invalidField, notFound } from '../../../platform/http/problem';
import { newId } from '../../../platform/ids';
import { normalizePhone } from '../../../platform/phone';
import { normalizeEmail } from '../../customers/identities';
import type { MessageChannel } from '../providers/types';
import { suppressions } from './schema';

export const SUPPRESSION_REASONS = ['manual', 'unsubscribed', 'ret_reply', 'bounce', 'complaint'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** The address as messages store it (E.164, lower-case e-mail); null when it is not one. */
export function normalizeAddress(channel: MessageChannel, address: string): string | null {
  return channel === 'email' ? normalizeEmail(address) : normalizePhone(address);
}

/** Adds addresses (idempotent: an address already listed keeps its first reason). */
export async function suppress(
  tx: Tx,
  entries: { channel: MessageChannel; address: string; reason: SuppressionReason; source: string; createdBy?: string | null }[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx
    .insert(suppressions)
    .values(entries.map((e) => ({ orgId: tx.orgId!, id: newId(), ...e })))
    .onConflictDoNothing();
}

/** Adds one address by hand: 400 when it is not a phone / e-mail, the existing entry when listed. */
export async function addSuppression(
  tx: Tx,
  input: { channel: MessageChannel; address: string; reason?: SuppressionReason },
  by: { id: string; name: string },
) {
  const address = normalizeAddress(input.channel, input.address);
  if (!address) throw invalidField('/address', 'invalid_address', 'delivery.invalid_address');
  await suppress(tx, [{ channel: input.channel, address, reason: input.reason ?? 'manual', source: by.name, createdBy: by.id }]);
  const [row] = await tx
    .select()
    .from(suppressions)
    .where(and(eq(suppressions.orgId, tx.orgId!), eq(suppressions.channel, input.channel), eq(suppressions.address, address)));
  return row;
}

export async function removeSuppression(tx: Tx, id: string): Promise<void> {
  const gone = await tx
    .delete(suppressions)
    .where(and(eq(suppressions.orgId, tx.orgId!), eq(suppressions.id, id)))
    .returning({ id: suppressions.id });
  if (gone.length === 0) throw notFound();
}

export async function listSuppressions(tx: Tx, f: { channel?: MessageChannel; q?: string; limit: number; cursor?: string }) {
  const rows = await tx
    .select()
    .from(suppressions)
    .where(
      and(
        eq(suppressions.orgId, tx.orgId!),
        f.channel ? eq(suppressions.channel, f.channel) : undefined,
        f.q ? sql`strpos(${suppressions.address}, ${f.q.toLowerCase()}) > 0` : undefined,
        afterCursor([suppressions.id], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(suppressions.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => [r.id]);
}

/** The addresses among `addresses` listed for the channel: one statement. */
export async function suppressedAmong(tx: Tx, channel: MessageChannel, addresses: string[]): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const { rows } = await tx.execute<{ address: string }>(sql`
    select address from message_suppressions
    where org_id = ${tx.orgId} and channel = ${channel} and address = any(${sql.param(addresses)}::text[])`);
  return new Set(rows.map((r) => r.address));
}
