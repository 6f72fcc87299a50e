import { sql } from 'drizzle-orm';
import { clvFits, clvScores } from '../schema';
import type { ChurnSignal } from './registry';

/** Spend is compared over two windows of this many days: the latest and the one before it. */
export const SPEND_WINDOW_DAYS = 90;

/**
 * P(alive) of the latest org-wide CLV fit (only the latest fit of a scope keeps scores):
 * strength = 1 − P(alive), the model's probability that the customer has already left.
 * Unmeasured when no org-wide fit exists or the customer was not in it.
 */
export const pAliveLow: ChurnSignal = {
  key: 'p_alive_low',
  weight: 0.9,
  label: 'analytics.churn.label.p_alive_low',
  reason: 'analytics.churn.reason.p_alive_low',
  unmeasured: 'analytics.churn.unmeasured.p_alive_low',
  sql: ({ orgId }) => sql`
    select s.customer_id, 1 - s.p_alive as strength, jsonb_build_object('pAlive', round(100 * s.p_alive)::int) as vals
    from ${clvScores} s join ${clvFits} f on f.org_id = s.org_id and f.id = s.fit_id
    where s.org_id = ${orgId} and f.brand_id is null`,
};

/**
 * The customer's own rhythm: mean gap g = (last − first purchase day) / (purchase days − 1), days
 * since the last purchase d; strength = (d − g) / 2g clamped to 0..1 — nothing while within one
 * usual gap, half at two gaps, full at three. Needs at least two purchase days.
 */
export const rhythmBroken: ChurnSignal = {
  key: 'rhythm_broken',
  weight: 0.8,
  label: 'analytics.churn.label.rhythm_broken',
  reason: 'analytics.churn.reason.rhythm_broken',
  unmeasured: 'analytics.churn.unmeasured.rhythm_broken',
  sql: ({ asOf }) => sql`
    select customer_id, (since - gap) / (2 * gap) as strength,
      jsonb_build_object('gap', round(gap)::int, 'days', since::int) as vals
    from (
      select customer_id, (${asOf}::date - max(day))::float8 as since, (max(day) - min(day))::float8 / (count(*) - 1) as gap
      from churn_days group by customer_id having count(*) >= 2) r`,
};

/**
 * Net spend (returns deducted) of the last 90 days, L, against the 90 days before, P:
 * strength = (P − L) / P clamped to 0..1 — the share of the spend that went away. Measured when
 * P > 0 (a customer with nothing to lose shows no fall).
 */
export const spendFalling: ChurnSignal = {
  key: 'spend_falling',
  weight: 0.5,
  label: 'analytics.churn.label.spend_falling',
  reason: 'analytics.churn.reason.spend_falling',
  unmeasured: 'analytics.churn.unmeasured.spend_falling',
  sql: ({ asOf }) => sql`
    select customer_id, (previous - latest) / previous as strength,
      jsonb_build_object('drop', greatest(0, round(100 * (previous - latest) / previous))::int, 'latest', latest::bigint, 'previous', previous::bigint) as vals
    from (
      select customer_id,
        coalesce(sum(amount) filter (where day > ${asOf}::date - ${SPEND_WINDOW_DAYS}::int), 0)::float8 as latest,
        coalesce(sum(amount) filter (where day <= ${asOf}::date - ${SPEND_WINDOW_DAYS}::int and day > ${asOf}::date - ${2 * SPEND_WINDOW_DAYS}::int), 0)::float8 as previous
      from churn_days where day > ${asOf}::date - ${2 * SPEND_WINDOW_DAYS}::int group by customer_id) w
    where previous > 0`,
};

export const BUILT_IN_SIGNALS = [pAliveLow, rhythmBroken, spendFalling];
