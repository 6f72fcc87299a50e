import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { emitEvents } from '../../platform/events/bus';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { invalidField, Problem } from '../../platform/http/problem';
import type { MessageKey } from '../../platform/i18n';
import { isUuid, newId } from '../../platform/ids';
import type { AuditSource } from '../access/audit';
import { getStore, listBrands } from '../access/stores';
import { getCustomerRow, markConsentRecorded, markConsentRecordedBulk, resolveCustomerId } from '../customers/service';
import {
  CHANNELS,
  type Channel,
  CONSENT_STATUSES,
  type ConsentStatus,
  IYS_EPOCH,
  IYS_SOURCES,
  IYS_TYPE,
  RECIPIENT_TYPES,
  type RecipientType,
} from './channels';
import { queueIysPush } from './iys/queue';
import { enabledScopes } from './iys/settings';
import { consentIysSync, consents } from './schema';

/** One consent to record (imports, the API, objections, İYS pulls). */
export interface ConsentEntry {
  customerId: string;
  channel: 'sms' | 'call' | 'email' | 'whatsapp';
  status: 'granted' | 'revoked';
  source: string;
  recipientType?: 'BIREYSEL' | 'TACIR';
  recordedAt?: Date;
  storeId?: string | null;
  actor?: { type: string; id: string; name: string } | null;
  textVersion?: string | null;
}

interface Row extends ConsentEntry {
  index: number;
  brandId?: string | null;
  origin?: 'muhtar' | 'iys';
  externalRef?: string | null;
}

type Contacts = Map<string, { phone: string | null; email: string | null }>;

/** Statements per chunk stay few and under PostgreSQL's 65,535 parameters (events: 11 each). */
const CHUNK = 4000;
/** A till's clock may run a little ahead. */
const FUTURE_SLACK_MS = 5 * 60_000;

/** The İYS rules one entry breaks, as a stable code, or null. */
function entryProblem(e: Row): string | null {
  if (!isUuid(e.customerId)) return 'invalid_customer';
  if (!CHANNELS.includes(e.channel)) return 'invalid_channel';
  if (!CONSENT_STATUSES.includes(e.status)) return 'invalid_status';
  if (e.recipientType && !RECIPIENT_TYPES.includes(e.recipientType)) return 'invalid_recipient_type';
  if (e.origin === 'iys') return null; // İYS's own sources and dates are taken as given
  if (!(IYS_SOURCES as readonly string[]).includes(e.source)) return 'invalid_source';
  if (e.source === 'HS_KARAR' && e.status !== 'revoked') return 'invalid_source';
  const at = e.recordedAt ?? new Date();
  if (Number.isNaN(at.getTime()) || at.getTime() > Date.now() + FUTURE_SLACK_MS) return 'invalid_date';
  if (at < IYS_EPOCH !== (e.source === 'HS_2015')) return 'invalid_date';
  if (e.storeId && !isUuid(e.storeId)) return 'invalid_store';
  return null;
}

const key = (customerId: string, channel: string) => `${customerId}:${channel}`;

/** The (customer, channel) pairs that already have a history. */
async function pairsWithHistory(tx: Tx, customerIds: string[]): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ customerId: consents.customerId, channel: consents.channel })
    .from(consents)
    .where(and(eq(consents.orgId, tx.orgId!), inArray(consents.customerId, customerIds)));
  return new Set(rows.map((r) => key(r.customerId, r.channel)));
}

/**
 * Splits entries into those to record and those refused. İYS refuses a first record that is a
 * revocation (RET) and HS_KARAR as a first source; entries are taken in time order, so a file
 * that grants and later revokes is fine. `seen` carries the pairs across chunks.
 */
function plan(rows: Row[], seen: Set<string>, live: Contacts) {
  const accepted: Row[] = [];
  const rejected: { index: number; code: string }[] = [];
  const now = Date.now(); // an entry without a time is recorded now
  const at = (e: Row) => e.recordedAt?.getTime() ?? now;
  const ordered = [...rows].sort((a, b) => at(a) - at(b) || a.index - b.index);
  for (const e of ordered) {
    const problem = entryProblem(e) ?? (live.has(e.customerId) ? null : 'unknown_customer');
    if (problem) {
      rejected.push({ index: e.index, code: problem });
      continue;
    }
    const k = key(e.customerId, e.channel);
    if (!seen.has(k) && e.status === 'revoked' && e.origin !== 'iys') {
      rejected.push({ index: e.index, code: 'first_consent_revoked' });
      continue;
    }
    seen.add(k);
    accepted.push(e);
  }
  rejected.sort((a, b) => a.index - b.index);
  return { accepted, rejected };
}

