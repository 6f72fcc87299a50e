import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import type { Locale } from '../../../platform/i18n';
import { titleCaseTr } from '../../../platform/text';
import { getOrg } from '../../access/orgs';
import { type MessageProfile, messageProfiles } from '../../customers/message-profiles';
import { loyaltyBalances } from '../../loyalty/balances';
import type { EmailContent, LocaleContent, TemplateChannel, TemplateContent, WhatsappContent } from './content';
import { compileExpression } from './expressions';
import { honorific } from './honorific';
import { messageTemplates } from './schema';
import type { Variables } from './variables';

export interface RenderableTemplate {
  /** Set for a saved template: rendering for sending marks it used (it is archived, not deleted, after). */
  id?: string;
  channel: TemplateChannel;
  brandId: string | null;
  content: TemplateContent;
}

/** Ready for the sending queue (its `MessageRequest.content`) and the providers' `OutgoingMessage`. */
export interface RenderedMessage {
  locale: Locale;
  subject?: string;
  text: string;
  html?: string;
  /** WhatsApp: the approved template and its body parameters, in order. */
  whatsappTemplate?: { name: string; language: string; parameters: string[] };
}

export interface RenderOptions {
  /** Forces one language for everyone; otherwise each customer's (the org default while profiles carry none). */
  locale?: Locale;
  /** `{{couponCode}}` per customer id. */
  couponCodes?: Map<string, string>;
  /** Values for every recipient, e.g. `{ storeName }`. */
  values?: Variables;
  /** Further values per customer id, e.g. `{ unsubscribeUrl }` (the sender fills it). */
  perCustomer?: Map<string, Variables>;
}

/** The content in a language, with Turkish when the template has no English. */
export function contentFor(content: TemplateContent, locale: Locale): { locale: Locale; content: LocaleContent } {
  return locale === 'en' && content.en ? { locale: 'en', content: content.en } : { locale: 'tr', content: content.tr };
}

/** Renders one language's content with the values given (the pure part, shared with the preview). */
export function renderContent(channel: TemplateChannel, content: LocaleContent, locale: Locale, values: Variables): RenderedMessage {
  const text = (source: string) => compileExpression(source, { html: false })(values);
  const out: RenderedMessage = { locale, text: text(content.text) };
  if (channel === 'email') {
    const c = content as EmailContent;
    out.subject = text(c.subject);
    if (c.html) out.html = compileExpression(c.html, { html: true })(values);
  }
  if (channel === 'whatsapp') {
    const c = content as WhatsappContent;
    out.whatsappTemplate = { name: c.templateName, language: c.language, parameters: c.parameters.map(text) };
  }
  return out;
}

/** The registry's values for one customer. */
export function customerValues(
  profile: Pick<MessageProfile, 'firstName' | 'lastName' | 'gender'>,
  locale: Locale,
  loyalty: { points: number; tier: string | null } | undefined,
): Variables {
  const firstName = titleCaseTr(profile.firstName?.trim() ?? '');
  const lastName = titleCaseTr(profile.lastName?.trim() ?? '');
  return {
    firstName,
    lastName,
    fullName: [firstName, lastName].filter(Boolean).join(' '),
    honorific: honorific(profile, locale),
    points: loyalty?.points ?? 0,
    tier: loyalty?.tier ?? '',
  };
}

/**
 * Renders a template for many customers with a fixed number of queries (profiles, loyalty, org),
 * whatever their count: campaigns and the sending queue call this. Each customer gets their
 * language (profiles carry none yet, so it is the org's default unless `options.locale` forces one), with
 * Turkish where the template has no English. Merged or anonymised customers are left out.
 */
export async function renderForCustomers(
  tx: Tx,
  template: RenderableTemplate,
  customerIds: string[],
  options: RenderOptions = {},
): Promise<Map<string, RenderedMessage>> {
  // One transaction is one connection: the three reads run one after another.
  const profiles = await messageProfiles(tx, customerIds);
  const balances = await loyaltyBalances(tx, customerIds, template.brandId);
  const org = await getOrg(tx);
  if (template.id) await markUsed(tx, template.id);
  const out = new Map<string, RenderedMessage>();
  for (const [id, profile] of profiles) {
    const chosen = contentFor(template.content, options.locale ?? org.defaultLocale);
    const values: Variables = {
      orgName: org.name,
      ...options.values,
      ...customerValues(profile, chosen.locale, balances.get(id)),
      couponCode: options.couponCodes?.get(id) ?? options.values?.couponCode ?? '',
      ...options.perCustomer?.get(id),
    };
    out.set(id, renderContent(template.channel, chosen.content, chosen.locale, values));
  }
  return out;
}

/** The first send marks a template used: from then on deleting it archives it. */
async function markUsed(tx: Tx, id: string) {
  await tx
    .update(messageTemplates)
    .set({ usedAt: new Date() })
    .where(and(eq(messageTemplates.orgId, tx.orgId!), eq(messageTemplates.id, id), sql`${messageTemplates.usedAt} is null`));
}
