import { Alert, Button, Card, Group, PasswordInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import { useFormat } from '../../../app/i18n/format';
import { FullPageLoader } from '../../../app/ui/FullPageLoader';
import { notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { brandsQuery } from '../../access/queries';
import { iysSettingsQuery, keys } from '../queries';

const DEFAULT_URL = 'https://api.iys.org.tr';

/** İYS credentials for the whole business or one brand; the password is write-only. */
export function IysSettingsPage() {
  const { t } = useTranslation('privacy');
  const format = useFormat();
  const queryClient = useQueryClient();
  const settings = useQuery(iysSettingsQuery);
  const brands = useQuery(brandsQuery);
  const [scope, setScope] = useState('org');
  const current = settings.data?.find((s) => s.scope === scope);
  const form = useForm({
    initialValues: { enabled: false, baseUrl: DEFAULT_URL, iysCode: '', brandCode: '', username: '', password: '' },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload the form when the scope or its saved settings change
  useEffect(() => {
    form.setValues({
      enabled: current?.enabled ?? false,
      baseUrl: current?.baseUrl ?? DEFAULT_URL,
      iysCode: current?.iysCode ?? '',
      brandCode: current?.brandCode ?? '',
      username: current?.username ?? '',
      password: '',
    });
  }, [scope, current?.updatedAt]);
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      unwrap(
        api.PUT('/api/v1/privacy/iys/settings', {
          body: {
            scope,
            enabled: v.enabled,
            baseUrl: v.baseUrl.trim(),
            iysCode: v.iysCode.trim() || null,
            brandCode: v.brandCode.trim() || null,
            username: v.username.trim() || null,
            ...(v.password ? { password: v.password } : {}),
          },
        }),
      ),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: keys.iys });
      notifySuccess(t('iys.saved'));
    },
    onError: (error) => showFormError(form, error),
  });
  if (!settings.data) return <FullPageLoader />;
  return (
    <>
      <PageHeader title={t('iys.title')} description={t('iys.description')} />
      <Card withBorder maw={560} component="form" onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          <Select
            label={t('iys.scope')}
            allowDeselect={false}
            value={scope}
            onChange={(v) => setScope(v ?? 'org')}
            data={[{ value: 'org', label: t('iys.orgScope') }, ...(brands.data ?? []).map((b) => ({ value: b.id, label: b.name }))]}
          />
          <Switch label={t('iys.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
          <TextInput label={t('iys.baseUrl')} {...form.getInputProps('baseUrl')} />
          <Group grow>
            <TextInput label={t('iys.iysCode')} inputMode="numeric" {...form.getInputProps('iysCode')} />
            <TextInput label={t('iys.brandCode')} inputMode="numeric" {...form.getInputProps('brandCode')} />
          </Group>
          <TextInput label={t('iys.username')} autoComplete="off" {...form.getInputProps('username')} />
          <PasswordInput
            label={t('iys.password')}
            description={current?.hasPassword ? t('iys.passwordStored') : undefined}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          {current?.lastPullAt && (
            <Text size="sm" c="dimmed">
              {t('iys.lastPull', { date: format.dateTime(current.lastPullAt) })}
            </Text>
          )}
          {current?.lastPullError && <Alert color="red">{t('iys.lastPullError', { error: current.lastPullError })}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('iys.save')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </>
  );
}
