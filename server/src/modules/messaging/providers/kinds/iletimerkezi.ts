import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { type ProviderDefinition, ProviderError } from '../types';
import { callProvider, httpSettings, secret } from './http';

/**
 * İleti Merkezi SMS, JSON API: `POST /v1/send-sms/json` with `request.authentication { key, hash }`
 * (hash = HMAC-SHA256 of the API key with the secret key, hex) and one `order` per request:
 * `sender`, `sendDateTime`, `iys` "1" + `iysList` BIREYSEL/TACIR for marketing, "0" transactional,
 * `message.text`, `message.receipents.number[]` (sic). Answers `response.status { code, message }`
 * (code "200" + `order.id`; 401, 402, 450–457 business errors; HTTP status mirrors the code).
 * Reference: toplusmsapi.com/sms/gonder/json, iletimerkezi.com/en/docs/api/send-sms,
 * github.com/iletimerkezi/apidocs-website (docs/sms/send/json.mdx, docs/status-codes.mdx).
 * Delivery reports: a webhook set in the panel (Ayarlar → API → Webhook) POSTs
 * `{ report: { id, packet_id, status: accepted|delivered|undelivered, to, body } }`
 * (docs/sms/report/webhook.mdx). It is unsigned: the URL's token authenticates it.
 */
const config = z
  .object({
    ...httpSettings('https://api.iletimerkezi.com'),
    sender: z.string().trim().min(1).max(11).describe('approved sender name (başlık)'),
    iysList: z.enum(['BIREYSEL', 'TACIR']).default('BIREYSEL').describe('İYS list of marketing recipients'),
  })
  .strict();
const secrets = z.object({ apiKey: secret(), apiSecret: secret() }).strict();

const describe = (json: unknown) => {
  const status = (json as { response?: { status?: { code?: string; message?: string } } } | undefined)?.response?.status;
  return status?.code ? `İleti Merkezi ${status.code}: ${status.message ?? ''}`.trim() : undefined;
};

const reportSchema = z.object({
  report: z.object({
    id: z.union([z.string(), z.number()]),
    packet_id: z.union([z.string(), z.number()]),
    status: z.string(),
    to: z.string().optional(),
  }),
});

export const iletimerkeziProvider: ProviderDefinition<z.infer<typeof config>, z.infer<typeof secrets>> = {
  kind: 'iletimerkezi',
  channels: ['sms'],
  config,
  secrets,
  defaultRatePerSecond: 10,
  create: (c, s) => ({
    async send(message) {
      const order = {
        sender: c.sender,
        sendDateTime: [],
        iys: message.transactional ? '0' : '1',
        ...(message.transactional ? {} : { iysList: c.iysList }),
        message: { text: message.text, receipents: { number: [message.to] } },
      };
      const hash = createHmac('sha256', s.apiSecret).update(s.apiKey).digest('hex');
      const res = await callProvider(
        `${c.baseUrl.replace(/\/$/, '')}/v1/send-sms/json`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ request: { authentication: { key: s.apiKey, hash }, order } }),
        },
        c.timeoutMs,
        describe,
      );
      const r = (res.json as { response?: { status?: { code?: string }; order?: { id?: string | number } } } | undefined)?.response;
      // One recipient per order, so the order id names the message in reports (`packet_id`).
      if (r?.status?.code === '200' && r.order?.id !== undefined) return { providerMessageId: String(r.order.id), status: 'sent' };
      throw new ProviderError(describe(res.json) ?? `İleti Merkezi HTTP ${res.status}: ${res.text.slice(0, 200)}`, false, res.status);
    },
  }),
  parseWebhook(request) {
    const parsed = reportSchema.safeParse(request.body);
    if (!parsed.success) return { reports: [], replies: [] };
    const { packet_id, status } = parsed.data.report;
    // `accepted` only says the operator took it: our message is already `sent`.
    if (status !== 'delivered' && status !== 'undelivered') return { reports: [], replies: [] };
    return {
      reports: [
        {
          providerMessageId: String(packet_id),
          status: status === 'delivered' ? 'delivered' : 'failed',
          ...(status === 'undelivered' ? { error: 'İleti Merkezi: undelivered' } : {}),
        },
      ],
      replies: [],
    };
  },
};
