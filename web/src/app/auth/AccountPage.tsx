import { Button, Group, Paper, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { hasLength, isNotEmpty, matchesField, useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { showFormError } from '../api/form-errors';
import { unwrap } from '../api/problem';
import { isLanguage, LANGUAGES } from '../i18n';
import { notifySuccess } from '../ui/notify';
import { PageHeader } from '../ui/PageHeader';
import { useSession } from './session';
import { useUpdateMe } from './use-update-me';

const MIN_PASSWORD = 10;
// The Select needs a value for "no own choice": the org's default language then applies.
const ORG_DEFAULT = 'org';

/** The signed-in user's own name, language and password. */
export function AccountPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  return (
    <>
      <PageHeader title={t('account.title')} description={user?.email} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {/* Keyed: a language chosen in the user menu shows here too. */}
        <ProfileForm key={user?.locale ?? 'org'} />
        <PasswordForm />
      </SimpleGrid>
    </>
  );
}

function ProfileForm() {
  const { t } = useTranslation();
  const { user, org } = useSession();
  const updateMe = useUpdateMe();
  const form = useForm({
    initialValues: { name: user?.name ?? '', locale: user?.locale ?? ORG_DEFAULT },
    validate: { name: isNotEmpty(t('validation.required')) },
  });
  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={4} mb="md">
        {t('account.profile')}
      </Title>
      <form
        onSubmit={form.onSubmit((values) =>
          updateMe.mutate(
            { name: values.name, locale: isLanguage(values.locale) ? values.locale : null },
            {
              onSuccess: () => {
                form.resetDirty();
                notifySuccess(t('account.saved'));
              },
              onError: (error) => showFormError(form, error),
            },
          ),
        )}
      >
        <Stack>
          <TextInput label={t('account.name')} autoComplete="name" {...form.getInputProps('name')} />
          <Select
            label={t('account.language')}
            allowDeselect={false}
            data={[
              { value: ORG_DEFAULT, label: t('account.orgLanguage', { language: t(`languages.long.${org.defaultLocale}`) }) },
              ...LANGUAGES.map((lng) => ({ value: lng, label: t(`languages.long.${lng}`) })),
            ]}
            {...form.getInputProps('locale')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={updateMe.isPending} disabled={!form.isDirty()}>
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: isNotEmpty(t('validation.required')),
      newPassword: hasLength({ min: MIN_PASSWORD }, t('validation.passwordLength', { min: MIN_PASSWORD })),
      confirm: matchesField('newPassword', t('validation.passwordsDiffer')),
    },
  });
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => unwrap(api.POST('/api/v1/me/password', { body })),
    onSuccess: () => {
      form.reset();
      notifySuccess(t('account.passwordChanged'));
    },
    // A wrong current password comes back without a field: it belongs to that field.
    onError: (error) => showFormError(form, error, { wrong_password: 'currentPassword' }),
  });
  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={4} mb="md">
        {t('account.password')}
      </Title>
      <form onSubmit={form.onSubmit(({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword }))}>
        <Stack>
          <PasswordInput label={t('account.currentPassword')} autoComplete="current-password" {...form.getInputProps('currentPassword')} />
          <PasswordInput
            label={t('account.newPassword')}
            description={t('validation.passwordLength', { min: MIN_PASSWORD })}
            autoComplete="new-password"
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput label={t('account.confirmPassword')} autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Text size="sm" c="dimmed">
            {t('account.otherSessions')}
          </Text>
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
