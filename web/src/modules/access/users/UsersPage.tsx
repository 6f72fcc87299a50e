import { ActionIcon, Badge, Button, Group, Menu, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDots, IconKey, IconPencil, IconUserCheck, IconUserOff, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import type { Schema } from '../../../app/api/types';
import { useSession } from '../../../app/auth/session';
import { useFormat } from '../../../app/i18n/format';
import { ConfirmModal } from '../../../app/ui/ConfirmModal';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useSubject } from '../../../app/ui/use-subject';
import { allStoresQuery, keys, useUsersPages } from '../queries';
import { EditUserModal } from './EditUserModal';
import { InviteUserModal } from './InviteUserModal';
import { LinkModal, type ShownLink } from './LinkModal';

type User = Schema<'User'>;
type ActiveFilter = 'all' | 'true' | 'false';

export function UsersPage() {
  const { t } = useTranslation('access');
  const { t: tApp } = useTranslation();
  const me = useSession().user;
  const format = useFormat();
  const queryClient = useQueryClient();
  const [active, setActive] = useState<ActiveFilter>('all');
  const users = useUsersPages({ active: active === 'all' ? undefined : active });
  const stores = useQuery(allStoresQuery);
  const [inviteOpened, invite] = useDisclosure();
  const editing = useSubject<User>();
  const deactivating = useSubject<User>();
  const [link, setLink] = useState<ShownLink | null>(null);

  const storeCode = (id: string) => stores.data?.find((s) => s.id === id)?.code ?? '…';

  const setActiveState = useMutation({
    mutationFn: ({ user, active }: { user: User; active: boolean }) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { active } })),
    onSuccess: (user) => {
      queryClient.invalidateQueries({ queryKey: keys.users });
      notifySuccess(t(user.active ? 'users.reactivated' : 'users.deactivated', { name: user.name }));
    },
    onError: (error) => notifyError(error),
    onSettled: deactivating.close,
  });

  const resetLink = useMutation({
    mutationFn: (user: User) => unwrap(api.POST('/api/v1/users/{id}/reset-password', { params: { path: { id: user.id } } })),
    onSuccess: (answer, user) => setLink({ purpose: user.activated ? 'reset' : 'invite', user, ...answer }),
    onError: (error) => notifyError(error),
  });

  // Only an owner may touch an owner; nobody deactivates themselves.
  const canTouch = (u: User) => u.role !== 'owner' || me?.role === 'owner';

  const columns: Column<User>[] = [
    {
      key: 'name',
      header: t('users.name'),
      render: (u) => (
        <div>
          <Text size="sm" fw={600}>
            {u.name}
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {u.email}
          </Text>
        </div>
      ),
    },
    { key: 'role', header: t('users.role'), render: (u) => tApp(`roles.${u.role}`) },
    {
      key: 'stores',
      header: t('users.stores'),
      render: (u) => (u.storeIds.length ? u.storeIds.map(storeCode).join(', ') : t('users.allStores')),
    },
    {
      key: 'status',
      header: t('users.status'),
      render: (u) => (
        <Group gap={4}>
          <Badge color={u.active ? 'teal' : 'gray'} variant="light">
            {u.active ? t('common.active') : t('common.inactive')}
          </Badge>
          {!u.activated && (
            <Badge color="yellow" variant="light">
              {t('users.pending')}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'lastLogin', header: t('users.lastLogin'), render: (u) => (u.lastLoginAt ? format.dateTime(u.lastLoginAt) : '—') },
    {
      key: 'actions',
      header: '',
      actions: true,
      render: (u) =>
        canTouch(u) && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" aria-label={tApp('actions.more')}>
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => editing.open(u)}>
                {tApp('actions.edit')}
              </Menu.Item>
              {/* One's own password is changed on the account page. */}
              {u.active && u.id !== me?.id && (
                <Menu.Item leftSection={<IconKey size={16} />} onClick={() => resetLink.mutate(u)}>
                  {u.activated ? t('users.resetPassword') : t('users.newInvite')}
                </Menu.Item>
              )}
              {u.id !== me?.id &&
                (u.active ? (
                  <Menu.Item color="red" leftSection={<IconUserOff size={16} />} onClick={() => deactivating.open(u)}>
                    {t('users.deactivate')}
                  </Menu.Item>
                ) : (
                  <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => setActiveState.mutate({ user: u, active: true })}>
                    {t('users.reactivate')}
                  </Menu.Item>
                ))}
            </Menu.Dropdown>
          </Menu>
        ),
    },
  ];

  const rows = users.data?.pages.flatMap((p) => p.items);
  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          <Button leftSection={<IconUserPlus size={18} />} onClick={invite.open}>
            {t('users.invite')}
          </Button>
        }
      />
      <Stack>
        <Select
          aria-label={t('users.status')}
          allowDeselect={false}
          maw={{ base: '100%', sm: 240 }}
          value={active}
          onChange={(v) => setActive((v ?? 'all') as ActiveFilter)}
          data={[
            { value: 'all', label: t('common.allStatuses') },
            { value: 'true', label: t('common.activeOnly') },
            { value: 'false', label: t('common.inactiveOnly') },
          ]}
        />
        {rows ? (
          <div style={{ opacity: users.isPlaceholderData ? 0.6 : 1 }}>
            <ResponsiveTable
              rows={rows}
              columns={columns}
              rowKey={(u) => u.id}
              minWidth={820}
              empty={<EmptyList title={active === 'all' ? t('users.empty') : t('common.noMatches')} />}
            />
            <LoadMore {...users} />
          </div>
        ) : (
          <ListSkeleton />
        )}
      </Stack>
      <InviteUserModal opened={inviteOpened} onClose={invite.close} onInvited={setLink} />
      <EditUserModal user={editing.subject} opened={editing.opened} onClose={editing.close} />
      <LinkModal link={link} onClose={() => setLink(null)} />
      <ConfirmModal
        opened={deactivating.opened}
        title={t('users.deactivateTitle')}
        message={t('users.deactivateConfirm', { name: deactivating.subject?.name ?? '' })}
        confirmLabel={t('users.deactivate')}
        loading={setActiveState.isPending}
        onConfirm={() => deactivating.subject && setActiveState.mutate({ user: deactivating.subject, active: false })}
        onClose={deactivating.close}
      />
    </>
  );
}
