import { z } from 'zod';

/** What one template holds per language; the shape depends on the channel. */

export const CHANNELS = ['sms', 'email', 'whatsapp'] as const;
export type TemplateChannel = (typeof CHANNELS)[number];
export const PURPOSES = ['marketing', 'transactional'] as const;
export type TemplatePurpose = (typeof PURPOSES)[number];

const expression = (max: number) => z.string().max(max).describe('text with {{variables}} and {{#if}} conditionals');

export const smsContent = z
  .object({ text: expression(2000).min(1) })
  .strict()
  .meta({ id: 'SmsTemplateContent' });

export const emailContent = z
  .object({
    subject: expression(300).min(1),
    text: expression(100_000).min(1).describe('the plain-text part'),
    html: expression(200_000).nullable().optional().describe('optional HTML part; values are HTML-escaped'),
  })
  .strict()
  .meta({ id: 'EmailTemplateContent' });

export const whatsappContent = z
  .object({
    templateName: z
      .string()
      .regex(/^[a-z0-9_]{1,512}$/)
      .describe('the template name approved in WhatsApp Manager'),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/)
      .describe('the approved template’s language code, e.g. tr or en_US'),
    parameters: z.array(expression(1000)).max(20).describe('body parameters {{1}}, {{2}} … in order, each an expression'),
    text: expression(4096).min(1).describe('fallback text (outbox, session messages)'),
  })
  .strict()
  .meta({ id: 'WhatsappTemplateContent' });

export type SmsContent = z.infer<typeof smsContent>;
export type EmailContent = z.infer<typeof emailContent>;
export type WhatsappContent = z.infer<typeof whatsappContent>;
export type LocaleContent = SmsContent | EmailContent | WhatsappContent;

const byLanguage = <T extends z.ZodType>(content: T) =>
  z.object({ tr: content, en: content.nullable().optional().describe('optional; Turkish is used when missing') }).strict();

const common = {
  name: z.string().trim().min(1).max(120),
  purpose: z.enum(PURPOSES),
  brandId: z.uuid().nullable().optional(),
};

/** The body of create and replace. */
export const templateInput = z.discriminatedUnion('channel', [
  z.object({ ...common, channel: z.literal('sms'), content: byLanguage(smsContent) }).strict(),
  z.object({ ...common, channel: z.literal('email'), content: byLanguage(emailContent) }).strict(),
  z.object({ ...common, channel: z.literal('whatsapp'), content: byLanguage(whatsappContent) }).strict(),
]);

export type TemplateInput = z.infer<typeof templateInput>;
export type TemplateContent = TemplateInput['content'];

/** Each expression of one language's content with its field path (`content.tr.subject`) and whether it is HTML. */
export function expressionsOf(content: TemplateContent): { field: string; source: string; html: boolean }[] {
  const out: { field: string; source: string; html: boolean }[] = [];
  for (const lang of ['tr', 'en'] as const) {
    const c = content[lang] as Partial<EmailContent & WhatsappContent> | null | undefined;
    if (!c) continue;
    const at = `content.${lang}`;
    if (c.subject !== undefined) out.push({ field: `${at}.subject`, source: c.subject, html: false });
    out.push({ field: `${at}.text`, source: c.text!, html: false });
    if (c.html) out.push({ field: `${at}.html`, source: c.html, html: true });
    c.parameters?.forEach((p, i) => {
      out.push({ field: `${at}.parameters.${i}`, source: p, html: false });
    });
  }
  return out;
}
