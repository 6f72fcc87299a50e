import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { changedFields } from '../../../app/api/changes';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import type { Schema } from '../../../app/api/types';
import { STORE_ROLES } from '../../../app/auth/roles';
import { meQuery } from '../../../app/auth/session';
import { notifySuccess } from '../../../app/ui/notify';
import { keys } from '../queries';
import { needsStore, RoleAndStores } from './UserFields';

type User = Schema<'User'>;

export function EditUserModal({ user, opened, onClose }: { user: User | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('access');
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.edit')} centered size="lg">
      {user && <EditForm key={user.id} user={user} onClose={onClose} />}
    </Modal>
  );
}

function EditForm({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation('access');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { name: user.name, role: user.role, storeIds: user.storeIds },
    validate: { name: isNotEmpty(tApp('validation.required')), storeIds: needsStore(t('users.storeRequired')) },
  });
  const save = useMutation({
    mutationFn: (values: typeof form.values) => {
      // Stores matter only for store roles; the server clears them for the others.
      const wanted = { ...values, storeIds: STORE_ROLES.has(values.role) ? values.storeIds : [] };
      const body = changedFields(wanted, form.getInitialValues());
      return unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body }));
    },
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: keys.users });
      // Editing oneself changes the name in the header.
      queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      notifySuccess(t('users.saved', { name: saved.name }));
      onClose();
    },
    onError: (error) =>
      showFormError(form, error, { store_scope_required: 'storeIds', unknown_store: 'storeIds', owner_only: 'role', last_owner: 'role' }),
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack>
        <TextInput label={t('users.email')} value={user.email} disabled />
        <TextInput label={t('users.name')} data-autofocus {...form.getInputProps('name')} />
        <RoleAndStores form={form} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {tApp('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
            {tApp('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
