import type { CouponRejectReason } from './coupons';
import type { EarnSource, RedemptionRejectReason } from './points';
import type { PromotionRejectReason } from './promotions/types';
import type { PromotionKind } from './schemas';

/**
 * Texts explaining the engine's answers ("test this basket", the POS screen), TR (default) and EN.
 * Not wired into the app's i18n yet: the lead spreads these into platform/i18n/{tr,en}.ts.
 * Placeholders are `{name}` as in the platform catalogs, filled from a rejection's `params`.
 */
export const loyaltyEngineTr = {
  // promotion, coupon and redemption reasons (one key per stable code)
  'loyalty.reason.not_started': 'Kampanya henüz başlamadı.',
  'loyalty.reason.expired': 'Kampanyanın süresi doldu.',
  'loyalty.reason.outside_weekdays': 'Kampanya bugün geçerli değil.',
  'loyalty.reason.outside_hours': 'Kampanya bu saatte geçerli değil.',
  'loyalty.reason.store_not_eligible': 'Kampanya bu mağazada geçerli değil.',
  'loyalty.reason.channel_not_eligible': 'Kampanya bu satış kanalında geçerli değil.',
  'loyalty.reason.customer_required': 'Kampanya için müşterinin tanıtılması gerekiyor.',
  'loyalty.reason.tier_not_eligible': 'Müşterinin üyelik seviyesi bu kampanyaya uygun değil.',
  'loyalty.reason.segment_not_eligible': 'Müşteri bu kampanyanın hedef kitlesinde değil.',
  'loyalty.reason.tag_not_eligible': 'Müşteri bu kampanyanın etiketine sahip değil.',
  'loyalty.reason.coupon_required': 'Bu kampanya için kupon kodu gerekiyor.',
  'loyalty.reason.minimum_basket_not_met': 'Sepet tutarı alt sınıra ulaşmadı.',
  'loyalty.reason.duplicate_promotion': 'Aynı kampanya birden fazla kez gönderildi.',
  'loyalty.reason.blocked_by_exclusive': 'Daha öncelikli, tek başına geçerli bir kampanya uygulandı.',
  'loyalty.reason.no_matching_items': 'Sepette kampanyaya uyan ürün yok.',
  'loyalty.reason.quantity_not_met': 'Kampanya için en az {required} adet uygun ürün gerekiyor.',
  'loyalty.reason.threshold_not_met': 'Sepet tutarı kampanya eşiğine ulaşmadı.',
  'loyalty.reason.no_discount': 'Uygun ürünler zaten indirimli; bu kampanya ek indirim sağlamıyor.',
  'loyalty.reason.coupon_inactive': 'Bu kupon kullanıma kapalı.',
  'loyalty.reason.not_your_coupon': 'Bu kupon başka bir müşteriye ait.',
  'loyalty.reason.coupon_already_used': 'Bu kupon daha önce kullanıldı.',
  'loyalty.reason.usage_limit_reached': 'Bu kuponun kullanım hakkı doldu.',
  'loyalty.reason.already_used_by_customer': 'Müşteri bu kuponu daha önce kullandı.',
  'loyalty.reason.invalid_points': 'Kullanılacak puan pozitif bir tam sayı olmalı.',
  'loyalty.reason.not_whole_units': 'Puanlar yalnızca tam birimler halinde kullanılabilir.',
  'loyalty.reason.insufficient_points': 'Puan bakiyesi yetersiz.',
  'loyalty.reason.below_minimum': 'Bir fişte en az {minPoints} puan kullanılabilir.',
  'loyalty.reason.above_maximum': 'Bu fişte en fazla {maxPoints} puan kullanılabilir.',
  // promotion kinds
  'loyalty.kind.percent_off': 'Kategori / marka / ürün yüzde indirimi',
  'loyalty.kind.buy_get': 'X al Y kazan',
  'loyalty.kind.n_for_m': 'N al M öde',
  'loyalty.kind.basket_threshold': 'Sepet tutarına indirim veya puan',
  'loyalty.kind.bundle_price': 'Paket fiyatı',
  // where earned points come from
  'loyalty.earn.base': 'Temel puan',
  'loyalty.earn.category': 'Kategori çarpanı',
  'loyalty.earn.brand': 'Marka çarpanı',
  'loyalty.earn.sku': 'Ürün çarpanı',
  'loyalty.earn.store': 'Mağaza çarpanı',
  'loyalty.earn.time': 'Dönem / gün / saat çarpanı',
  'loyalty.earn.tier': 'Üyelik seviyesi çarpanı',
  'loyalty.earn.birthday': 'Doğum günü ayı',
  // tier changes
  'loyalty.tier.upgrade': 'Üyelik seviyesi yükseldi: {tier}',
  'loyalty.tier.downgrade': 'Üyelik seviyesi düştü: {tier}',
  'loyalty.tier.none': 'Üyelik seviyesi değişmedi.',
} as const;

