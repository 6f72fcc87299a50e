import { Anchor, Badge, Button, Collapse, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/auth/session';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useUrlFilters } from '../../../app/ui/url-filters';
import {
  brandsQuery,
  categoriesQuery,
  categoryText,
  formatPrice,
  type Product,
  type ProductFilters,
  supplierOptionsQuery,
  useProductPages,
} from '../queries';

const FILTERS = ['q', 'category', 'brand', 'supplierId'] as const;

export function ProductListPage() {
  const { t, i18n } = useTranslation('catalog');
  const { can } = useSession();
  const { values, set } = useUrlFilters(FILTERS);
  const [search, setSearch] = useState(values.q ?? '');
  const commitSearch = useDebouncedCallback((q: string) => set({ q: q.trim() }), 350);
  const activeFilters = FILTERS.filter((k) => k !== 'q' && values[k]).length;
  const [filtersOpened, filtersToggle] = useDisclosure(activeFilters > 0);
  const categories = useQuery(categoriesQuery);
  const brands = useQuery(brandsQuery);
  const suppliers = useQuery(supplierOptionsQuery);
  const query: ProductFilters = { q: values.q, category: values.category, brand: values.brand, supplierId: values.supplierId };
  const products = useProductPages(query);

  const columns: Column<Product>[] = [
    {
      key: 'name',
      header: t('fields.name'),
      render: (p) => (
        <Stack gap={2}>
          <Anchor component={Link} to={`/catalog/products/${p.id}`} fw={600}>
            {p.name}
          </Anchor>
          {!p.active && (
            <Badge color="gray" variant="light" size="sm">
              {t('list.inactive')}
            </Badge>
          )}
        </Stack>
      ),
    },
    {
      key: 'sku',
      header: t('fields.sku'),
      render: (p) => (
        <Text ff="monospace" size="sm">
          {p.sku}
        </Text>
      ),
    },
    {
      key: 'barcode',
      header: t('fields.barcodes'),
      render: (p) =>
        p.barcodes.length ? (
          <Text ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
            {p.barcodes[0]}
            {p.barcodes.length > 1 && ` ${t('list.moreBarcodes', { count: p.barcodes.length - 1 })}`}
          </Text>
        ) : (
          '—'
        ),
    },
    { key: 'category', header: t('fields.category'), render: (p) => (p.categoryPath.length ? categoryText(p.categoryPath) : '—') },
    { key: 'brand', header: t('fields.brand'), render: (p) => p.brand ?? '—' },
    {
      key: 'price',
      header: t('fields.listPrice'),
      render: (p) => (p.listPrice === null ? t('list.noPrice') : formatPrice(p.listPrice, p.currency, i18n.language)),
    },
  ];

  const rows = products.data?.pages.flatMap((p) => p.items);
  const filtered = Object.keys(values).length > 0;
  return (
    <>
      <PageHeader
        title={t('nav.products.title')}
        description={t('nav.products.description')}
        actions={
          can('catalog.write') && (
            <>
              <Button component={Link} to="/catalog/import" variant="default" leftSection={<IconFileImport size={18} />}>
                {t('list.import')}
              </Button>
              <Button component={Link} to="/catalog/products/new" leftSection={<IconPlus size={18} />}>
                {t('list.create')}
              </Button>
            </>
          )
        }
      />
      <Stack>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            aria-label={t('list.search')}
            placeholder={t('list.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            type="search"
            style={{ flex: 1, minWidth: 0 }}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              commitSearch(e.currentTarget.value);
            }}
          />
          <Button
            variant={filtersOpened ? 'light' : 'default'}
            leftSection={<IconAdjustmentsHorizontal size={18} />}
            onClick={filtersToggle.toggle}
            aria-expanded={filtersOpened}
          >
            {t('list.filters')}
            {activeFilters > 0 && ` (${activeFilters})`}
          </Button>
        </Group>
        <Collapse expanded={filtersOpened}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
            <Select
              label={t('fields.category')}
              placeholder={t('list.allCategories')}
              searchable
              clearable
              value={values.category ?? null}
              onChange={(v) => set({ category: v ?? undefined })}
              data={(categories.data ?? []).map((c) => ({
                value: categoryText(c.path),
                label: `${categoryText(c.path)} (${c.productCount})`,
              }))}
            />
            <Select
              label={t('fields.brand')}
              placeholder={t('list.allBrands')}
              searchable
              clearable
              value={values.brand ?? null}
              onChange={(v) => set({ brand: v ?? undefined })}
              data={(brands.data ?? []).map((b) => ({ value: b.brand, label: `${b.brand} (${b.productCount})` }))}
            />
            <Select
              label={t('fields.supplier')}
              placeholder={t('list.allSuppliers')}
              searchable
              clearable
              value={values.supplierId ?? null}
              onChange={(v) => set({ supplierId: v ?? undefined })}
              data={(suppliers.data ?? []).map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
            />
            <Button
              variant="subtle"
              onClick={() => set({ category: undefined, brand: undefined, supplierId: undefined })}
              style={{ alignSelf: 'end' }}
            >
              {t('list.clearFilters')}
            </Button>
          </SimpleGrid>
        </Collapse>
        {rows ? (
          <div style={{ opacity: products.isPlaceholderData ? 0.6 : 1 }} data-testid="product-list">
            <ResponsiveTable
              rows={rows}
              columns={columns}
              rowKey={(p) => p.id}
              minWidth={900}
              empty={
                filtered ? (
                  <EmptyList title={t('list.noMatches')} description={t('list.noMatchesHint')} />
                ) : (
                  <EmptyList title={t('list.empty')} description={t('list.emptyHint')} />
                )
              }
            />
            <LoadMore {...products} />
          </div>
        ) : (
          <ListSkeleton />
        )}
      </Stack>
    </>
  );
}
