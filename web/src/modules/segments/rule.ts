/** A node of the rule tree as the builder edits it (the server's SegmentRule). */
export type RuleNode =
  | { op: 'and' | 'or'; rules: RuleNode[] }
  | { op: 'not'; rule: RuleNode }
  | { field: string; operator: string; value?: unknown; [param: string]: unknown };

export type Group = Extract<RuleNode, { rules: RuleNode[] }>;
export type Condition = Extract<RuleNode, { field: string }>;

export const isGroup = (n: RuleNode): n is Group => 'rules' in n;
export const isNot = (n: RuleNode): n is Extract<RuleNode, { op: 'not' }> => 'op' in n && n.op === 'not';

export const emptyRule = (): Group => ({ op: 'and', rules: [] });
export const emptyCondition = (): Condition => ({ field: '', operator: '' });

/**
 * The rule with conditions not yet given a field left out, so the live count follows the draft
 * while a new condition is being filled in.
 */
export function completeRule(node: RuleNode): RuleNode | null {
  if (isGroup(node)) return { op: node.op, rules: node.rules.map(completeRule).filter((r): r is RuleNode => r !== null) };
  if (isNot(node)) {
    const inner = completeRule(node.rule);
    return inner && { op: 'not', rule: inner };
  }
  return node.field && node.operator ? node : null;
}
