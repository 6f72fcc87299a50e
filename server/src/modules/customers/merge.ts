import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { emitEvent } from '../../platform/events/bus';
import { reassignCustomerEvents } from '../../platform/events/timeline';
import { invalidField, notFound, Problem } from '../../platform/http/problem';
import { newId } from '../../platform/ids';
import { type AuditSource, recordAudit } from '../access/audit';
import { closeMergedPairs, mergeSelf } from './duplicates';
import { derived, normalizeProfile } from './profile';
import { customerIdentities, customerMerges, customerNotes, customers } from './schema';
import type { CustomerRow } from './service';

/** Fields a person picks between when two records disagree; lists and tags are united instead. */
export const MERGE_FIELDS = {
  firstName: ['firstName'],
  lastName: ['lastName'],
  phone: ['phone'],
  email: ['email'],
  birthday: ['birthYear', 'birthMonth', 'birthDay'],
  gender: ['gender'],
  city: ['city'],
  district: ['district'],
  preferredStoreId: ['preferredStoreId'],
  sizeTop: ['sizeTop'],
  sizeBottom: ['sizeBottom'],
  sizeShoe: ['sizeShoe'],
} as const satisfies Record<string, (keyof CustomerRow)[]>;
export type MergeField = keyof typeof MERGE_FIELDS;
export type Choice = 'survivor' | 'merged';
/** Field name (or `custom.<key>`) → whose value survives. */
export type Choices = Record<string, Choice>;

type Merge = typeof customerMerges.$inferSelect;
type Changes = Merge['fields'];

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
const isEmpty = (v: unknown) => v === null || v === undefined || v === '';

/** Locks a customer row; the caller locks the pair in id order so two merges cannot deadlock. */
async function lock(tx: Tx, id: string): Promise<CustomerRow> {
  const [row] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, tx.orgId!), eq(customers.id, id)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

function checkChoices(survivor: CustomerRow, merged: CustomerRow, choices: Choices) {
  for (const field of Object.keys(choices)) {
    const key = field.startsWith('custom.') ? field.slice(7) : null;
    const known = key !== null ? key in survivor.custom || key in merged.custom : field in MERGE_FIELDS;
    if (!known) throw invalidField(`/fields/${field}`, 'unknown_field', 'dedup.unknown_field', { field });
  }
}

/**
 * The survivor's values after the merge: per field the chosen side, else the survivor's value
 * unless it is empty; lists, tags and custom keys united (the survivor's custom values win).
 */
function mergedValues(survivor: CustomerRow, merged: CustomerRow, choices: Choices) {
  const next: CustomerRow = { ...survivor };
  const assign = next as Record<string, unknown>;
  for (const [field, columns] of Object.entries(MERGE_FIELDS)) {
    const choice = choices[field] ?? (columns.every((c) => isEmpty(survivor[c])) ? 'merged' : 'survivor');
    const from = choice === 'merged' ? merged : survivor;
    for (const c of columns) assign[c] = from[c];
  }
  const lists = normalizeProfile(
    {
      colours: [...survivor.colours, ...merged.colours],
      styles: [...survivor.styles, ...merged.styles],
      tags: [...survivor.tags, ...merged.tags],
    },
    [],
  ).columns;
  Object.assign(next, lists);
  next.custom = { ...merged.custom, ...survivor.custom };
  for (const [field, choice] of Object.entries(choices)) {
    const key = field.startsWith('custom.') ? field.slice(7) : null;
    if (key === null) continue;
    const from = choice === 'merged' ? merged.custom : survivor.custom;
    if (key in from) next.custom[key] = from[key];
    else delete next.custom[key];
  }
  next.consentRecordedAt = survivor.consentRecordedAt ?? merged.consentRecordedAt;
  next.lastActivityAt = survivor.lastActivityAt > merged.lastActivityAt ? survivor.lastActivityAt : merged.lastActivityAt;
  return next;
}

function changesOf(before: CustomerRow, after: CustomerRow): Changes {
  const changes: Changes = {};
  for (const [field, columns] of Object.entries(MERGE_FIELDS)) {
    const pick = (r: CustomerRow) => (columns.length === 1 ? r[columns[0]] : Object.fromEntries(columns.map((c) => [c, r[c]])));
    if (!same(pick(before), pick(after))) changes[field] = { from: pick(before), to: pick(after) };
  }
  for (const field of ['colours', 'styles', 'tags', 'custom'] as const) {
    if (!same(before[field], after[field])) changes[field] = { from: before[field], to: after[field] };
  }
  return changes;
}

