import { sql } from 'drizzle-orm';
import { compare, NUMBER_OPERATORS, textArray } from '../segments/field-sql';
import { registerSegmentField } from '../segments/registry';
import { listPrograms } from './definitions';

/** Tier and points balance of the customer's loyalty accounts (any program of the org). */
export function registerLoyaltySegmentFields(): void {
  registerSegmentField({
    key: 'tier',
    group: 'loyalty',
    label: { tr: 'Kademe', en: 'Tier' },
    operators: { in: 'enum_list', is_not_set: 'none' },
    async options(tx) {
      const tiers = new Map<string, string>();
      for (const p of await listPrograms(tx)) for (const t of p.tiers?.tiers ?? []) tiers.set(t.code, t.name ?? t.code);
      return [...tiers].map(([value, label]) => ({ value, label }));
    },
    compile: ({ operator, value }) =>
      operator === 'in'
        ? sql`exists (select 1 from loyalty_accounts a where a.org_id = c.org_id and a.customer_id = c.id and a.tier_code = any(${textArray(value)}))`
        : sql`not exists (select 1 from loyalty_accounts a where a.org_id = c.org_id and a.customer_id = c.id and a.tier_code is not null)`,
  });
  registerSegmentField({
    key: 'points_balance',
    group: 'loyalty',
    label: { tr: 'Puan bakiyesi', en: 'Points balance' },
    operators: NUMBER_OPERATORS,
    compile: ({ operator, value }) =>
      compare(
        sql`(select coalesce(sum(a.balance), 0) from loyalty_accounts a where a.org_id = c.org_id and a.customer_id = c.id)`,
        operator,
        value,
      ),
  });
}
