import { Alert, Anchor, Badge, Button, Collapse, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/auth/session';
import { useFormat } from '../../../app/i18n/format';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { PageHeader } from '../../../app/ui/PageHeader';
import { formatPhone } from '../../../app/ui/phone';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { customerName } from '../customer-name';
import { ExportMenu } from '../export/ExportMenu';
import { QualityBadge } from '../QualityBadge';
import { type Customer, useCustomerPages } from '../queries';
import { CustomerFilters } from './CustomerFilters';
import { useListFilters } from './use-list-filters';

export function CustomerListPage() {
  const { t } = useTranslation('customers');
  const { can } = useSession();
  const format = useFormat();
  const { values, query, set, clear } = useListFilters();
  const [search, setSearch] = useState(values.q ?? '');
  const commitSearch = useDebouncedCallback((q: string) => set({ q: q.trim() }), 350);
  const activeFilters = Object.keys(values).filter((k) => k !== 'q').length;
  const [filtersOpened, filtersToggle] = useDisclosure(activeFilters > 0);
  // Remounts the filters on "clear", so their half-typed texts go too.
  const [generation, setGeneration] = useState(0);
  const customers = useCustomerPages(query);

  const columns: Column<Customer>[] = [
    {
      key: 'name',
      header: t('fields.name'),
      render: (c) => (
        <Anchor component={Link} to={`/customers/${c.id}`} fw={600}>
          {customerName(c) ?? t('profile.unnamed')}
        </Anchor>
      ),
    },
    { key: 'phone', header: t('fields.phone'), render: (c) => (c.phone ? (c.masked ? c.phone : formatPhone(c.phone)) : '—') },
    { key: 'city', header: t('fields.city'), render: (c) => [c.district, c.city].filter(Boolean).join(', ') || '—' },
    {
      key: 'tags',
      header: t('fields.tags'),
      render: (c) =>
        c.tags.length ? (
          <Group gap={4} justify="inherit">
            {c.tags.map((tag) => (
              <Badge key={tag} variant="outline" size="sm">
                {tag}
              </Badge>
            ))}
          </Group>
        ) : (
          '—'
        ),
    },
    { key: 'quality', header: t('fields.quality'), render: (c) => <QualityBadge quality={c.quality} /> },
    { key: 'created', header: t('fields.createdAt'), render: (c) => format.date(c.createdAt) },
  ];

  const rows = customers.data?.pages.flatMap((p) => p.items);
  const filtered = Object.keys(values).length > 0;
  return (
    <>
      <PageHeader
        title={t('nav.list.title')}
        description={t('nav.list.description')}
        actions={
          <>
            <ExportMenu filters={query} />
            {can('customers.write') && (
              <Button component={Link} to="/customers/quick" leftSection={<IconUserPlus size={18} />}>
                {t('list.quickAdd')}
              </Button>
            )}
          </>
        }
      />
      <Stack>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            aria-label={t('list.search')}
            placeholder={t('list.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            type="search"
            style={{ flex: 1 }}
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
          <CustomerFilters
            key={generation}
            values={values}
            onChange={set}
            onClear={() => {
              clear();
              setGeneration((g) => g + 1);
            }}
          />
        </Collapse>
        {rows?.some((c) => c.masked) && (
          <Alert color="gray" variant="light" py="xs">
            <Text size="sm">{t('list.masked')}</Text>
          </Alert>
        )}
        {rows ? (
          <div style={{ opacity: customers.isPlaceholderData ? 0.6 : 1 }}>
            <ResponsiveTable
              rows={rows}
              columns={columns}
              rowKey={(c) => c.id}
              minWidth={820}
              empty={
                filtered ? (
                  <EmptyList title={t('list.noMatches')} description={t('list.noMatchesHint')} />
                ) : (
                  <EmptyList title={t('list.empty')} description={t('list.emptyHint')} />
                )
              }
            />
            <LoadMore {...customers} />
          </div>
        ) : (
          <ListSkeleton />
        )}
      </Stack>
    </>
  );
}
