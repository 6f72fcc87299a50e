import { Badge, Button, Code, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import type { Schema } from '../../../app/api/types';
import { useFormat } from '../../../app/i18n/format';
import { ConfirmModal } from '../../../app/ui/ConfirmModal';
import { EmptyList } from '../../../app/ui/EmptyList';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { OneTimeSecret } from '../../../app/ui/OneTimeSecret';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useSubject } from '../../../app/ui/use-subject';
import { apiKeysQuery, keys } from '../queries';
import { CreateApiKeyModal } from './CreateApiKeyModal';

type ApiKey = Schema<'ApiKey'>;

export function ApiKeysPage() {
  const { t } = useTranslation('access');
  const format = useFormat();
  const queryClient = useQueryClient();
  const { data: apiKeys } = useQuery(apiKeysQuery);
  const [createOpened, create] = useDisclosure();
  const [created, setCreated] = useState<(ApiKey & { key: string }) | null>(null);
  const revoking = useSubject<ApiKey>();

  const revoke = useMutation({
    mutationFn: (key: ApiKey) => unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: key.id } } })),
    onSuccess: (_, key) => {
      queryClient.invalidateQueries({ queryKey: keys.apiKeys });
      notifySuccess(t('apiKeys.revoked', { name: key.name }));
    },
    onError: (error) => notifyError(error),
    onSettled: revoking.close,
  });

  const columns: Column<ApiKey>[] = [
    { key: 'name', header: t('apiKeys.name'), render: (k) => <Text fw={600}>{k.name}</Text> },
    { key: 'prefix', header: t('apiKeys.prefix'), render: (k) => <Code>{k.prefix}…</Code> },
    {
      key: 'scopes',
      header: t('apiKeys.scopes'),
      render: (k) => (
        <Group gap={4} justify="flex-end" style={{ display: 'inline-flex' }}>
          {k.scopes.map((s) => (
            <Badge key={s} variant="outline" style={{ textTransform: 'none' }}>
              {t(`apiKeys.scopeShort.${s}`)}
            </Badge>
          ))}
        </Group>
      ),
    },
    { key: 'store', header: t('apiKeys.store'), render: (k) => k.storeCode ?? t('apiKeys.anyStore') },
    { key: 'created', header: t('common.createdAt'), render: (k) => format.dateTime(k.createdAt) },
    {
      key: 'lastUsed',
      header: t('apiKeys.lastUsed'),
      render: (k) => (k.lastUsedAt ? format.dateTime(k.lastUsedAt) : t('apiKeys.neverUsed')),
    },
    {
      key: 'status',
      header: t('apiKeys.status'),
      render: (k) =>
        k.revokedAt ? (
          <Badge color="gray" variant="light">
            {t('apiKeys.revokedAt', { date: format.date(k.revokedAt) })}
          </Badge>
        ) : (
          <Badge color="teal" variant="light">
            {t('common.active')}
          </Badge>
        ),
    },
    {
      key: 'actions',
      header: '',
      actions: true,
      render: (k) =>
        !k.revokedAt && (
          <Button size="xs" variant="subtle" color="red" onClick={() => revoking.open(k)}>
            {t('apiKeys.revoke')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        description={t('apiKeys.description')}
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={create.open}>
            {t('apiKeys.create')}
          </Button>
        }
      />
      {apiKeys ? (
        <ResponsiveTable
          rows={apiKeys}
          columns={columns}
          rowKey={(k) => k.id}
          minWidth={900}
          empty={<EmptyList title={t('apiKeys.empty')} description={t('apiKeys.emptyHint')} />}
        />
      ) : (
        <ListSkeleton />
      )}
      <CreateApiKeyModal opened={createOpened} onClose={create.close} onCreated={setCreated} />
      <Modal
        opened={created !== null}
        onClose={() => setCreated(null)}
        title={t('apiKeys.secretTitle', { name: created?.name ?? '' })}
        centered
        size="lg"
        closeOnClickOutside={false}
      >
        {created && (
          <>
            <OneTimeSecret value={created.key} warning={t('apiKeys.secretOnce')} />
            <Text size="sm" c="dimmed" mt="sm">
              {t('apiKeys.secretUsage')}
            </Text>
            <Group justify="flex-end" mt="lg">
              <Button onClick={() => setCreated(null)}>{t('apiKeys.secretSaved')}</Button>
            </Group>
          </>
        )}
      </Modal>
      <ConfirmModal
        opened={revoking.opened}
        title={t('apiKeys.revokeTitle')}
        message={t('apiKeys.revokeConfirm', { name: revoking.subject?.name ?? '' })}
        confirmLabel={t('apiKeys.revoke')}
        loading={revoke.isPending}
        onConfirm={() => revoking.subject && revoke.mutate(revoking.subject)}
        onClose={revoking.close}
      />
    </>
  );
}
