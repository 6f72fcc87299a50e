import type { Tx } from '../../platform/db/database';
import { notFound } from '../../platform/http/problem';
import type { Locale } from '../../platform/i18n';
import { addDays } from '../../platform/time';
import type { AuditSource } from '../access/audit';
import { orgToday } from '../access/hot-settings';
import { createCampaign as createCouponCampaign } from '../loyalty/campaigns';
import { createTemplate, listTemplates } from '../messaging/templates/service';
import { createSegment } from '../segments/service';
import { createCampaign } from './service';

type Text = Record<Locale, string>;

interface Preset {
  key: string;
  name: Text;
  description: Text;
  /** The RFM segments (analytics) the audience is. */
  rfm: string[];
  segmentName: Text;
  sms: Text;
  /** A personal coupon of this percentage, valid this many days, issued to each messaged customer. */
  coupon?: { percent: number; validDays: number };
}

/** The seed's three campaigns, one click from a draft: the segment, the SMS, the coupon and a 10 % control group. */
export const PRESETS: Preset[] = [
  {
    key: 'we_miss_you',
    name: { tr: 'Sizi özledik %15', en: 'We miss you 15 %' },
    description: {
      tr: 'Eskiden sık gelip bir süredir gelmeyen (RFM "Risk altında") müşterilere kişiye özel %15 indirim kodu.',
      en: 'A personal 15 % code for customers who used to come often and stopped (RFM "At risk").',
    },
    rfm: ['at_risk'],
    segmentName: { tr: 'Risk altındaki müşteriler', en: 'At-risk customers' },
    sms: {
      tr: '{{honorific}}, sizi özledik! Bir sonraki alışverişinizde %15 indirim kodunuz: {{couponCode}}. 30 gün geçerli.',
      en: '{{honorific}}, we miss you! Your 15 % code for your next visit: {{couponCode}}. Valid for 30 days.',
    },
    coupon: { percent: 15, validDays: 30 },
  },
  {
    key: 'vip_early_access',
    name: { tr: 'Şampiyonlara erken erişim', en: 'Early access for Champions' },
    description: {
      tr: 'En iyi müşterilere (RFM "Şampiyonlar") indirimsiz, yeni sezona herkesten önce davet.',
      en: 'Your best customers (RFM "Champions") invited to the new season before anyone else, no discount.',
    },
    rfm: ['champions'],
    segmentName: { tr: 'Şampiyonlar', en: 'Champions' },
    sms: {
      tr: '{{honorific}}, yeni sezon ürünlerimizi herkesten önce görmeniz için sizi bu hafta mağazamıza bekliyoruz.',
      en: '{{honorific}}, see our new season before anyone else: we look forward to seeing you in store this week.',
    },
  },
  {
    key: 'appointment_gap',
    name: { tr: 'Randevu boşluğu teklifi', en: 'Appointment gap offer' },
    description: {
      tr: 'Sadık müşterilere (RFM "Sadık") boş saatler için randevu daveti.',
      en: 'Loyal customers (RFM "Loyal") invited to book the free slots.',
    },
    rfm: ['loyal'],
    segmentName: { tr: 'Sadık müşteriler', en: 'Loyal customers' },
    sms: {
      tr: '{{honorific}}, bu hafta sizin için boş saatlerimiz var. Randevunuzu alın, en uygun saati ayıralım.',
      en: '{{honorific}}, we have free slots this week. Book your appointment and we will keep the best time for you.',
    },
  },
];

export const presetView = (p: Preset, locale: Locale) => ({
  key: p.key,
  name: p.name[locale],
  description: p.description[locale],
  rfm: p.rfm,
});

/** Creates the preset's segment, template (and coupon campaign) and a draft campaign to review and send. */
export async function applyPreset(tx: Tx, source: AuditSource, key: string, locale: Locale) {
  const preset = PRESETS.find((p) => p.key === key);
  if (!preset) throw notFound();
  const createdBy = source.auth?.actor?.type === 'user' ? source.auth.actor.id : null;
  const segment = await createSegment(
    tx,
    {
      name: preset.segmentName[locale],
      kind: 'dynamic',
      rule: { op: 'and', rules: [{ field: 'rfm_segment', operator: 'in', value: preset.rfm }] },
    },
    createdBy,
  );
  // Template names are unique per channel: a preset applied again reuses its SMS (perhaps edited since).
  const name = preset.name[locale];
  const template =
    (await listTemplates(tx, { channel: 'sms', purpose: 'marketing', status: 'active', q: name, limit: 50 })).items.find(
      (t) => t.name === name,
    ) ??
    (await createTemplate(tx, source, {
      name,
      channel: 'sms',
      purpose: 'marketing',
      content: { tr: { text: preset.sms.tr }, en: { text: preset.sms.en } },
    }));
  const coupon = preset.coupon
    ? await createCouponCampaign(tx, source, {
        name: preset.name[locale],
        kind: 'personal',
        terms: {
          validUntil: addDays(await orgToday(tx), preset.coupon.validDays),
          onePerCustomer: true,
          requiresCustomer: true,
          effect: {
            id: `${preset.key}-${preset.coupon.percent}`,
            label: preset.name[locale],
            kind: 'percent_off',
            priority: 0,
            stackable: false,
            exclusive: false,
            target: {},
            percent: preset.coupon.percent,
          },
        },
      })
    : null;
  return createCampaign(
    tx,
    source,
    {
      name: preset.name[locale],
      description: preset.description[locale],
      channel: 'sms',
      includeSegments: [segment.id],
      variants: [{ key: 'A', templateId: template.id, percent: 90 }],
      controlPercent: 10,
      attribution: { days: 14, model: 'last_touch' },
      couponCampaignId: coupon?.id ?? null,
    },
    preset.key,
  );
}
