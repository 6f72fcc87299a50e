import type { Basket, PromotionConditions } from './schemas';
import { type LocalTime, minutesOf, windowPosition } from './time';

/** Stable codes saying why a condition failed; the UI translates them (messages.ts). */
export type ConditionReason =
  | 'not_started'
  | 'expired'
  | 'outside_weekdays'
  | 'outside_hours'
  | 'store_not_eligible'
  | 'channel_not_eligible'
  | 'customer_required'
  | 'tier_not_eligible'
  | 'segment_not_eligible'
  | 'tag_not_eligible'
  | 'coupon_required'
  | 'minimum_basket_not_met';

const previousWeekday = (weekday: number) => (weekday === 1 ? 7 : weekday - 1);

/**
 * Weekdays and daily hour windows on the org's wall clock. A window that crosses midnight (22:00–02:00)
 * belongs to the day it starts on: Saturday 01:00 is inside "Friday 22:00–02:00".
 */
export function checkSchedule(
  local: LocalTime,
  rule: { weekdays?: number[]; hours?: { from: string; to: string }[] },
): 'outside_weekdays' | 'outside_hours' | null {
  const { weekdays, hours } = rule;
  const dayOk = (day: number) => !weekdays || weekdays.includes(day);
  if (!hours) return dayOk(local.weekday) ? null : 'outside_weekdays';
  const t = minutesOf(local.time);
  for (const w of hours) {
    const from = minutesOf(w.from);
    const to = minutesOf(w.to);
    if (from < to) {
      if (t >= from && t < to && dayOk(local.weekday)) return null;
    } else {
      if (t >= from && dayOk(local.weekday)) return null;
      if (t < to && dayOk(previousWeekday(local.weekday))) return null;
    }
  }
  return dayOk(local.weekday) ? 'outside_hours' : 'outside_weekdays';
}

export function checkValidity(local: LocalTime, rule: { validFrom?: string; validUntil?: string }): 'not_started' | 'expired' | null {
  const position = windowPosition(local.stamp, rule.validFrom, rule.validUntil);
  return position === 'before' ? 'not_started' : position === 'after' ? 'expired' : null;
}

const norm = (s: string) => s.trim();
const anyOf = (wanted: string[], have: readonly string[] | undefined) => {
  if (!have || have.length === 0) return false;
  const set = new Set(have.map(norm));
  return wanted.some((w) => set.has(norm(w)));
};

/**
 * Every condition except coupons and the minimum basket, in a fixed order so the first failure is the
 * reason reported: dates, weekdays/hours, store, channel, customer.
 */
export function checkContext(conditions: PromotionConditions | undefined, basket: Basket, local: LocalTime): ConditionReason | null {
  if (!conditions) return null;
  const validity = checkValidity(local, conditions);
  if (validity) return validity;
  const schedule = checkSchedule(local, conditions);
  if (schedule) return schedule;
  if (conditions.storeCodes && !anyOf(conditions.storeCodes, [basket.storeCode])) return 'store_not_eligible';
  if (conditions.channels && !anyOf(conditions.channels, [basket.channel])) return 'channel_not_eligible';
  const needsCustomer = conditions.requiresCustomer || conditions.tiers || conditions.segments || conditions.tags;
  const customer = basket.customer;
  if (needsCustomer && !customer) return 'customer_required';
  if (customer) {
    if (conditions.tiers && !anyOf(conditions.tiers, customer.tierCode === null ? [] : [customer.tierCode])) return 'tier_not_eligible';
    if (conditions.segments && !anyOf(conditions.segments, customer.segments)) return 'segment_not_eligible';
    if (conditions.tags && !anyOf(conditions.tags, customer.tags)) return 'tag_not_eligible';
  }
  return null;
}
