import { Anchor, Badge, Button, Drawer, Group, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { EmptyList } from '../../../app/ui/EmptyList';
import { notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useSubject } from '../../../app/ui/use-subject';
import { AdvancedJson } from '../parts/AdvancedJson';
import { CouponTemplateFields, newCouponTemplate } from '../parts/CouponTemplateFields';
import { errorAt, errorsUnder, setClearing, setOrDrop, showErrors } from '../parts/form';
import { IntInput } from '../parts/inputs';
import { NameAndCode } from '../parts/NameAndCode';
import { SelectorInput, selectorSummary } from '../parts/SelectorInput';
import { ShowMore, useShowMore } from '../parts/ShowMore';
import { keys, type StampCard, type StampCardRecord, stampCardsQuery } from '../queries';

/** Stamp card definitions ("5 kahve 1 bedava"): what earns a stamp, how many make a reward. */
export function StampCardsPage() {
  const { t } = useTranslation('loyalty');
  const { can } = useSession();
  const cards = useQuery(stampCardsQuery);
  const editor = useSubject<StampCardRecord | null>();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const more = useShowMore(cards.data ?? []);
  const columns: Column<StampCardRecord>[] = [
    {
      key: 'name',
      header: t('stamps.name'),
      render: (c) => (
        <Stack gap={2}>
          {can('loyalty.manage') ? (
            <Anchor component="button" type="button" fw={600} size="sm" ta="left" onClick={() => editor.open(c)}>
              {c.definition.name}
            </Anchor>
          ) : (
            <Text fw={600} size="sm">
              {c.definition.name}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {c.code}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'qualifying',
      header: t('stamps.qualifying'),
      render: (c) => selectorSummary(c.definition.qualifying, t('selector.everything')),
    },
    {
      key: 'rule',
      header: t('stamps.rule'),
      render: (c) =>
        t(c.definition.per === 'unit' ? 'stamps.perUnitSummary' : 'stamps.perLineSummary', { count: c.definition.stampsNeeded }),
    },
    { key: 'reward', header: t('stamps.reward'), render: (c) => c.definition.reward.effect.label },
    {
      key: 'active',
      header: t('status.title'),
      render: (c) => (
        <Badge color={c.active ? 'green' : 'gray'} variant="light">
          {c.active ? t('status.active') : t('status.inactive')}
        </Badge>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.stamps.title')}
        description={t('stamps.description')}
        actions={
          can('loyalty.manage') && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => editor.open(null)}>
              {t('stamps.new')}
            </Button>
          )
        }
      />
      {!cards.data ? (
        <ListSkeleton />
      ) : (
        <>
          <ResponsiveTable
            rows={more.visible}
            columns={columns}
            rowKey={(c) => c.id}
            empty={<EmptyList title={t('stamps.empty')} description={t('stamps.emptyHint')} />}
          />
          <ShowMore {...more} />
        </>
      )}
      <Drawer
        opened={editor.opened}
        onClose={editor.close}
        position="right"
        size={phone ? '100%' : 'xl'}
        title={<Text fw={600}>{editor.subject ? t('stamps.edit') : t('stamps.new')}</Text>}
      >
        {editor.opened && <StampCardForm key={editor.subject?.id ?? 'new'} record={editor.subject} onDone={editor.close} />}
      </Drawer>
    </>
  );
}

interface Values {
  definition: StampCard;
  active: boolean;
}

function StampCardForm({ record, onDone }: { record: StampCardRecord | null; onDone: () => void }) {
  const { t } = useTranslation('loyalty');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: record
      ? { definition: record.definition, active: record.active }
      : { definition: { id: '', name: '', qualifying: {}, stampsNeeded: 5, per: 'line', reward: newCouponTemplate() }, active: true },
  });
  const d = form.getValues().definition;
  const errs = errorsUnder(form.errors, 'definition');
  const set = (next: StampCard) => setClearing(form, 'definition', next);
  const save = useMutation({
    mutationFn: (v: Values) =>
      record
        ? unwrap(api.PATCH('/api/v1/loyalty/stamp-cards/{id}', { params: { path: { id: record.id } }, body: v }))
        : unwrap(api.POST('/api/v1/loyalty/stamp-cards', { body: v })),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: keys.stampCards });
      notifySuccess(t('stamps.saved'));
      onDone();
    },
    onError: (error) => showErrors(form, error, { code_exists: 'definition.id' }),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack gap="md">
        <NameAndCode
          name={d.name}
          code={d.id}
          codeLocked={record !== null}
          nameLabel={t('stamps.name')}
          nameError={errorAt(errs, 'name')}
          codeError={errorAt(errs, 'id')}
          onChange={({ name, code }) => set({ ...d, name, id: code })}
        />
        <SelectorInput
          label={t('stamps.qualifying')}
          value={d.qualifying}
          onChange={(qualifying) => set({ ...d, qualifying })}
          errors={errorsUnder(errs, 'qualifying')}
        />
        <Group align="flex-end" gap="md" wrap="wrap">
          <IntInput
            label={t('stamps.stampsNeeded')}
            min={1}
            max={100}
            w={150}
            value={d.stampsNeeded}
            onChange={(x) => set({ ...d, stampsNeeded: x ?? 1 })}
            error={errorAt(errs, 'stampsNeeded')}
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('stamps.per')}
            </Text>
            <SegmentedControl
              aria-label={t('stamps.per')}
              data={[
                { value: 'line', label: t('stamps.perLine') },
                { value: 'unit', label: t('stamps.perUnit') },
              ]}
              value={d.per}
              onChange={(per) => set({ ...d, per: per as StampCard['per'] })}
            />
          </div>
          <IntInput
            label={t('stamps.maxPerReceipt')}
            placeholder={t('program.noLimit')}
            min={1}
            w={170}
            value={d.maxStampsPerReceipt}
            onChange={(x) => set(setOrDrop(d, 'maxStampsPerReceipt', x))}
            error={errorAt(errs, 'maxStampsPerReceipt')}
          />
        </Group>
        <CouponTemplateFields
          legend={t('stamps.reward')}
          value={d.reward}
          onChange={(reward) => set({ ...d, reward })}
          errors={errorsUnder(errs, 'reward')}
        />
        <Switch label={t('status.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <AdvancedJson value={d} onApply={set} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {tApp('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {tApp('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
