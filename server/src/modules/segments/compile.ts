import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { orgClock } from '../access/hot-settings';
import { type CompileEnv, type Condition, segmentField } from './registry';
import { invalidRule, parseRule, type Rule } from './rule';

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * A predicate over the customers table aliased `c`. A condition that is unknown (NULL) counts as
 * false: under `not` it is coalesced first, so "not in İstanbul" includes customers with no city.
 */
export function compileRule(rule: Rule, env: CompileEnv): SQL {
  if ('field' in rule) {
    const field = segmentField(rule.field);
    if (!field) throw invalidRule('field', 'unknown_field');
    return sql`(${field.compile(rule as Condition, env)})`;
  }
  if (rule.op === 'not') return sql`(not coalesce(${compileRule(rule.rule, env)}, false))`;
  if (rule.rules.length === 0) return rule.op === 'and' ? sql`true` : sql`false`;
  return sql`(${sql.join(
    rule.rules.map((r) => compileRule(r, env)),
    rule.op === 'and' ? sql` and ` : sql` or `,
  )})`;
}

/**
 * Validates untrusted JSON, then lets each field check its values against the org's data (a
 * store of another org is a 400 at its path) and resolve them.
 */
export async function prepareRule(tx: Tx, input: unknown): Promise<Rule> {
  const resolve = async (rule: Rule, path: string): Promise<Rule> => {
    if ('field' in rule) {
      const field = segmentField(rule.field)!;
      if (!field.resolve) return rule;
      const out = await field.resolve(tx, rule as Condition);
      if ('invalid' in out) throw invalidRule(join(path, String(out.invalid)), 'invalid_value');
      return out;
    }
    if (rule.op === 'not') return { op: 'not', rule: await resolve(rule.rule, join(path, 'rule')) };
    const rules: Rule[] = [];
    for (const [i, r] of rule.rules.entries()) rules.push(await resolve(r, `${join(path, 'rules')}[${i}]`));
    return { op: rule.op, rules };
  };
  return resolve(parseRule(input), '');
}

export async function compileEnv(tx: Tx): Promise<CompileEnv> {
  return { timezone: (await orgClock(tx)).timezone };
}

/** The live customers of the org matching a rule, as a subquery of `customer_id`. */
export function matchingSql(tx: Tx, rule: Rule, env: CompileEnv): SQL {
  return sql`select c.id as customer_id from customers c where c.org_id = ${tx.orgId} and c.status = 'active' and ${compileRule(rule, env)}`;
}

/** How many live customers match a rule (the builder's live count); `input` is untrusted JSON. */
export async function countRule(tx: Tx, input: unknown): Promise<number> {
  return countPrepared(tx, await prepareRule(tx, input), await compileEnv(tx));
}

export async function countPrepared(tx: Tx, rule: Rule, env: CompileEnv): Promise<number> {
  const { rows } = await tx.execute(sql`select count(*)::bigint as n from (${matchingSql(tx, rule, env)}) m`);
  return Number((rows[0] as { n: string }).n);
}
