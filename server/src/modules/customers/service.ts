import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { savepoint, type Tx } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';
import { emitEvent } from '../../platform/events/bus';
import { invalidField, notFound, Problem } from '../../platform/http/problem';
import { newId } from '../../platform/ids';
import { type AuditSource, recordAudit } from '../access/audit';
import { getStore } from '../access/stores';
import { listCustomFields } from './custom-fields';
import {
  attachIdentities,
  detachIdentity,
  findByIdentities,
  IDENTITY_KINDS,
  type Identity,
  identitiesOf,
  identityKey,
  liveCustomerId,
} from './identities';
import { type Columns, type CreatedVia, derived, normalizeProfile, type ProfileInput, toCustomer } from './profile';
import { assessQuality } from './quality';
import { customerIdentities, customerNotes, customers } from './schema';

export type CustomerRow = typeof customers.$inferSelect;

export interface CreateInput extends ProfileInput {
  createdVia?: CreatedVia;
  /** The store where the customer was registered; defaults to the caller's only store. */
  storeId?: string | null;
}

const actorOf = (source: AuditSource) => source.auth?.actor;
const eventActor = (source: AuditSource) => {
  const a = actorOf(source);
  return a ? { type: a.type, id: a.id } : undefined;
};

export async function getCustomerRow(tx: Tx, id: string): Promise<CustomerRow> {
  const [row] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, tx.orgId!), eq(customers.id, id)));
  if (!row) throw notFound();
  return row;
}

async function lockCustomer(tx: Tx, id: string): Promise<CustomerRow> {
  const [row] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, tx.orgId!), eq(customers.id, id)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

/** The customer as the API returns it, masked unless the caller may read personal data. */
export async function viewCustomer(tx: Tx, row: CustomerRow, masked: boolean) {
  const ids = await identitiesOf(tx, [row.id]);
  return toCustomer(row, ids.get(row.id) ?? [], masked);
}

async function checkStore(tx: Tx, id: string | null | undefined, field: string) {
  if (!id) return;
  try {
    await getStore(tx, null, id);
  } catch {
    throw invalidField(field, 'unknown_store', 'customers.unknown_store');
  }
}

function existsProblem(existingId: string, identity: Identity) {
  return new Problem(409, 'customer_exists', 'customers.exists', { kind: identity.kind }, { existingId });
}

/** The first identity (in resolution order) that already belongs to a customer other than `self`. */
function firstTaken(ids: Identity[], found: Map<string, string>, self?: string): { identity: Identity; customerId: string } | undefined {
  for (const kind of IDENTITY_KINDS) {
    for (const identity of ids.filter((i) => i.kind === kind)) {
      const owner = found.get(identityKey(identity));
      if (owner && owner !== self) return { identity, customerId: owner };
    }
  }
  return undefined;
}

function creationDefaults(source: AuditSource, via: CreatedVia | undefined): CreatedVia {
  if (via) return via;
  return actorOf(source)?.type === 'api_key' ? 'api' : 'store';
}

