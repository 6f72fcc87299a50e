import { ActionIcon, Badge, Button, Select, SimpleGrid, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../../../app/api/types';
import { useSession } from '../../../app/auth/session';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { PageHeader } from '../../../app/ui/PageHeader';
import { formatPhone } from '../../../app/ui/phone';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { brandsQuery, useStoresPages } from '../queries';
import { StoreFormDrawer } from './StoreFormDrawer';

type Store = Schema<'Store'>;
type ActiveFilter = 'all' | 'true' | 'false';

export function StoresPage() {
  const { t } = useTranslation('access');
  const { t: tApp } = useTranslation();
  const { can } = useSession();
  const manage = can('stores.manage');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [active, setActive] = useState<ActiveFilter>('all');
  const [brandId, setBrandId] = useState<string | null>(null);
  const brands = useQuery(brandsQuery);
  const stores = useStoresPages({
    q: q || undefined,
    active: active === 'all' ? undefined : active,
    brandId: brandId ?? undefined,
  });
  const [drawerOpened, drawer] = useDisclosure();
  const [editing, setEditing] = useState<Store | null>(null);
  const filtered = Boolean(q) || active !== 'all' || brandId !== null;

  const brandName = (id: string | null) => brands.data?.find((b) => b.id === id)?.name;
  const openForm = (store: Store | null) => {
    setEditing(store);
    drawer.open();
  };

  const columns: Column<Store>[] = [
    { key: 'code', header: t('stores.code'), render: (s) => <Text fw={600}>{s.code}</Text> },
    { key: 'name', header: t('stores.name'), render: (s) => s.name },
    { key: 'brand', header: t('stores.brand'), render: (s) => brandName(s.brandId) ?? '—' },
    { key: 'place', header: t('stores.place'), render: (s) => [s.district, s.city].filter(Boolean).join(', ') || '—' },
    { key: 'phone', header: t('stores.phone'), render: (s) => (s.phone ? formatPhone(s.phone) : '—') },
    {
      key: 'active',
      header: t('stores.status'),
      render: (s) => (
        <Badge color={s.active ? 'teal' : 'gray'} variant="light">
          {s.active ? t('common.active') : t('common.inactive')}
        </Badge>
      ),
    },
  ];
  if (manage) {
    columns.push({
      key: 'actions',
      header: '',
      actions: true,
      render: (s) => (
        <Tooltip label={tApp('actions.edit')}>
          <ActionIcon variant="subtle" onClick={() => openForm(s)} aria-label={tApp('actions.edit')}>
            <IconPencil size={18} />
          </ActionIcon>
        </Tooltip>
      ),
    });
  }

  const rows = stores.data?.pages.flatMap((p) => p.items);
  return (
    <>
      <PageHeader
        title={t('stores.title')}
        description={t('stores.description')}
        actions={
          manage && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => openForm(null)}>
              {t('stores.create')}
            </Button>
          )
        }
      />
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder={t('stores.search')}
            aria-label={t('stores.search')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          <Select
            aria-label={t('stores.status')}
            allowDeselect={false}
            value={active}
            onChange={(v) => setActive((v ?? 'all') as ActiveFilter)}
            data={[
              { value: 'all', label: t('common.allStatuses') },
              { value: 'true', label: t('common.activeOnly') },
              { value: 'false', label: t('common.inactiveOnly') },
            ]}
          />
          <Select
            aria-label={t('stores.brand')}
            placeholder={t('stores.allBrands')}
            clearable
            value={brandId}
            onChange={setBrandId}
            data={(brands.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </SimpleGrid>
        {rows ? (
          <div style={{ opacity: stores.isPlaceholderData ? 0.6 : 1 }}>
            <ResponsiveTable
              rows={rows}
              columns={columns}
              rowKey={(s) => s.id}
              empty={
                filtered ? (
                  <EmptyList title={t('common.noMatches')} description={t('common.noMatchesHint')} />
                ) : (
                  <EmptyList title={t('stores.empty')} description={manage ? t('stores.emptyHint') : undefined} />
                )
              }
            />
            <LoadMore {...stores} />
          </div>
        ) : (
          <ListSkeleton />
        )}
      </Stack>
      <StoreFormDrawer store={editing} opened={drawerOpened} onClose={drawer.close} />
    </>
  );
}
