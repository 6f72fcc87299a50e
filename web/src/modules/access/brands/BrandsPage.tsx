import { ActionIcon, Button, Group, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import type { Schema } from '../../../app/api/types';
import { useSession } from '../../../app/auth/session';
import { useFormat } from '../../../app/i18n/format';
import { ConfirmModal } from '../../../app/ui/ConfirmModal';
import { EmptyList } from '../../../app/ui/EmptyList';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useSubject } from '../../../app/ui/use-subject';
import { brandsQuery, keys } from '../queries';
import { BrandFormModal } from './BrandFormModal';

type Brand = Schema<'Brand'>;

export function BrandsPage() {
  const { t } = useTranslation('access');
  const { t: tApp } = useTranslation();
  const { can } = useSession();
  const format = useFormat();
  const queryClient = useQueryClient();
  const { data: brands } = useQuery(brandsQuery);
  const [formOpened, form] = useDisclosure();
  const [editing, setEditing] = useState<Brand | null>(null);
  const deleting = useSubject<Brand>();
  const manage = can('stores.manage');

  const remove = useMutation({
    mutationFn: (brand: Brand) => unwrap(api.DELETE('/api/v1/brands/{id}', { params: { path: { id: brand.id } } })),
    onSuccess: (_, brand) => {
      queryClient.invalidateQueries({ queryKey: keys.brands });
      notifySuccess(t('brands.deleted', { name: brand.name }));
    },
    // 409 brand_in_use: the server says why (stores still use it).
    onError: (error) => notifyError(error),
    onSettled: deleting.close,
  });

  const openForm = (brand: Brand | null) => {
    setEditing(brand);
    form.open();
  };

  const columns: Column<Brand>[] = [
    { key: 'code', header: t('brands.code'), render: (b) => b.code },
    { key: 'name', header: t('brands.name'), render: (b) => b.name },
    { key: 'created', header: t('common.createdAt'), render: (b) => format.date(b.createdAt) },
  ];
  if (manage) {
    columns.push({
      key: 'actions',
      header: '',
      actions: true,
      render: (b) => (
        <Group gap={4} wrap="nowrap">
          <Tooltip label={tApp('actions.edit')}>
            <ActionIcon variant="subtle" onClick={() => openForm(b)} aria-label={tApp('actions.edit')}>
              <IconPencil size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={tApp('actions.delete')}>
            <ActionIcon variant="subtle" color="red" onClick={() => deleting.open(b)} aria-label={tApp('actions.delete')}>
              <IconTrash size={18} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('brands.title')}
        description={t('brands.description')}
        actions={
          manage && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => openForm(null)}>
              {t('brands.create')}
            </Button>
          )
        }
      />
      {brands ? (
        <ResponsiveTable
          rows={brands}
          columns={columns}
          rowKey={(b) => b.id}
          minWidth={480}
          empty={<EmptyList title={t('brands.empty')} description={manage ? t('brands.emptyHint') : undefined} />}
        />
      ) : (
        <ListSkeleton />
      )}
      <BrandFormModal brand={editing} opened={formOpened} onClose={form.close} />
      <ConfirmModal
        opened={deleting.opened}
        title={t('brands.deleteTitle')}
        message={t('brands.deleteConfirm', { name: deleting.subject?.name ?? '' })}
        confirmLabel={tApp('actions.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting.subject && remove.mutate(deleting.subject)}
        onClose={deleting.close}
      />
    </>
  );
}
