import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';

interface Props {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: React.ReactNode;
}

/** Finds a customer by phone, name or e-mail through the customers API and picks their id. */
export function CustomerPicker({ label, value, onChange, error }: Props) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['privacy', 'customer-picker', q],
    queryFn: () => unwrap(api.GET('/api/v1/customers', { params: { query: { q, limit: 10 } } })),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });
  const data = (found.data?.items ?? []).map((c) => ({
    value: c.id,
    label: [[c.firstName, c.lastName].filter(Boolean).join(' '), c.phone ?? c.email].filter(Boolean).join(' · ') || c.id,
  }));
  return (
    <Select
      label={label}
      searchable
      clearable
      filter={({ options }) => options}
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      error={error}
      nothingFoundMessage={q.length >= 2 && !found.isFetching ? '—' : undefined}
    />
  );
}