/** Inserts the rows, their events and their İYS queue entries: a handful of statements. */
async function insertRows(tx: Tx, rows: Row[], contacts: Contacts): Promise<string[]> {
  if (rows.length === 0) return [];
  const now = new Date();
  const records = rows.map((e) => ({
    id: newId(),
    customer_id: e.customerId,
    channel: e.channel,
    status: e.status,
    source: e.source,
    recipient_type: e.recipientType ?? 'BIREYSEL',
    brand_id: e.brandId ?? null,
    consent_at: (e.recordedAt ?? now).toISOString(),
    store_id: e.storeId ?? null,
    actor_type: e.actor?.type ?? null,
    actor_id: e.actor && isUuid(e.actor.id) ? e.actor.id : null,
    actor_name: e.actor?.name ?? null,
    text_version: e.textVersion ?? null,
    origin: e.origin ?? 'muhtar',
    external_ref: e.externalRef ?? null,
  }));
  await tx.execute(sql`
    insert into consents (org_id, id, customer_id, channel, status, source, recipient_type, brand_id, consent_at, store_id,
                          actor_type, actor_id, actor_name, text_version, origin, external_ref)
    select ${tx.orgId}, r.* from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(
      id uuid, customer_id uuid, channel text, status text, source text, recipient_type text, brand_id uuid,
      consent_at timestamptz, store_id uuid, actor_type text, actor_id uuid, actor_name text, text_version text,
      origin text, external_ref text)`);
  // No personal data in the payload: the timeline shows the channel, the state and where it came from.
  await emitEvents(
    tx,
    records.map((r) => ({
      type: 'consent.changed',
      subjectType: 'consent',
      subjectId: r.id,
      customerId: r.customer_id,
      actor: r.actor_type && r.actor_id ? { type: r.actor_type, id: r.actor_id } : undefined,
      payload: { channel: r.channel, status: r.status, source: r.source },
      occurredAt: new Date(r.consent_at),
    })),
  );
  await queueForIys(tx, rows, records, contacts);
  return records.map((r) => r.id);
}

/** Consents recorded here for SMS, calls and e-mail go to İYS when the brand's sync is on. */
async function queueForIys(tx: Tx, rows: Row[], records: { id: string }[], contacts: Contacts) {
  const scopes = await enabledScopes(tx);
  if (scopes.size === 0) return;
  const queued = rows.flatMap((e, i) => {
    const type = IYS_TYPE[e.channel];
    const scope = e.brandId && scopes.has(e.brandId) ? e.brandId : scopes.has('org') ? 'org' : null;
    const contact = contacts.get(e.customerId);
    const recipient = type === 'EPOSTA' ? contact?.email : contact?.phone;
    if (e.origin === 'iys' || !type || !scope || !recipient) return [];
    return [{ orgId: tx.orgId!, consentId: records[i].id, scope, recipient }];
  });
  if (queued.length === 0) return;
  await tx.insert(consentIysSync).values(queued);
  await queueIysPush(tx);
}

/**
 * Records many consents set-based (imports: 100,000 entries in chunks of a few statements each).
 * Entries that break a rule are refused one by one with a code; the rest are recorded.
 */
export async function recordConsentsBulk(
  tx: Tx,
  entries: ConsentEntry[],
): Promise<{ recorded: number; rejected: { index: number; code: string }[] }> {
  const seen = new Set<string>();
  const rejected: { index: number; code: string }[] = [];
  let recorded = 0;
  for (let start = 0; start < entries.length; start += CHUNK) {
    const rows: Row[] = entries.slice(start, start + CHUNK).map((e, i) => ({ ...e, index: start + i }));
    const ids = [...new Set(rows.filter((r) => isUuid(r.customerId)).map((r) => r.customerId))];
    const live = await markConsentRecordedBulk(tx, ids);
    for (const k of await pairsWithHistory(tx, [...live.keys()])) seen.add(k);
    const result = plan(rows, seen, live);
    recorded += (await insertRows(tx, result.accepted, live)).length;
    rejected.push(...result.rejected);
  }
  return { recorded, rejected };
}

export interface RecordInput {
  channels: Channel[];
  status: ConsentStatus;
  source: string;
  recipientType?: RecipientType;
  recordedAt?: Date;
  storeId?: string | null;
  brandId?: string | null;
  textVersion?: string | null;
}

/** Changes pulled from İYS were made by the citizen there, not by anyone here. */
const IYS_ACTOR = { type: 'iys', id: 'iys', name: 'İYS' };

/** The field and message of each rule a single request can break (the schema checks the rest). */
const ENTRY_ERRORS: Record<string, [string, MessageKey]> = {
  invalid_source: ['/source', 'privacy.invalid_source'],
  invalid_date: ['/recordedAt', 'privacy.invalid_date'],
  invalid_recipient_type: ['/recipientType', 'privacy.invalid_recipient_type'],
};

