import type { AppContext } from '../../../platform/context';
import type { Tx } from '../../../platform/db/database';
import { notFound, Problem } from '../../../platform/http/problem';
import type { Locale } from '../../../platform/i18n';
import type { AuditSource } from '../../access/audit';
import { getOrg } from '../../access/orgs';
import { messageProfiles } from '../../customers/message-profiles';
import { auditProfileView } from '../../customers/service';
import { loyaltyBalances } from '../../loyalty/balances';
import { resolveProvider } from '../providers/registry';
import type { TemplateChannel, TemplateContent } from './content';
import { contentFor, customerValues, renderContent } from './render';
import { checkContent, getTemplate } from './service';
import { smsLength } from './sms-length';
import { sampleValues, type Variables } from './variables';

export interface PreviewInput {
  template?: { channel: TemplateChannel; brandId?: string | null; content: TemplateContent };
  templateId?: string;
  customerId?: string;
  locale: Locale;
}

/** SMS goes out with the Turkish single shift table when the org's SMS provider is Netgsm (`encoding: TR`). */
export async function smsTurkishShift(tx: Tx, ctx: AppContext, brandId: string | null): Promise<boolean> {
  return (await resolveProvider(tx, ctx, 'sms', brandId)).kind === 'netgsm';
}

/**
 * Renders saved or unsaved content in a language, for a real customer (the caller needs
 * messaging.manage; the read is audited like a profile view) or with sample values. Nothing is
 * marked used. SMS previews carry the length and part count of the rendered text.
 */
export async function previewTemplate(tx: Tx, ctx: AppContext, source: AuditSource, input: PreviewInput) {
  const template = input.template ?? (input.templateId ? await getTemplate(tx, input.templateId) : undefined);
  if (!template) throw new Problem(400, 'template_source_required', 'messaging.template_source_required');
  checkContent(template);
  const brandId = template.brandId ?? null;
  const chosen = contentFor(template.content, input.locale);
  const org = await getOrg(tx);
  let values: Variables = { ...sampleValues(chosen.locale), orgName: org.name };
  let customer = null;
  if (input.customerId) {
    const profile = (await messageProfiles(tx, [input.customerId])).get(input.customerId);
    if (!profile) throw notFound();
    await auditProfileView(tx, source, profile.id);
    const loyalty = (await loyaltyBalances(tx, [profile.id], brandId)).get(profile.id);
    values = { ...values, ...customerValues(profile, chosen.locale, loyalty) };
    customer = { id: profile.id, name: [profile.firstName, profile.lastName].filter(Boolean).join(' ') || null };
  }
  const rendered = renderContent(template.channel, chosen.content, chosen.locale, values);
  const sms = template.channel === 'sms' ? smsLength(rendered.text, { turkishShift: await smsTurkishShift(tx, ctx, brandId) }) : null;
  return { ...rendered, customer, sms };
}
