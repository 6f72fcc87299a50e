import { Button, Group, Modal, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { isNotEmpty, matches, useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { showFormError } from '../../../app/api/form-errors';
import { unwrap } from '../../../app/api/problem';
import { notifySuccess } from '../../../app/ui/notify';
import { type CustomField, keys } from '../queries';

const TYPES = ['text', 'number', 'date', 'select', 'multi_select', 'boolean'] as const;
const hasOptions = (type: CustomField['type']) => type === 'select' || type === 'multi_select';

interface Props {
  /** The field to edit; none to define one. */
  field: CustomField | null;
  opened: boolean;
  onClose: () => void;
}

export function CustomFieldModal({ field, opened, onClose }: Props) {
  const { t } = useTranslation('customers');
  return (
    <Modal opened={opened} onClose={onClose} title={field ? t('customFields.edit') : t('customFields.create')} centered>
      {/* Keyed so each opening starts from the field's current values. */}
      {opened && <CustomFieldForm key={field?.key ?? 'new'} field={field} onDone={onClose} />}
    </Modal>
  );
}

function CustomFieldForm({ field, onDone }: { field: CustomField | null; onDone: () => void }) {
  const { t } = useTranslation('customers');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      key: field?.key ?? '',
      label: field?.label ?? '',
      type: field?.type ?? ('text' as CustomField['type']),
      options: field?.options ?? [],
    },
    validate: {
      key: matches(/^[a-z][a-z0-9_]{0,39}$/, t('customFields.keyFormat')),
      label: isNotEmpty(tApp('validation.required')),
      options: (options, values) => (hasOptions(values.type) && options.length === 0 ? tApp('validation.required') : null),
    },
  });
  const save = useMutation({
    mutationFn: ({ key, label, type, options }: typeof form.values) => {
      const chosen = hasOptions(type) ? options : undefined;
      return unwrap(
        field
          ? api.PATCH('/api/v1/custom-fields/{key}', { params: { path: { key } }, body: { label, options: chosen } })
          : api.POST('/api/v1/custom-fields', { body: { key, label, type, options: chosen } }),
      );
    },
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: keys.customFields });
      notifySuccess(t(field ? 'customFields.saved' : 'customFields.created', { label: saved.label }));
      onDone();
    },
    onError: (error) => showFormError(form, error, { custom_field_exists: 'key' }),
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack>
        <TextInput label={t('customFields.label')} data-autofocus {...form.getInputProps('label')} />
        <TextInput
          label={t('customFields.key')}
          description={t('customFields.keyHint')}
          disabled={Boolean(field)}
          autoCapitalize="none"
          {...form.getInputProps('key')}
        />
        <Select
          label={t('customFields.type')}
          description={field ? t('customFields.typeFixed') : undefined}
          disabled={Boolean(field)}
          allowDeselect={false}
          data={TYPES.map((type) => ({ value: type, label: t(`customFields.types.${type}`) }))}
          {...form.getInputProps('type')}
        />
        {hasOptions(form.values.type) && (
          <TagsInput label={t('customFields.options')} description={t('customFields.optionsHint')} {...form.getInputProps('options')} />
        )}
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
