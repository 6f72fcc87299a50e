import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { isEmail, isNotEmpty, useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import { type Role, STORE_ROLES } from '../../../app/auth/roles';
import { isLanguage, LANGUAGES } from '../../../app/i18n';
import { keys } from '../queries';
import type { ShownLink } from './LinkModal';
import { needsStore, RoleAndStores } from './UserFields';

// The Select needs a value for "no own choice": the org's default language then applies.
const ORG_DEFAULT = 'org';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** Called with the invitation link, which the server shows only in this answer. */
  onInvited: (link: ShownLink) => void;
}

export function InviteUserModal({ opened, onClose, onInvited }: Props) {
  const { t } = useTranslation('access');
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.invite')} centered size="lg">
      {opened && <InviteForm onClose={onClose} onInvited={onInvited} />}
    </Modal>
  );
}

function InviteForm({ onClose, onInvited }: Omit<Props, 'opened'>) {
  const { t } = useTranslation('access');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { email: '', name: '', role: 'associate' as Role, storeIds: [] as string[], locale: ORG_DEFAULT },
    validate: {
      email: isEmail(tApp('validation.email')),
      name: isNotEmpty(tApp('validation.required')),
      storeIds: needsStore(t('users.storeRequired')),
    },
  });
  const invite = useMutation({
    mutationFn: ({ locale, storeIds, ...values }: typeof form.values) =>
      unwrap(
        api.POST('/api/v1/users', {
          body: {
            ...values,
            storeIds: STORE_ROLES.has(values.role) ? storeIds : undefined,
            locale: isLanguage(locale) ? locale : undefined,
          },
        }),
      ),
    onSuccess: ({ user, invite }) => {
      queryClient.invalidateQueries({ queryKey: keys.users });
      onClose();
      onInvited({ purpose: 'invite', user, ...invite });
    },
    onError: (error) => showFormError(form, error, { email_taken: 'email', store_scope_required: 'storeIds', unknown_store: 'storeIds' }),
  });
  return (
    <form onSubmit={form.onSubmit((values) => invite.mutate(values))}>
      <Stack>
        <TextInput label={t('users.email')} type="email" inputMode="email" data-autofocus {...form.getInputProps('email')} />
        <TextInput label={t('users.name')} {...form.getInputProps('name')} />
        <RoleAndStores form={form} />
        <Select
          label={t('users.language')}
          allowDeselect={false}
          data={[
            { value: ORG_DEFAULT, label: t('users.orgLanguage') },
            ...LANGUAGES.map((lng) => ({ value: lng, label: tApp(`languages.long.${lng}`) })),
          ]}
          {...form.getInputProps('locale')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {tApp('actions.cancel')}
          </Button>
          <Button type="submit" loading={invite.isPending}>
            {t('users.sendInvite')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
