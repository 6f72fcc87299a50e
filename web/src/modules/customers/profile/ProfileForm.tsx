import { Button, Card, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { notifySuccess } from '../../../app/ui/notify';
import { allStoresQuery } from '../../access/queries';
import { type Customer, type CustomField, keys } from '../queries';
import { CustomFieldInput } from './CustomFieldInput';
import { changes, toValues } from './profile-values';

/** The id of a field's input, so the quality hints can bring it into view. */
export const fieldId = (name: string) => `customer-field-${name}`;

const GENDERS = ['female', 'male', 'other'] as const;
const DAYS = Array.from({ length: 31 }, (_, i) => String(i + 1));

interface Props {
  customer: Customer;
  fields: CustomField[];
  /** Merged or anonymized records, and users without `customers.write`, only look. */
  readOnly: boolean;
}

export function ProfileForm({ customer, fields, readOnly }: Props) {
  const { t, i18n } = useTranslation('customers');
  const { t: tApp } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const stores = useQuery({ ...allStoresQuery, enabled: can('stores.read') });
  const initial = useMemo(() => toValues(customer, fields), [customer, fields]);
  const form = useForm({ initialValues: initial });
  const months = useMemo(() => {
    const name = new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' });
    return Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: name.format(Date.UTC(2000, i, 1)) }));
  }, [i18n.language]);

  const save = useMutation({
    mutationFn: (body: ReturnType<typeof changes>) =>
      unwrap(api.PATCH('/api/v1/customers/{id}', { params: { path: { id: customer.id } }, body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.one(customer.id), saved);
      queryClient.invalidateQueries({ queryKey: keys.list });
      queryClient.invalidateQueries({ queryKey: keys.timeline(customer.id) });
      notifySuccess(t('profile.saved'));
    },
    onError: (error) => showFormError(form, error),
  });

  const submit = form.onSubmit((values) => {
    const body = changes(values, initial);
    if (Object.keys(body).length === 0) return notifySuccess(t('profile.noChanges'));
    save.mutate(body);
  });

  const input = (name: string) => ({ id: fieldId(name), ...form.getInputProps(name) });
  return (
    <Card withBorder padding="md">
      <form onSubmit={submit} aria-label={t('profile.details')}>
        <Fieldset disabled={readOnly} variant="unstyled">
          <Stack gap="lg">
            <Section title={t('profile.contact')}>
              <TextInput label={t('fields.firstName')} {...input('firstName')} />
              <TextInput label={t('fields.lastName')} {...input('lastName')} />
              <TextInput label={t('fields.phone')} type="tel" inputMode="tel" disabled={customer.masked} {...input('phone')} />
              <TextInput label={t('fields.email')} type="email" disabled={customer.masked} {...input('email')} />
              <div style={{ gridColumn: '1 / -1' }}>
                <Text size="sm" fw={500} mb={4}>
                  {t('fields.birthday')}
                </Text>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Select
                    aria-label={t('fields.birthDay')}
                    placeholder={t('fields.birthDay')}
                    data={DAYS}
                    clearable
                    w={88}
                    {...input('birthday.day')}
                    id={fieldId('birthday')}
                  />
                  <Select
                    aria-label={t('fields.birthMonth')}
                    placeholder={t('fields.birthMonth')}
                    data={months}
                    clearable
                    style={{ flex: 1 }}
                    {...input('birthday.month')}
                  />
                  <NumberInput
                    aria-label={t('fields.birthYear')}
                    placeholder={t('fields.year')}
                    min={1900}
                    max={new Date().getFullYear()}
                    hideControls
                    w={110}
                    disabled={customer.masked}
                    {...input('birthday.year')}
                  />
                </Group>
                {/* `/birthday` errors have no input of their own: they show under day and month. */}
                {form.errors.birthday && (
                  <Text size="xs" c="red" mt={4}>
                    {form.errors.birthday}
                  </Text>
                )}
              </div>
              <Select
                label={t('fields.gender')}
                clearable
                data={GENDERS.map((g) => ({ value: g, label: t(`genders.${g}`) }))}
                {...input('gender')}
              />
              <TextInput label={t('fields.city')} {...input('city')} />
              <TextInput label={t('fields.district')} {...input('district')} />
              <Select
                label={t('fields.preferredStore')}
                searchable
                clearable
                data={(stores.data ?? []).map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
                {...input('preferredStoreId')}
              />
            </Section>
            <Section title={t('profile.sizes')}>
              <TextInput label={t('fields.sizeTop')} {...input('sizes.top')} />
              <TextInput label={t('fields.sizeBottom')} {...input('sizes.bottom')} />
              <TextInput label={t('fields.sizeShoe')} {...input('sizes.shoe')} />
              <TagsInput label={t('fields.colours')} placeholder={t('profile.addValue')} {...input('colours')} />
              <TagsInput label={t('fields.styles')} placeholder={t('profile.addValue')} {...input('styles')} />
              <TagsInput label={t('fields.tags')} placeholder={t('profile.addValue')} {...input('tags')} />
            </Section>
            {fields.length > 0 && (
              <Section title={t('profile.customFields')}>
                {fields.map((f) => {
                  const props = form.getInputProps(`custom.${f.key}`);
                  return (
                    <CustomFieldInput
                      key={f.key}
                      id={fieldId(`custom.${f.key}`)}
                      field={f}
                      value={props.value}
                      onChange={props.onChange}
                      error={props.error}
                    />
                  );
                })}
              </Section>
            )}
            {!readOnly && (
              <Group justify="flex-end">
                <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
                  {tApp('actions.cancel')}
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {tApp('actions.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>
      </form>
    </Card>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <Text fw={700} mb="xs">
        {title}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
        {children}
      </SimpleGrid>
    </div>
  );
}
