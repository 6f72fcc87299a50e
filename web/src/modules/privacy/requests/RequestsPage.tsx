import { Badge, Button, Group, Select, Switch, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormat } from '../../../app/i18n/format';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useRequestPages } from '../queries';
import { isOverdue, type PrivacyRequest, REQUEST_STATUSES, type RequestStatus } from './kinds';
import { NewRequestModal } from './NewRequestModal';

/** The KVKK request queue: earliest due first, so overdue requests lead and stand out. */
export function RequestsPage() {
  const { t } = useTranslation('privacy');
  const format = useFormat();
  const [params] = useSearchParams();
  const [status, setStatus] = useState<RequestStatus | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [creating, create] = useDisclosure(params.has('customerId'));
  const requests = useRequestPages({ status: status ?? undefined, overdue: overdue ? 'true' : undefined });
  const rows = requests.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: Column<PrivacyRequest>[] = [
    {
      key: 'type',
      header: t('requests.type'),
      render: (r) => (
        <Link to={`/privacy/requests/${r.id}`} style={{ color: 'inherit' }}>
          {t(`requests.types.${r.type}`)}
        </Link>
      ),
    },
    {
      key: 'due',
      header: t('requests.due'),
      render: (r) =>
        isOverdue(r) ? (
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Text size="sm" c="red" fw={700}>
              {format.date(r.dueAt)}
            </Text>
            <Badge color="red" size="sm">
              {t('requests.overdue')}
            </Badge>
          </Group>
        ) : (
          format.date(r.dueAt)
        ),
    },
    { key: 'received', header: t('requests.received'), render: (r) => format.date(r.receivedAt) },
    {
      key: 'status',
      header: t('requests.status'),
      render: (r) => <Badge variant="light">{t(`requests.statuses.${r.status}`)}</Badge>,
    },
    {
      key: 'open',
      header: '',
      actions: true,
      render: (r) => (
        <Button component={Link} to={`/privacy/requests/${r.id}`} size="xs" variant="default">
          {t('requests.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('requests.title')}
        description={t('requests.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
            {t('requests.new')}
          </Button>
        }
      />
      <Group mb="md" gap="md" align="flex-end">
        <Select
          aria-label={t('requests.status')}
          placeholder={t('requests.allStatuses')}
          clearable
          value={status}
          onChange={(v) => setStatus(v as RequestStatus | null)}
          data={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`requests.statuses.${s}`) }))}
          w={200}
        />
        <Switch label={t('requests.overdueOnly')} checked={overdue} onChange={(e) => setOverdue(e.currentTarget.checked)} />
      </Group>
      {requests.isPending ? (
        <ListSkeleton />
      ) : (
        <ResponsiveTable
          rows={rows}
          columns={columns}
          rowKey={(r) => r.id}
          empty={<EmptyList title={t('requests.empty')} description={t('requests.emptyHint')} />}
        />
      )}
      <LoadMore {...requests} />
      <NewRequestModal opened={creating} onClose={create.close} customerId={params.get('customerId') ?? undefined} />
    </>
  );
}
