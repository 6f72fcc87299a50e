import { and, arrayContains, desc, eq, gte, like, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { likeEscaped } from '../../platform/db/like';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { invalidField } from '../../platform/http/problem';
import { normalizePhone } from '../../platform/phone';
import { foldTurkish, titleCaseTr } from '../../platform/text';
import { listCustomFields } from './custom-fields';
import { normalizeCard, normalizeEmail, normalizeExternal } from './identities';
import { customerIdentities, customers } from './schema';

export interface CustomerFilter {
  q?: string;
  storeId?: string;
  tag?: string;
  city?: string;
  /** `key:value` on a custom field. */
  custom?: string;
  createdFrom?: Date;
  createdTo?: Date;
  createdById?: string;
  /** Only customers with this data-quality problem. */
  issue?: string;
  status?: 'active' | 'merged' | 'anonymized';
  limit: number;
  cursor?: string;
}

const withIdentity = (kind: string, value: SQL | string, op: 'eq' | 'prefix' = 'eq') =>
  sql`${customers.id} in (select ${customerIdentities.customerId} from ${customerIdentities}
        where ${customerIdentities.orgId} = ${customers.orgId} and ${customerIdentities.kind} = ${kind}
          and ${op === 'eq' ? sql`${customerIdentities.value} = ${value}` : sql`${customerIdentities.value} like ${value}`})`;

/**
 * What the search box means: a phone in any form finds that number, an e-mail (or its start)
 * that address, digits a card or part of a phone, anything else a Turkish-folded name part
 * ("yilmaz" finds "YILMAZ" and "Yılmaz") or a card / external id.
 */
export function searchCondition(q: string): SQL | undefined {
  const term = q.trim();
  if (!term) return undefined;
  const phone = /^[\d\s()+.-]+$/.test(term) ? normalizePhone(term) : null;
  if (phone) return withIdentity('phone', phone);
  if (term.includes('@')) {
    const email = normalizeEmail(term);
    return email ? withIdentity('email', email) : withIdentity('email', likeEscaped(term.toLowerCase(), 'prefix'), 'prefix');
  }
  const digits = term.replace(/[\s()+.-]/g, '');
  if (/^\d{3,}$/.test(digits)) {
    const card = normalizeCard(digits);
    return or(card ? withIdentity('card', card) : undefined, like(customers.phone, likeEscaped(digits, 'contains')));
  }
  const folded = foldTurkish(term);
  const byName = folded ? like(customers.nameKey, likeEscaped(folded, 'contains')) : undefined;
  const card = normalizeCard(term);
  const external = normalizeExternal(term);
  return or(byName, card ? withIdentity('card', card) : undefined, external ? withIdentity('external', external) : undefined);
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
  if (field.type === 'multi_select') value = [raw];
  if (field.type === 'number' && !Number.isFinite(value))
    throw invalidField('/custom', 'invalid_custom_value', 'customers.invalid_custom_value', { type: field.type });
  return sql`${customers.custom} @> ${JSON.stringify({ [key]: value })}::jsonb`;
}

export async function searchCustomers(tx: Tx, f: CustomerFilter) {
  const rows = await tx
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.orgId, tx.orgId!),
        eq(customers.status, f.status ?? 'active'),
        f.q ? searchCondition(f.q) : undefined,
        f.storeId ? or(eq(customers.preferredStoreId, f.storeId), eq(customers.createdStoreId, f.storeId)) : undefined,
        f.tag ? arrayContains(customers.tags, [f.tag]) : undefined,
        f.city ? eq(customers.city, titleCaseTr(f.city.trim())) : undefined,
        f.custom ? await customCondition(tx, f.custom) : undefined,
        f.createdFrom ? gte(customers.createdAt, f.createdFrom) : undefined,
        f.createdTo ? lt(customers.createdAt, f.createdTo) : undefined,
        f.createdById ? eq(customers.createdById, f.createdById) : undefined,
        f.issue ? arrayContains(customers.qualityIssues, [f.issue]) : undefined,
        afterCursor([customers.createdAt, customers.id], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => [r.createdAt, r.id]);
}
