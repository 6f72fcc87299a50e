import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import type { Schema } from '../../../app/api/types';
import { useMoney } from '../../sales/money';

export type Product = Schema<'Product'>;
export type Customer = Schema<'Customer'>;

type Base = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'>;

/**
 * Finds a product by name, SKU or barcode in the catalog and hands it over; the search box
 * empties after each pick, ready for the next product.
 */
export function ProductSearch({ onPick, ...rest }: Base & { onPick: (p: Product) => void }) {
  const { t } = useTranslation('loyalty');
  const { money } = useMoney();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['loyalty', 'product-search', q],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/products', { params: { query: { q, limit: 15, active: 'true' } } })),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
    throwOnError: false,
  });
  // Results of an earlier search are not offered while the next one is typed or loading: a fast
  // Enter would otherwise pick a product of the previous search.
  const current = q.length >= 2 && q === search.trim() && !found.isPlaceholderData;
  const items = current ? (found.data?.items ?? []) : [];
  return (
    <Select
      placeholder={t('pickers.product')}
      aria-label={t('pickers.product')}
      leftSection={<IconSearch size={16} />}
      {...rest}
      searchable
      filter={({ options }) => options}
      data={items.map((p) => ({
        value: p.id,
        label: `${p.name} · ${p.sku}${p.listPrice !== null ? ` · ${money(p.listPrice, p.currency)}` : ''}`,
      }))}
      value={null}
      onChange={(id) => {
        const p = items.find((x) => x.id === id);
        if (p) onPick(p);
        setSearch('');
      }}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={current && !found.isFetching ? t('pickers.nothing') : undefined}
    />
  );
}

/** Finds a customer by phone, name or e-mail and hands over the whole record. */
export function CustomerSearch({ value, onPick, ...rest }: Base & { value: Customer | null; onPick: (c: Customer | null) => void }) {
  const { t } = useTranslation('loyalty');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['loyalty', 'customer-search', q],
    queryFn: () => unwrap(api.GET('/api/v1/customers', { params: { query: { q, limit: 10 } } })),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
    throwOnError: false,
  });
  const items = found.data?.items ?? [];
  const nameOf = (c: Customer) =>
    [[c.firstName, c.lastName].filter(Boolean).join(' '), c.phone ?? c.email].filter(Boolean).join(' · ') || c.id;
  const data = [...(value && !items.some((c) => c.id === value.id) ? [value] : []), ...items].map((c) => ({
    value: c.id,
    label: nameOf(c),
  }));
  return (
    <Select
      placeholder={t('pickers.customer')}
      {...rest}
      searchable
      clearable
      filter={({ options }) => options}
      data={data}
      value={value?.id ?? null}
      onChange={(id) => onPick(id ? (items.find((c) => c.id === id) ?? value) : null)}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={q.length >= 2 && !found.isFetching ? t('pickers.nothing') : undefined}
    />
  );
}
