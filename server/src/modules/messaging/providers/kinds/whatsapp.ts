import { z } from 'zod';
import type { DeliveryReport, InboundReply, ProviderDefinition } from '../types';
import { ProviderError } from '../types';
import { callProvider, httpSettings, secret } from './http';
import { badSignature, header, hmac, sameSignature } from './signatures';

/**
 * WhatsApp Cloud API: `POST /{version}/{phone-number-id}/messages` with a Bearer token,
 * `{ messaging_product: "whatsapp", to, type: "template", template: { name, language: { code },
 * components: [{ type: "body", parameters: [{ type: "text", text }] }] } }` (marketing outside the
 * 24-hour window must be a template) or `type: "text"`. Answers `{ messages: [{ id }] }` or
 * `{ error: { message, code, error_subcode, error_data: { details } } }`.
 * Webhooks: POSTs signed with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body,
 * keyed by the app secret>`, carrying `entry[].changes[].value.statuses[]` (sent, delivered, read,
 * failed) and `.messages[]` (incoming); the GET verification handshake echoes `hub.challenge` when
 * `hub.verify_token` matches. Reference: developers.facebook.com/docs/whatsapp/cloud-api
 * (reference/messages, webhooks/components, support/error-codes).
 */
const config = z
  .object({
    ...httpSettings('https://graph.facebook.com'),
    apiVersion: z
      .string()
      .regex(/^v\d{1,3}\.\d$/)
      .default('v21.0')
      .meta({ description: 'Graph API version', advanced: true }),
    phoneNumberId: z
      .string()
      .regex(/^\d{5,30}$/)
      .describe('the WhatsApp phone number id (not the number)'),
  })
  .strict();
const secrets = z.object({ accessToken: secret(1000), appSecret: secret() }).strict();

/** Meta's throttling and temporary errors; the rest (bad number, template, token) need a person. */
const RETRYABLE = new Set([1, 2, 4, 17, 341, 80007, 130429, 131000, 131016, 131048, 131056]);

const describe = (json: unknown) => {
  const e = (json as { error?: { message?: string; code?: number; error_data?: { details?: string } } } | undefined)?.error;
  return e?.message ? `WhatsApp ${e.code ?? ''}: ${e.message}${e.error_data?.details ? ` — ${e.error_data.details}` : ''}` : undefined;
};

const webhookSchema = z.object({
  entry: z
    .array(
      z.object({
        changes: z
          .array(
            z.object({
              value: z
                .object({
                  statuses: z
                    .array(
                      z.object({
                        id: z.string(),
                        status: z.string(),
                        timestamp: z.string().optional(),
                        errors: z
                          .array(z.object({ code: z.number().optional(), title: z.string().optional(), message: z.string().optional() }))
                          .optional(),
                      }),
                    )
                    .optional(),
                  messages: z
                    .array(
                      z.object({
                        from: z.string(),
                        type: z.string(),
                        timestamp: z.string().optional(),
                        text: z.object({ body: z.string() }).optional(),
                      }),
                    )
                    .optional(),
                })
                .optional(),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

const at = (unixSeconds?: string) => (unixSeconds && /^\d+$/.test(unixSeconds) ? new Date(Number(unixSeconds) * 1000) : undefined);

export const whatsappProvider: ProviderDefinition<z.infer<typeof config>, z.infer<typeof secrets>> = {
  kind: 'whatsapp',
  channels: ['whatsapp'],
  config,
  secrets,
  // Cloud API's default throughput is 80 messages/second per business phone number.
  defaultRatePerSecond: 80,
  create: (c, s) => ({
    async send(message) {
      const t = message.whatsappTemplate;
      const content = t
        ? {
            type: 'template',
            template: {
              name: t.name,
              language: { code: t.language },
              ...(t.parameters.length
                ? { components: [{ type: 'body', parameters: t.parameters.map((text) => ({ type: 'text', text })) }] }
                : {}),
            },
          }
        : { type: 'text', text: { body: message.text } };
      const res = await callProvider(
        `${c.baseUrl.replace(/\/$/, '')}/${c.apiVersion}/${c.phoneNumberId}/messages`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${s.accessToken}` },
          body: JSON.stringify({
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to: message.to.replace(/^\+/, ''),
            ...content,
          }),
        },
        c.timeoutMs,
        describe,
      );
      const id = (res.json as { messages?: { id?: string }[] } | undefined)?.messages?.[0]?.id;
      if (res.status >= 200 && res.status < 300 && id) return { providerMessageId: id, status: 'sent' };
      const code = (res.json as { error?: { code?: number } } | undefined)?.error?.code;
      throw new ProviderError(
        describe(res.json) ?? `WhatsApp HTTP ${res.status}: ${res.text.slice(0, 200)}`,
        code !== undefined && RETRYABLE.has(code),
        res.status,
      );
    },
  }),
  parseWebhook(request, _config, s) {
    const expected = `sha256=${hmac('sha256', s.appSecret, Buffer.from(request.rawBody, 'utf8')).digest('hex')}`;
    if (!sameSignature(expected, header(request, 'x-hub-signature-256'))) throw badSignature();
    const parsed = webhookSchema.safeParse(request.body);
    const reports: DeliveryReport[] = [];
    const replies: InboundReply[] = [];
    if (!parsed.success) return { reports, replies };
    for (const value of parsed.data.entry.flatMap((e) => e.changes.map((ch) => ch.value))) {
      for (const st of value?.statuses ?? []) {
        if (st.status === 'delivered' || st.status === 'read') {
          reports.push({ providerMessageId: st.id, status: 'delivered', at: at(st.timestamp) });
        } else if (st.status === 'failed') {
          const e = st.errors?.[0];
          const error = `WhatsApp ${e?.code ?? ''}: ${e?.message ?? e?.title ?? 'failed'}`;
          reports.push({ providerMessageId: st.id, status: 'failed', error, at: at(st.timestamp) });
        }
      }
      for (const m of value?.messages ?? []) {
        if (m.type === 'text' && m.text) replies.push({ from: `+${m.from}`, text: m.text.body, at: at(m.timestamp) });
      }
    }
    return { reports, replies };
  },
};

/** The GET handshake Meta makes when the webhook URL is saved: the challenge, or null when the token is wrong. */
export function whatsappChallenge(query: Record<string, unknown>, verifyToken: string): string | null {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') return null;
  return sameSignature(verifyToken, token) ? challenge : null;
}