/** Serialises writers of one customer's consents, so two first records cannot both pass. */
async function lockConsentsOf(tx: Tx, customerId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`consents:${tx.orgId}:${customerId}`}, 0))`);
}

/** Records one or several channels for one customer (the API and the counter). */
export async function recordConsents(
  tx: Tx,
  source: AuditSource,
  customerIdOrMerged: string,
  input: RecordInput,
  scope: readonly string[] | null,
  origin: Pick<Row, 'origin' | 'externalRef'> = {},
) {
  const customerId = await resolveCustomerId(tx, customerIdOrMerged);
  // resolveCustomerId answers 404 for an anonymised customer: only live customers get consents.
  const customer = await getCustomerRow(tx, customerId);
  const storeId = input.storeId !== undefined ? input.storeId : scope?.length === 1 ? scope[0] : null;
  if (storeId) {
    await getStore(tx, scope, storeId).catch(() => {
      throw invalidField('/storeId', 'unknown_store', 'customers.unknown_store');
    });
  }
  if (input.brandId && !(await listBrands(tx)).some((b) => b.id === input.brandId)) {
    throw invalidField('/brandId', 'unknown_brand', 'privacy.unknown_brand');
  }
  const actor = origin.origin === 'iys' ? IYS_ACTOR : (source.auth?.actor ?? null);
  const rows: Row[] = [...new Set(input.channels)].map((channel, index) => ({
    customerId,
    channel,
    status: input.status,
    source: input.source,
    recipientType: input.recipientType,
    recordedAt: input.recordedAt,
    storeId,
    brandId: input.brandId,
    actor,
    textVersion: input.textVersion,
    index,
    ...origin,
  }));
  await lockConsentsOf(tx, customerId);
  const contacts: Contacts = new Map([[customerId, { phone: customer.phone, email: customer.email }]]);
  const { accepted, rejected } = plan(rows, await pairsWithHistory(tx, [customerId]), contacts);
  if (rejected.length > 0) {
    const code = rejected[0].code;
    if (code === 'first_consent_revoked') {
      throw new Problem(422, code, 'privacy.first_consent_revoked', { channel: rows[rejected[0].index].channel });
    }
    const [field, message] = ENTRY_ERRORS[code] ?? ['/', 'error.validation'];
    throw invalidField(field, code, message);
  }
  const ids = await insertRows(tx, accepted, contacts);
  await markConsentRecorded(tx, customerId);
  return { customerId, ids };
}

const consentColumns = {
  id: consents.id,
  channel: consents.channel,
  status: consents.status,
  source: consents.source,
  recipientType: consents.recipientType,
  brandId: consents.brandId,
  consentAt: consents.consentAt,
  storeId: consents.storeId,
  actorType: consents.actorType,
  actorName: consents.actorName,
  textVersion: consents.textVersion,
  origin: consents.origin,
  iysStatus: consentIysSync.status,
  iysError: consentIysSync.error,
};

const joinSync = and(eq(consentIysSync.orgId, consents.orgId), eq(consentIysSync.consentId, consents.id));

/** The current state per channel: the latest record by consent time. */
export async function currentConsents(tx: Tx, customerId: string) {
  return tx
    .selectDistinctOn([consents.channel], consentColumns)
    .from(consents)
    .leftJoin(consentIysSync, joinSync)
    .where(and(eq(consents.orgId, tx.orgId!), eq(consents.customerId, customerId)))
    .orderBy(consents.channel, desc(consents.consentAt), desc(consents.id));
}

/** The customer's consent history, newest first. */
export async function consentHistory(tx: Tx, customerId: string, f: { limit: number; cursor?: string }) {
  const rows = await tx
    .select(consentColumns)
    .from(consents)
    .leftJoin(consentIysSync, joinSync)
    .where(
      and(
        eq(consents.orgId, tx.orgId!),
        eq(consents.customerId, customerId),
        afterCursor([consents.consentAt, consents.id], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(consents.consentAt), desc(consents.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => [r.consentAt, r.id]);
}

/** KVKK objection: every marketing channel currently granted is revoked (HS_KARAR: our decision). */
export async function revokeAllMarketing(tx: Tx, source: AuditSource, customerId: string): Promise<Channel[]> {
  const granted = (await currentConsents(tx, customerId)).filter((c) => c.status === 'granted').map((c) => c.channel as Channel);
  if (granted.length > 0) await recordConsents(tx, source, customerId, { channels: granted, status: 'revoked', source: 'HS_KARAR' }, null);
  return granted;
}

/** A merge moves the merged customer's consent history to the survivor (idempotent). */
export async function moveConsents(tx: Tx, fromId: string, toId: string): Promise<number> {
  const moved = await tx
    .update(consents)
    .set({ customerId: toId })
    .where(and(eq(consents.orgId, tx.orgId!), eq(consents.customerId, fromId)))
    .returning({ id: consents.id });
  return moved.length;
}

/** KVKK erasure: the history itself goes (İYS keeps its own record of what was sent). */
export async function eraseConsents(tx: Tx, customerId: string): Promise<void> {
  await tx.delete(consents).where(and(eq(consents.orgId, tx.orgId!), eq(consents.customerId, customerId)));
}

export async function exportConsents(tx: Tx, customerId: string) {
  return tx
    .select(consentColumns)
    .from(consents)
    .leftJoin(consentIysSync, joinSync)
    .where(and(eq(consents.orgId, tx.orgId!), eq(consents.customerId, customerId)))
    .orderBy(consents.consentAt);
}
