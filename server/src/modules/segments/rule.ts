import { Problem } from '../../platform/http/problem';
import type { MessageKey } from '../../platform/i18n';
import { type Condition, segmentField } from './registry';
import { VALUE_SCHEMAS } from './values';

/**
 * The rule tree: groups `{ op: 'and' | 'or', rules }`, negation `{ op: 'not', rule }` and
 * conditions `{ field, operator, value, …field params }`, nested freely within the limits below.
 */
export type Rule = { op: 'and' | 'or'; rules: Rule[] } | { op: 'not'; rule: Rule } | Condition;

export const MAX_DEPTH = 6;
export const MAX_CONDITIONS = 50;

export const RULE_ERRORS = [
  'not_object',
  'unknown_op',
  'unknown_key',
  'unknown_field',
  'unknown_operator',
  'invalid_value',
  'invalid_param',
  'missing_param',
  'too_deep',
  'too_many',
] as const;
export type RuleError = (typeof RULE_ERRORS)[number];

/** 400 `segment_invalid_rule`, naming the bad node as `rules[1].rules[0].operator`. */
export function invalidRule(path: string, reason: RuleError | string) {
  const key = `segments.rule.${reason}` as MessageKey;
  const at = path || 'rule';
  return new Problem(
    400,
    'segment_invalid_rule',
    key,
    { path: at },
    { path: at, reason, fieldErrors: [{ field: at, code: reason, key, params: { path: at } }] },
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Validates a rule tree from untrusted JSON; throws `invalidRule` at the first bad node. */
export function parseRule(input: unknown): Rule {
  let conditions = 0;
  const walk = (node: unknown, path: string, depth: number): Rule => {
    if (!isObject(node)) throw invalidRule(path, 'not_object');
    if (depth > MAX_DEPTH) throw invalidRule(path, 'too_deep');
    if ('op' in node) {
      const { op } = node;
      if (op === 'and' || op === 'or') {
        extraKeys(node, ['op', 'rules'], path);
        if (!Array.isArray(node.rules)) throw invalidRule(join(path, 'rules'), 'not_object');
        return { op, rules: node.rules.map((r, i) => walk(r, `${join(path, 'rules')}[${i}]`, depth + 1)) };
      }
      if (op === 'not') {
        extraKeys(node, ['op', 'rule'], path);
        return { op, rule: walk(node.rule, join(path, 'rule'), depth + 1) };
      }
      throw invalidRule(join(path, 'op'), 'unknown_op');
    }
    if (++conditions > MAX_CONDITIONS) throw invalidRule(path, 'too_many');
    return parseCondition(node, path);
  };
  return walk(input, '', 1);
}

function extraKeys(node: Record<string, unknown>, allowed: string[], path: string) {
  const extra = Object.keys(node).find((k) => !allowed.includes(k));
  if (extra !== undefined) throw invalidRule(join(path, extra), 'unknown_key');
}

function parseCondition(node: Record<string, unknown>, path: string): Condition {
  const field = typeof node.field === 'string' ? segmentField(node.field) : undefined;
  if (!field) throw invalidRule(join(path, 'field'), 'unknown_field');
  const operator = node.operator;
  const valueType = typeof operator === 'string' && Object.hasOwn(field.operators, operator) ? field.operators[operator] : undefined;
  if (!valueType || typeof operator !== 'string') throw invalidRule(join(path, 'operator'), 'unknown_operator');
  const params = field.params ?? {};
  extraKeys(node, ['field', 'operator', 'value', ...Object.keys(params)], path);
  const value = VALUE_SCHEMAS[valueType].safeParse(node.value);
  const enumOk = (v: unknown) => !field.enumValues || field.enumValues.includes(v as string);
  if (
    !value.success ||
    (valueType === 'enum' && !enumOk(value.data)) ||
    (valueType === 'enum_list' && !(value.data as string[]).every(enumOk))
  ) {
    throw invalidRule(join(path, 'value'), 'invalid_value');
  }
  const condition: Condition = { field: field.key, operator };
  if (value.data !== undefined) condition.value = value.data;
  for (const [key, param] of Object.entries(params)) {
    if (node[key] === undefined) {
      if (param.required) throw invalidRule(join(path, key), 'missing_param');
      continue;
    }
    const parsed = VALUE_SCHEMAS[param.type].safeParse(node[key]);
    if (!parsed.success) throw invalidRule(join(path, key), 'invalid_param');
    condition[key] = parsed.data;
  }
  return condition;
}

/** Every condition of a tree with its path, for checks that need the database. */
export function conditionsOf(rule: Rule, path = ''): { condition: Condition; path: string }[] {
  if ('field' in rule) return [{ condition: rule as Condition, path }];
  if (rule.op === 'not') return conditionsOf(rule.rule, join(path, 'rule'));
  if (rule.op === 'and' || rule.op === 'or') return rule.rules.flatMap((r, i) => conditionsOf(r, `${join(path, 'rules')}[${i}]`));
  return [];
}
