import { getTableColumns, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { emitEvents } from '../../platform/events/bus';
import { newId } from '../../platform/ids';
import type { Identity } from './identities';
import { type Columns, type CreatedVia, derived } from './profile';
import { customerIdentities, customers } from './schema';

export interface NewCustomer {
  columns: Columns;
  identities: Identity[];
  createdVia: CreatedVia;
  storeId: string | null;
  actor?: { type: string; id: string; name: string } | null;
  createdAt?: Date;
}

const BLANK = {
  status: 'active',
  mergedInto: null,
  firstName: null,
  lastName: null,
  phone: null,
  email: null,
  birthYear: null,
  birthMonth: null,
  birthDay: null,
  gender: null,
  city: null,
  district: null,
  preferredStoreId: null,
  sizeTop: null,
  sizeBottom: null,
  sizeShoe: null,
  colours: [] as string[],
  styles: [] as string[],
  tags: [] as string[],
  custom: {},
  consentRecordedAt: null,
};

const COLUMNS: Record<string, { name: string }> = getTableColumns(customers);

/**
 * Rows in one statement with one parameter: JSON keyed by column name, read into the table's
 * row type by jsonb_populate_recordset (binding 35 parameters a row is slow at both ends).
 */
async function insertRows(tx: Tx, rows: Record<string, unknown>[]) {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const names = keys.map((k) => `"${COLUMNS[k].name}"`);
  const json = rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = r[k];
      out[COLUMNS[k].name] = v instanceof Date ? v.toISOString() : (v ?? null);
    }
    return out;
  });
  await tx.execute(sql`
    insert into ${customers} (${sql.raw(names.join(', '))})
    select ${sql.raw(names.map((n) => `r.${n}`).join(', '))}
    from jsonb_populate_recordset(null::${customers}, ${JSON.stringify(json)}::jsonb) as r`);
}

/**
 * Inserts many customers (and their identities) in a few statements: the import and the demo
 * seed. The caller has resolved identities already, so none of them may exist yet.
 */
export async function insertCustomers(tx: Tx, list: NewCustomer[], chunk = 500): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < list.length; i += chunk) {
    const part = list.slice(i, i + chunk);
    const rows = part.map((c) => {
      const at = c.createdAt ?? new Date();
      const row = {
        ...BLANK,
        ...c.columns,
        createdVia: c.createdVia,
        createdStoreId: c.storeId,
        createdByType: c.actor?.type ?? null,
        createdById: c.actor?.id ?? null,
        createdByName: c.actor?.name ?? null,
        version: 1,
        createdAt: at,
        updatedAt: at,
        lastActivityAt: at,
      };
      return { orgId: tx.orgId!, id: newId(), ...row, ...derived(row) };
    });
    await insertRows(tx, rows);
    const identities = rows.flatMap((r, k) => part[k].identities.map((x) => ({ customerId: r.id, kind: x.kind, value: x.value })));
    if (identities.length > 0) {
      await tx.execute(sql`
        insert into ${customerIdentities} (org_id, customer_id, kind, value)
        select ${tx.orgId}, i.customer_id, i.kind, i.value
        from unnest(${sql.param(identities.map((i) => i.customerId))}::uuid[], ${sql.param(identities.map((i) => i.kind))}::text[],
                    ${sql.param(identities.map((i) => i.value))}::text[]) as i(customer_id, kind, value)`);
    }
    await emitEvents(
      tx,
      rows.map((r) => ({
        type: 'customer.created',
        subjectType: 'customer',
        subjectId: r.id,
        customerId: r.id,
        actor: r.createdById ? { type: r.createdByType!, id: r.createdById } : undefined,
        payload: { via: r.createdVia, storeId: r.createdStoreId },
        occurredAt: r.createdAt,
      })),
    );
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}
