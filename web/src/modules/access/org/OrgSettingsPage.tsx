import { Alert, Button, Fieldset, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { TimePicker } from '@mantine/dates';
import { isNotEmpty, matches, useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { changedFields } from '../../../app/api/changes';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import type { RequestBody, Schema } from '../../../app/api/types';
import { meQuery, useSession } from '../../../app/auth/session';
import { LANGUAGES } from '../../../app/i18n';
import { notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { keys, orgQuery } from '../queries';

type Org = Schema<'Org'>;
type OrgValues = Omit<Org, 'orgId'>;

export function OrgSettingsPage() {
  const { t } = useTranslation('access');
  const { data: org } = useQuery(orgQuery);
  return (
    <>
      <PageHeader title={t('org.title')} description={t('org.description')} />
      {org ? <OrgForm org={org} /> : <Skeleton h={320} />}
    </>
  );
}

/** IANA zones the browser knows; the org's own zone stays selectable even if it is not among them. */
function useTimeZones(current: string) {
  return useMemo(() => {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes(current) ? zones : [current, ...zones];
  }, [current]);
}

function OrgForm({ org }: { org: Org }) {
  const { t } = useTranslation('access');
  const { t: tApp } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const editable = can('org.manage');
  const { orgId: _, ...initialValues } = org;
  const form = useForm<OrgValues>({
    initialValues,
    validate: {
      name: isNotEmpty(tApp('validation.required')),
      currency: matches(/^[A-Z]{3}$/, t('org.currencyFormat')),
      quietHoursStart: isNotEmpty(tApp('validation.required')),
      quietHoursEnd: isNotEmpty(tApp('validation.required')),
    },
  });
  const zones = useTimeZones(form.values.timezone);

  const save = useMutation({
    mutationFn: (body: RequestBody<'/api/v1/org', 'patch'>) => unwrap(api.PATCH('/api/v1/org', { body })),
    onSuccess: (saved) => {
      const { orgId: _, ...values } = saved;
      form.setInitialValues(values);
      form.setValues(values);
      queryClient.setQueryData(keys.org, saved);
      // The header shows the org's name and dates use its zone: both come from /me.
      queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      notifySuccess(t('org.saved'));
    },
    onError: (error) => showFormError(form, error),
  });

  const submit = form.onSubmit((values) => {
    save.mutate(changedFields(values, form.getInitialValues()));
  });

  return (
    <Paper withBorder p="lg" radius="md" maw={720}>
      <form onSubmit={submit}>
        <Stack>
          {!editable && (
            <Alert icon={<IconLock size={18} />} color="gray">
              {t('org.readOnly')}
            </Alert>
          )}
          <Fieldset disabled={!editable} variant="unstyled">
            <Stack>
              <TextInput label={t('org.name')} {...form.getInputProps('name')} />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Select
                  label={t('org.timezone')}
                  searchable
                  allowDeselect={false}
                  data={zones}
                  limit={100}
                  nothingFoundMessage={tApp('list.nothingFound')}
                  {...form.getInputProps('timezone')}
                />
                <TextInput
                  label={t('org.currency')}
                  maxLength={3}
                  {...form.getInputProps('currency')}
                  onChange={(e) => form.setFieldValue('currency', e.currentTarget.value.toUpperCase())}
                />
                <Select
                  label={t('org.defaultLocale')}
                  allowDeselect={false}
                  data={LANGUAGES.map((lng) => ({ value: lng, label: tApp(`languages.long.${lng}`) }))}
                  {...form.getInputProps('defaultLocale')}
                />
              </SimpleGrid>
              <div>
                <Text fw={500} size="sm">
                  {t('org.quietHours')}
                </Text>
                <Text c="dimmed" size="xs" mb="xs">
                  {t('org.quietHoursHint')}
                </Text>
                <SimpleGrid cols={2} maw={420}>
                  <TimePicker label={t('org.quietHoursStart')} {...form.getInputProps('quietHoursStart')} />
                  <TimePicker label={t('org.quietHoursEnd')} {...form.getInputProps('quietHoursEnd')} />
                </SimpleGrid>
              </div>
            </Stack>
          </Fieldset>
          {editable && (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                {tApp('actions.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
