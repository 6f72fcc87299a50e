import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context';
import type { Tx } from '../../../platform/db/database';
import { isUuid, newId } from '../../../platform/ids';
import { orgClock } from '../../access/hot-settings';
import { type Contact, contactsOf } from '../../customers/contacts';
import { enabledScopes } from '../../privacy/iys/settings';
import { grantedConsents, iysRequired } from '../../privacy/send-checks';
import type { MessageChannel } from '../providers/types';
import { afterQuietHours } from './quiet-hours';
import type { Purpose, SkipReason } from './schema';
import { settingsRow } from './settings';
import { suppressedAmong } from './suppressions';

export const DRAIN_JOB = 'messaging.drain';

/** One rendered message for one customer (campaigns, journeys, the one-tap send). */
export interface MessageRequest {
  customerId: string;
  channel: MessageChannel;
  purpose: Purpose;
  content: {
    subject?: string | null;
    text: string;
    html?: string | null;
    whatsappTemplate?: { name: string; language: string; parameters: string[] } | null;
  };
  templateId?: string | null;
  campaignId?: string | null;
  variant?: string | null;
  brandId?: string | null;
  /** Not before this instant (a scheduled send); marketing is moved further past quiet hours. */
  notBefore?: Date | null;
}

export interface EnqueueResult {
  queued: number;
  skipped: Partial<Record<SkipReason, number>>;
  /** The message id of each request, in order; null for an unknown customer (no row is kept). */
  ids: (string | null)[];
}

/** Requests per round of statements: a few statements each, JSON parameters well under the limits. */
const CHUNK = 5000;

interface Checks {
  contacts: Map<string, Contact>;
  consents: Map<MessageChannel, Map<string, { iysAccepted: boolean }>>;
  suppressed: Map<MessageChannel, Set<string>>;
  recent: Map<string, number>;
  iysScopes: Set<string>;
}

const addressOf = (c: Contact, channel: MessageChannel) => (channel === 'email' ? c.email : c.phone);

/** Loads everything the checks of one chunk need: one statement per kind of fact. */
async function loadChecks(tx: Tx, chunk: MessageRequest[], cap: { days: number }, iysScopes: Set<string>): Promise<Checks> {
  const ids = [...new Set(chunk.map((r) => r.customerId).filter(isUuid))];
  const contacts = await contactsOf(tx, ids);
  const marketing = chunk.filter((r) => r.purpose === 'marketing' && contacts.has(r.customerId));
  const consents = new Map<MessageChannel, Map<string, { iysAccepted: boolean }>>();
  const suppressed = new Map<MessageChannel, Set<string>>();
  for (const channel of new Set(marketing.map((r) => r.channel))) {
    const ofChannel = marketing.filter((r) => r.channel === channel);
    consents.set(channel, await grantedConsents(tx, [...new Set(ofChannel.map((r) => r.customerId))], channel));
    const addresses = ofChannel.flatMap((r) => addressOf(contacts.get(r.customerId)!, channel) ?? []);
    suppressed.set(channel, await suppressedAmong(tx, channel, [...new Set(addresses)]));
  }
  const recent = new Map<string, number>();
  if (marketing.length > 0) {
    const { rows } = await tx.execute<{ customer_id: string; n: string }>(sql`
      select customer_id, count(*) as n from messages
      where org_id = ${tx.orgId} and customer_id = any(${sql.param([...new Set(marketing.map((r) => r.customerId))])}::uuid[])
        and purpose = 'marketing' and status in ('queued', 'sent', 'delivered')
        and queued_at > now() - make_interval(days => ${cap.days})
      group by customer_id`);
    for (const r of rows) recent.set(r.customer_id, Number(r.n));
  }
  return { contacts, consents, suppressed, recent, iysScopes };
}

/** Why a marketing message may not go, or null. Counts it against the cap when it may. */
async function marketingSkip(tx: Tx, r: MessageRequest, address: string, checks: Checks, cap: number): Promise<SkipReason | null> {
  if (checks.suppressed.get(r.channel)?.has(address)) return 'suppressed';
  const consent = checks.consents.get(r.channel)?.get(r.customerId);
  if (!consent) return 'no_consent';
  if (!consent.iysAccepted && (await iysRequired(tx, r.channel, r.brandId ?? null, checks.iysScopes))) return 'iys_not_accepted';
  const sent = checks.recent.get(r.customerId) ?? 0;
  if (cap > 0 && sent >= cap) return 'frequency_cap';
  checks.recent.set(r.customerId, sent + 1);
  return null;
}

