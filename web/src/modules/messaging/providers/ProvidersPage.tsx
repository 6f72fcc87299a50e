import { ActionIcon, Badge, Button, Group, Menu, Switch, Text } from '@mantine/core';
import { IconDots, IconPencil, IconPlus, IconSend, IconStar, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { ConfirmModal } from '../../../app/ui/ConfirmModal';
import { EmptyList } from '../../../app/ui/EmptyList';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { brandsQuery } from '../../access/queries';
import { ProviderForm } from './ProviderForm';
import { type ProviderConfig, providerKeys, providersQuery } from './queries';
import { TestSendModal } from './TestSendModal';

/** "Gönderim servisleri": the org's providers, their defaults, a test send for each. */
export function ProvidersPage() {
  const { t, i18n } = useTranslation('messaging');
  const queryClient = useQueryClient();
  const providers = useQuery(providersQuery);
  const brands = useQuery(brandsQuery);
  const [editing, setEditing] = useState<ProviderConfig | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [testing, setTesting] = useState<ProviderConfig | null>(null);
  const [removing, setRemoving] = useState<ProviderConfig | null>(null);
  const money = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'TRY' });
  const number = new Intl.NumberFormat(i18n.language);

  const patch = useMutation({
    mutationFn: ({ config, body }: { config: ProviderConfig; body: { enabled?: boolean; isDefault?: boolean } }) =>
      unwrap(api.PATCH('/api/v1/messaging/providers/{id}', { params: { path: { id: config.id } }, body })),
    onSuccess: (row, { body }) => {
      queryClient.invalidateQueries({ queryKey: providerKeys.all });
      const channel = t(`providers.channels.${row.channel}`);
      notifySuccess(
        body.isDefault
          ? t('providers.madeDefault', { name: row.name, channel })
          : t(row.enabled ? 'providers.enabledOn' : 'providers.enabledOff', { name: row.name }),
      );
    },
    onError: (error) => notifyError(error),
  });
  const remove = useMutation({
    mutationFn: (config: ProviderConfig) => unwrap(api.DELETE('/api/v1/messaging/providers/{id}', { params: { path: { id: config.id } } })),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: providerKeys.all });
      setRemoving(null);
      notifySuccess(t('providers.removed'));
    },
    onError: (error) => notifyError(error),
  });

  const openForm = (config: ProviderConfig | null) => {
    setEditing(config);
    setFormOpen(true);
  };
  const brandName = (id: string | null) => (id ? (brands.data?.find((b) => b.id === id)?.name ?? '—') : t('providers.wholeOrg'));

  return (
    <>
      <PageHeader
        title={t('providers.title')}
        description={t('providers.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => openForm(null)}>
            {t('providers.add')}
          </Button>
        }
      />
      {!providers.data ? (
        <ListSkeleton />
      ) : (
        <ResponsiveTable
          rows={providers.data}
          rowKey={(c) => c.id}
          minWidth={860}
          empty={<EmptyList title={t('providers.empty')} description={t('providers.emptyHint')} />}
          columns={[
            {
              key: 'name',
              header: t('providers.columns.name'),
              render: (c) => (
                <div data-testid={`provider-${c.name}`}>
                  <Text fw={600} size="sm">
                    {c.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`providers.kinds.${c.kind}`)} · {brandName(c.brandId)}
                  </Text>
                </div>
              ),
            },
            { key: 'channel', header: t('providers.columns.channel'), render: (c) => t(`providers.channels.${c.channel}`) },
            {
              key: 'default',
              header: t('providers.columns.default'),
              render: (c) =>
                c.isDefault ? (
                  <Badge color="teal" variant="light" data-testid="default-badge">
                    {t('providers.isDefault')}
                  </Badge>
                ) : (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    disabled={!c.enabled}
                    loading={patch.isPending && patch.variables?.config.id === c.id}
                    onClick={() => patch.mutate({ config: c, body: { isDefault: true } })}
                  >
                    {t('providers.makeDefault')}
                  </Button>
                ),
            },
            {
              key: 'enabled',
              header: t('providers.columns.enabled'),
              render: (c) => (
                <Switch
                  checked={c.enabled}
                  aria-label={t('providers.columns.enabled')}
                  onChange={(e) => patch.mutate({ config: c, body: { enabled: e.currentTarget.checked } })}
                />
              ),
            },
            {
              key: 'rate',
              header: t('providers.columns.rate'),
              render: (c) =>
                c.ratePerSecond === null
                  ? t('providers.perSecondDefault', { rate: number.format(c.defaultRatePerSecond) })
                  : t('providers.perSecond', { rate: number.format(c.ratePerSecond) }),
            },
            { key: 'cost', header: t('providers.columns.cost'), render: (c) => money.format(c.costPerPart / 100) },
            {
              key: 'actions',
              header: '',
              actions: true,
              render: (c) => (
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-sm" variant="light" leftSection={<IconSend size={14} />} onClick={() => setTesting(c)}>
                    {t('providers.test.button')}
                  </Button>
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={t('providers.edit')}>
                        <IconDots size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => openForm(c)}>
                        {t('providers.edit')}
                      </Menu.Item>
                      {!c.isDefault && c.enabled && (
                        <Menu.Item
                          leftSection={<IconStar size={14} />}
                          onClick={() => patch.mutate({ config: c, body: { isDefault: true } })}
                        >
                          {t('providers.makeDefault')}
                        </Menu.Item>
                      )}
                      <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setRemoving(c)}>
                        {t('providers.remove')}
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Group>
              ),
            },
          ]}
        />
      )}
      <ProviderForm opened={formOpen} config={editing} onClose={() => setFormOpen(false)} />
      <TestSendModal config={testing} onClose={() => setTesting(null)} />
      <ConfirmModal
        opened={removing !== null}
        title={t('providers.removeTitle')}
        message={t('providers.removeMessage', { name: removing?.name ?? '' })}
        confirmLabel={t('providers.remove')}
        loading={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
