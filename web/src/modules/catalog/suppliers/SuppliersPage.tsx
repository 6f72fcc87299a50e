import { Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/auth/session';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { type Supplier, useSupplierPages } from '../queries';
import { SupplierFormModal } from './SupplierFormModal';

export function SuppliersPage() {
  const { t } = useTranslation('catalog');
  const { can } = useSession();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 350);
  const suppliers = useSupplierPages(q);
  // undefined: closed; null: a new supplier.
  const [editing, setEditing] = useState<Supplier | null | undefined>(undefined);

  const columns: Column<Supplier>[] = [
    {
      key: 'name',
      header: t('suppliers.name'),
      render: (s) =>
        can('catalog.write') ? (
          <Anchor component="button" type="button" fw={600} onClick={() => setEditing(s)} ta="left">
            {s.name}
          </Anchor>
        ) : (
          s.name
        ),
    },
    { key: 'code', header: t('suppliers.code'), render: (s) => s.code },
    { key: 'contact', header: t('suppliers.contactName'), render: (s) => s.contactName ?? '—' },
    { key: 'phone', header: t('suppliers.phone'), render: (s) => s.phone ?? '—' },
    { key: 'email', header: t('suppliers.email'), render: (s) => s.email ?? '—' },
    {
      key: 'products',
      header: t('suppliers.products'),
      render: (s) => (
        <Anchor component={Link} to={`/catalog/products?supplierId=${s.id}`} size="sm">
          {t('suppliers.showProducts')}
        </Anchor>
      ),
    },
  ];

  const rows = suppliers.data?.pages.flatMap((p) => p.items);
  return (
    <>
      <PageHeader
        title={t('nav.suppliers.title')}
        description={t('nav.suppliers.description')}
        actions={
          can('catalog.write') && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing(null)}>
              {t('suppliers.create')}
            </Button>
          )
        }
      />
      <Stack>
        <TextInput
          aria-label={t('suppliers.search')}
          placeholder={t('suppliers.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        {rows ? (
          <div style={{ opacity: suppliers.isPlaceholderData ? 0.6 : 1 }}>
            <ResponsiveTable
              rows={rows}
              columns={columns}
              rowKey={(s) => s.id}
              minWidth={820}
              empty={
                q ? (
                  <EmptyList title={t('suppliers.noMatches')} />
                ) : (
                  <EmptyList title={t('suppliers.empty')} description={t('suppliers.emptyHint')} />
                )
              }
            />
            <LoadMore {...suppliers} />
          </div>
        ) : (
          <ListSkeleton />
        )}
      </Stack>
      <SupplierFormModal supplier={editing ?? null} opened={editing !== undefined} onClose={() => setEditing(undefined)} />
    </>
  );
}
