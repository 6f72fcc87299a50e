import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { emitEvents } from '../../../platform/events/bus';
import { newId } from '../../../platform/ids';
import type { ChunkResult, ImportJob, ImportRow, Rejection } from '../../../platform/imports';
import { storeIdsByCode } from '../../access/stores';
import { type ConsentEntry, recordConsentsBulk } from '../../privacy/consents';
import { insertCustomers } from '../bulk';
import { type Identity, identityKey } from '../identities';
import { type Columns, derived } from '../profile';
import { customerIdentities, customerNotes, customers } from '../schema';
import { type CustomerLine, readCustomerRow } from './row';

type CustomerRow = typeof customers.$inferSelect;

/**
 * The customer a row resolved to, shared by every row of the file that names it (job.seen holds
 * it under each of its identities and under `id:<customer id>`). `id` is null until inserted.
 */
interface Target {
  id: string | null;
  /** Created by this file (an earlier chunk or this one). */
  created: boolean;
  rows: number;
  /** Columns some row already set: the earliest row of the file wins. */
  filled: Set<string>;
  /** This chunk's changes: columns, identities to attach, store. */
  patch: Columns;
  fresh: Identity[];
  storeId: string | null;
}

export interface CustomerImportOptions {
  consentSource: string;
  externalSystem: string;
}

const IDENTITY_COLUMNS = new Set(['phone', 'email']);

/** Which live customers hold these identities: one query for the whole chunk. */
async function ownersOf(tx: Tx, ids: Identity[]): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  if (ids.length === 0) return owners;
  const { rows } = await tx.client.query<{ kind: string; value: string; customer_id: string }>(
    `select kind, value, customer_id from customer_identities
      where org_id = $1 and (kind, value) in (select * from unnest($2::text[], $3::text[]))`,
    [tx.orgId, ids.map((i) => i.kind), ids.map((i) => i.value)],
  );
  for (const r of rows) owners.set(`${r.kind}:${r.value}`, r.customer_id);
  return owners;
}

