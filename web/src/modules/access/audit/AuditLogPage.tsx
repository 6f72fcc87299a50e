import { ActionIcon, Badge, Code, Modal, Select, SimpleGrid, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendar, IconFileDescription, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../../../app/api/types';
import { useSession } from '../../../app/auth/session';
import { useFormat } from '../../../app/i18n/format';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { tr } from '../i18n/tr';
import { allStoresQuery, allUsersQuery, apiKeysQuery, brandsQuery, useAuditPages } from '../queries';

dayjs.extend(utc);
dayjs.extend(timezone);

type Entry = Schema<'AuditEntry'>;
type ActionKey = keyof typeof tr.audit.actions;
type TargetKey = keyof typeof tr.audit.targets;

/** The day range as instants: from the first day's midnight to the end of the last, in the org's zone. */
function instants([from, to]: DatesRangeValue<string>, zone: string) {
  return {
    from: from ? dayjs.tz(from, zone).toISOString() : undefined,
    to: to ? dayjs.tz(to, zone).add(1, 'day').toISOString() : undefined,
  };
}

export function AuditLogPage() {
  const { t } = useTranslation('access');
  const { can, org } = useSession();
  const format = useFormat();
  const [userId, setUserId] = useState<string | null>(null);
  const [actionInput, setActionInput] = useState('');
  const [action] = useDebouncedValue(actionInput.trim(), 400);
  const [range, setRange] = useState<DatesRangeValue<string>>([null, null]);
  const [details, setDetails] = useState<Entry | null>(null);
  // Names for ids, where the user may read them; otherwise the id is shown.
  const users = useQuery({ ...allUsersQuery, enabled: can('users.manage') });
  const stores = useQuery({ ...allStoresQuery, enabled: can('stores.read') });
  const brands = useQuery({ ...brandsQuery, enabled: can('stores.read') });
  const apiKeys = useQuery({ ...apiKeysQuery, enabled: can('api_keys.manage') });
  const entries = useAuditPages({ userId: userId ?? undefined, action: action || undefined, ...instants(range, org.timezone) });
  const filtered = userId !== null || action !== '' || range[0] !== null;

  const actionLabel = (code: string) => {
    const key = code.replace('.', '_');
    return key in tr.audit.actions ? t(`audit.actions.${key as ActionKey}`) : code;
  };
  const targetLabel = (e: Entry) => {
    if (!e.targetType) return '—';
    const type = e.targetType in tr.audit.targets ? t(`audit.targets.${e.targetType as TargetKey}`) : e.targetType;
    const recorded = e.details?.name ?? e.details?.code;
    const name =
      (e.targetType === 'org' && org.name) ||
      (e.targetType === 'user' && users.data?.find((u) => u.id === e.targetId)?.name) ||
      (e.targetType === 'store' && stores.data?.find((s) => s.id === e.targetId)?.code) ||
      (e.targetType === 'brand' && brands.data?.find((b) => b.id === e.targetId)?.name) ||
      (e.targetType === 'api_key' && apiKeys.data?.find((k) => k.id === e.targetId)?.name) ||
      (typeof recorded === 'string' && recorded) ||
      // UUIDv7 ids share their leading (time) digits; the tail tells them apart.
      `…${e.targetId?.slice(-6) ?? ''}`;
    return `${type}: ${name}`;
  };
  const actorLabel = (e: Entry) => {
    if (e.actorType === 'system') return t('audit.system');
    return e.actorType === 'api_key' ? t('audit.apiKeyActor', { name: e.actorName ?? '' }) : (e.actorName ?? '—');
  };

  const columns: Column<Entry>[] = [
    {
      key: 'at',
      header: t('audit.at'),
      render: (e) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {format.dateTime(e.at)}
        </Text>
      ),
    },
    { key: 'actor', header: t('audit.actor'), render: actorLabel },
    {
      key: 'action',
      header: t('audit.action'),
      render: (e) => (
        <Tooltip label={e.action}>
          <Badge variant="light" color={e.action.startsWith('auth.') ? 'gray' : 'teal'} style={{ textTransform: 'none' }}>
            {actionLabel(e.action)}
          </Badge>
        </Tooltip>
      ),
    },
    { key: 'target', header: t('audit.target'), render: targetLabel },
    { key: 'ip', header: t('audit.ip'), render: (e) => e.ip ?? '—' },
    {
      key: 'details',
      header: '',
      actions: true,
      render: (e) => (
        <Tooltip label={t('audit.details')}>
          <ActionIcon variant="subtle" onClick={() => setDetails(e)} aria-label={t('audit.details')}>
            <IconFileDescription size={18} />
          </ActionIcon>
        </Tooltip>
      ),
    },
  ];

  const rows = entries.data?.pages.flatMap((p) => p.items);
  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: can('users.manage') ? 3 : 2 }}>
          {can('users.manage') && (
            <Select
              aria-label={t('audit.user')}
              placeholder={t('audit.allUsers')}
              searchable
              clearable
              value={userId}
              onChange={setUserId}
              data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          )}
          <TextInput
            leftSection={<IconSearch size={16} />}
            aria-label={t('audit.action')}
            placeholder={t('audit.actionFilter')}
            value={actionInput}
            onChange={(e) => setActionInput(e.currentTarget.value)}
          />
          <DatePickerInput
            type="range"
            aria-label={t('audit.dates')}
            placeholder={t('audit.dates')}
            leftSection={<IconCalendar size={16} />}
            clearable
            allowSingleDateInRange
            valueFormat="D MMM YYYY"
            maxDate={dayjs().format('YYYY-MM-DD')}
            value={range}
            onChange={setRange}
          />
        </SimpleGrid>
        {rows ? (
          <div style={{ opacity: entries.isPlaceholderData ? 0.6 : 1 }}>
            <ResponsiveTable
              rows={rows}
              columns={columns}
              rowKey={(e) => e.id}
              minWidth={860}
              empty={<EmptyList title={filtered ? t('common.noMatches') : t('audit.empty')} />}
            />
            <LoadMore {...entries} />
          </div>
        ) : (
          <ListSkeleton />
        )}
      </Stack>
      <Modal opened={details !== null} onClose={() => setDetails(null)} title={t('audit.details')} size="lg" centered>
        {details && (
          <Stack gap="xs">
            <Text size="sm">
              <b>{actionLabel(details.action)}</b> · <Code>{details.action}</Code>
            </Text>
            <Text size="sm" c="dimmed">
              {format.dateTime(details.at)} · {actorLabel(details)} · {details.ip ?? '—'}
            </Text>
            {details.userAgent && (
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {details.userAgent}
              </Text>
            )}
            <Code block>{JSON.stringify(details.details ?? {}, null, 2)}</Code>
          </Stack>
        )}
      </Modal>
    </>
  );
}
