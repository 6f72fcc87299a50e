import { type SQL, sql } from 'drizzle-orm';
import { compare, holdsForZero, NUMBER_OPERATORS, neverNull, textArray } from '../segments/field-sql';
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
      neverNull(
        operator === 'in'
          ? sql`exists (select 1 from loyalty_accounts a where a.org_id = c.org_id and a.customer_id = c.id and a.tier_code = any(${textArray(value)}))`
          : sql`not exists (select 1 from loyalty_accounts a where a.org_id = c.org_id and a.customer_id = c.id and a.tier_code is not null)`,
      ),
  });
  registerSegmentField({
    key: 'points_balance',
    group: 'loyalty',
    label: { tr: 'Puan bakiyesi', en: 'Points balance' },
    operators: NUMBER_OPERATORS,
    // One grouping of the accounts for the whole count rather than a sum per customer; a customer
    // without an account has 0 points.
    compile: ({ operator, value }, env) => {
      const balances = (test: SQL) => sql`(select a.customer_id from loyalty_accounts a where a.org_id = ${env.orgId}
        group by a.customer_id having ${test})`;
      return neverNull(
        holdsForZero(operator, value)
          ? sql`c.id not in ${balances(sql`not (${compare(sql`sum(a.balance)`, operator, value)})`)}`
          : sql`c.id in ${balances(compare(sql`sum(a.balance)`, operator, value))}`,
      );
    },
  });
}