/**
 * Queues messages with the compliance checks, set-based: for each chunk a handful of statements
 * whatever its size. Marketing needs an address, granted consent for the channel, İYS acceptance
 * where İYS is on, an address not suppressed, and room under the frequency cap; quiet hours move
 * it to the end of the quiet period. Transactional messages need only an address. Every refused
 * recipient is kept as a `skipped` row with its reason. Queued messages wake the sending worker.
 */
export async function enqueueMessages(
  tx: Tx,
  ctx: AppContext,
  requests: MessageRequest[],
  options: { createdBy?: string | null } = {},
): Promise<EnqueueResult> {
  const result: EnqueueResult = { queued: 0, skipped: {}, ids: [] };
  if (requests.length === 0) return result;
  const settings = await settingsRow(tx);
  const quiet = { start: settings.quietStart, end: settings.quietEnd };
  const cap = { messages: settings.frequencyCap, days: settings.frequencyDays };
  const { timezone } = await orgClock(tx);
  const iysScopes = await enabledScopes(tx);
  const now = new Date();
  // Most requests share their planned instant (now, or a campaign's schedule): shift each once.
  const shifted = new Map<number, Date>();
  const afterQuiet = (at: Date) => {
    const known = shifted.get(at.getTime());
    if (known) return known;
    const d = afterQuietHours(at, timezone, quiet);
    shifted.set(at.getTime(), d);
    return d;
  };
  const skip = (reason: SkipReason) => {
    result.skipped[reason] = (result.skipped[reason] ?? 0) + 1;
  };

  for (let start = 0; start < requests.length; start += CHUNK) {
    const chunk = requests.slice(start, start + CHUNK);
    const checks = await loadChecks(tx, chunk, cap, iysScopes);
    const rows = [];
    for (const r of chunk) {
      const contact = checks.contacts.get(r.customerId);
      if (!contact) {
        skip('unknown_customer');
        result.ids.push(null);
        continue;
      }
      const address = addressOf(contact, r.channel);
      const reason = !address ? 'no_address' : r.purpose === 'marketing' ? await marketingSkip(tx, r, address, checks, cap.messages) : null;
      const planned = r.notBefore && r.notBefore > now ? r.notBefore : now;
      const notBefore = r.purpose === 'marketing' ? afterQuiet(planned) : planned;
      const id = newId();
      result.ids.push(id);
      if (reason) skip(reason);
      else result.queued++;
      rows.push({
        id,
        customer_id: r.customerId,
        channel: r.channel,
        to: address,
        purpose: r.purpose,
        brand_id: r.brandId ?? null,
        template_id: r.templateId ?? null,
        campaign_id: r.campaignId ?? null,
        variant: r.variant ?? null,
        subject: r.content.subject ?? null,
        text: r.content.text,
        html: r.content.html ?? null,
        whatsapp_template: r.content.whatsappTemplate ?? null,
        status: reason ? 'skipped' : 'queued',
        skip_reason: reason,
        next_attempt_at: reason ? null : notBefore.toISOString(),
        not_before: notBefore > now ? notBefore.toISOString() : null,
        created_by: options.createdBy ?? null,
      });
    }
    if (rows.length === 0) continue;
    await tx.execute(sql`
      insert into messages (org_id, id, customer_id, channel, "to", purpose, brand_id, template_id, campaign_id, variant, subject, text,
                            html, whatsapp_template, status, skip_reason, next_attempt_at, not_before, created_by, queued_at)
      select ${tx.orgId}, r.*, ${now.toISOString()}::timestamptz from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
        id uuid, customer_id uuid, channel text, "to" text, purpose text, brand_id uuid, template_id uuid, campaign_id uuid, variant text,
        subject text, text text, html text, whatsapp_template jsonb, status text, skip_reason text, next_attempt_at timestamptz,
        not_before timestamptz, created_by uuid)`);
  }
  if (result.queued > 0) await ctx.jobs.send(DRAIN_JOB, { orgId: tx.orgId }, { tx });
  return result;
}
