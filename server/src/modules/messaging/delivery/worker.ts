import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context';
import type { Tx } from '../../../platform/db/database';
import { grantedConsents } from '../../privacy/send-checks';
import { type ResolvedProvider, resolveProvider } from '../providers/registry';
import type { MessageChannel } from '../providers/types';
import { type OutgoingMessage, ProviderError, type SendResult } from '../providers/types';
import { smsLength } from '../templates/sms-length';
import { emitMessageEvents, type MessageEventType, type MessageRef } from './events';
import { takeSlot } from './rate-limit';
import type { Purpose, SkipReason } from './schema';
import { settingsRow } from './settings';
import { suppressedAmong } from './suppressions';
import { beforeBodyEnd, trackHtml, trackingUrls } from './tracking';

/** Claimed per round; a claim is a lease, so a crashed worker's messages come back after it. */
const BATCH = 2000;
const LEASE_SECONDS = 300;
/** Sends in flight per round (a slow provider must not hold up the rest one by one). */
const CONCURRENCY = 8;
const MAX_BACKOFF_MS = 3_600_000;

interface Claimed extends MessageRef {
  id: string;
  channel: MessageChannel;
  purpose: Purpose;
  to: string;
  brandId: string | null;
  subject: string | null;
  text: string;
  html: string | null;
  whatsappTemplate: OutgoingMessage['whatsappTemplate'] | null;
  attempts: number;
}

export interface DrainOptions {
  /** First retry delay, doubled per attempt (tests: 0). */
  retryBaseMs?: number;
  /** Tests put a failing provider here. */
  resolve?: typeof resolveProvider;
}

export interface DrainResult {
  sent: number;
  failed: number;
  retried: number;
  skipped: number;
}

async function claim(tx: Tx): Promise<Claimed[]> {
  const { rows } = await tx.execute<Record<string, unknown>>(sql`
    with due as (
      select id from messages
      where org_id = ${tx.orgId} and status = 'queued' and next_attempt_at <= now()
      order by next_attempt_at
      limit ${BATCH}
      for update skip locked
    )
    update messages m set next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = m.attempts + 1
    from due where m.org_id = ${tx.orgId} and m.id = due.id
    returning m.id, m.customer_id, m.channel, m.purpose, m."to", m.brand_id, m.template_id, m.campaign_id, m.variant,
              m.subject, m.text, m.html, m.whatsapp_template, m.attempts`);
  return rows.map((r) => ({
    id: r.id as string,
    customerId: r.customer_id as string,
    channel: r.channel as MessageChannel,
    purpose: r.purpose as Purpose,
    to: r.to as string,
    brandId: r.brand_id as string | null,
    templateId: r.template_id as string | null,
    campaignId: r.campaign_id as string | null,
    variant: r.variant as string | null,
    subject: r.subject as string | null,
    text: r.text as string,
    html: r.html as string | null,
    whatsappTemplate: r.whatsapp_template as Claimed['whatsappTemplate'],
    attempts: Number(r.attempts),
  }));
}

/** Send-time re-check of marketing: consent withdrawn or address suppressed since it was queued. */
async function recheck(tx: Tx, claimed: Claimed[]): Promise<Map<string, SkipReason>> {
  const refused = new Map<string, SkipReason>();
  const marketing = claimed.filter((m) => m.purpose === 'marketing');
  for (const channel of new Set(marketing.map((m) => m.channel))) {
    const ofChannel = marketing.filter((m) => m.channel === channel);
    const granted = await grantedConsents(tx, [...new Set(ofChannel.map((m) => m.customerId))], channel);
    const suppressed = await suppressedAmong(tx, channel, [...new Set(ofChannel.map((m) => m.to))]);
    for (const m of ofChannel) {
      if (suppressed.has(m.to)) refused.set(m.id, 'suppressed');
      else if (!granted.has(m.customerId)) refused.set(m.id, 'consent_revoked');
    }
  }
  return refused;
}

