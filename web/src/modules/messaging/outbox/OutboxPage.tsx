import { Anchor, Button, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../app/i18n/format';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useUrlFilters } from '../../../app/ui/url-filters';
import { MessageDrawer } from './MessageDrawer';
import { CHANNELS, type OutboxFilters, type OutboxMessage, PURPOSES, STATUSES, useOutboxPages } from './queries';
import { recipient } from './recipient';
import { StatusBadge } from './StatusBadge';

const PARAMS = ['status', 'channel', 'purpose', 'from', 'to', 'customerId', 'campaignId'] as const;

/** "Giden kutusu": every message with its status, filters, and a message's detail. */
export function OutboxPage() {
  const { t } = useTranslation('messaging');
  const format = useFormat();
  const { values, set, clear } = useUrlFilters(PARAMS);
  const [open, setOpen] = useState<string | null>(null);
  const filters: OutboxFilters = {
    status: STATUSES.find((s) => s === values.status),
    channel: CHANNELS.find((c) => c === values.channel),
    purpose: PURPOSES.find((p) => p === values.purpose),
    from: values.from,
    to: values.to,
    customerId: values.customerId,
    campaignId: values.campaignId,
  };
  const pages = useOutboxPages(filters);
  const rows = pages.data?.pages.flatMap((p) => p.items);
  const filtered = PARAMS.some((k) => values[k]);
  const options = <T extends string>(list: T[], group: string) =>
    list.map((v) => ({ value: v, label: t(`outbox.${group}.${v}` as never) }));

  const columns: Column<OutboxMessage>[] = [
    {
      key: 'to',
      header: t('outbox.columns.to'),
      render: (m) => (
        <Anchor component="button" type="button" fw={600} onClick={() => setOpen(m.id)}>
          {recipient(m)}
        </Anchor>
      ),
    },
    {
      key: 'message',
      header: t('outbox.columns.message'),
      render: (m) => (
        <Text size="sm" lineClamp={2} style={{ maxWidth: 360 }}>
          {m.subject ? `${m.subject} — ` : ''}
          {m.preview}
        </Text>
      ),
    },
    { key: 'channel', header: t('outbox.columns.channel'), render: (m) => t(`outbox.channels.${m.channel}`) },
    { key: 'purpose', header: t('outbox.columns.purpose'), render: (m) => t(`outbox.purposes.${m.purpose}`) },
    {
      key: 'status',
      header: t('outbox.columns.status'),
      render: (m) => (
        <Stack gap={2} align="flex-end" style={{ alignItems: 'inherit' }}>
          <StatusBadge status={m.status} />
          {m.skipReason && (
            <Text size="xs" c="orange.8">
              {t(`outbox.skipReasons.${m.skipReason}`)}
            </Text>
          )}
          {m.status === 'queued' && m.notBefore && new Date(m.notBefore) > new Date() && (
            <Text size="xs" c="dimmed">
              {t('outbox.heldUntil', { time: format.dateTime(m.notBefore) })}
            </Text>
          )}
        </Stack>
      ),
    },
    { key: 'queuedAt', header: t('outbox.columns.queuedAt'), render: (m) => format.dateTime(m.queuedAt) },
  ];

  return (
    <>
      <PageHeader
        title={t('outbox.title')}
        description={t('outbox.description')}
        actions={
          <Button component={Link} to="/messaging/settings" variant="default" leftSection={<IconSettings size={16} />}>
            {t('outbox.settingsButton')}
          </Button>
        }
      />
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} mb="md" spacing="sm">
        <Select
          label={t('outbox.filters.status')}
          placeholder={t('outbox.filters.all')}
          data={options(STATUSES, 'statuses')}
          value={values.status ?? null}
          onChange={(v) => set({ status: v ?? undefined })}
          clearable
        />
        <Select
          label={t('outbox.filters.channel')}
          placeholder={t('outbox.filters.all')}
          data={options(CHANNELS, 'channels')}
          value={values.channel ?? null}
          onChange={(v) => set({ channel: v ?? undefined })}
          clearable
        />
        <Select
          label={t('outbox.filters.purpose')}
          placeholder={t('outbox.filters.all')}
          data={options(PURPOSES, 'purposes')}
          value={values.purpose ?? null}
          onChange={(v) => set({ purpose: v ?? undefined })}
          clearable
        />
        <DatePickerInput
          label={t('outbox.filters.from')}
          value={values.from ?? null}
          onChange={(d) => set({ from: d ?? undefined })}
          clearable
          valueFormat="DD.MM.YYYY"
        />
        <DatePickerInput
          label={t('outbox.filters.to')}
          value={values.to ?? null}
          onChange={(d) => set({ to: d ?? undefined })}
          clearable
          valueFormat="DD.MM.YYYY"
        />
      </SimpleGrid>
      {filtered && (
        <Group mb="sm">
          <Button variant="subtle" size="xs" onClick={clear}>
            {t('outbox.filters.clear')}
          </Button>
        </Group>
      )}
      {rows ? (
        <ResponsiveTable
          rows={rows}
          columns={columns}
          rowKey={(m) => m.id}
          empty={
            filtered ? (
              <EmptyList title={t('outbox.noMatches')} description={t('outbox.noMatchesHint')} />
            ) : (
              <EmptyList title={t('outbox.empty')} description={t('outbox.emptyHint')} />
            )
          }
        />
      ) : (
        <ListSkeleton />
      )}
      <LoadMore hasNextPage={pages.hasNextPage} isFetchingNextPage={pages.isFetchingNextPage} fetchNextPage={pages.fetchNextPage} />
      <MessageDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