async function rowsOf(tx: Tx, ids: string[]): Promise<Map<string, CustomerRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, tx.orgId!), inArray(customers.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

const newTarget = (id: string | null, created: boolean): Target => ({
  id,
  created,
  rows: 0,
  filled: new Set(),
  patch: {},
  fresh: [],
  storeId: null,
});

/** Folds a line into its target: columns no earlier row set, identities it does not hold yet. */
function fold(target: Target, line: CustomerLine, storeId: string | null, seen: ImportJob['seen'], known: Set<string>) {
  for (const [k, value] of Object.entries(line.columns)) {
    if (value === null || value === undefined || target.filled.has(k)) continue;
    target.filled.add(k);
    (target.patch as Record<string, unknown>)[k] = value;
  }
  for (const identity of line.identities) {
    const key = identityKey(identity);
    if (seen.get(key) !== target) {
      seen.set(key, target);
      if (!known.has(key)) target.fresh.push(identity);
    }
  }
  target.storeId ??= storeId;
  target.rows++;
}

/** Set-based update of customers matched by the file: one upsert statement for the chunk. */
async function updateMatched(tx: Tx, job: ImportJob, targets: Target[]) {
  const current = await rowsOf(
    tx,
    targets.map((t) => t.id!),
  );
  const now = new Date();
  const changes: { row: CustomerRow; fields: string[]; added: string[] }[] = [];
  for (const t of targets) {
    const before = current.get(t.id!)!;
    const patch = Object.fromEntries(
      Object.entries(t.patch).filter(([k]) => !(IDENTITY_COLUMNS.has(k) && before[k as 'phone'] !== null)),
    ) as Columns;
    if (t.storeId && !before.preferredStoreId) patch.preferredStoreId = t.storeId;
    const fields = Object.keys(patch).filter(
      (k) => JSON.stringify(patch[k as keyof Columns]) !== JSON.stringify(before[k as keyof CustomerRow]),
    );
    if (fields.length === 0 && t.fresh.length === 0) continue;
    const next = { ...before, ...patch, updatedAt: now, version: before.version + 1 };
    changes.push({ row: { ...next, ...derived(next) }, fields, added: t.fresh.map((i) => i.kind) });
  }
  if (changes.length === 0) return;
  const updatable = [
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
    'tags',
    'nameKey',
    'qualityScore',
    'qualityIssues',
    'updatedAt',
    'version',
  ] as const;
  await tx
    .insert(customers)
    .values(changes.map((c) => c.row))
    .onConflictDoUpdate({
      target: [customers.orgId, customers.id],
      set: Object.fromEntries(updatable.map((k) => [k, sql.raw(`excluded.${customers[k].name}`)])),
    });
  await emitEvents(
    tx,
    changes.map((c) => ({
      type: 'customer.updated',
      subjectType: 'customer',
      subjectId: c.row.id,
      customerId: c.row.id,
      actor: { type: job.actor.type, id: job.actor.id },
      payload: { fields: c.fields, identitiesAdded: c.added, via: 'import' },
    })),
  );
}

/**
 * One chunk of a customer file: rows are read and validated, matched to customers by their
 * identities (phone, e-mail, card, external id) in one query, folded into an earlier row of the
 * file when they name the same customer, then written set-based: new customers in a few inserts,
 * matched ones in one upsert, identities, notes and consents in bulk.
 */
export async function importCustomerChunk(tx: Tx, rows: ImportRow[], job: ImportJob): Promise<ChunkResult> {
  const options = job.options as unknown as CustomerImportOptions;
  const seen = job.seen as Map<string, Target>;
  const rejected: Rejection[] = [];
  const lines: CustomerLine[] = [];
  for (const row of rows) {
    const line = readCustomerRow(row, options.externalSystem);
    if ('reason' in line) rejected.push(line);
    else lines.push(line);
  }

  const codes = [...new Set(lines.map((l) => l.storeCode).filter((c): c is string => c !== null))];
  const stores = await storeIdsByCode(tx, codes);
  const unseen = lines.flatMap((l) => l.identities).filter((i) => !seen.has(identityKey(i)));
  const owners = await ownersOf(tx, unseen);
  const known = new Set(owners.keys());
  const existing = await rowsOf(
    tx,
    [...new Set(owners.values())].filter((id) => !seen.has(`id:${id}`)),
  );

  const targetOf = (id: string) => {
    let t = seen.get(`id:${id}`);
    if (!t) {
      t = newTarget(id, false);
      seen.set(`id:${id}`, t);
    }
    return t;
  };
  const counts = { created: 0, updated: 0, merged: 0 };
  const touched = new Set<Target>();
  const resolved: { line: CustomerLine; target: Target; storeId: string | null }[] = [];
  for (const line of lines) {
    const storeId = line.storeCode ? stores.get(line.storeCode) : job.storeIds?.length === 1 ? job.storeIds[0] : null;
    if (storeId === undefined) {
      rejected.push({ index: line.index, reason: 'customer_import.unknown_store', params: { value: line.storeCode! } });
      continue;
    }
    if (storeId && job.storeIds && !job.storeIds.includes(storeId)) {
      rejected.push({ index: line.index, reason: 'customer_import.store_not_allowed', params: { value: line.storeCode ?? '' } });
      continue;
    }
    const candidates = new Set<Target>();
    let inactive = false;
    for (const identity of line.identities) {
      const key = identityKey(identity);
      const ownerId = owners.get(key);
      const t = seen.get(key) ?? (ownerId ? targetOf(ownerId) : undefined);
      if (ownerId && existing.get(ownerId)?.status !== undefined && existing.get(ownerId)?.status !== 'active') inactive = true;
      if (t) candidates.add(t);
    }
    if (candidates.size > 1) {
      rejected.push({ index: line.index, reason: 'customer_import.identity_conflict' });
      continue;
    }
    if (inactive) {
      rejected.push({ index: line.index, reason: 'customer_import.not_active' });
      continue;
    }
    const target = [...candidates][0] ?? newTarget(null, true);
    if (target.rows > 0) counts.merged++;
    else if (target.created) counts.created++;
    else counts.updated++;
    fold(target, line, storeId, seen, known);
    touched.add(target);
    resolved.push({ line, target, storeId });
  }

  const fresh = [...touched].filter((t) => t.id === null);
  const ids = await insertCustomers(
    tx,
    fresh.map((t) => ({
      columns: { ...t.patch, preferredStoreId: t.storeId },
      identities: t.fresh,
      createdVia: 'import',
      storeId: t.storeId,
      actor: job.actor,
    })),
  );
  fresh.forEach((t, i) => {
    t.id = ids[i];
  });
  const matched = [...touched].filter((t) => !fresh.includes(t));
  await updateMatched(tx, job, matched);
  const attach = matched.flatMap((t) => t.fresh.map((i) => ({ orgId: tx.orgId!, customerId: t.id!, kind: i.kind, value: i.value })));
  if (attach.length > 0) await tx.insert(customerIdentities).values(attach).onConflictDoNothing();
  for (const t of touched) {
    t.patch = {};
    t.fresh = [];
  }

  await addNotes(tx, job, resolved);
  const consents = await recordConsents(tx, job, options, resolved);
  return { ...counts, rejected, extra: consents };
}

async function addNotes(tx: Tx, job: ImportJob, resolved: { line: CustomerLine; target: Target }[]) {
  const notes = resolved
    .filter((r) => r.line.note)
    .map((r) => ({
      orgId: tx.orgId!,
      id: newId(),
      customerId: r.target.id!,
      body: r.line.note!,
      authorType: job.actor.type,
      authorId: job.actor.id,
      authorName: job.actor.name,
    }));
  if (notes.length === 0) return;
  await tx.insert(customerNotes).values(notes);
  await emitEvents(
    tx,
    notes.map((n) => ({
      type: 'customer.note_added',
      subjectType: 'note',
      subjectId: n.id,
      customerId: n.customerId,
      actor: { type: job.actor.type, id: job.actor.id },
    })),
  );
}

async function recordConsents(
  tx: Tx,
  job: ImportJob,
  options: CustomerImportOptions,
  resolved: { line: CustomerLine; target: Target; storeId: string | null }[],
) {
  const entries: ConsentEntry[] = resolved.flatMap(({ line, target, storeId }) =>
    line.consents.map((c) => ({ customerId: target.id!, ...c, source: options.consentSource, storeId, actor: job.actor })),
  );
  if (entries.length === 0) return { consentsRecorded: 0, consentsRejected: 0 };
  const result = await recordConsentsBulk(tx, entries);
  return { consentsRecorded: result.recorded, consentsRejected: result.rejected.length };
}
