import { ActionIcon, Badge, Button, Card, Group, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import type { Schema } from '../../../app/api/types';
import { ConfirmModal } from '../../../app/ui/ConfirmModal';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { formatPhone } from '../../../app/ui/phone';
import { useSubject } from '../../../app/ui/use-subject';
import { type Customer, keys } from '../queries';

type Identity = Schema<'CustomerIdentity'>;
const KINDS = ['card', 'external', 'phone', 'email'] as const;

/** The phones, e-mails, cards and external ids the customer is recognised by. */
export function IdentitiesCard({ customer: c, readOnly }: { customer: Customer; readOnly: boolean }) {
  const { t } = useTranslation('customers');
  const queryClient = useQueryClient();
  const removing = useSubject<Identity>();
  const form = useForm({ initialValues: { kind: 'card' as Identity['kind'], value: '' } });

  const saved = (customer: Customer, message: string) => {
    queryClient.setQueryData(keys.one(c.id), customer);
    queryClient.invalidateQueries({ queryKey: keys.timeline(c.id) });
    notifySuccess(message);
  };
  const add = useMutation({
    mutationFn: (body: typeof form.values) =>
      unwrap(api.POST('/api/v1/customers/{id}/identities', { params: { path: { id: c.id } }, body })),
    onSuccess: (customer) => {
      form.setFieldValue('value', '');
      saved(customer, t('identities.added'));
    },
    onError: (error) => showFormError(form, error, { identity_taken: 'value', customer_exists: 'value' }),
  });
  const remove = useMutation({
    mutationFn: (i: Identity) =>
      unwrap(
        api.DELETE('/api/v1/customers/{id}/identities/{kind}/{value}', { params: { path: { id: c.id, kind: i.kind, value: i.value } } }),
      ),
    onSuccess: (customer) => saved(customer, t('identities.removed')),
    onError: (error) => notifyError(error),
    onSettled: removing.close,
  });

  const isPrimary = (i: Identity) => (i.kind === 'phone' && i.value === c.phone) || (i.kind === 'email' && i.value === c.email);
  const shown = (i: Identity) => (i.kind === 'phone' && !c.masked ? formatPhone(i.value) : i.value);
  return (
    <Card withBorder padding="md">
      <Text fw={700}>{t('identities.title')}</Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t('identities.description')}
      </Text>
      <Stack gap={6}>
        {c.identities.map((i) => (
          <Group key={`${i.kind}:${i.value}`} justify="space-between" wrap="nowrap" gap="xs">
            <Group gap="xs" wrap="nowrap" miw={0}>
              <Badge variant="light" w={90} style={{ flexShrink: 0 }}>
                {t(`identities.kinds.${i.kind}`)}
              </Badge>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {shown(i)}
              </Text>
              {isPrimary(i) && (
                <Badge variant="outline" color="gray" size="xs" style={{ flexShrink: 0 }}>
                  {t('identities.primary')}
                </Badge>
              )}
            </Group>
            {!readOnly && !isPrimary(i) && (
              <Tooltip label={t('identities.remove')}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`${t('identities.remove')}: ${i.value}`}
                  onClick={() => removing.open(i)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        ))}
      </Stack>
      {!readOnly && (
        <form onSubmit={form.onSubmit((values) => add.mutate(values))}>
          <Group mt="md" gap="xs" align="flex-start" wrap="wrap">
            <Select
              aria-label={t('identities.kind')}
              allowDeselect={false}
              w={130}
              data={KINDS.map((k) => ({ value: k, label: t(`identities.kinds.${k}`) }))}
              {...form.getInputProps('kind')}
            />
            <TextInput
              aria-label={t('identities.value')}
              placeholder={form.values.kind === 'external' ? t('identities.externalHint') : t('identities.value')}
              style={{ flex: 1, minWidth: 160 }}
              {...form.getInputProps('value')}
            />
            <Button type="submit" variant="light" loading={add.isPending} disabled={!form.values.value.trim()}>
              {t('identities.add')}
            </Button>
          </Group>
        </form>
      )}
      <ConfirmModal
        opened={removing.opened}
        title={t('identities.removeTitle')}
        message={t('identities.removeConfirm', { value: removing.subject ? shown(removing.subject) : '' })}
        confirmLabel={t('identities.remove')}
        loading={remove.isPending}
        onConfirm={() => removing.subject && remove.mutate(removing.subject)}
        onClose={removing.close}
      />
    </Card>
  );
}
