import { Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { IconSearch } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { isProblem, unwrap } from '../../../app/api/problem';
import { notifyError } from '../../../app/ui/notify';
import type { Customer } from '../queries';
import { FoundCustomer } from './FoundCustomer';
import { NewCustomerForm } from './NewCustomerForm';

/** What the lookup answered: a registered customer, or a number nobody has yet. */
type Outcome = { kind: 'found'; customer: Customer; created: boolean } | { kind: 'new'; phone: string };

/**
 * The counter's screen, sized for a phone: one number finds the customer or starts a
 * two-field registration.
 */
export function QuickAddPage() {
  const { t } = useTranslation('customers');
  const { t: tApp } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const form = useForm({ initialValues: { phone: '' }, validate: { phone: isNotEmpty(tApp('validation.required')) } });

  const lookup = useMutation({
    mutationFn: (phone: string) => unwrap(api.GET('/api/v1/customers/lookup', { params: { query: { kind: 'phone', value: phone } } })),
    onSuccess: (customer) => setOutcome({ kind: 'found', customer, created: false }),
    onError: (error, phone) => {
      if (isProblem(error, 404)) setOutcome({ kind: 'new', phone });
      else if (isProblem(error, 400)) form.setFieldError('phone', t('quick.invalidPhone'));
      else notifyError(error);
    },
  });

  const restart = () => {
    setOutcome(null);
    form.reset();
  };

  return (
    <Stack maw={480} mx="auto" gap="md">
      <div>
        <Title order={2}>{t('quick.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('quick.description')}
        </Text>
      </div>
      <Card withBorder padding="md">
        <form
          onSubmit={form.onSubmit(({ phone }) => {
            setOutcome(null);
            lookup.mutate(phone.trim());
          })}
        >
          <Stack gap="sm">
            <TextInput
              label={t('quick.phone')}
              placeholder={t('quick.phonePlaceholder')}
              type="tel"
              inputMode="tel"
              autoComplete="off"
              size="xl"
              data-autofocus
              autoFocus
              {...form.getInputProps('phone')}
              onChange={(e) => {
                form.getInputProps('phone').onChange(e);
                setOutcome(null);
              }}
            />
            <Button type="submit" size="lg" leftSection={<IconSearch size={20} />} loading={lookup.isPending}>
              {t('quick.find')}
            </Button>
          </Stack>
        </form>
      </Card>
      {outcome?.kind === 'found' && <FoundCustomer customer={outcome.customer} created={outcome.created} onAnother={restart} />}
      {outcome?.kind === 'new' && (
        <NewCustomerForm
          key={outcome.phone}
          phone={outcome.phone}
          onCreated={(customer, created) => setOutcome({ kind: 'found', customer, created })}
          onInvalidPhone={(detail) => {
            setOutcome(null);
            form.setFieldError('phone', detail);
          }}
        />
      )}
    </Stack>
  );
}
