import { and, arrayContains, desc, eq, gte, inArray, like, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { likeEscaped } from '../../platform/db/like';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { invalidField } from '../../platform/http/problem';
import { normalizePhone } from '../../platform/phone';
import { foldTurkish, titleCaseTr } from '../../platform/text';
import { boundOf } from '../../platform/time';
import { getOrg } from '../access/orgs';
import { listCustomFields } from './custom-fields';
import { findByIdentities, type Identity, normalizeCard, normalizeEmail, normalizeExternal } from './identities';
import { customerIdentities, customers } from './schema';

export interface CustomerFilter {
  q?: string;
  storeId?: string;
  tag?: string;
  city?: string;
  /** `key:value` on a custom field. */
  custom?: string;
  /** `YYYY-MM-DD` (midnight in the org's time zone) or an ISO date-time; `createdTo` is exclusive. */
  createdFrom?: string;
  createdTo?: string;
  createdById?: string;
  /** Only customers with this data-quality problem. */
  issue?: string;
  status?: 'active' | 'merged' | 'anonymized';
  limit: number;
  cursor?: string;
}

// The org is a parameter, not the outer row's column: a correlated subquery would run once per customer.
const withIdentity = (orgId: string, kind: string, value: SQL | string, op: 'eq' | 'prefix' = 'eq') =>
  sql`${customers.id} in (select ${customerIdentities.customerId} from ${customerIdentities}
        where ${customerIdentities.orgId} = ${orgId} and ${customerIdentities.kind} = ${kind}
          and ${op === 'eq' ? sql`${customerIdentities.value} = ${value}` : sql`${customerIdentities.value} like ${value}`})`;

/** Customers whose card or external id is exactly this term (looked up first, by primary key). */
async function exactIdentity(tx: Tx, term: string): Promise<SQL | undefined> {
  const candidates: Identity[] = [];
  const card = normalizeCard(term);
  const external = normalizeExternal(term);
  if (card) candidates.push({ kind: 'card', value: card });
  if (external) candidates.push({ kind: 'external', value: external });
  const ids = [...new Set((await findByIdentities(tx, candidates)).values())];
  return ids.length > 0 ? inArray(customers.id, ids) : undefined;
}

/**
 * What the search box means: a phone in any form finds that number, an e-mail (or its start)
 * that address, a card number or external id that customer, other digits part of a phone, and
 * anything else a Turkish-folded name part ("yilmaz" finds "YILMAZ" and "Yılmaz"). Each branch is
 * one index-backed condition, never an OR of them, so the planner keeps to one index.
 */
export async function searchCondition(tx: Tx, q: string): Promise<SQL | undefined> {
  const term = q.trim();
  if (!term) return undefined;
  const orgId = tx.orgId!;
  const phone = /^[\d\s()+.-]+$/.test(term) ? normalizePhone(term) : null;
  if (phone) return withIdentity(orgId, 'phone', phone);
  if (term.includes('@')) {
    const email = normalizeEmail(term);
    return email ? withIdentity(orgId, 'email', email) : withIdentity(orgId, 'email', likeEscaped(term.toLowerCase(), 'prefix'), 'prefix');
  }
  const exact = await exactIdentity(tx, term);
  if (exact) return exact;
  const digits = term.replace(/[\s()+.-]/g, '');
  if (/^\d{3,}$/.test(digits)) return like(customers.phone, likeEscaped(digits, 'contains'));
  return like(customers.nameKey, likeEscaped(foldTurkish(term), 'contains'));
}

async function customCondition(tx: Tx, filter: string): Promise<SQL> {
  const at = filter.indexOf(':');
  const key = at > 0 ? filter.slice(0, at) : '';
  const raw = filter.slice(at + 1);
  const field = (await listCustomFields(tx)).find((f) => f.key === key);
  if (!field) throw invalidField('/custom', 'unknown_custom_field', 'customers.unknown_custom_field', { key });
  let value: unknown = raw;
  if (field.type === 'number') value = Number(raw);
  if (field.type === 'boolean') value = raw === 'true';
  if (field.type === 'number' && !Number.isFinite(value))
    throw invalidField('/custom', 'invalid_custom_value', 'customers.invalid_custom_value', { type: field.type });
  if (field.type === 'multi_select') {
    // Any of the options: one containment test each, so the jsonb index serves every branch.
    const options = raw.split('|').filter(Boolean);
    return or(...options.map((o) => sql`${customers.custom} @> ${JSON.stringify({ [key]: [o] })}::jsonb`))!;
  }
  return sql`${customers.custom} @> ${JSON.stringify({ [key]: value })}::jsonb`;
}

export async function searchCustomers(tx: Tx, f: CustomerFilter) {
  const timeZone = f.createdFrom || f.createdTo ? (await getOrg(tx)).timezone : 'UTC';
  const rows = await tx
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.orgId, tx.orgId!),
        eq(customers.status, f.status ?? 'active'),
        f.q ? await searchCondition(tx, f.q) : undefined,
        f.storeId ? or(eq(customers.preferredStoreId, f.storeId), eq(customers.createdStoreId, f.storeId)) : undefined,
        f.tag ? arrayContains(customers.tags, [f.tag]) : undefined,
        f.city ? eq(customers.city, titleCaseTr(f.city.trim())) : undefined,
        f.custom ? await customCondition(tx, f.custom) : undefined,
        f.createdFrom ? gte(customers.createdAt, boundOf(f.createdFrom, timeZone)) : undefined,
        f.createdTo ? lt(customers.createdAt, boundOf(f.createdTo, timeZone)) : undefined,
        f.createdById ? eq(customers.createdById, f.createdById) : undefined,
        f.issue ? arrayContains(customers.qualityIssues, [f.issue]) : undefined,
        afterCursor([customers.createdAt, customers.id], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => [r.createdAt, r.id]);
}
