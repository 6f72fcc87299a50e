import { ActionIcon, Badge, Button, Code, Group, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { ConfirmModal } from '../../../app/ui/ConfirmModal';
import { EmptyList } from '../../../app/ui/EmptyList';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useSubject } from '../../../app/ui/use-subject';
import { type CustomField, customFieldsQuery, keys } from '../queries';
import { CustomFieldModal } from './CustomFieldModal';

/** The org's custom customer fields (permission `customers.settings`, checked by the route). */
export function CustomFieldsPage() {
  const { t } = useTranslation('customers');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const fields = useQuery(customFieldsQuery);
  const [formOpened, form] = useDisclosure();
  const [editing, setEditing] = useState<CustomField | null>(null);
  const deleting = useSubject<CustomField>();

  const remove = useMutation({
    mutationFn: (f: CustomField) => unwrap(api.DELETE('/api/v1/custom-fields/{key}', { params: { path: { key: f.key } } })),
    onSuccess: (_, f) => {
      queryClient.invalidateQueries({ queryKey: keys.customFields });
      notifySuccess(t('customFields.deleted', { label: f.label }));
    },
    onError: (error) => notifyError(error),
    onSettled: deleting.close,
  });

  const openForm = (field: CustomField | null) => {
    setEditing(field);
    form.open();
  };

  const columns: Column<CustomField>[] = [
    { key: 'label', header: t('customFields.label'), render: (f) => <Text fw={600}>{f.label}</Text> },
    { key: 'key', header: t('customFields.key'), render: (f) => <Code>{f.key}</Code> },
    { key: 'type', header: t('customFields.type'), render: (f) => t(`customFields.types.${f.type}`) },
    {
      key: 'options',
      header: t('customFields.options'),
      render: (f) =>
        f.options.length ? (
          <Group gap={4} justify="inherit">
            {f.options.map((o) => (
              <Badge key={o} variant="light" size="sm">
                {o}
              </Badge>
            ))}
          </Group>
        ) : (
          '—'
        ),
    },
    {
      key: 'actions',
      header: '',
      actions: true,
      render: (f) => (
        <Group gap={4} wrap="nowrap">
          <Tooltip label={tApp('actions.edit')}>
            <ActionIcon variant="subtle" onClick={() => openForm(f)} aria-label={`${tApp('actions.edit')}: ${f.label}`}>
              <IconPencil size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={tApp('actions.delete')}>
            <ActionIcon variant="subtle" color="red" onClick={() => deleting.open(f)} aria-label={`${tApp('actions.delete')}: ${f.label}`}>
              <IconTrash size={18} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('customFields.title')}
        description={t('customFields.description')}
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={() => openForm(null)}>
            {t('customFields.create')}
          </Button>
        }
      />
      {fields.data ? (
        <ResponsiveTable
          rows={fields.data}
          columns={columns}
          rowKey={(f) => f.key}
          minWidth={560}
          empty={<EmptyList title={t('customFields.empty')} description={t('customFields.emptyHint')} />}
        />
      ) : (
        <ListSkeleton />
      )}
      <CustomFieldModal field={editing} opened={formOpened} onClose={form.close} />
      <ConfirmModal
        opened={deleting.opened}
        title={t('customFields.deleteTitle')}
        message={t('customFields.deleteConfirm', { label: deleting.subject?.label ?? '' })}
        confirmLabel={tApp('actions.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting.subject && remove.mutate(deleting.subject)}
        onClose={deleting.close}
      />
    </>
  );
}