export interface MergeResult {
  merge: Merge;
  survivor: CustomerRow;
}

async function mergeOf(tx: Tx, mergedId: string): Promise<Merge | undefined> {
  const [row] = await tx
    .select()
    .from(customerMerges)
    .where(and(eq(customerMerges.orgId, tx.orgId!), eq(customerMerges.mergedId, mergedId)));
  return row;
}

const notActive = (row: CustomerRow) =>
  new Problem(409, 'customer_not_active', 'customers.not_active', { status: row.status }, { mergedInto: row.mergedInto });

/**
 * Folds `mergedId` into `survivorId` in the caller's transaction: both rows are locked in id
 * order and re-read, identities, notes and events move to the survivor, the merged record
 * becomes a tombstone pointing at it, and `customer.merged` tells other modules to move theirs.
 * Repeating a merge that happened returns it; merging a merged record elsewhere is a 409.
 */
export async function mergeCustomers(
  tx: Tx,
  source: AuditSource,
  survivorId: string,
  mergedId: string,
  choices: Choices = {},
): Promise<MergeResult> {
  [survivorId, mergedId] = [survivorId.toLowerCase(), mergedId.toLowerCase()];
  if (survivorId === mergedId) throw mergeSelf();
  const locked = new Map<string, CustomerRow>();
  for (const id of [survivorId, mergedId].sort()) locked.set(id, await lock(tx, id));
  const survivor = locked.get(survivorId)!;
  const merged = locked.get(mergedId)!;
  if (merged.status === 'merged') {
    const earlier = await mergeOf(tx, mergedId);
    if (earlier && earlier.survivorId === survivorId) return { merge: earlier, survivor };
    throw new Problem(409, 'already_merged', 'dedup.already_merged', {}, { mergedInto: merged.mergedInto });
  }
  if (survivor.status !== 'active') throw notActive(survivor);
  if (merged.status !== 'active') throw notActive(merged);
  checkChoices(survivor, merged, choices);

  const next = mergedValues(survivor, merged, choices);
  const now = new Date();
  // The tombstone gives up its phone and e-mail first: the survivor may take them over.
  await tx
    .update(customers)
    .set({ status: 'merged', mergedInto: survivorId, phone: null, email: null, version: merged.version + 1, updatedAt: now })
    .where(and(eq(customers.orgId, tx.orgId!), eq(customers.id, mergedId)));
  const { orgId: _o, id: _i, nameKey: _n, qualityScore: _q, qualityIssues: _qi, ...columns } = next;
  const [row] = await tx
    .update(customers)
    .set({ ...columns, ...derived(next), version: survivor.version + 1, updatedAt: now })
    .where(and(eq(customers.orgId, tx.orgId!), eq(customers.id, survivorId)))
    .returning();
  await tx
    .update(customerIdentities)
    .set({ customerId: survivorId })
    .where(and(eq(customerIdentities.orgId, tx.orgId!), eq(customerIdentities.customerId, mergedId)));
  await tx
    .update(customerNotes)
    .set({ customerId: survivorId })
    .where(and(eq(customerNotes.orgId, tx.orgId!), eq(customerNotes.customerId, mergedId)));
  await reassignCustomerEvents(tx, mergedId, survivorId);

  const actor = source.auth?.actor;
  const [merge] = await tx
    .insert(customerMerges)
    .values({
      orgId: tx.orgId!,
      id: newId(),
      survivorId,
      mergedId,
      fields: changesOf(survivor, row),
      actorType: actor?.type,
      actorId: actor?.id,
      actorName: actor?.name,
    })
    .returning();
  await closeMergedPairs(tx, survivorId, mergedId, actor?.id ?? null);
  await emitEvent(tx, {
    type: 'customer.merged',
    subjectType: 'customer',
    subjectId: mergedId,
    customerId: survivorId,
    actor: actor ? { type: actor.type, id: actor.id } : undefined,
    payload: { survivorId, mergedId, mergeId: merge.id },
  });
  await recordAudit(tx, source, 'customer.merge', { type: 'customer', id: survivorId }, { mergedId, mergeId: merge.id });
  return { merge, survivor: row };
}