/** Creates a customer; 409 `customer_exists` with `existingId` when any identity is known. */
export async function createCustomer(tx: Tx, source: AuditSource, input: CreateInput, scope: readonly string[] | null = null) {
  const fields = await listCustomFields(tx);
  const { columns, identities } = normalizeProfile(input, fields);
  await checkStore(tx, columns.preferredStoreId, '/preferredStoreId');
  const storeId = input.storeId !== undefined ? input.storeId : scope?.length === 1 ? scope[0] : null;
  await checkStore(tx, storeId, '/storeId');
  const taken = firstTaken(identities, await findByIdentities(tx, identities));
  if (taken) throw existsProblem(taken.customerId, taken.identity);
  const actor = actorOf(source);
  const id = newId();
  const base = {
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
    colours: [],
    styles: [],
    tags: [],
    custom: {},
    consentRecordedAt: null,
    ...columns,
    createdVia: creationDefaults(source, input.createdVia),
    createdStoreId: storeId ?? null,
    createdByType: actor?.type ?? null,
    createdById: actor?.id ?? null,
    createdByName: actor?.name ?? null,
    version: 1,
    createdAt: new Date(),
    updatedAt: new Date(),
    lastActivityAt: new Date(),
  } satisfies Omit<CustomerRow, 'orgId' | 'id' | 'nameKey' | 'qualityScore' | 'qualityIssues'>;
  try {
    const row = await savepoint(tx, async () => {
      const [inserted] = await tx
        .insert(customers)
        .values({ orgId: tx.orgId!, id, ...base, ...derived(base) })
        .returning();
      if (identities.length > 0) {
        await tx
          .insert(customerIdentities)
          .values(identities.map((i) => ({ orgId: tx.orgId!, customerId: id, kind: i.kind, value: i.value })));
      }
      return inserted;
    });
    await emitEvent(tx, {
      type: 'customer.created',
      subjectType: 'customer',
      subjectId: id,
      customerId: id,
      actor: eventActor(source),
      payload: { via: row.createdVia, storeId: row.createdStoreId },
    });
    return row;
  } catch (err) {
    // A concurrent request registered one of these identities first.
    if (isUniqueViolation(err)) {
      const again = firstTaken(identities, await findByIdentities(tx, identities));
      if (again) throw existsProblem(again.customerId, again.identity);
    }
    throw err;
  }
}

