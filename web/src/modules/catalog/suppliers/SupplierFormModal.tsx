import { Button, Group, Modal, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { changedFields } from '../../../app/api/changes';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import { notifySuccess } from '../../../app/ui/notify';
import { keys, type Supplier } from '../queries';

interface Props {
  /** The supplier to edit; null to create one. */
  supplier: Supplier | null;
  opened: boolean;
  onClose: () => void;
}

export function SupplierFormModal({ supplier, opened, onClose }: Props) {
  const { t } = useTranslation('catalog');
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={supplier ? t('suppliers.edit') : t('suppliers.create')}
      size="lg"
      fullScreen={phone}
      centered
    >
      {/* Keyed so each opening starts from the supplier's current values. */}
      {opened && <SupplierForm key={supplier?.id ?? 'new'} supplier={supplier} onDone={onClose} />}
    </Modal>
  );
}

const OPTIONAL = ['taxNumber', 'contactName', 'phone', 'email', 'address', 'notes'] as const;

function SupplierForm({ supplier, onDone }: { supplier: Supplier | null; onDone: () => void }) {
  const { t } = useTranslation('catalog');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const initial = {
    code: supplier?.code ?? '',
    name: supplier?.name ?? '',
    ...(Object.fromEntries(OPTIONAL.map((k) => [k, supplier?.[k] ?? ''])) as Record<(typeof OPTIONAL)[number], string>),
  };
  const form = useForm({
    initialValues: initial,
    validate: {
      code: (v) => (v.trim() ? null : tApp('validation.required')),
      name: (v) => (v.trim() ? null : tApp('validation.required')),
    },
  });
  // Empty optional fields are sent as null (cleared), not as empty strings.
  const body = (values: typeof initial) => ({
    code: values.code.trim(),
    name: values.name.trim(),
    ...Object.fromEntries(OPTIONAL.map((k) => [k, values[k].trim() || null])),
  });
  const save = useMutation({
    mutationFn: (values: typeof initial) =>
      unwrap(
        supplier
          ? api.PATCH('/api/v1/catalog/suppliers/{id}', {
              params: { path: { id: supplier.id } },
              body: changedFields(body(values), body(initial)),
            })
          : api.POST('/api/v1/catalog/suppliers', { body: body(values) as never }),
      ),
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: keys.suppliers });
      notifySuccess(t(supplier ? 'suppliers.saved' : 'suppliers.created', { name: saved.name }));
      onDone();
    },
    onError: (error) => showFormError(form, error, { supplier_code_taken: 'code' }),
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('suppliers.code')} required data-autofocus {...form.getInputProps('code')} />
          <TextInput label={t('suppliers.name')} required {...form.getInputProps('name')} />
          <TextInput label={t('suppliers.taxNumber')} inputMode="numeric" {...form.getInputProps('taxNumber')} />
          <TextInput label={t('suppliers.contactName')} {...form.getInputProps('contactName')} />
          <TextInput label={t('suppliers.phone')} type="tel" inputMode="tel" {...form.getInputProps('phone')} />
          <TextInput label={t('suppliers.email')} type="email" {...form.getInputProps('email')} />
        </SimpleGrid>
        <Textarea label={t('suppliers.address')} autosize minRows={2} {...form.getInputProps('address')} />
        <Textarea label={t('suppliers.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
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
