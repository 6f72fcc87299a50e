import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context';
import type { Tx } from '../../../platform/db/database';
import { Problem } from '../../../platform/http/problem';
import { lookupCustomer } from '../../customers/service';
import type { Channel } from '../channels';
import { recordConsents } from '../consents';
import { consentIysSync, consents } from '../schema';
import { fromIysDate, IYS_BATCH_LIMIT, IysClient, type IysConsent, IysError, type IysType, iysDate } from './client';
import { enabledCredentials, type IysCredentials, recordPull } from './settings';

/** After this many failed deliveries a consent is marked failed and left for a person to look at. */
export const MAX_ATTEMPTS = 5;

const CHANNEL_OF: Record<IysType, Channel> = { MESAJ: 'sms', ARAMA: 'call', EPOSTA: 'email' };
const TYPE_OF: Partial<Record<string, IysType>> = { sms: 'MESAJ', call: 'ARAMA', email: 'EPOSTA' };

const clientFor = (c: IysCredentials) => new IysClient(c);

/** Pending rows of one scope in consent order; the order is the index İYS answers with. */
async function pendingBatch(tx: Tx, scope: string) {
  return tx
    .select({
      consentId: consentIysSync.consentId,
      recipient: consentIysSync.recipient,
      attempts: consentIysSync.attempts,
      channel: consents.channel,
      status: consents.status,
      source: consents.source,
      recipientType: consents.recipientType,
      consentAt: consents.consentAt,
    })
    .from(consentIysSync)
    .innerJoin(consents, and(eq(consents.orgId, consentIysSync.orgId), eq(consents.id, consentIysSync.consentId)))
    .where(and(eq(consentIysSync.orgId, tx.orgId!), eq(consentIysSync.scope, scope), eq(consentIysSync.status, 'pending')))
    .orderBy(asc(consents.consentAt), asc(consents.id))
    .limit(IYS_BATCH_LIMIT);
}

type SyncPatch = Partial<Pick<typeof consentIysSync.$inferInsert, 'status' | 'requestId' | 'error' | 'attempts'>>;

async function setSync(tx: Tx, ids: string[], patch: SyncPatch) {
  if (ids.length === 0) return;
  await tx
    .update(consentIysSync)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(consentIysSync.orgId, tx.orgId!), inArray(consentIysSync.consentId, ids)));
}

/**
 * Sends the org's pending consents to İYS, 1000 per request (a single one with the single-add
 * call). No transaction is held open during a call: on the embedded database it would stall
 * every other request. A transport failure counts an attempt and throws, so the job is retried.
 */
export async function pushPending(ctx: AppContext, orgId: string): Promise<{ sent: number }> {
  const creds = await ctx.db.tenant(orgId, (tx) => enabledCredentials(tx, ctx.config.dataDir));
  let sent = 0;
  let retry: IysError | undefined;
  for (const cred of creds) {
    const client = clientFor(cred);
    for (;;) {
      const batch = await ctx.db.tenant(orgId, (tx) => pendingBatch(tx, cred.scope));
      if (batch.length === 0) break;
      const body: IysConsent[] = batch.map((r) => ({
        consentDate: iysDate(r.consentAt),
        source: r.source,
        recipient: r.recipient,
        recipientType: r.recipientType as IysConsent['recipientType'],
        status: r.status === 'granted' ? 'ONAY' : 'RET',
        type: TYPE_OF[r.channel]!,
      }));
      const ids = batch.map((r) => r.consentId);
      try {
        if (batch.length === 1) {
          const res = await client.addConsent(body[0]);
          await ctx.db.tenant(orgId, (tx) => setSync(tx, ids, { status: 'accepted', requestId: res.transactionId, error: null }));
        } else {
          const res = await client.addConsentsAsync(body);
          // "<requestId>/<index>": the index İYS reports each result under.
          await ctx.db.tenant(orgId, async (tx) => {
            for (const [i, id] of ids.entries())
              await setSync(tx, [id], { status: 'sent', requestId: `${res.requestId}/${i}`, error: null });
          });
        }
        sent += batch.length;
      } catch (err) {
        if (!(err instanceof IysError)) throw err;
        await ctx.db.tenant(orgId, async (tx) => {
          for (const r of batch) {
            const attempts = r.attempts + 1;
            const failed = !err.retryable || attempts >= MAX_ATTEMPTS;
            await setSync(tx, [r.consentId], { attempts, error: err.message.slice(0, 500), status: failed ? 'failed' : 'pending' });
          }
        });
        if (err.retryable) retry = err;
        break;
      }
    }
  }
  if (retry) throw retry;
  return { sent };
}

