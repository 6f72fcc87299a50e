import { and, asc, eq, like, or, sql } from 'drizzle-orm';
import { savepoint, type Tx } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';
import { likeEscaped } from '../../platform/db/like';
import { emitEvent, emitEvents } from '../../platform/events/bus';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { invalidField, notFound, Problem } from '../../platform/http/problem';
import { isUuid, newId } from '../../platform/ids';
import { foldTurkish } from '../../platform/text';
import { suppliers } from './schema';
import type { WriteOptions } from './service';
import { CONTROL, optionalText } from './values';

export type SupplierRow = typeof suppliers.$inferSelect;

export interface SupplierInput {
  code: string;
  name: string;
  taxNumber?: string | null;
  contactName?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  notes?: string | null;
}

const org = (tx: Tx) => tx.orgId as string;

export const SUPPLIER_LIMITS = { code: 64, name: 200, taxNumber: 20, contactName: 100, phone: 40, email: 254, address: 500, notes: 2000 };

export function normalizeSupplierCode(value: string, field = '/code'): string {
  const code = value.trim();
  if (!code || code.length > SUPPLIER_LIMITS.code || CONTROL.test(code)) {
    throw invalidField(field, 'invalid_supplier_code', 'catalog.invalid_supplier_code');
  }
  return code;
}

type Columns = Omit<SupplierRow, 'orgId' | 'id' | 'createdAt' | 'updatedAt'>;

function columnsOf(input: Partial<SupplierInput>): Partial<Columns> {
  const out: Partial<Columns> = {};
  if (input.code !== undefined) out.code = normalizeSupplierCode(input.code);
  if (input.name !== undefined) {
    const name = optionalText(input.name, SUPPLIER_LIMITS.name, '/name');
    if (!name) throw invalidField('/name', 'name_required', 'catalog.name_required');
    out.name = name;
    out.nameKey = foldTurkish(name);
  }
  for (const k of ['taxNumber', 'contactName', 'phone', 'email', 'address', 'notes'] as const) {
    if (input[k] !== undefined) out[k] = optionalText(input[k], SUPPLIER_LIMITS[k], `/${k}`) ?? null;
  }
  return out;
}

const codeTaken = () => new Problem(409, 'supplier_code_taken', 'catalog.supplier_code_taken');

export async function getSupplierRow(tx: Tx, id: string): Promise<SupplierRow> {
  if (!isUuid(id)) throw notFound();
  const [row] = await tx
    .select()
    .from(suppliers)
    .where(and(eq(suppliers.orgId, org(tx)), eq(suppliers.id, id)));
  if (!row) throw notFound();
  return row;
}

/** Creates a supplier; 409 `supplier_code_taken` when the code is in use. */
export async function createSupplier(tx: Tx, input: SupplierInput, options: WriteOptions = {}): Promise<SupplierRow> {
  const columns = columnsOf(input) as Columns;
  const id = newId();
  let row: SupplierRow;
  try {
    [row] = await savepoint(tx, () =>
      tx
        .insert(suppliers)
        .values({ orgId: org(tx), id, ...columns })
        .returning(),
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw codeTaken();
    throw err;
  }
  await emitEvent(tx, {
    type: 'supplier.created',
    subjectType: 'supplier',
    subjectId: id,
    actor: options.actor,
    payload: { code: row.code },
  });
  return row;
}

/** Edits a supplier (null clears an optional field); writes nothing when nothing changes. */
export async function updateSupplier(tx: Tx, id: string, patch: Partial<SupplierInput>, options: WriteOptions = {}): Promise<SupplierRow> {
  const before = await getSupplierRow(tx, id);
  const columns = columnsOf(patch);
  const fields = Object.keys(columns).filter((k) => k !== 'nameKey' && columns[k as keyof Columns] !== before[k as keyof Columns]);
  if (fields.length === 0) return before;
  let row: SupplierRow;
  try {
    [row] = await savepoint(tx, () =>
      tx
        .update(suppliers)
        .set({ ...columns, updatedAt: new Date() })
        .where(and(eq(suppliers.orgId, org(tx)), eq(suppliers.id, id)))
        .returning(),
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw codeTaken();
    throw err;
  }
  await emitEvent(tx, {
    type: 'supplier.updated',
    subjectType: 'supplier',
    subjectId: id,
    actor: options.actor,
    payload: { code: row.code, fields },
  });
  return row;
}

export async function listSuppliers(tx: Tx, f: { q?: string; limit: number; cursor?: string }) {
  const term = f.q?.trim();
  const rows = await tx
    .select()
    .from(suppliers)
    .where(
      and(
        eq(suppliers.orgId, org(tx)),
        term
          ? or(like(suppliers.nameKey, likeEscaped(foldTurkish(term), 'contains')), sql`lower(${suppliers.code}) = lower(${term})`)
          : undefined,
        afterCursor([suppliers.nameKey, suppliers.id], f.cursor, 'asc'),
      ),
    )
    .orderBy(asc(suppliers.nameKey), asc(suppliers.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => [r.nameKey, r.id]);
}

/**
 * Supplier ids by code, creating the codes not known yet (named `name`, else the code): what an
 * import needs. Idempotent and safe under concurrent calls (insert … on conflict do nothing).
 */
export async function ensureSuppliers(
  tx: Tx,
  items: { code: string; name?: string | null }[],
  options: WriteOptions = {},
): Promise<Map<string, string>> {
  const byCode = new Map<string, { code: string; name: string }>();
  for (const item of items) {
    const code = normalizeSupplierCode(item.code, '/supplierCode');
    if (byCode.has(code)) continue;
    const name = optionalText(item.name ?? null, SUPPLIER_LIMITS.name, '/supplierName') ?? code;
    byCode.set(code, { code, name });
  }
  const out = new Map<string, string>();
  if (byCode.size === 0) return out;
  const fresh = [...byCode.values()]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((s) => ({ id: newId(), code: s.code, name: s.name, name_key: foldTurkish(s.name) }));
  const inserted = await tx.execute<{ id: string; code: string }>(sql`
    insert into ${suppliers} (org_id, id, code, name, name_key)
    select ${org(tx)}, r.id, r.code, r.name, r.name_key
    from jsonb_to_recordset(${JSON.stringify(fresh)}::jsonb) as r(id uuid, code text, name text, name_key text)
    order by r.code
    on conflict (org_id, code) do nothing
    returning id, code`);
  await emitEvents(
    tx,
    inserted.rows.map((r) => ({
      type: 'supplier.created',
      subjectType: 'supplier',
      subjectId: r.id,
      actor: options.actor,
      payload: { code: r.code },
    })),
  );
  const rows = await tx
    .select({ id: suppliers.id, code: suppliers.code })
    .from(suppliers)
    .where(and(eq(suppliers.orgId, org(tx)), sql`${suppliers.code} = any(${sql.param([...byCode.keys()])}::text[])`));
  for (const r of rows) out.set(r.code, r.id);
  return out;
}

export const viewSupplier = (r: SupplierRow) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  taxNumber: r.taxNumber,
  contactName: r.contactName,
  phone: r.phone,
  email: r.email,
  address: r.address,
  notes: r.notes,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
