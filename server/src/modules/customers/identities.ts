import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../platform/db/database';
import { Problem } from '../../platform/http/problem';
import { isMobile, normalizePhone } from '../../platform/phone';
import { customerIdentities, customers } from './schema';

/** The order identity resolution tries them in (the phone is the golden key, DESIGN §4). */
export const IDENTITY_KINDS = ['phone', 'email', 'card', 'external'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];
export interface Identity {
  kind: IdentityKind;
  value: string;
}

const emailSchema = z.email();

/** A phone a customer can be reached and recognised by: valid and mobile, else 400 INVALID_PHONE. */
export function customerPhone(input: string, field = '/phone'): string {
  const e164 = normalizePhone(input);
  if (!e164 || !isMobile(e164)) {
    throw new Problem(
      400,
      'INVALID_PHONE',
      'customers.invalid_phone',
      { value: input.slice(0, 40) },
      {
        fieldErrors: [
          {
            field,
            code: e164 ? 'not_mobile' : 'invalid_phone',
            key: e164 ? 'customers.not_mobile' : 'validation.invalid_phone',
            params: {},
          },
        ],
      },
    );
  }
  return e164;
}

/** Lower-cased, trimmed; null when it is not an address. */
export function normalizeEmail(input: string): string | null {
  const v = input.trim().toLowerCase();
  return v.length <= 254 && emailSchema.safeParse(v).success ? v : null;
}

/** Loyalty cards are read off plastic and barcodes: spaces and case do not matter. */
export function normalizeCard(input: string): string | null {
  const v = input.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z0-9-]{4,40}$/.test(v) ? v : null;
}

/** `shopify:123`: a lower-case system name, a colon and the id in that system. */
export function normalizeExternal(input: string): string | null {
  const m = /^([A-Za-z0-9_-]{1,30}):(\S{1,100})$/.exec(input.trim());
  return m ? `${m[1].toLowerCase()}:${m[2]}` : null;
}

export function normalizeIdentity(kind: IdentityKind, value: string): string | null {
  switch (kind) {
    case 'phone': {
      const e164 = normalizePhone(value);
      return e164 && isMobile(e164) ? e164 : null;
    }
    case 'email':
      return normalizeEmail(value);
    case 'card':
      return normalizeCard(value);
    case 'external':
      return normalizeExternal(value);
  }
}

/**
 * The live customers holding any of these identities: identity → customer id. One index probe
 * per identity, the identities bound as two arrays (an import asks for thousands at once).
 */
export async function findByIdentities(tx: Tx, ids: Identity[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (ids.length === 0) return found;
  const unique = [...new Map(ids.map((i) => [identityKey(i), i])).values()];
  const { rows } = await tx.execute<{ kind: string; value: string; customer_id: string }>(sql`
    select i.kind, i.value, i.customer_id from ${customerIdentities} i
    join unnest(${sql.param(unique.map((i) => i.kind))}::text[], ${sql.param(unique.map((i) => i.value))}::text[]) as w(kind, value)
      on i.kind = w.kind and i.value = w.value
    where i.org_id = ${tx.orgId}`);
  for (const r of rows) found.set(`${r.kind}:${r.value}`, r.customer_id);
  return found;
}

export const identityKey = (i: Identity) => `${i.kind}:${i.value}`;

/** Adds identities to a customer; the caller has checked that none belongs to someone else. */
export async function attachIdentities(tx: Tx, customerId: string, ids: Identity[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .insert(customerIdentities)
    .values(ids.map((i) => ({ orgId: tx.orgId!, customerId, kind: i.kind, value: i.value })))
    .onConflictDoNothing();
}

export async function identitiesOf(tx: Tx, customerIds: string[]): Promise<Map<string, Identity[]>> {
  const out = new Map<string, Identity[]>();
  if (customerIds.length === 0) return out;
  const rows = await tx
    .select({ customerId: customerIdentities.customerId, kind: customerIdentities.kind, value: customerIdentities.value })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.orgId, tx.orgId!), inArray(customerIdentities.customerId, customerIds)))
    .orderBy(customerIdentities.kind, customerIdentities.createdAt);
  for (const r of rows) {
    const list = out.get(r.customerId) ?? [];
    list.push({ kind: r.kind as IdentityKind, value: r.value });
    out.set(r.customerId, list);
  }
  return out;
}

export async function detachIdentity(tx: Tx, customerId: string, id: Identity): Promise<boolean> {
  const deleted = await tx
    .delete(customerIdentities)
    .where(
      and(
        eq(customerIdentities.orgId, tx.orgId!),
        eq(customerIdentities.customerId, customerId),
        eq(customerIdentities.kind, id.kind),
        eq(customerIdentities.value, id.value),
      ),
    )
    .returning({ value: customerIdentities.value });
  return deleted.length > 0;
}

/** Follows merge tombstones to the live customer (a POS may still hold a merged id). */
export async function liveCustomerId(tx: Tx, id: string): Promise<string | null> {
  const rows = await tx.execute<{ id: string; status: string }>(sql`
    with recursive chain(id, status, merged_into, depth) as (
      select id, status, merged_into, 0 from ${customers} where org_id = ${tx.orgId} and id = ${id}
      union all
      select c.id, c.status, c.merged_into, chain.depth + 1
        from ${customers} c join chain on c.org_id = ${tx.orgId} and c.id = chain.merged_into
       where chain.depth < 20
    )
    select id, status from chain where status <> 'merged' limit 1`);
  return rows.rows[0]?.status === 'active' ? rows.rows[0].id : null;
}
