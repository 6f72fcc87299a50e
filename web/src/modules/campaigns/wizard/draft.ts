import type { Campaign, CampaignInput, Channel } from '../queries';

/** What the wizard edits: the API's input with the schedule as a choice and dates as Date. */
export interface Draft {
  name: string;
  description: string;
  channel: Channel;
  includeSegments: string[];
  excludeSegments: string[];
  variants: { key: string; templateId: string | null; percent: number }[];
  controlPercent: number;
  abTest: { winnerMetric: 'opens' | 'clicks' | 'conversions'; decideAfterHours: number } | null;
  sendAt: Date | null;
  throttlePerHour: number | null;
  attribution: { days: number; model: 'last_touch' | 'first_touch' };
  couponCampaignId: string | null;
}

export const VARIANT_KEYS = ['A', 'B', 'C', 'D'] as const;

export const emptyDraft = (): Draft => ({
  name: '',
  description: '',
  channel: 'sms',
  includeSegments: [],
  excludeSegments: [],
  variants: [{ key: 'A', templateId: null, percent: 90 }],
  controlPercent: 10,
  abTest: null,
  sendAt: null,
  throttlePerHour: null,
  attribution: { days: 7, model: 'last_touch' },
  couponCampaignId: null,
});

export const draftOf = (c: Campaign): Draft => ({
  name: c.name,
  description: c.description ?? '',
  channel: c.channel,
  includeSegments: c.includeSegments,
  excludeSegments: c.excludeSegments,
  variants: c.variants,
  controlPercent: c.controlPercent,
  abTest: c.abTest,
  sendAt: c.scheduledAt ? new Date(c.scheduledAt) : null,
  throttlePerHour: c.throttlePerHour,
  attribution: c.attribution,
  couponCampaignId: c.couponCampaignId,
});

export const inputOf = (d: Draft): CampaignInput => ({
  name: d.name,
  description: d.description || null,
  channel: d.channel,
  includeSegments: d.includeSegments,
  excludeSegments: d.excludeSegments,
  variants: d.variants.map((v) => ({ key: v.key, templateId: v.templateId ?? '', percent: v.percent })),
  controlPercent: d.controlPercent,
  abTest: d.abTest,
  scheduledAt: d.sendAt ? d.sendAt.toISOString() : null,
  throttlePerHour: d.throttlePerHour,
  attribution: d.attribution,
  couponCampaignId: d.couponCampaignId,
});

/** Shares in basis points, so 33.33 + 33.33 + 33.34 adds up exactly. */
export const shareTotal = (d: Draft) =>
  (d.variants.reduce((s, v) => s + Math.round(v.percent * 100), 0) + Math.round(d.controlPercent * 100)) / 100;
