import { Button, Card, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { isProblem, unwrap } from '../../../app/api/problem';
import { type Customer, keys } from '../queries';

const GENDERS = ['female', 'male', 'other'] as const;

interface Props {
  phone: string;
  /** `created` is false when the e-mail led to a customer already registered. */
  onCreated: (customer: Customer, created: boolean) => void;
  /** The server refused the number (not a mobile one): it is shown on the phone input. */
  onInvalidPhone: (detail: string) => void;
}

/** The few fields asked at the counter; the rest can wait for the profile. */
export function NewCustomerForm({ phone, onCreated, onInvalidPhone }: Props) {
  const { t } = useTranslation('customers');
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { firstName: '', lastName: '', email: '', gender: '' as '' | (typeof GENDERS)[number] },
  });
  const create = useMutation({
    mutationFn: (v: typeof form.values) =>
      unwrap(
        api.POST('/api/v1/customers/upsert', {
          body: {
            phone,
            firstName: v.firstName.trim() || undefined,
            lastName: v.lastName.trim() || undefined,
            email: v.email.trim() || undefined,
            gender: v.gender || undefined,
            createdVia: 'store',
          },
        }),
      ),
    onSuccess: ({ customer, created }) => {
      queryClient.invalidateQueries({ queryKey: keys.list });
      onCreated(customer, created);
    },
    onError: (error) => {
      const onPhone = isProblem(error) && error.errors.find((e) => e.field === '/phone');
      if (onPhone) onInvalidPhone(onPhone.detail);
      else showFormError(form, error);
    },
  });

  return (
    <Card withBorder padding="md">
      <form onSubmit={form.onSubmit((v) => create.mutate(v))}>
        <Stack gap="sm">
          <Text fw={600}>{t('quick.notFound')}</Text>
          <TextInput
            label={t('fields.firstName')}
            size="md"
            autoComplete="off"
            data-autofocus
            autoFocus
            {...form.getInputProps('firstName')}
          />
          <TextInput label={t('fields.lastName')} size="md" autoComplete="off" {...form.getInputProps('lastName')} />
          <TextInput label={t('quick.emailOptional')} size="md" type="email" inputMode="email" {...form.getInputProps('email')} />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('fields.gender')}
            </Text>
            <SegmentedControl
              fullWidth
              aria-label={t('fields.gender')}
              data={GENDERS.map((g) => ({ value: g, label: t(`genders.${g}`) }))}
              {...form.getInputProps('gender')}
            />
          </div>
          <Button type="submit" size="lg" loading={create.isPending}>
            {t('quick.create')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
