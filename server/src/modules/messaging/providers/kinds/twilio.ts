import { z } from 'zod';
import { type DeliveryReport, type InboundReply, type ProviderDefinition, ProviderError, type WebhookRequest } from '../types';
import { basicAuth, callProvider, httpSettings, secret } from './http';
import { badSignature, header, hmac, sameSignature } from './signatures';

/**
 * Twilio Programmable Messaging: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`,
 * form-encoded `To`, `From` (or `MessagingServiceSid`), `Body`, `StatusCallback`; Basic auth
 * AccountSid:AuthToken; answers 201 `{ sid, status }` or `{ code, message, more_info, status }`.
 * Webhooks (status callbacks and incoming SMS) are form posts signed with `X-Twilio-Signature`:
 * base64 HMAC-SHA1, keyed by the auth token, of the full URL followed by every POST parameter
 * name and value sorted by name. Reference: twilio.com/docs/messaging/api/message-resource,
 * twilio.com/docs/usage/webhooks/webhooks-security.
 */
const config = z
  .object({
    ...httpSettings('https://api.twilio.com'),
    accountSid: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/)
      .describe('Account SID (AC…)'),
    from: z.string().trim().min(1).max(20).optional().describe('sender: an E.164 Twilio number or an alphanumeric sender id'),
    messagingServiceSid: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/)
      .optional()
      .describe('Messaging Service SID (MG…), instead of from'),
  })
  .strict()
  .refine((c) => c.from || c.messagingServiceSid, { path: ['from'], params: { code: 'required', key: 'validation.required' } });
const secrets = z.object({ authToken: secret() }).strict();

const describe = (json: unknown) => {
  const j = json as { code?: number; message?: string } | undefined;
  return j?.message ? `Twilio ${j.code ?? ''}: ${j.message}`.replace(' :', ':') : undefined;
};

/** The signature Twilio sends for a form post to `url`. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return hmac('sha1', authToken, Buffer.from(data, 'utf8')).digest('base64');
}

function formParams(request: WebhookRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request.rawBody));
}

export const twilioProvider: ProviderDefinition<z.infer<typeof config>, z.infer<typeof secrets>> = {
  kind: 'twilio',
  channels: ['sms'],
  config,
  secrets,
  // Twilio queues what exceeds a sender's throughput; one message/second is a long code's rate.
  defaultRatePerSecond: 1,
  create: (c, s, context) => ({
    async send(message) {
      const form = new URLSearchParams({ To: message.to, Body: message.text });
      if (c.messagingServiceSid) form.set('MessagingServiceSid', c.messagingServiceSid);
      else form.set('From', c.from!);
      if (context?.webhookUrl) form.set('StatusCallback', context.webhookUrl);
      const res = await callProvider(
        `${c.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${c.accountSid}/Messages.json`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(c.accountSid, s.authToken) },
          body: form.toString(),
        },
        c.timeoutMs,
        describe,
      );
      const j = res.json as { sid?: string } | undefined;
      if (res.status >= 200 && res.status < 300 && j?.sid) return { providerMessageId: j.sid, status: 'sent' };
      throw new ProviderError(describe(res.json) ?? `Twilio HTTP ${res.status}: ${res.text.slice(0, 200)}`, false, res.status);
    },
  }),
  parseWebhook(request, _config, s) {
    const params = formParams(request);
    if (!sameSignature(twilioSignature(s.authToken, request.url, params), header(request, 'x-twilio-signature'))) {
      throw badSignature();
    }
    const reports: DeliveryReport[] = [];
    const replies: InboundReply[] = [];
    const status = params.MessageStatus;
    if (params.MessageSid && (status === 'delivered' || status === 'undelivered' || status === 'failed')) {
      reports.push({
        providerMessageId: params.MessageSid,
        status: status === 'delivered' ? 'delivered' : 'failed',
        ...(status === 'delivered' ? {} : { error: `Twilio ${status}${params.ErrorCode ? ` (${params.ErrorCode})` : ''}` }),
      });
    } else if (params.From && params.Body !== undefined) {
      // An incoming SMS (status callbacks carry no Body).
      replies.push({ from: params.From, text: params.Body });
    }
    return { reports, replies };
  },
};