export type LoyaltyEngineMessageKey = keyof typeof loyaltyEngineTr;

export const loyaltyEngineEn: Record<LoyaltyEngineMessageKey, string> = {
  'loyalty.reason.not_started': 'The promotion has not started yet.',
  'loyalty.reason.expired': 'The promotion has ended.',
  'loyalty.reason.outside_weekdays': 'The promotion is not valid today.',
  'loyalty.reason.outside_hours': 'The promotion is not valid at this hour.',
  'loyalty.reason.store_not_eligible': 'The promotion is not valid in this store.',
  'loyalty.reason.channel_not_eligible': 'The promotion is not valid in this sales channel.',
  'loyalty.reason.customer_required': 'The customer must be identified for this promotion.',
  'loyalty.reason.tier_not_eligible': "The customer's tier is not eligible for this promotion.",
  'loyalty.reason.segment_not_eligible': 'The customer is not in the target segment of this promotion.',
  'loyalty.reason.tag_not_eligible': 'The customer does not have the tag this promotion needs.',
  'loyalty.reason.coupon_required': 'This promotion needs a coupon code.',
  'loyalty.reason.minimum_basket_not_met': 'The basket is below the minimum amount.',
  'loyalty.reason.duplicate_promotion': 'The same promotion was sent more than once.',
  'loyalty.reason.blocked_by_exclusive': 'An exclusive promotion of higher priority applied.',
  'loyalty.reason.no_matching_items': 'No item in the basket qualifies for the promotion.',
  'loyalty.reason.quantity_not_met': 'The promotion needs at least {required} qualifying items.',
  'loyalty.reason.threshold_not_met': 'The basket has not reached the promotion threshold.',
  'loyalty.reason.no_discount': 'The qualifying items are already discounted; this promotion adds nothing.',
  'loyalty.reason.coupon_inactive': 'This coupon is disabled.',
  'loyalty.reason.not_your_coupon': 'This coupon belongs to another customer.',
  'loyalty.reason.coupon_already_used': 'This coupon has already been used.',
  'loyalty.reason.usage_limit_reached': 'This coupon has reached its usage limit.',
  'loyalty.reason.already_used_by_customer': 'The customer has already used this coupon.',
  'loyalty.reason.invalid_points': 'Points to redeem must be a positive whole number.',
  'loyalty.reason.not_whole_units': 'Points can only be redeemed in whole units.',
  'loyalty.reason.insufficient_points': 'Not enough points.',
  'loyalty.reason.below_minimum': 'At least {minPoints} points must be redeemed on a receipt.',
  'loyalty.reason.above_maximum': 'At most {maxPoints} points can be redeemed on this receipt.',
  'loyalty.kind.percent_off': 'Category / brand / product percent off',
  'loyalty.kind.buy_get': 'Buy X get Y',
  'loyalty.kind.n_for_m': 'N for the price of M',
  'loyalty.kind.basket_threshold': 'Basket threshold discount or points',
  'loyalty.kind.bundle_price': 'Bundle price',
  'loyalty.earn.base': 'Base points',
  'loyalty.earn.category': 'Category multiplier',
  'loyalty.earn.brand': 'Brand multiplier',
  'loyalty.earn.sku': 'Product multiplier',
  'loyalty.earn.store': 'Store multiplier',
  'loyalty.earn.time': 'Period / day / hour multiplier',
  'loyalty.earn.tier': 'Tier multiplier',
  'loyalty.earn.birthday': 'Birthday month',
  'loyalty.tier.upgrade': 'Tier upgraded: {tier}',
  'loyalty.tier.downgrade': 'Tier downgraded: {tier}',
  'loyalty.tier.none': 'Tier unchanged.',
};

export type EngineReason = PromotionRejectReason | CouponRejectReason | RedemptionRejectReason;

export const reasonKey = (reason: EngineReason) => `loyalty.reason.${reason}` as LoyaltyEngineMessageKey;
export const kindKey = (kind: PromotionKind) => `loyalty.kind.${kind}` as LoyaltyEngineMessageKey;
export const earnSourceKey = (source: EarnSource) => `loyalty.earn.${source}` as LoyaltyEngineMessageKey;

/** Fills a message for tests and tools until the app's i18n carries these keys. */
export function explain(locale: 'tr' | 'en', key: LoyaltyEngineMessageKey, params: Record<string, string | number> = {}): string {
  const text = (locale === 'en' ? loyaltyEngineEn : loyaltyEngineTr)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
