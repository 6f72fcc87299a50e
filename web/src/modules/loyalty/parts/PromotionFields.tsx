import { ActionIcon, Button, Card, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { KINDS, type LineSelector, type Promotion, type PromotionKind } from '../queries';
import { ConditionsFields } from './ConditionsFields';
import { errorAt, errorsUnder } from './form';
import { DecimalInput, IntInput, MoneyInput } from './inputs';
import { NameAndCode } from './NameAndCode';
import { SelectorInput } from './SelectorInput';

type Of<K extends PromotionKind> = Extract<Promotion, { kind: K }>;
type Step = Of<'basket_threshold'>['steps'][number];
type Reward = Step['reward'];
type BundleItem = Of<'bundle_price'>['items'][number];

/** A new promotion of a kind, keeping the common fields of the one it replaces. */
export function promotionOfKind(kind: PromotionKind, from?: Promotion): Promotion {
  const common = {
    id: from?.id ?? '',
    label: from?.label ?? '',
    priority: from?.priority ?? 0,
    stackable: from?.stackable ?? true,
    exclusive: from?.exclusive ?? false,
    ...(from?.conditions ? { conditions: from.conditions } : {}),
  };
  switch (kind) {
    case 'percent_off':
      return { ...common, kind, target: {}, percent: 10 };
    case 'buy_get':
      return { ...common, kind, buy: { target: {}, quantity: 2 }, get: { quantity: 1, percent: 100 } };
    case 'n_for_m':
      return { ...common, kind, target: {}, n: 3, m: 2 };
    case 'basket_threshold':
      return { ...common, kind, steps: [{ threshold: 100_000, reward: { type: 'amount_off', amount: 10_000 } }] };
    case 'bundle_price':
      return {
        ...common,
        kind,
        items: [
          { target: {}, quantity: 1 },
          { target: {}, quantity: 1 },
        ],
        price: 10_000,
      };
  }
}

interface Props {
  value: Promotion;
  onChange: (p: Promotion) => void;
  /** The form's errors below this promotion, keyed by their path inside it. */
  errors?: Record<string, string>;
  /** A coupon's effect: the code, priority and stacking are secondary and the coupon is the condition. */
  asEffect?: boolean;
  /** Editing a saved promotion: its code no longer changes. */
  codeLocked?: boolean;
}

/** The editor of one promotion: its kind, what it gives on which lines, and (for promotions) its conditions. */
export function PromotionFields({ value, onChange, errors = {}, asEffect = false, codeLocked = false }: Props) {
  const { t } = useTranslation('loyalty');
  const p = value;
  const set = (patch: Partial<Promotion>) => onChange({ ...p, ...patch } as Promotion);
  const err = (key: string) => errorAt(errors, key);
  const under = (key: string) => errorsUnder(errors, key);

  return (
    <Stack gap="sm">
      <NameAndCode
        name={p.label}
        code={p.id}
        codeLocked={codeLocked}
        nameLabel={t('promotion.label')}
        nameHint={t('promotion.labelHint')}
        codeHint={t('promotion.codeHint')}
        nameError={err('label')}
        codeError={err('id')}
        onChange={({ name, code }) => set({ label: name, id: code })}
      />
      <Select
        label={t('promotion.kind')}
        data={KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        value={p.kind}
        allowDeselect={false}
        onChange={(k) => k && k !== p.kind && onChange(promotionOfKind(k as PromotionKind, p))}
        description={t(`kindHints.${p.kind}`)}
      />
      <KindFields value={p} onChange={onChange} errors={errors} />
      {!asEffect && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <IntInput
              label={t('promotion.priority')}
              description={t('promotion.priorityHint')}
              value={p.priority}
              onChange={(v) => set({ priority: v ?? 0 })}
              error={err('priority')}
            />
            <Switch
              mt={{ sm: 'xl' }}
              label={t('promotion.stackable')}
              description={t('promotion.stackableHint')}
              checked={p.stackable}
              onChange={(e) => set({ stackable: e.currentTarget.checked })}
            />
            <Switch
              mt={{ sm: 'xl' }}
              label={t('promotion.exclusive')}
              description={t('promotion.exclusiveHint')}
              checked={p.exclusive}
              onChange={(e) => set({ exclusive: e.currentTarget.checked })}
            />
          </SimpleGrid>
          <ConditionsFields
            value={p.conditions}
            onChange={(conditions) => {
              const { conditions: _, ...rest } = p;
              onChange((conditions ? { ...rest, conditions } : rest) as Promotion);
            }}
            errors={under('conditions')}
          />
        </>
      )}
    </Stack>
  );
}

function KindFields({ value, onChange, errors }: { value: Promotion; onChange: (p: Promotion) => void; errors: Record<string, string> }) {
  const { t } = useTranslation('loyalty');
  const err = (key: string) => errorAt(errors, key);
  const under = (key: string) => errorsUnder(errors, key);
  switch (value.kind) {
    case 'percent_off': {
      const p = value;
      const set = (patch: Partial<typeof p>) => onChange({ ...p, ...patch });
      return (
        <>
          <SelectorInput label={t('promotion.target')} value={p.target} onChange={(target) => set({ target })} errors={under('target')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <DecimalInput
              label={t('promotion.percent')}
              suffix=" %"
              min={0}
              max={100}
              required
              value={p.percent}
              onChange={(v) => set({ percent: v ?? 0 })}
              error={err('percent')}
            />
            <MoneyInput
              label={t('promotion.maxDiscount')}
              value={p.maxDiscount}
              onChange={(v) => onChange(withOptional(p, 'maxDiscount', v))}
              error={err('maxDiscount')}
            />
          </SimpleGrid>
        </>
      );
    }
    case 'buy_get': {
      const p = value;
      const set = (patch: Partial<typeof p>) => onChange({ ...p, ...patch });
      const sameItems = p.get.target === undefined;
      return (
        <>
          <SelectorInput
            label={t('promotion.buyTarget')}
            value={p.buy.target}
            onChange={(target) => set({ buy: { ...p.buy, target } })}
            errors={under('buy.target')}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <IntInput
              label={t('promotion.buyQuantity')}
              min={1}
              required
              value={p.buy.quantity}
              onChange={(v) => set({ buy: { ...p.buy, quantity: v ?? 1 } })}
              error={err('buy.quantity')}
            />
            <IntInput
              label={t('promotion.getQuantity')}
              min={1}
              required
              value={p.get.quantity}
              onChange={(v) => set({ get: { ...p.get, quantity: v ?? 1 } })}
              error={err('get.quantity')}
            />
            <DecimalInput
              label={t('promotion.getPercent')}
              description={t('promotion.getPercentHint')}
              suffix=" %"
              min={0}
              max={100}
              value={p.get.percent}
              onChange={(v) => set({ get: { ...p.get, percent: v ?? 100 } })}
              error={err('get.percent')}
            />
          </SimpleGrid>
          <Switch
            label={t('promotion.sameItems')}
            checked={sameItems}
            onChange={(e) => {
              const { target: _, ...get } = p.get;
              set({ get: e.currentTarget.checked ? get : { ...get, target: {} } });
            }}
          />
          {!sameItems && (
            <SelectorInput
              label={t('promotion.getTarget')}
              value={p.get.target}
              onChange={(target) => set({ get: { ...p.get, target } })}
              errors={under('get.target')}
            />
          )}
          <MaxApplications
            value={p.maxApplications}
            onChange={(v) => onChange(withOptional(p, 'maxApplications', v))}
            error={err('maxApplications')}
          />
        </>
      );
    }
    case 'n_for_m': {
      const p = value;
      const set = (patch: Partial<typeof p>) => onChange({ ...p, ...patch });
      return (
        <>
          <SelectorInput label={t('promotion.target')} value={p.target} onChange={(target) => set({ target })} errors={under('target')} />
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
            <IntInput label={t('promotion.n')} min={2} required value={p.n} onChange={(v) => set({ n: v ?? 2 })} error={err('n')} />
            <IntInput label={t('promotion.m')} min={1} required value={p.m} onChange={(v) => set({ m: v ?? 1 })} error={err('m')} />
            <MaxApplications
              value={p.maxApplications}
              onChange={(v) => onChange(withOptional(p, 'maxApplications', v))}
              error={err('maxApplications')}
            />
          </SimpleGrid>
        </>
      );
    }
    case 'basket_threshold': {
      const p = value;
      const set = (patch: Partial<typeof p>) => onChange({ ...p, ...patch });
      const setStep = (i: number, step: Step) => set({ steps: p.steps.map((s, j) => (j === i ? step : s)) });
      return (
        <>
          <Switch
            label={t('promotion.someItemsOnly')}
            checked={p.target !== undefined}
            onChange={(e) => onChange(withOptional(p, 'target', e.currentTarget.checked ? {} : undefined))}
          />
          {p.target !== undefined && (
            <SelectorInput
              label={t('promotion.thresholdTarget')}
              value={p.target}
              onChange={(target) => set({ target })}
              errors={under('target')}
            />
          )}
          <Text size="sm" fw={500}>
            {t('promotion.steps')}
          </Text>
          {p.steps.map((step, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps have no identity but their place
            <Card key={i} withBorder padding="xs">
              <Group align="flex-end" gap="xs" wrap="wrap">
                <MoneyInput
                  label={t('promotion.threshold')}
                  required
                  value={step.threshold}
                  onChange={(v) => setStep(i, { ...step, threshold: v ?? 0 })}
                  error={err(`steps.${i}.threshold`)}
                  w={150}
                />
                <RewardInput
                  reward={step.reward}
                  onChange={(reward) => setStep(i, { ...step, reward })}
                  errors={under(`steps.${i}.reward`)}
                />
                {p.steps.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mb={6}
                    aria-label={t('actions.remove')}
                    onClick={() => set({ steps: p.steps.filter((_, j) => j !== i) })}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
            </Card>
          ))}
          {errors.steps && (
            <Text size="xs" c="red">
              {errors.steps}
            </Text>
          )}
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            style={{ alignSelf: 'flex-start' }}
            onClick={() => {
              const last = p.steps[p.steps.length - 1];
              set({
                steps: [
                  ...p.steps,
                  { threshold: (last?.threshold ?? 0) + 50_000, reward: last?.reward ?? { type: 'amount_off', amount: 5_000 } },
                ],
              });
            }}
          >
            {t('promotion.addStep')}
          </Button>
        </>
      );
    }
    case 'bundle_price': {
      const p = value;
      const set = (patch: Partial<typeof p>) => onChange({ ...p, ...patch });
      const setItem = (i: number, item: BundleItem) => set({ items: p.items.map((x, j) => (j === i ? item : x)) });
      return (
        <>
          <Text size="sm" fw={500}>
            {t('promotion.bundleItems')}
          </Text>
          {p.items.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: components have no identity but their place
            <Stack key={i} gap={4}>
              <SelectorInput
                label={t('promotion.bundleItem', { n: i + 1 })}
                value={item.target}
                onChange={(target: LineSelector) => setItem(i, { ...item, target })}
                errors={under(`items.${i}.target`)}
              />
              <Group align="flex-end" gap="xs">
                <IntInput
                  label={t('promotion.quantity')}
                  min={1}
                  value={item.quantity}
                  onChange={(v) => setItem(i, { ...item, quantity: v ?? 1 })}
                  error={err(`items.${i}.quantity`)}
                  w={120}
                />
                {p.items.length > 1 && (
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    mb={6}
                    leftSection={<IconTrash size={14} />}
                    onClick={() => set({ items: p.items.filter((_, j) => j !== i) })}
                  >
                    {t('actions.remove')}
                  </Button>
                )}
              </Group>
            </Stack>
          ))}
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            style={{ alignSelf: 'flex-start' }}
            onClick={() => set({ items: [...p.items, { target: {}, quantity: 1 }] })}
          >
            {t('promotion.addBundleItem')}
          </Button>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <MoneyInput
              label={t('promotion.bundlePrice')}
              required
              value={p.price}
              onChange={(v) => set({ price: v ?? 0 })}
              error={err('price')}
            />
            <MaxApplications
              value={p.maxApplications}
              onChange={(v) => onChange(withOptional(p, 'maxApplications', v))}
              error={err('maxApplications')}
            />
          </SimpleGrid>
        </>
      );
    }
  }
}

function MaxApplications({
  value,
  onChange,
  error,
}: {
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  error?: string;
}) {
  const { t } = useTranslation('loyalty');
  return (
    <IntInput
      label={t('promotion.maxApplications')}
      placeholder={t('promotion.unlimited')}
      min={1}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

const REWARD_TYPES: Reward['type'][] = ['amount_off', 'percent_off', 'bonus_points'];

function RewardInput({ reward, onChange, errors }: { reward: Reward; onChange: (r: Reward) => void; errors: Record<string, string> }) {
  const { t } = useTranslation('loyalty');
  const err = (key: string) => errorAt(errors, key);
  return (
    <>
      <SegmentedControl
        size="xs"
        mb={4}
        aria-label={t('promotion.reward')}
        data={REWARD_TYPES.map((type) => ({ value: type, label: t(`rewards.${type}`) }))}
        value={reward.type}
        onChange={(type) =>
          onChange(
            type === 'amount_off'
              ? { type, amount: 5_000 }
              : type === 'percent_off'
                ? { type, percent: 10 }
                : { type: 'bonus_points', points: 100 },
          )
        }
      />
      {reward.type === 'amount_off' && (
        <MoneyInput
          label={t('promotion.amountOff')}
          required
          value={reward.amount}
          onChange={(v) => onChange({ ...reward, amount: v ?? 0 })}
          error={err('amount')}
          w={150}
        />
      )}
      {reward.type === 'percent_off' && (
        <>
          <DecimalInput
            label={t('promotion.percent')}
            suffix=" %"
            required
            value={reward.percent}
            onChange={(v) => onChange({ ...reward, percent: v ?? 0 })}
            error={err('percent')}
            w={110}
          />
          <MoneyInput
            label={t('promotion.maxDiscount')}
            value={reward.maxDiscount}
            onChange={(v) => onChange(withOptional(reward, 'maxDiscount', v))}
            error={err('maxDiscount')}
            w={150}
          />
        </>
      )}
      {reward.type === 'bonus_points' && (
        <NumberInput
          label={t('promotion.bonusPoints')}
          required
          allowDecimal={false}
          min={1}
          value={reward.points}
          onChange={(v) => onChange({ ...reward, points: typeof v === 'number' ? v : 0 })}
          error={err('points')}
          w={130}
        />
      )}
    </>
  );
}

/** The object with `key` set, or without it when the value is undefined (optional schema fields). */
function withOptional<T extends object, K extends string, V>(obj: T, key: K, value: V | undefined): T {
  const next = { ...obj } as Record<string, unknown>;
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next as T;
}
