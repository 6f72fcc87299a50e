import { describe, expect, it } from 'vitest';
import type { CouponRejectReason } from './coupons';
import { type EngineReason, explain, kindKey, loyaltyEngineEn, loyaltyEngineTr, reasonKey } from './messages';
import type { RedemptionRejectReason } from './points';
import type { PromotionRejectReason } from './promotions/types';

// Listing every code here makes the compiler check the lists are complete (satisfies Record<…>).
const promotionReasons = {
  not_started: 1,
  expired: 1,
  outside_weekdays: 1,
  outside_hours: 1,
  store_not_eligible: 1,
  channel_not_eligible: 1,
  customer_required: 1,
  tier_not_eligible: 1,
  segment_not_eligible: 1,
  tag_not_eligible: 1,
  coupon_required: 1,
  minimum_basket_not_met: 1,
  duplicate_promotion: 1,
  blocked_by_exclusive: 1,
  no_matching_items: 1,
  quantity_not_met: 1,
  threshold_not_met: 1,
  no_discount: 1,
} satisfies Record<PromotionRejectReason, 1>;
const couponReasons = {
  coupon_inactive: 1,
  not_started: 1,
  expired: 1,
  customer_required: 1,
  not_your_coupon: 1,
  coupon_already_used: 1,
  usage_limit_reached: 1,
  already_used_by_customer: 1,
  minimum_basket_not_met: 1,
} satisfies Record<CouponRejectReason, 1>;
const redemptionReasons = {
  invalid_points: 1,
  not_whole_units: 1,
  insufficient_points: 1,
  below_minimum: 1,
  above_maximum: 1,
} satisfies Record<RedemptionRejectReason, 1>;

describe('engine messages', () => {
  it('has a Turkish and an English text for every reason code', () => {
    const all = [...Object.keys(promotionReasons), ...Object.keys(couponReasons), ...Object.keys(redemptionReasons)] as EngineReason[];
    for (const code of all) {
      expect(loyaltyEngineTr[reasonKey(code)], code).toBeTruthy();
      expect(loyaltyEngineEn[reasonKey(code)], code).toBeTruthy();
    }
    expect(Object.keys(loyaltyEngineEn).sort()).toEqual(Object.keys(loyaltyEngineTr).sort());
  });

  it('fills placeholders from rejection params', () => {
    expect(explain('tr', reasonKey('quantity_not_met'), { required: 3, actual: 2 })).toBe(
      'Kampanya için en az 3 adet uygun ürün gerekiyor.',
    );
    expect(explain('en', kindKey('n_for_m'))).toBe('N for the price of M');
  });
});