/** The message as the provider gets it: e-mail links tracked, marketing e-mail with one-click unsubscribe (RFC 8058). */
function outgoing(ctx: AppContext, orgId: string, m: Claimed): OutgoingMessage {
  const base: OutgoingMessage = {
    id: m.id,
    orgId,
    channel: m.channel,
    to: m.to,
    subject: m.subject ?? undefined,
    text: m.text,
    html: m.html ?? undefined,
    whatsappTemplate: m.whatsappTemplate ?? undefined,
    transactional: m.purpose === 'transactional',
  };
  if (m.channel !== 'email') return base;
  const urls = trackingUrls(ctx.config.dataDir, ctx.config.publicUrl, orgId, m.id);
  if (m.purpose !== 'marketing') return { ...base, html: m.html ? trackHtml(m.html, urls) : undefined };
  const footer = `<p style="font-size:12px;color:#666"><a href="${urls.unsubscribe}">Abonelikten çık / Unsubscribe</a></p>`;
  return {
    ...base,
    text: `${m.text}\n\n--\nAbonelikten çık / Unsubscribe: ${urls.unsubscribe}`,
    html: m.html ? trackHtml(beforeBodyEnd(m.html, footer), urls) : undefined,
    headers: { 'List-Unsubscribe': `<${urls.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

type Outcome =
  | { id: string; kind: 'sent'; result: SendResult; provider: ResolvedProvider; parts: number }
  | { id: string; kind: 'retry' | 'failed'; error: string; provider: ResolvedProvider };

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

const partsOf = (m: Claimed, kind: string) => (m.channel === 'sms' ? smsLength(m.text, { turkishShift: kind === 'netgsm' }).parts : 1);

/**
 * Sends the org's due queued messages until none is left: claim a batch (SKIP LOCKED, with a
 * lease), re-check marketing consent, send each through its provider at the provider's rate,
 * record outcomes and events in one transaction. A retryable provider error is tried again with
 * exponential backoff until the org's attempt limit, then `failed` with the provider's message;
 * one recipient's failure never stops the others.
 */
export async function drainOrg(ctx: AppContext, orgId: string, options: DrainOptions = {}): Promise<DrainResult> {
  const total: DrainResult = { sent: 0, failed: 0, retried: 0, skipped: 0 };
  const resolve = options.resolve ?? resolveProvider;
  const retryBase = options.retryBaseMs ?? 30_000;
  for (;;) {
    const round = await ctx.db.tenant(orgId, async (tx) => {
      const claimed = await claim(tx);
      if (claimed.length === 0) return null;
      const refused = await recheck(tx, claimed);
      if (refused.size > 0) {
        await tx.execute(sql`
          update messages m set status = 'skipped', skip_reason = r.reason, next_attempt_at = null
          from jsonb_to_recordset(${JSON.stringify([...refused].map(([id, reason]) => ({ id, reason })))}::jsonb) as r(id uuid, reason text)
          where m.org_id = ${orgId} and m.id = r.id`);
      }
      const { maxAttempts } = await settingsRow(tx);
      const sendable = claimed.filter((m) => !refused.has(m.id));
      const providers = new Map<string, ResolvedProvider>();
      for (const m of sendable) {
        const key = `${m.channel}:${m.brandId ?? ''}`;
        if (!providers.has(key)) providers.set(key, await resolve(tx, ctx, m.channel, m.brandId));
      }
      return { sendable, refused: refused.size, providers, maxAttempts };
    });
    if (!round) return total;
    total.skipped += round.refused;

    const outcomes = await mapLimit(round.sendable, CONCURRENCY, async (m): Promise<Outcome> => {
      const provider = round.providers.get(`${m.channel}:${m.brandId ?? ''}`)!;
      try {
        await takeSlotFor(provider);
        const result = await provider.provider.send(outgoing(ctx, orgId, m));
        return { id: m.id, kind: 'sent', result, provider, parts: partsOf(m, provider.kind) };
      } catch (err) {
        // Anything but a provider's explicit "do not retry" is retried: time-outs, resets, our own bugs.
        const retryable = !(err instanceof ProviderError) || err.retryable;
        const error = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
        return { id: m.id, kind: retryable && m.attempts < round.maxAttempts ? 'retry' : 'failed', error, provider };
      }
    });

    await ctx.db.tenant(orgId, (tx) => recordOutcomes(tx, round.sendable, outcomes, retryBase));
    for (const o of outcomes) {
      if (o.kind === 'sent') total.sent++;
      else if (o.kind === 'retry') total.retried++;
      else total.failed++;
    }
  }
}

// The built-in outbox sends nothing anywhere: there is no one to protect from a burst.
const takeSlotFor = (p: ResolvedProvider) =>
  p.kind === 'outbox' ? Promise.resolve() : takeSlot(p.configId ?? `builtin:${p.kind}`, p.ratePerSecond);

async function recordOutcomes(tx: Tx, messages: Claimed[], outcomes: Outcome[], retryBase: number) {
  const now = new Date();
  const rows = outcomes.map((o, i) => {
    const m = messages[i];
    const common = { id: o.id, config_id: o.provider.configId, kind: o.provider.kind };
    if (o.kind === 'sent') {
      return {
        ...common,
        status: o.result.status,
        provider_message_id: o.result.providerMessageId,
        parts: o.parts,
        cost: o.parts * o.provider.costPerPart,
        sent_at: now,
        delivered_at: o.result.status === 'delivered' ? now : null,
        failed_at: null,
        error: null,
        next_attempt_at: null,
      };
    }
    const backoff = Math.min(retryBase * 2 ** Math.max(m.attempts - 1, 0), MAX_BACKOFF_MS);
    return {
      ...common,
      status: o.kind === 'retry' ? 'queued' : 'failed',
      provider_message_id: null,
      parts: null,
      cost: null,
      sent_at: null,
      delivered_at: null,
      failed_at: o.kind === 'failed' ? now : null,
      error: o.error,
      next_attempt_at: o.kind === 'retry' ? new Date(now.getTime() + backoff) : null,
    };
  });
  if (rows.length === 0) return;
  // Arrays through unnest: a column each, far cheaper to bind and read than a JSON document of rows.
  const column = <K extends keyof (typeof rows)[number]>(k: K) => sql.param(rows.map((r) => r[k]));
  await tx.execute(sql`
    update messages m set status = r.status, provider_config_id = r.config_id, provider_kind = r.kind,
      provider_message_id = r.provider_message_id, parts = r.parts, cost = r.cost, sent_at = r.sent_at,
      delivered_at = r.delivered_at, failed_at = r.failed_at, error = r.error, next_attempt_at = r.next_attempt_at
    from unnest(${column('id')}::uuid[], ${column('config_id')}::uuid[], ${column('kind')}::text[], ${column('status')}::text[],
      ${column('provider_message_id')}::text[], ${column('parts')}::smallint[], ${column('cost')}::integer[], ${column('sent_at')}::timestamptz[],
      ${column('delivered_at')}::timestamptz[], ${column('failed_at')}::timestamptz[], ${column('error')}::text[], ${column('next_attempt_at')}::timestamptz[])
      as r(id, config_id, kind, status, provider_message_id, parts, cost, sent_at, delivered_at, failed_at, error, next_attempt_at)
    where m.org_id = ${tx.orgId} and m.id = r.id`);
  const events: { type: MessageEventType; message: MessageRef }[] = [];
  outcomes.forEach((o, i) => {
    const message = messages[i];
    if (o.kind === 'sent') {
      events.push({ type: 'message.sent', message });
      if (o.result.status === 'delivered') events.push({ type: 'message.delivered', message });
    } else if (o.kind === 'failed') {
      events.push({ type: 'message.failed', message });
    }
  });
  await emitMessageEvents(tx, events);
}
