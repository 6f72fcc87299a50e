import { Anchor, Badge, Button, Drawer, Group, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { ConfirmModal } from '../../../app/ui/ConfirmModal';
import { EmptyList } from '../../../app/ui/EmptyList';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useSubject } from '../../../app/ui/use-subject';
import { useMoney } from '../../sales/money';
import { AdvancedJson } from '../parts/AdvancedJson';
import { ConditionsFields } from '../parts/ConditionsFields';
import { CouponTemplateFields, newCouponTemplate } from '../parts/CouponTemplateFields';
import { errorAt, errorsUnder, setClearing, setOrDrop, showErrors } from '../parts/form';
import { DecimalInput, MoneyInput } from '../parts/inputs';
import { NameAndCode } from '../parts/NameAndCode';
import { SelectorInput, selectorSummary } from '../parts/SelectorInput';
import { ShowMore, useShowMore } from '../parts/ShowMore';
import { keys, type ReceiptRule, type ReceiptRuleRecord, rulesQuery } from '../queries';

/** Receipt-bottom ("fiş altı") coupon rules: a basket with the trigger items earns a coupon for next time. */
export function ReceiptRules() {
  const { t } = useTranslation('loyalty');
  const { can } = useSession();
  const { money } = useMoney();
  const rules = useQuery(rulesQuery);
  const editor = useSubject<ReceiptRuleRecord | null>();
  const rows = rules.data ?? [];
  const more = useShowMore(rows);
  const columns: Column<ReceiptRuleRecord>[] = [
    {
      key: 'label',
      header: t('rules.label'),
      render: (r) => (
        <Stack gap={2}>
          {can('loyalty.manage') ? (
            <Anchor component="button" type="button" fw={600} size="sm" ta="left" onClick={() => editor.open(r)}>
              {r.definition.label}
            </Anchor>
          ) : (
            <Text fw={600} size="sm">
              {r.definition.label}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {r.code}
          </Text>
        </Stack>
      ),
    },
    { key: 'trigger', header: t('rules.trigger'), render: (r) => selectorSummary(r.definition.trigger.target, t('selector.everything')) },
    {
      key: 'coupon',
      header: t('rules.coupon'),
      render: (r) =>
        `${r.definition.coupon.effect.label} · ${t('rules.validity', { days: r.definition.coupon.validity.days })}${
          r.definition.coupon.minimumBasket ? ` · ${t('campaigns.minimumShort', { amount: money(r.definition.coupon.minimumBasket) })}` : ''
        }`,
    },
    {
      key: 'active',
      header: t('status.title'),
      render: (r) => (
        <Badge color={r.active ? 'green' : 'gray'} variant="light">
          {r.active ? t('status.active') : t('status.inactive')}
        </Badge>
      ),
    },
  ];
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={640}>
          {t('rules.description')}
        </Text>
        {can('loyalty.manage') && (
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => editor.open(null)}>
            {t('rules.new')}
          </Button>
        )}
      </Group>
      {!rules.data ? (
        <ListSkeleton />
      ) : (
        <>
          <ResponsiveTable
            rows={more.visible}
            columns={columns}
            rowKey={(r) => r.id}
            empty={<EmptyList title={t('rules.empty')} description={t('rules.emptyHint')} />}
          />
          <ShowMore {...more} />
        </>
      )}
      <Drawer
        opened={editor.opened}
        onClose={editor.close}
        position="right"
        size={phone ? '100%' : 'xl'}
        title={<Text fw={600}>{editor.subject ? t('rules.edit') : t('rules.new')}</Text>}
      >
        {editor.opened && <RuleForm key={editor.subject?.id ?? 'new'} record={editor.subject} onDone={editor.close} />}
      </Drawer>
    </Stack>
  );
}

interface Values {
  definition: ReceiptRule;
  active: boolean;
}

function RuleForm({ record, onDone }: { record: ReceiptRuleRecord | null; onDone: () => void }) {
  const { t } = useTranslation('loyalty');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const form = useForm<Values>({
    initialValues: record
      ? { definition: record.definition, active: record.active }
      : { definition: { id: '', label: '', trigger: { target: {} }, coupon: newCouponTemplate() }, active: true },
  });
  const d = form.getValues().definition;
  const errs = errorsUnder(form.errors, 'definition');
  const set = (next: ReceiptRule) => setClearing(form, 'definition', next);
  const done = (message: string) => {
    queryClient.invalidateQueries({ queryKey: keys.rules });
    notifySuccess(message);
    onDone();
  };
  const save = useMutation({
    mutationFn: (v: Values) =>
      record
        ? unwrap(api.PATCH('/api/v1/loyalty/receipt-coupon-rules/{id}', { params: { path: { id: record.id } }, body: v }))
        : unwrap(api.POST('/api/v1/loyalty/receipt-coupon-rules', { body: v })),
    onSuccess: () => done(t('rules.saved')),
    onError: (error) => showErrors(form, error, { code_exists: 'definition.id' }),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/loyalty/receipt-coupon-rules/{id}', { params: { path: { id: record!.id } } })),
    onSuccess: () => done(t('rules.deleted')),
    onError: (error) => notifyError(error),
  });

  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack gap="md">
        <NameAndCode
          name={d.label}
          code={d.id}
          codeLocked={record !== null}
          nameLabel={t('rules.label')}
          nameHint={t('rules.labelHint')}
          nameError={errorAt(errs, 'label')}
          codeError={errorAt(errs, 'id')}
          onChange={({ name, code }) => set({ ...d, label: name, id: code })}
        />
        <SelectorInput
          label={t('rules.trigger')}
          description={t('rules.triggerHint')}
          value={d.trigger.target}
          onChange={(target) => set({ ...d, trigger: { ...d.trigger, target } })}
          errors={errorsUnder(errs, 'trigger.target')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <DecimalInput
            label={t('rules.minQuantity')}
            placeholder={t('rules.any')}
            value={d.trigger.minQuantity}
            onChange={(x) => set({ ...d, trigger: setOrDrop(d.trigger, 'minQuantity', x) })}
            error={errorAt(errs, 'trigger.minQuantity')}
          />
          <MoneyInput
            label={t('rules.minAmount')}
            value={d.trigger.minAmount}
            onChange={(x) => set({ ...d, trigger: setOrDrop(d.trigger, 'minAmount', x) })}
            error={errorAt(errs, 'trigger.minAmount')}
          />
        </SimpleGrid>
        <ConditionsFields
          value={d.conditions}
          onChange={(c) => set(setOrDrop(d, 'conditions', c))}
          errors={errorsUnder(errs, 'conditions')}
          withCoupon={false}
        />
        <Switch
          label={t('rules.personal')}
          description={t('rules.personalHint')}
          checked={d.personal ?? true}
          onChange={(e) => set(e.currentTarget.checked ? setOrDrop(d, 'personal', undefined) : { ...d, personal: false })}
        />
        <CouponTemplateFields
          legend={t('rules.coupon')}
          value={d.coupon}
          onChange={(coupon) => set({ ...d, coupon })}
          errors={errorsUnder(errs, 'coupon')}
        />
        <Switch label={t('status.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <AdvancedJson value={d} onApply={set} />
        <Group justify="space-between">
          {record ? (
            <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
              {tApp('actions.delete')}
            </Button>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onDone}>
              {tApp('actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {tApp('actions.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirmDelete}
        title={t('rules.deleteTitle')}
        message={t('rules.deleteText', { label: d.label })}
        confirmLabel={tApp('actions.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirmDelete(false)}
      />
    </form>
  );
}