const TRACKED: (keyof Columns)[] = [
  'firstName',
  'lastName',
  'phone',
  'email',
  'birthYear',
  'birthMonth',
  'birthDay',
  'gender',
  'city',
  'district',
  'preferredStoreId',
  'sizeTop',
  'sizeBottom',
  'sizeShoe',
  'colours',
  'styles',
  'tags',
  'custom',
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies normalised columns to a locked live customer, moving its primary phone/e-mail
 * identities along, and records what changed. Identities held by someone else are a 409.
 */
async function applyChanges(tx: Tx, source: AuditSource, current: CustomerRow, columns: Columns, identities: Identity[]) {
  const found = await findByIdentities(tx, identities);
  const taken = firstTaken(identities, found, current.id);
  if (taken) {
    throw new Problem(409, 'identity_taken', 'customers.identity_taken', { kind: taken.identity.kind }, { existingId: taken.customerId });
  }
  const changed = TRACKED.filter((k) => k in columns && !same(columns[k], current[k]));
  const fresh = identities.filter((i) => !found.has(identityKey(i)));
  if (changed.length === 0 && fresh.length === 0) return current;
  const next = { ...current, ...columns };
  // A changed primary phone or e-mail replaces the old identity: the old number may be reassigned.
  for (const kind of ['phone', 'email'] as const) {
    if (changed.includes(kind) && current[kind]) {
      await detachIdentity(tx, current.id, { kind, value: current[kind] });
    }
  }
  await attachIdentities(tx, current.id, fresh);
  const [row] = await tx
    .update(customers)
    .set({ ...columns, ...derived(next), version: current.version + 1, updatedAt: new Date() })
    .where(and(eq(customers.orgId, tx.orgId!), eq(customers.id, current.id)))
    .returning();
  await emitEvent(tx, {
    type: 'customer.updated',
    subjectType: 'customer',
    subjectId: current.id,
    customerId: current.id,
    actor: eventActor(source),
    payload: { fields: changed, identitiesAdded: fresh.map((i) => i.kind) },
  });
  return row;
}

async function liveOrThrow(tx: Tx, id: string): Promise<CustomerRow> {
  const row = await lockCustomer(tx, id);
  if (row.status !== 'active')
    throw new Problem(409, 'customer_not_active', 'customers.not_active', { status: row.status }, { mergedInto: row.mergedInto });
  return row;
}

export async function updateCustomer(tx: Tx, source: AuditSource, id: string, input: ProfileInput) {
  const current = await liveOrThrow(tx, id);
  const { columns, identities } = normalizeProfile(input, await listCustomFields(tx), current.custom);
  await checkStore(tx, columns.preferredStoreId, '/preferredStoreId');
  try {
    return await savepoint(tx, () => applyChanges(tx, source, current, columns, identities));
  } catch (err) {
    if (isUniqueViolation(err)) {
      const taken = firstTaken(identities, await findByIdentities(tx, identities), id);
      if (taken)
        throw new Problem(
          409,
          'identity_taken',
          'customers.identity_taken',
          { kind: taken.identity.kind },
          { existingId: taken.customerId },
        );
    }
    throw err;
  }
}

export interface UpsertResult {
  customer: CustomerRow;
  created: boolean;
  matchedBy: Identity['kind'] | null;
}

/**
 * Identity resolution: finds the customer by phone, then e-mail, card and external id; updates
 * it with the input or creates one. Identities pointing at two customers are a 409 with both.
 * A concurrent upsert of the same new identity loses the insert race and updates instead.
 */
export async function upsertCustomer(
  tx: Tx,
  source: AuditSource,
  input: CreateInput,
  scope: readonly string[] | null = null,
): Promise<UpsertResult> {
  const fields = await listCustomFields(tx);
  const { identities } = normalizeProfile({ ...input, custom: undefined }, fields);
  if (identities.length === 0) throw invalidField('/', 'identity_required', 'customers.identity_required');
  for (let attempt = 0; ; attempt++) {
    const found = await findByIdentities(tx, identities);
    const owners: { id: string; kind: Identity['kind'] }[] = [];
    for (const kind of IDENTITY_KINDS) {
      for (const i of identities.filter((x) => x.kind === kind)) {
        const owner = found.get(identityKey(i));
        if (owner && !owners.some((o) => o.id === owner)) owners.push({ id: owner, kind });
      }
    }
    if (owners.length > 1) {
      throw new Problem(409, 'identity_conflict', 'customers.identity_conflict', {}, { customerIds: owners.map((o) => o.id) });
    }
    if (owners.length === 1) {
      const current = await liveOrThrow(tx, owners[0].id);
      const { storeId: _store, createdVia: _via, ...rest } = input;
      // Fill, do not erase: absent or empty fields stay as they are, and tags add up.
      const patch = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== '')) as ProfileInput;
      if (patch.tags) patch.tags = [...current.tags, ...patch.tags];
      const { columns, identities: ids } = normalizeProfile(patch, fields, current.custom);
      // The customer keeps its primary phone and e-mail; different ones become further identities.
      if (current.phone && columns.phone && columns.phone !== current.phone) delete columns.phone;
      if (current.email && columns.email && columns.email !== current.email) delete columns.email;
      const row = await applyChanges(tx, source, current, columns, ids);
      return { customer: row, created: false, matchedBy: owners[0].kind };
    }
    try {
      return { customer: await createCustomer(tx, source, input, scope), created: true, matchedBy: null };
    } catch (err) {
      if (attempt === 0 && err instanceof Problem && err.code === 'customer_exists') continue;
      throw err;
    }
  }
}

/** Adds an identity; a phone or e-mail becomes the primary one when the customer has none. */
export async function addIdentity(tx: Tx, source: AuditSource, id: string, identity: Identity) {
  const current = await liveOrThrow(tx, id);
  const columns: Columns = {};
  if ((identity.kind === 'phone' || identity.kind === 'email') && !current[identity.kind]) columns[identity.kind] = identity.value;
  return applyChanges(tx, source, current, columns, [identity]);
}

/** A live customer by any identity, following merges. */
export async function lookupCustomer(tx: Tx, identity: Identity): Promise<CustomerRow> {
  const found = await findByIdentities(tx, [identity]);
  const id = found.get(identityKey(identity));
  if (!id) throw notFound();
  return getCustomerRow(tx, id);
}

/** A customer id that may have been merged away, resolved to the live survivor (404 if none). */
export async function resolveCustomerId(tx: Tx, id: string): Promise<string> {
  const live = await liveCustomerId(tx, id);
  if (!live) throw notFound();
  return live;
}

