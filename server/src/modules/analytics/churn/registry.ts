import type { SQL } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context';
import type { MessageKey } from '../../../platform/i18n';

/** What a signal's SQL is given: the org and the day the risk is measured on (org time zone). */
export interface ChurnSignalInput {
  orgId: string;
  /** `YYYY-MM-DD` */
  asOf: string;
}

/**
 * One reason a customer may be leaving. `sql` is one set-based `select` returning, for every
 * customer the signal can measure, `customer_id uuid`, `strength float8` (0 = no sign of leaving,
 * 1 = the strongest; clamped) and `vals jsonb` (flat numbers that fill the reason's `{placeholders}`).
 * It runs inside the org's tenant transaction as part of one statement, where the CTE `churn_days`
 * (`customer_id`, `day`, `amount` kuruş: the customer's purchase days up to `asOf`, stores merged) is
 * in scope. A customer the signal cannot measure (no data) is simply not returned: the API then lists
 * the signal under `unmeasured` with the `unmeasured` text.
 *
 * A module reads only its own tables (or another module's read views) here.
 */
export interface ChurnSignal {
  /** stable, snake_case, unique */
  key: string;
  /** how much a full-strength signal counts, 0 < weight ≤ 1 (see the formula in docs/analytics.md) */
  weight: number;
  /** server message keys (messages.ts of the registering module, tr and en) */
  label: MessageKey;
  reason: MessageKey;
  unmeasured: MessageKey;
  sql(input: ChurnSignalInput): SQL;
}

const KEY = /^[a-z][a-z0-9_]{1,40}$/;
const registries = new WeakMap<AppContext, Map<string, ChurnSignal>>();

/**
 * Adds a signal to the churn score of this app. Call it from a module's `setup(ctx)`:
 * `registerChurnSignal(ctx, { key: 'email_engagement_falling', … })`. The next computation (nightly,
 * after a CLV fit, or `POST /api/v1/analytics/churn/run`) includes it.
 */
export function registerChurnSignal(ctx: AppContext, signal: ChurnSignal): void {
  if (!KEY.test(signal.key)) throw new Error(`churn signal key must be snake_case: ${signal.key}`);
  if (!(signal.weight > 0 && signal.weight <= 1)) throw new Error(`churn signal weight must be in (0, 1]: ${signal.key}`);
  const signals = registries.get(ctx) ?? new Map<string, ChurnSignal>();
  registries.set(ctx, signals);
  if (signals.has(signal.key)) throw new Error(`churn signal registered twice: ${signal.key}`);
  signals.set(signal.key, signal);
}

/** The signals registered for this app, in registration order. */
export const churnSignals = (ctx: AppContext): ChurnSignal[] => [...(registries.get(ctx)?.values() ?? [])];
