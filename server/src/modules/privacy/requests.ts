import { and, asc, eq, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { invalidField, notFound, Problem } from '../../platform/http/problem';
import { newId } from '../../platform/ids';
import { erasePersonalData, exportPersonalData } from '../../platform/personal-data';
import { type AuditSource, recordAudit } from '../access/audit';
import { getUser } from '../access/users';
import { getCustomerRow } from '../customers/service';
import { revokeAllMarketing } from './consents';
import type { RequestStatus, RequestType } from './request-kinds';
import { privacyRequests, type RequestHistoryEntry } from './schema';

/** KVKK Art. 13: the data controller answers within thirty days of receipt. */
const ANSWER_DAYS = 30;
const CLOSED: ReadonlySet<string> = new Set(['done', 'rejected']);

export type PrivacyRequestRow = typeof privacyRequests.$inferSelect;

const actorName = (source: AuditSource) => source.auth?.actor.name ?? null;

async function checkOwner(tx: Tx, ownerId: string | null | undefined) {
  if (!ownerId) return;
  await getUser(tx, ownerId).catch(() => {
    throw invalidField('/ownerId', 'unknown_owner', 'privacy.unknown_owner');
  });
}

export interface CreateRequestInput {
  customerId: string;
  type: RequestType;
  receivedAt?: Date;
  ownerId?: string | null;
  notes?: string | null;
}

export async function createRequest(tx: Tx, source: AuditSource, input: CreateRequestInput) {
  await getCustomerRow(tx, input.customerId).catch(() => {
    throw invalidField('/customerId', 'unknown_customer', 'error.not_found');
  });
  await checkOwner(tx, input.ownerId);
  const receivedAt = input.receivedAt ?? new Date();
  const [row] = await tx
    .insert(privacyRequests)
    .values({
      orgId: tx.orgId!,
      id: newId(),
      customerId: input.customerId,
      type: input.type,
      receivedAt,
      dueAt: new Date(receivedAt.getTime() + ANSWER_DAYS * 86_400_000),
      ownerId: input.ownerId ?? null,
      notes: input.notes ?? null,
      history: [{ at: new Date().toISOString(), actor: actorName(source), action: 'created', status: 'open' }],
    })
    .returning();
  await recordAudit(tx, source, 'privacy.request.create', { type: 'privacy_request', id: row.id }, { type: row.type });
  return row;
}

export interface RequestFilter {
  status?: RequestStatus;
  /** Only requests past their due date and still open. */
  overdue?: boolean;
  customerId?: string;
  limit: number;
  cursor?: string;
}

/** The queue: earliest due first, so overdue requests lead. */
export async function listRequests(tx: Tx, f: RequestFilter) {
  const rows = await tx
    .select()
    .from(privacyRequests)
    .where(
      and(
        eq(privacyRequests.orgId, tx.orgId!),
        f.status ? eq(privacyRequests.status, f.status) : undefined,
        f.overdue ? and(lt(privacyRequests.dueAt, new Date()), sql`${privacyRequests.status} in ('open', 'in_progress')`) : undefined,
        f.customerId ? eq(privacyRequests.customerId, f.customerId) : undefined,
        afterCursor([privacyRequests.dueAt, privacyRequests.id], f.cursor, 'asc'),
      ),
    )
    .orderBy(asc(privacyRequests.dueAt), asc(privacyRequests.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => [r.dueAt, r.id]);
}

export async function getRequest(tx: Tx, id: string, lock = false): Promise<PrivacyRequestRow> {
  const q = tx
    .select()
    .from(privacyRequests)
    .where(and(eq(privacyRequests.orgId, tx.orgId!), eq(privacyRequests.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound();
  return row;
}

export interface RequestPatch {
  status?: RequestStatus;
  ownerId?: string | null;
  notes?: string | null;
  resolution?: string | null;
}

/** Changes status, owner, notes or resolution; every status change is written to the audit log. */
export async function updateRequest(tx: Tx, source: AuditSource, id: string, patch: RequestPatch) {
  const current = await getRequest(tx, id, true);
  if (CLOSED.has(current.status)) throw new Problem(409, 'request_closed', 'privacy.request_closed', { status: current.status });
  await checkOwner(tx, patch.ownerId);
  const at = new Date().toISOString();
  const history: RequestHistoryEntry[] = [];
  if (patch.status && patch.status !== current.status) {
    history.push({ at, actor: actorName(source), action: 'status', status: patch.status });
    await recordAudit(tx, source, 'privacy.request.status', { type: 'privacy_request', id }, { from: current.status, to: patch.status });
  }
  if (patch.ownerId !== undefined && patch.ownerId !== current.ownerId) {
    history.push({ at, actor: actorName(source), action: 'owner', ownerId: patch.ownerId });
    await recordAudit(tx, source, 'privacy.request.owner', { type: 'privacy_request', id }, { ownerId: patch.ownerId });
  }
  return save(tx, id, { ...patch, history: [...current.history, ...history] });
}

async function save(tx: Tx, id: string, set: Partial<typeof privacyRequests.$inferInsert>) {
  const [row] = await tx
    .update(privacyRequests)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(privacyRequests.orgId, tx.orgId!), eq(privacyRequests.id, id)))
    .returning();
  return row;
}

/**
 * Carries the request out: access → the export is produced; erasure → every module erases the
 * customer; objection → every marketing consent is revoked. The request is then done.
 * Rectification is edited on the profile, so it is only tracked (409 not_executable).
 */
export async function executeRequest(tx: Tx, source: AuditSource, id: string) {
  const current = await getRequest(tx, id, true);
  if (CLOSED.has(current.status)) throw new Problem(409, 'request_closed', 'privacy.request_closed', { status: current.status });
  const set: Partial<typeof privacyRequests.$inferInsert> = {};
  let resolution: string;
  switch (current.type) {
    case 'access':
      set.exportData = await exportPersonalData(tx, current.customerId);
      resolution = 'export_ready';
      break;
    case 'erasure':
      await erasePersonalData(tx, current.customerId);
      resolution = 'erased';
      break;
    case 'objection': {
      const revoked = await revokeAllMarketing(tx, source, current.customerId);
      resolution = revoked.length > 0 ? `revoked:${revoked.join(',')}` : 'no_marketing_consent';
      break;
    }
    default:
      throw new Problem(409, 'not_executable', 'privacy.not_executable');
  }
  await recordAudit(tx, source, 'privacy.request.execute', { type: 'privacy_request', id }, { type: current.type, resolution });
  await recordAudit(tx, source, 'privacy.request.status', { type: 'privacy_request', id }, { from: current.status, to: 'done' });
  const at = new Date().toISOString();
  return save(tx, id, {
    ...set,
    status: 'done',
    executedAt: new Date(),
    resolution: current.resolution ?? resolution,
    history: [
      ...current.history,
      { at, actor: actorName(source), action: 'executed' },
      { at, actor: actorName(source), action: 'status', status: 'done' },
    ],
  });
}

/** The access export of a request (404 no_export until it was executed). */
export async function requestExport(tx: Tx, source: AuditSource, id: string) {
  const row = await getRequest(tx, id);
  if (row.exportData === null) throw new Problem(404, 'no_export', 'privacy.no_export');
  await recordAudit(tx, source, 'privacy.request.download', { type: 'privacy_request', id });
  return { request: { id: row.id, type: row.type, receivedAt: row.receivedAt, executedAt: row.executedAt }, data: row.exportData };
}

/**
 * An erased customer's access exports and the staff's free-text notes (which may quote them) go
 * with the rest of their data; the requests themselves stay, as proof they were answered.
 */
export async function forgetRequestData(tx: Tx, customerId: string) {
  await tx
    .update(privacyRequests)
    .set({ exportData: null, notes: null })
    .where(and(eq(privacyRequests.orgId, tx.orgId!), eq(privacyRequests.customerId, customerId)));
}

export async function exportRequests(tx: Tx, customerId: string) {
  return tx
    .select({ id: privacyRequests.id, type: privacyRequests.type, status: privacyRequests.status, receivedAt: privacyRequests.receivedAt })
    .from(privacyRequests)
    .where(and(eq(privacyRequests.orgId, tx.orgId!), eq(privacyRequests.customerId, customerId)));
}