/** Staff reading a whole profile with personal data is written to the audit log (KVKK). */
export async function auditProfileView(tx: Tx, source: AuditSource, id: string) {
  if (actorOf(source)?.type === 'user') await recordAudit(tx, source, 'customer.view', { type: 'customer', id });
}

export async function addNote(tx: Tx, source: AuditSource, customerId: string, body: string) {
  await liveOrThrow(tx, customerId);
  const actor = actorOf(source);
  const [note] = await tx
    .insert(customerNotes)
    .values({
      orgId: tx.orgId!,
      id: newId(),
      customerId,
      body,
      authorType: actor?.type,
      authorId: actor?.id,
      authorName: actor?.name,
    })
    .returning();
  await emitEvent(tx, {
    type: 'customer.note_added',
    subjectType: 'note',
    subjectId: note.id,
    customerId,
    actor: eventActor(source),
  });
  return note;
}

export async function listNotes(tx: Tx, customerId: string) {
  await getCustomerRow(tx, customerId);
  return tx
    .select()
    .from(customerNotes)
    .where(and(eq(customerNotes.orgId, tx.orgId!), eq(customerNotes.customerId, customerId)))
    .orderBy(desc(customerNotes.createdAt))
    .limit(500);
}

/** Called by the privacy module whenever a consent is recorded for the customer. */
export async function markConsentRecorded(tx: Tx, customerId: string): Promise<void> {
  const row = await getCustomerRow(tx, customerId);
  if (row.consentRecordedAt) return;
  const next = { ...row, consentRecordedAt: new Date() };
  await tx
    .update(customers)
    .set({ consentRecordedAt: next.consentRecordedAt, ...derived(next) })
    .where(and(eq(customers.orgId, tx.orgId!), eq(customers.id, customerId)));
}

/**
 * Bulk variant of markConsentRecorded for imports: two statements per call. Returns the live
 * customers among `ids` with the phone and e-mail a consent is given for; other ids are skipped.
 */
export async function markConsentRecordedBulk(tx: Tx, ids: string[]): Promise<Map<string, { phone: string | null; email: string | null }>> {
  const live = new Map<string, { phone: string | null; email: string | null }>();
  if (ids.length === 0) return live;
  // Only what the quality score reads: imports call this for 100,000 customers.
  const rows = await tx
    .select({
      id: customers.id,
      firstName: customers.firstName,
      lastName: customers.lastName,
      phone: customers.phone,
      email: customers.email,
      birthYear: customers.birthYear,
      birthMonth: customers.birthMonth,
      birthDay: customers.birthDay,
      preferredStoreId: customers.preferredStoreId,
      createdStoreId: customers.createdStoreId,
      consentRecordedAt: customers.consentRecordedAt,
    })
    .from(customers)
    .where(and(eq(customers.orgId, tx.orgId!), inArray(customers.id, [...new Set(ids)]), eq(customers.status, 'active')));
  const now = new Date();
  const marks = rows.filter((r) => !r.consentRecordedAt).map((r) => ({ id: r.id, ...assessQuality({ ...r, consentRecorded: true }) }));
  for (const r of rows) live.set(r.id, { phone: r.phone, email: r.email });
  if (marks.length > 0) {
    await tx.execute(sql`
      update customers c
      set consent_recorded_at = ${now}, quality_score = m.score, quality_issues = array(select jsonb_array_elements_text(m.issues))
      from jsonb_to_recordset(${JSON.stringify(marks)}::jsonb)
        as m(id uuid, score smallint, issues jsonb)
      where c.org_id = ${tx.orgId} and c.id = m.id`);
  }
  return live;
}

/** Live customers with no activity since `before`, in id order from `afterId` (retention). */
export async function inactiveCustomerIds(tx: Tx, before: Date, limit: number, afterId?: string): Promise<string[]> {
  const rows = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, tx.orgId!),
        eq(customers.status, 'active'),
        lt(customers.lastActivityAt, before),
        afterId ? gt(customers.id, afterId) : undefined,
      ),
    )
    .orderBy(asc(customers.id))
    .limit(limit);
  return rows.map((r) => r.id);
}
