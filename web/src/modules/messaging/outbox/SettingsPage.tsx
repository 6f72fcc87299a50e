import { Anchor, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { useFormat } from '../../../app/i18n/format';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { CHANNELS, type MessagingSettings, outboxKeys, type Suppression, settingsQuery, useSuppressionPages } from './queries';

/** Sending rules (quiet hours, frequency cap, retries) and the suppression list. */
export function SettingsPage() {
  const { t } = useTranslation('messaging');
  const settings = useQuery(settingsQuery);
  return (
    <>
      <PageHeader
        title={t('outbox.settings.title')}
        description={t('outbox.settings.description')}
        actions={
          <Button component={Link} to="/messaging/outbox" variant="default" leftSection={<IconArrowLeft size={16} />}>
            {t('outbox.settings.back')}
          </Button>
        }
      />
      <Stack gap="xl">
        {settings.data ? <RulesForm settings={settings.data} /> : <ListSkeleton rows={3} />}
        <Suppressions />
      </Stack>
    </>
  );
}

function RulesForm({ settings }: { settings: MessagingSettings }) {
  const { t } = useTranslation('messaging');
  const { can } = useSession();
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: settings });
  const save = useMutation({
    mutationFn: (body: MessagingSettings) => unwrap(api.PATCH('/api/v1/messaging/settings', { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(outboxKeys.settings, saved);
      form.resetDirty(saved);
      notifySuccess(t('outbox.settings.saved'));
    },
    onError: (error) => notifyError(error),
  });
  const readOnly = !can('messaging.manage');
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder>
          <Title order={4}>{t('outbox.settings.quietTitle')}</Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('outbox.settings.quietHint')}
          </Text>
          <Group grow>
            <TimeInput label={t('outbox.settings.quietStart')} readOnly={readOnly} {...form.getInputProps('quietHours.start')} />
            <TimeInput label={t('outbox.settings.quietEnd')} readOnly={readOnly} {...form.getInputProps('quietHours.end')} />
          </Group>
        </Card>
        <Card withBorder>
          <Title order={4}>{t('outbox.settings.capTitle')}</Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('outbox.settings.capHint')}
          </Text>
          <Group grow>
            <NumberInput
              label={t('outbox.settings.capMessages')}
              min={0}
              max={100}
              readOnly={readOnly}
              {...form.getInputProps('frequencyCap.messages')}
            />
            <NumberInput
              label={t('outbox.settings.capDays')}
              min={1}
              max={90}
              readOnly={readOnly}
              {...form.getInputProps('frequencyCap.days')}
            />
          </Group>
          <NumberInput
            mt="sm"
            label={t('outbox.settings.maxAttempts')}
            min={1}
            max={20}
            readOnly={readOnly}
            {...form.getInputProps('maxAttempts')}
          />
        </Card>
      </SimpleGrid>
      {!readOnly && (
        <Group justify="flex-end" mt="md">
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
            {t('outbox.settings.save')}
          </Button>
        </Group>
      )}
    </form>
  );
}

function Suppressions() {
  const { t } = useTranslation('messaging');
  const { can } = useSession();
  const format = useFormat();
  const queryClient = useQueryClient();
  const pages = useSuppressionPages();
  const rows = pages.data?.pages.flatMap((p) => p.items);
  const form = useForm({ initialValues: { channel: 'sms' as Suppression['channel'], address: '' } });
  const refresh = () => queryClient.invalidateQueries({ queryKey: outboxKeys.suppressions });
  const add = useMutation({
    mutationFn: (body: { channel: Suppression['channel']; address: string }) =>
      unwrap(api.POST('/api/v1/messaging/suppressions', { body })),
    onSuccess: (row) => {
      refresh();
      form.setFieldValue('address', '');
      notifySuccess(t('outbox.suppressions.added', { address: row.address }));
    },
    onError: (error) => notifyError(error),
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/messaging/suppressions/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      refresh();
      notifySuccess(t('outbox.suppressions.removed'));
    },
    onError: (error) => notifyError(error),
  });
  const manage = can('messaging.manage');
  const columns: Column<Suppression>[] = [
    { key: 'address', header: t('outbox.suppressions.address'), render: (s) => s.address },
    { key: 'channel', header: t('outbox.suppressions.channel'), render: (s) => t(`outbox.channels.${s.channel}`) },
    { key: 'reason', header: t('outbox.suppressions.reason'), render: (s) => t(`outbox.suppressions.reasons.${s.reason}`) },
    { key: 'source', header: t('outbox.suppressions.source'), render: (s) => s.source },
    { key: 'createdAt', header: t('outbox.suppressions.createdAt'), render: (s) => format.dateTime(s.createdAt) },
    ...(manage
      ? [
          {
            key: 'remove',
            header: '',
            actions: true,
            render: (s: Suppression) => (
              <Anchor
                component="button"
                type="button"
                c="red"
                aria-label={t('outbox.suppressions.remove')}
                onClick={() => remove.mutate(s.id)}
              >
                <IconTrash size={16} />
              </Anchor>
            ),
          },
        ]
      : []),
  ];
  return (
    <Stack gap="sm">
      <div>
        <Title order={3}>{t('outbox.suppressions.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('outbox.suppressions.description')}
        </Text>
      </div>
      {manage && (
        <form onSubmit={form.onSubmit((v) => add.mutate({ ...v, address: v.address.trim() }))}>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select
              w={140}
              label={t('outbox.suppressions.channel')}
              data={CHANNELS.map((c) => ({ value: c, label: t(`outbox.channels.${c}`) }))}
              allowDeselect={false}
              {...form.getInputProps('channel')}
            />
            <TextInput
              style={{ flex: 1, minWidth: 200 }}
              label={t('outbox.suppressions.address')}
              required
              {...form.getInputProps('address')}
            />
            <Button type="submit" loading={add.isPending}>
              {t('outbox.suppressions.add')}
            </Button>
          </Group>
        </form>
      )}
      {rows ? (
        <ResponsiveTable rows={rows} columns={columns} rowKey={(s) => s.id} empty={<EmptyList title={t('outbox.suppressions.empty')} />} />
      ) : (
        <ListSkeleton />
      )}
      <LoadMore hasNextPage={pages.hasNextPage} isFetchingNextPage={pages.isFetchingNextPage} fetchNextPage={pages.fetchNextPage} />
    </Stack>
  );
}
