import nodemailer from 'nodemailer';
import { z } from 'zod';
import { type ProviderDefinition, ProviderError } from '../types';
import { secret, timeoutMs } from './http';

/**
 * E-mail through any SMTP relay (the org's mail host, Amazon SES, Mailgun, Yandex …) with
 * nodemailer. One pooled transport per configuration, reused until the configuration changes.
 */
const config = z
  .object({
    host: z
      .string()
      .trim()
      .min(1)
      .max(253)
      .regex(/^[\w.-]+$/)
      .describe('SMTP server host name'),
    port: z.number().int().min(1).max(65535).default(587),
    secure: z.boolean().default(false).describe('TLS from the start (port 465); otherwise STARTTLS when offered'),
    user: z.string().trim().min(1).max(200).optional().describe('user name, when the relay needs a login'),
    fromAddress: z.email().max(254).describe('sender address'),
    fromName: z.string().trim().min(1).max(100).optional().describe('sender name shown to the recipient'),
    timeoutMs,
  })
  .strict();
const secrets = z.object({ password: secret().optional() }).strict();

/** SMTP replies 4xx and lost connections are temporary; 5xx replies and bad logins are not. */
function providerError(err: unknown): ProviderError {
  const e = err as Error & { responseCode?: number; response?: string; code?: string };
  const message = `SMTP: ${e.response ?? e.message}`;
  if (e.code === 'EAUTH') return new ProviderError(message, false, e.responseCode);
  if (e.responseCode) return new ProviderError(message, e.responseCode < 500, e.responseCode);
  return new ProviderError(message, true);
}

export const smtpProvider: ProviderDefinition<z.infer<typeof config>, z.infer<typeof secrets>> = {
  kind: 'smtp',
  channels: ['email'],
  config,
  secrets,
  defaultRatePerSecond: 10,
  create(c, s) {
    const transport = nodemailer.createTransport({
      host: c.host,
      port: c.port,
      secure: c.secure,
      auth: c.user ? { user: c.user, pass: s.password ?? '' } : undefined,
      pool: true,
      maxConnections: 2,
      connectionTimeout: c.timeoutMs,
      greetingTimeout: c.timeoutMs,
      socketTimeout: c.timeoutMs,
    });
    return {
      async send(message) {
        try {
          const info = await transport.sendMail({
            from: c.fromName ? { name: c.fromName, address: c.fromAddress } : c.fromAddress,
            to: message.to,
            subject: message.subject ?? '',
            text: message.text,
            html: message.html,
            headers: message.headers,
            messageId: `<${message.id}@${c.fromAddress.split('@')[1]}>`,
          });
          // The relay accepted it: SMTP tells nothing more (bounces come back as mail).
          return { providerMessageId: info.messageId, status: 'delivered' };
        } catch (err) {
          throw providerError(err);
        }
      },
      async close() {
        transport.close();
      },
    };
  },
};
