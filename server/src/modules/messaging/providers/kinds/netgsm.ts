import { z } from 'zod';
import { normalizePhone } from '../../../../platform/phone';
import { type DeliveryReport, type InboundReply, type ProviderDefinition, ProviderError } from '../types';
import { basicAuth, callProvider, httpSettings, secret } from './http';

/**
 * Netgsm SMS, REST v2: `POST /sms/rest/v2/send`, JSON, Basic auth usercode:password, answers
 * `{ code: "00", jobid }` or `{ code, description }` (HTTP 406 for validation errors).
 * Reference: Netgsm's own SDK and OpenAPI document, github.com/netgsm/netgsm-sms-js
 * (`openapi.json` RestSendRequest/RestResponse, `src/enums.ts` SendSmsErrorCode) and
 * netgsm.com.tr/dokuman. `iysfilter`: "0" transactional, "11" marketing to individuals, "12" to merchants.
 * Delivery reports: Netgsm calls no webhook; they are polled (`poll`): `POST /sms/rest/v2/report`
 * `{ jobids }` → `jobs[{ jobid, status, errorCode }]` (status 0 pending, 1 delivered, 2–17 failures;
 * at most 10 queries a minute), and replies `GET /sms/rest/v2/inbox` (without dates each message is
 * listed once; code 40: nothing new). Same sources (`ReportResponse`, `SmsStatus`, `InboxErrorCode`).
 */
const config = z
  .object({
    ...httpSettings('https://api.netgsm.com.tr'),
    usercode: z.string().trim().min(1).max(50).describe('subscriber number / API user code'),
    msgheader: z.string().trim().min(1).max(11).describe('approved sender name (başlık)'),
    iysRecipientType: z.enum(['BIREYSEL', 'TACIR']).default('BIREYSEL').describe('İYS list of marketing recipients'),
    partnercode: z.string().trim().max(50).optional().describe('dealer code, if any'),
  })
  .strict();
const secrets = z.object({ password: secret() }).strict();

/** What each documented send error means, for answers that carry no description. */
const ERRORS: Record<string, string> = {
  '20': 'message text problem or too long',
  '30': 'invalid usercode/password or no API access (IP restriction?)',
  '40': 'message header (msgheader) not defined',
  '50': 'İYS controlled sending is not allowed for this account',
  '51': 'no İYS brand information for this subscription',
  '70': 'invalid or missing parameter',
  '80': 'sending rate limit exceeded',
  '85': 'more than 20 tasks for the same number within 1 minute',
  '100': 'system error',
  '101': 'system error',
};
/** Throttling and Netgsm's own system errors pass; everything else needs a person. */
const RETRYABLE = new Set(['80', '85', '100', '101']);

/** What a report's status means (SmsStatus); 0 (pending) is not final and is left out. */
const STATUS: Record<number, string> = {
  2: 'expired',
  3: 'invalid or restricted number',
  4: 'not sent to the operator',
  11: 'rejected',
  12: 'delivery error',
  13: 'duplicate message',
  14: 'insufficient credit',
  15: 'blacklisted number',
  16: 'rejected by İYS',
  17: 'İYS error',
};

/** An inbox sender (905xx…, 5xx…) as E.164. */
const senderE164 = (sender: string) => {
  const digits = sender.replace(/\D/g, '');
  return (digits.length === 12 && digits.startsWith('90') ? `+${digits}` : normalizePhone(digits)) ?? sender;
};

/** Netgsm wants 10 national digits for Turkish numbers, 00 + country code abroad. */
const netgsmNumber = (e164: string) => (e164.startsWith('+90') ? e164.slice(3) : `00${e164.slice(1)}`);

const describe = (json: unknown) => {
  const j = json as { code?: string; description?: string } | undefined;
  return j?.code ? `Netgsm ${j.code}: ${j.description ?? ERRORS[j.code] ?? 'error'}` : undefined;
};

export const netgsmProvider: ProviderDefinition<z.infer<typeof config>, z.infer<typeof secrets>> = {
  kind: 'netgsm',
  channels: ['sms'],
  config,
  secrets,
  defaultRatePerSecond: 10,
  create: (c, s) => ({
    async send(message) {
      const body = {
        msgheader: c.msgheader,
        encoding: 'TR',
        iysfilter: message.transactional ? '0' : c.iysRecipientType === 'TACIR' ? '12' : '11',
        ...(c.partnercode ? { partnercode: c.partnercode } : {}),
        messages: [{ msg: message.text, no: netgsmNumber(message.to) }],
      };
      const res = await callProvider(
        `${c.baseUrl.replace(/\/$/, '')}/sms/rest/v2/send`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: basicAuth(c.usercode, s.password) },
          body: JSON.stringify(body),
        },
        c.timeoutMs,
        describe,
      );
      const j = res.json as { code?: string; jobid?: string } | undefined;
      if (j?.code === '00' && j.jobid) return { providerMessageId: String(j.jobid), status: 'sent' };
      throw new ProviderError(
        describe(j) ?? `Netgsm HTTP ${res.status}: ${res.text.slice(0, 200)}`,
        RETRYABLE.has(j?.code ?? ''),
        res.status,
      );
    },
  }),
  async poll(c, s, providerMessageIds) {
    const base = c.baseUrl.replace(/\/$/, '');
    const headers = { 'content-type': 'application/json', authorization: basicAuth(c.usercode, s.password) };
    const reports: DeliveryReport[] = [];
    if (providerMessageIds.length) {
      const res = await callProvider(
        `${base}/sms/rest/v2/report`,
        { method: 'POST', headers, body: JSON.stringify({ jobids: providerMessageIds, pagesize: providerMessageIds.length }) },
        c.timeoutMs,
        describe,
      );
      const j = res.json as { code?: string; jobs?: { jobid?: string | number; status?: number; errorCode?: number }[] } | undefined;
      // 60: none of these jobs has a report yet.
      if (j?.code !== '00' && j?.code !== '60')
        throw new ProviderError(describe(j) ?? `Netgsm HTTP ${res.status}`, j?.code === '80', res.status);
      for (const job of j.jobs ?? []) {
        if (job.jobid === undefined || !job.status) continue;
        reports.push(
          job.status === 1
            ? { providerMessageId: String(job.jobid), status: 'delivered' }
            : {
                providerMessageId: String(job.jobid),
                status: 'failed',
                error: `Netgsm ${job.status}: ${STATUS[job.status] ?? 'not delivered'}${job.errorCode ? ` (${job.errorCode})` : ''}`,
              },
        );
      }
    }
    const inbox = await callProvider(`${base}/sms/rest/v2/inbox`, { method: 'GET', headers }, c.timeoutMs, describe);
    const i = inbox.json as { code?: string; messages?: { message?: string; sender?: string }[] } | undefined;
    if (i?.code !== '00' && i?.code !== '40') throw new ProviderError(describe(i) ?? `Netgsm HTTP ${inbox.status}`, false, inbox.status);
    const replies: InboundReply[] = (i.messages ?? [])
      .filter((m) => m.sender && m.message !== undefined)
      .map((m) => ({ from: senderE164(m.sender!), text: m.message! }));
    return { reports, replies };
  },
};
