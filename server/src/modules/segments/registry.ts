import type { SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import type { Locale } from '../../platform/i18n';
import type { ValueType } from './values';

export const FIELD_GROUPS = ['profile', 'consent', 'analytics', 'loyalty', 'purchases', 'time', 'messages', 'carts'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

export type Label = { tr: string; en: string };

/** One condition of a rule tree, as validated: the field's own parameters sit beside value. */
export interface Condition {
  field: string;
  operator: string;
  value?: unknown;
  [param: string]: unknown;
}

/** What a compiled condition may depend on besides its own values. */
export interface CompileEnv {
  /** The org the rule is compiled for (a value: a subquery on it runs once, not per customer). */
  orgId: string;
  /** The org's time zone: "within N days", weekdays and hours are read in it. */
  timezone: string;
  /** Today's date in that zone (YYYY-MM-DD), a value rather than SQL: the planner estimates windows from it. */
  today: string;
  /**
   * Aliases of the per-customer tables the rule joins anyway (set while compiling): a field of the
   * same module may key its lookups on such a table's `customer_id` instead of `c.id`, so the
   * planner can join them with it before it reaches the customers.
   */
  joined?: ReadonlySet<string>;
}

export interface Option {
  value: string;
  label: string;
}

export interface FieldParam {
  type: ValueType;
  required: boolean;
  label: Label;
}

/**
 * A table of the field's module with at most one row per customer (`org_id`, `customer_id`): a
 * rule that uses it has it left-joined once under `alias`, however many conditions read it, and
 * the conditions test its columns. A condition that fails for a missing row lets the planner join
 * only the rows that pass.
 */
export interface CustomerTable {
  alias: string;
  table: SQL;
}

/**
 * A field a rule can test. The module that owns the data registers it (in its `setup`) and
 * compiles a condition to a predicate over the customers table aliased `c` (and its `table`):
 * column tests, `exists (…)` or `c.id in (…)`. Values go into the SQL as parameters only.
 */
export interface SegmentField {
  key: string;
  group: FieldGroup;
  label: Label;
  /** operator → the type of its value (`none`: no value). */
  operators: Record<string, ValueType>;
  /** Extra condition keys beside `value`, e.g. `withinDays`. */
  params?: Record<string, FieldParam>;
  /** Allowed values of `enum` / `enum_list` values: fixed, checked on validation. */
  enumValues?: readonly string[];
  /** Labels of the allowed values (and of dynamic ones: stores, categories) for the builder. */
  options?(tx: Tx, locale: Locale): Promise<Option[]>;
  /**
   * Checks a condition against the org's data before compiling (ids of another org, unknown
   * keys) and may resolve it (a brand to its stores). Returns an error reason for the value.
   */
  resolve?(tx: Tx, condition: Condition): Promise<Condition | { invalid: string }>;
  /** The per-customer table the compiled predicate reads, when it reads one. */
  table?: CustomerTable;
  compile(condition: Condition, env: CompileEnv): SQL;
}

const fields = new Map<string, SegmentField>();

/** Registers a field; a module calls it from its `setup`. Registering a key twice replaces it (tests re-create apps). */
export function registerSegmentField(def: SegmentField): void {
  fields.set(def.key, def);
}

export const segmentField = (key: string): SegmentField | undefined => fields.get(key);

export const segmentFields = (): SegmentField[] => [...fields.values()];