/** Reads the results of sent batches: each consent becomes accepted or failed with İYS's error. */
export async function checkSent(ctx: AppContext, orgId: string): Promise<{ accepted: number; failed: number }> {
  const creds = await ctx.db.tenant(orgId, (tx) => enabledCredentials(tx, ctx.config.dataDir));
  const counts = { accepted: 0, failed: 0 };
  for (const cred of creds) {
    const rows = await ctx.db.tenant(orgId, (tx) =>
      tx
        .select({ consentId: consentIysSync.consentId, requestId: consentIysSync.requestId })
        .from(consentIysSync)
        .where(and(eq(consentIysSync.orgId, orgId), eq(consentIysSync.scope, cred.scope), eq(consentIysSync.status, 'sent'))),
    );
    const byRequest = new Map<string, typeof rows>();
    for (const r of rows) {
      const requestId = r.requestId!.slice(0, r.requestId!.lastIndexOf('/'));
      byRequest.set(requestId, [...(byRequest.get(requestId) ?? []), r]);
    }
    const client = clientFor(cred);
    for (const [requestId, members] of byRequest) {
      const results = new Map((await client.batchResult(requestId)).map((r) => [r.index, r]));
      await ctx.db.tenant(orgId, async (tx) => {
        for (const m of members) {
          const r = results.get(Number(m.requestId!.slice(m.requestId!.lastIndexOf('/') + 1)));
          if (r?.error) {
            counts.failed++;
            await setSync(tx, [m.consentId], { status: 'failed', error: `${r.error.code ?? ''} ${r.error.message ?? ''}`.trim() });
          } else if (r?.status === 'success') {
            counts.accepted++;
            await setSync(tx, [m.consentId], { status: 'accepted' });
          }
        }
      });
    }
  }
  return counts;
}

/** A stable reference for a pulled change, so a pull that runs twice records it once. */
const refOf = (c: { transactionId?: string; recipient: string; type: string; status: string; consentDate: string }) =>
  `iys:${c.transactionId ?? `${c.recipient}|${c.type}|${c.status}|${c.consentDate}`}`;

/**
 * Pulls consent changes made at İYS (a citizen's RET on e-Devlet, İYS web or mobile) and records
 * them as consent history with İYS's source, for the customer who holds the phone or e-mail.
 */
export async function pullChanges(ctx: AppContext, orgId: string): Promise<{ recorded: number }> {
  const creds = await ctx.db.tenant(orgId, (tx) => enabledCredentials(tx, ctx.config.dataDir));
  let recorded = 0;
  for (const cred of creds) {
    const client = clientFor(cred);
    let after = cred.pullAfter;
    try {
      for (;;) {
        const page = await client.changes(after);
        const list = page.list ?? [];
        recorded += await ctx.db.tenant(orgId, async (tx) => {
          const n = await recordChanges(tx, cred.scope, list);
          await recordPull(tx, cred.scope, { pullAfter: page.after ?? after, lastPullError: null });
          return n;
        });
        if (list.length === 0 || !page.after || page.after === after) break;
        after = page.after;
      }
    } catch (err) {
      if (!(err instanceof IysError)) throw err;
      await ctx.db.tenant(orgId, (tx) => recordPull(tx, cred.scope, { lastPullError: err.message.slice(0, 500) }));
    }
  }
  return { recorded };
}

async function recordChanges(tx: Tx, scope: string, list: Awaited<ReturnType<IysClient['changes']>>['list'] & {}) {
  if (list.length === 0) return 0;
  const refs = list.map(refOf);
  const known = new Set(
    (
      await tx
        .select({ ref: consents.externalRef })
        .from(consents)
        .where(and(eq(consents.orgId, tx.orgId!), inArray(consents.externalRef, refs)))
    ).map((r) => r.ref),
  );
  let n = 0;
  for (const [i, change] of list.entries()) {
    const channel = CHANNEL_OF[change.type];
    if (known.has(refs[i]) || !channel) continue;
    known.add(refs[i]);
    const kind = change.type === 'EPOSTA' ? 'email' : 'phone';
    const customer = await lookupCustomer(tx, { kind, value: kind === 'email' ? change.recipient.toLowerCase() : change.recipient }).catch(
      (err) => {
        if (err instanceof Problem && err.status === 404) return null;
        throw err;
      },
    );
    if (!customer) continue; // an address this org does not know
    await recordConsents(
      tx,
      { auth: null },
      customer.id,
      {
        channels: [channel],
        status: change.status === 'RET' ? 'revoked' : 'granted',
        source: change.source,
        recipientType: change.recipientType,
        recordedAt: fromIysDate(change.consentDate),
        brandId: scope === 'org' ? null : scope,
      },
      null,
      { origin: 'iys', externalRef: refs[i] },
    );
    n++;
  }
  return n;
}
