import { ActionIcon, Button, Card, Chip, Group, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconFolderPlus, IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SegmentField } from '../queries';
import { type Condition, emptyCondition, emptyRule, isGroup, isNot, type Group as RuleGroup, type RuleNode } from '../rule';
import { ValueInput } from './ValueInput';

/** The server's limit on nested groups. */
const MAX_DEPTH = 6;

interface Ctx {
  fields: SegmentField[];
  readOnly: boolean;
}

/** The rule tree editor: nested AND / OR groups, each child negatable, conditions typed by the field registry. */
export function RuleBuilder({ rule, onChange, fields, readOnly }: { rule: RuleGroup; onChange: (r: RuleGroup) => void } & Ctx) {
  return <GroupEditor node={rule} onChange={onChange} depth={1} ctx={{ fields, readOnly }} />;
}

function GroupEditor({
  node,
  onChange,
  onRemove,
  depth,
  ctx,
}: {
  node: RuleGroup;
  onChange: (n: RuleGroup) => void;
  onRemove?: () => void;
  depth: number;
  ctx: Ctx;
}) {
  const { t } = useTranslation('segments');
  const setChild = (i: number, child: RuleNode | null) =>
    onChange({ ...node, rules: child === null ? node.rules.filter((_, j) => j !== i) : node.rules.map((r, j) => (j === i ? child : r)) });
  return (
    <Card withBorder padding="sm" data-testid="rule-group" bg={depth % 2 === 0 ? 'var(--mantine-color-gray-0)' : undefined}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <SegmentedControl
          size="xs"
          value={node.op}
          disabled={ctx.readOnly}
          onChange={(op) => onChange({ ...node, op: op as 'and' | 'or' })}
          data={[
            { value: 'and', label: t('builder.and') },
            { value: 'or', label: t('builder.or') },
          ]}
          data-testid="group-op"
        />
        {onRemove && !ctx.readOnly && (
          <ActionIcon variant="subtle" color="gray" onClick={onRemove} aria-label={t('builder.removeGroup')}>
            <IconX size={16} />
          </ActionIcon>
        )}
      </Group>
      <Stack gap="xs">
        {node.rules.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('builder.emptyGroup')}
          </Text>
        )}
        {node.rules.map((child, i) => {
          const negated = isNot(child);
          const inner = negated ? child.rule : child;
          const setInner = (n: RuleNode) => setChild(i, negated ? { op: 'not', rule: n } : n);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: children have no ids; their position is their identity
            <Stack key={i} gap={4}>
              {i > 0 && (
                <Text size="xs" fw={700} c="dimmed">
                  {node.op === 'and' ? t('builder.andJoin') : t('builder.orJoin')}
                </Text>
              )}
              <Group gap="xs" align="flex-start" wrap="nowrap">
                <Chip
                  size="xs"
                  color="red"
                  checked={negated}
                  disabled={ctx.readOnly}
                  onChange={(on) => setChild(i, on ? { op: 'not', rule: inner } : inner)}
                  data-testid="rule-not"
                >
                  {t('builder.not')}
                </Chip>
                <div style={{ flex: 1, minWidth: 0 }}>
                  {isGroup(inner) ? (
                    <GroupEditor node={inner} onChange={setInner} onRemove={() => setChild(i, null)} depth={depth + 1} ctx={ctx} />
                  ) : (
                    <ConditionEditor node={inner as Condition} onChange={setInner} onRemove={() => setChild(i, null)} ctx={ctx} />
                  )}
                </div>
              </Group>
            </Stack>
          );
        })}
      </Stack>
      {!ctx.readOnly && (
        <Group gap="xs" mt="sm">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange({ ...node, rules: [...node.rules, emptyCondition()] })}
            data-testid="add-condition"
          >
            {t('builder.addCondition')}
          </Button>
          {depth < MAX_DEPTH && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconFolderPlus size={14} />}
              onClick={() => onChange({ ...node, rules: [...node.rules, emptyRule()] })}
              data-testid="add-group"
            >
              {t('builder.addGroup')}
            </Button>
          )}
        </Group>
      )}
    </Card>
  );
}

function ConditionEditor({
  node,
  onChange,
  onRemove,
  ctx,
}: {
  node: Condition;
  onChange: (n: Condition) => void;
  onRemove: () => void;
  ctx: Ctx;
}) {
  const { t } = useTranslation('segments');
  const field = ctx.fields.find((f) => f.key === node.field);
  const operator = field?.operators.find((o) => o.key === node.operator);
  const groups = [...new Set(ctx.fields.map((f) => f.group))].map((g) => ({
    group: t(`groups.${g}`),
    items: ctx.fields.filter((f) => f.group === g).map((f) => ({ value: f.key, label: f.label })),
  }));
  const pickField = (key: string | null) => {
    const next = ctx.fields.find((f) => f.key === key);
    onChange(next ? { field: next.key, operator: next.operators[0].key } : { field: '', operator: '' });
  };
  return (
    <Card withBorder padding="xs" data-testid="rule-condition">
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" style={{ flex: 1, minWidth: 0 }}>
          <Select
            size="sm"
            label={t('builder.field')}
            placeholder={t('builder.pickField')}
            value={node.field || null}
            onChange={pickField}
            data={groups}
            searchable
            disabled={ctx.readOnly}
            nothingFoundMessage={t('builder.noField')}
            data-testid="condition-field"
            comboboxProps={{ withinPortal: true }}
          />
          {field && (
            <Select
              size="sm"
              label={t('builder.operator')}
              value={node.operator}
              allowDeselect={false}
              onChange={(op) => op && onChange({ ...node, operator: op, value: undefined })}
              data={field.operators.map((o) => ({ value: o.key, label: o.label }))}
              disabled={ctx.readOnly}
              data-testid="condition-operator"
            />
          )}
          {field && operator && operator.valueType !== 'none' && (
            <ValueInput
              type={operator.valueType}
              value={node.value}
              onChange={(value) => onChange({ ...node, value })}
              options={field.options}
              label={t('builder.value')}
              testId="condition-value"
            />
          )}
          {field?.params.map((p) => (
            <ValueInput
              key={p.key}
              type={p.type}
              value={node[p.key]}
              onChange={(v) => {
                const { [p.key]: _, ...rest } = node;
                onChange((v === undefined ? rest : { ...rest, [p.key]: v }) as Condition);
              }}
              options={null}
              label={p.label}
              testId={`param-${p.key}`}
            />
          ))}
        </SimpleGrid>
        {!ctx.readOnly && (
          <ActionIcon variant="subtle" color="gray" onClick={onRemove} aria-label={t('builder.removeCondition')} mt={26}>
            <IconX size={16} />
          </ActionIcon>
        )}
      </Group>
    </Card>
  );
}
