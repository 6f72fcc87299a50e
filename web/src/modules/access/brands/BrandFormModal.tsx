import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import type { Schema } from '../../../app/api/types';
import { notifySuccess } from '../../../app/ui/notify';
import { keys } from '../queries';

type Brand = Schema<'Brand'>;

interface Props {
  /** The brand to rename; none to create one. */
  brand: Brand | null;
  opened: boolean;
  onClose: () => void;
}

export function BrandFormModal({ brand, opened, onClose }: Props) {
  const { t } = useTranslation('access');
  return (
    <Modal opened={opened} onClose={onClose} title={brand ? t('brands.edit') : t('brands.create')} centered>
      {/* Keyed so each opening starts from the brand's current values. */}
      {opened && <BrandForm key={brand?.id ?? 'new'} brand={brand} onDone={onClose} />}
    </Modal>
  );
}

function BrandForm({ brand, onDone }: { brand: Brand | null; onDone: () => void }) {
  const { t } = useTranslation('access');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { code: brand?.code ?? '', name: brand?.name ?? '' },
    validate: { code: isNotEmpty(tApp('validation.required')), name: isNotEmpty(tApp('validation.required')) },
  });
  const save = useMutation({
    mutationFn: (body: typeof form.values) =>
      unwrap(brand ? api.PATCH('/api/v1/brands/{id}', { params: { path: { id: brand.id } }, body }) : api.POST('/api/v1/brands', { body })),
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: keys.brands });
      notifySuccess(t(brand ? 'brands.saved' : 'brands.created', { name: saved.name }));
      onDone();
    },
    onError: (error) => showFormError(form, error, { brand_code_taken: 'code' }),
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack>
        <TextInput label={t('brands.code')} data-autofocus {...form.getInputProps('code')} />
        <TextInput label={t('brands.name')} {...form.getInputProps('name')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {tApp('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {tApp('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
