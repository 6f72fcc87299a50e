import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { getStore, listStores } from '../access/stores';
import type { CompileEnv, Condition, FieldParam, Option } from './registry';

// Building blocks for the fields other modules register: each turns an operator and its
// (validated) value into SQL with the value as a parameter.

const neverNullPredicates = new WeakSet<SQL>();

/** Marks a predicate that is never NULL (an EXISTS), so that NOT of it needs no COALESCE (compile.ts). */
export function neverNull(predicate: SQL): SQL {
  neverNullPredicates.add(predicate);
  return predicate;
}

export const isNeverNull = (predicate: SQL) => neverNullPredicates.has(predicate);

/** Today in the org's time zone. */
export const today = (env: CompileEnv) => sql`${env.today}::date`;

export const textArray = (values: unknown) => sql`${sql.param(values as string[])}::text[]`;
export const uuidArray = (values: unknown) => sql`${sql.param(values as string[])}::uuid[]`;

/** eq, neq, gte, lte, between, is_set, is_not_set on a numeric (or comparable) expression. */
export function compare(expr: SQL, operator: string, value: unknown): SQL {
  switch (operator) {
    case 'eq':
      return sql`${expr} = ${value}`;
    case 'neq':
      return sql`${expr} <> ${value}`;
    case 'gte':
      return sql`${expr} >= ${value}`;
    case 'lte':
      return sql`${expr} <= ${value}`;
    case 'between': {
      const [from, to] = value as [number, number];
      return sql`${expr} between ${from} and ${to}`;
    }
    case 'is_set':
      return sql`${expr} is not null`;
    case 'is_not_set':
      return sql`${expr} is null`;
    default:
      throw new Error(`operator ${operator} is not a comparison`);
  }
}

/** Whether a comparison (compare's operators) holds for 0: the count or sum of a customer with no rows. */
export function holdsForZero(operator: string, value: unknown): boolean {
  if (operator === 'between') return (value as number[])[0] <= 0 && 0 <= (value as number[])[1];
  const v = value as number;
  return operator === 'eq' ? v === 0 : operator === 'gte' ? 0 >= v : operator === 'lte' ? 0 <= v : false;
}

export const NUMBER_OPERATORS = { gte: 'number', lte: 'number', between: 'number_range', eq: 'number' } as const;
export const MONEY_OPERATORS = { gte: 'money', lte: 'money', between: 'money_range' } as const;

/** within_last / not_within_last (days), before / after (a date), is_set / is_not_set on a date expression. */
export function dateTest(expr: SQL, operator: string, value: unknown, env: CompileEnv): SQL {
  switch (operator) {
    case 'within_last':
      return sql`${expr} > ${today(env)} - ${value}::int`;
    case 'not_within_last':
      return sql`${expr} <= ${today(env)} - ${value}::int`;
    case 'before':
      return sql`${expr} < ${value}::date`;
    case 'after':
      return sql`${expr} > ${value}::date`;
    default:
      return compare(expr, operator, value);
  }
}

/**
 * dateTest on the local date (org's zone) of a timestamptz column, written as a comparison of the
 * column with the instant a local day starts: no conversion per row, and an index on it serves.
 */
export function instantTest(column: SQL, operator: string, value: unknown, env: CompileEnv): SQL {
  const dayStart = (day: SQL) => sql`((${day})::timestamp at time zone ${env.timezone})`;
  switch (operator) {
    case 'within_last':
      return sql`${column} >= ${dayStart(sql`${today(env)} - ${value}::int + 1`)}`;
    case 'not_within_last':
      return sql`${column} < ${dayStart(sql`${today(env)} - ${value}::int + 1`)}`;
    case 'before':
      return sql`${column} < ${dayStart(sql`${value}::date`)}`;
    case 'after':
      return sql`${column} >= ${dayStart(sql`${value}::date + 1`)}`;
    default:
      return compare(column, operator, value);
  }
}

export const DATE_OPERATORS = { within_last: 'days', not_within_last: 'days', before: 'date', after: 'date' } as const;

/** The optional look-back window of behaviour fields. */
export const WITHIN_DAYS: Record<string, FieldParam> = {
  withinDays: {
    type: 'days',
    required: false,
    label: { tr: 'Son kaç gün içinde', en: 'Within the last … days' },
  },
};

/** `and <date column> > today − withinDays` when the condition has a window. */
export const windowOf = (condition: Condition, dateColumn: SQL, env: CompileEnv) =>
  condition.withinDays === undefined ? sql`` : sql`and ${dateColumn} > ${today(env)} - ${condition.withinDays}::int`;

/** The org's stores as options (access module's service). */
export async function storeOptions(tx: Tx): Promise<Option[]> {
  const { items } = await listStores(tx, null, { limit: 200 });
  return items.map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }));
}

/** A condition naming stores of another org (or none) is invalid at its value. */
export async function checkStores(tx: Tx, condition: Condition): Promise<Condition | { invalid: string }> {
  for (const id of new Set(condition.value as string[])) {
    try {
      await getStore(tx, null, id);
    } catch {
      return { invalid: 'value' };
    }
  }
  return condition;
}
