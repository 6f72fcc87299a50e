import { Button, Group, Modal, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import type { Schema } from '../../../app/api/types';
import { allStoresQuery, keys } from '../queries';

type Scope = Schema<'ApiKey'>['scopes'][number];
const SCOPES: readonly Scope[] = ['read', 'pos', 'admin'];

interface Props {
  opened: boolean;
  onClose: () => void;
  /** Called with the new key, whose secret the server shows only in this answer. */
  onCreated: (key: Schema<'ApiKey'> & { key: string }) => void;
}

export function CreateApiKeyModal({ opened, onClose, onCreated }: Props) {
  const { t } = useTranslation('access');
  return (
    <Modal opened={opened} onClose={onClose} title={t('apiKeys.create')} centered>
      {opened && <CreateForm onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function CreateForm({ onClose, onCreated }: Omit<Props, 'opened'>) {
  const { t } = useTranslation('access');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const stores = useQuery(allStoresQuery);
  const form = useForm({
    initialValues: { name: '', scopes: ['read'] as Scope[], storeCode: null as string | null },
    validate: {
      name: isNotEmpty(tApp('validation.required')),
      scopes: (scopes) => (scopes.length === 0 ? tApp('validation.required') : null),
      // A POS key acts for one till, so it is tied to one store.
      storeCode: (code, values) => (values.scopes.includes('pos') && !code ? t('apiKeys.storeRequired') : null),
    },
  });
  const create = useMutation({
    mutationFn: ({ storeCode, ...values }: typeof form.values) =>
      unwrap(api.POST('/api/v1/api-keys', { body: { ...values, storeCode: storeCode ?? undefined } })),
    onSuccess: (created) => {
      queryClient.invalidateQueries({ queryKey: keys.apiKeys });
      onClose();
      onCreated(created);
    },
    onError: (error) => showFormError(form, error, { store_required: 'storeCode', unknown_store: 'storeCode' }),
  });
  return (
    <form onSubmit={form.onSubmit((values) => create.mutate(values))}>
      <Stack>
        <TextInput label={t('apiKeys.name')} description={t('apiKeys.nameHint')} data-autofocus {...form.getInputProps('name')} />
        <MultiSelect
          label={t('apiKeys.scopes')}
          data={SCOPES.map((scope) => ({ value: scope, label: t(`apiKeys.scope.${scope}`) }))}
          {...form.getInputProps('scopes')}
        />
        <Select
          label={t('apiKeys.store')}
          description={t('apiKeys.storeHint')}
          searchable
          clearable
          withAsterisk={form.values.scopes.includes('pos')}
          nothingFoundMessage={tApp('list.nothingFound')}
          data={(stores.data ?? []).map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }))}
          {...form.getInputProps('storeCode')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {tApp('actions.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('apiKeys.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
