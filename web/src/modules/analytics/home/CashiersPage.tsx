import { Anchor, Card, Group, NumberInput, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyList } from '../../../app/ui/EmptyList';
import { PageHeader } from '../../../app/ui/PageHeader';
import { PageNumbers } from '../../../app/ui/PageNumbers';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useNumbers } from '../format';
import { CashierChart } from './CashierChart';
import { FilterBar, useReportFilters } from './Filters';
import { type CashierBoard, cashiersQuery, csvHref } from './queries';

const PAGE_SIZE = 25;
type Row = CashierBoard['items'][number];

/** The cashier phone-capture leaderboard: chart of the page, table, pages, the whole list as CSV. */
export function CashiersPage() {
  const { t } = useTranslation('analytics');
  const { num, pct } = useNumbers();
  const { filters, set, query } = useReportFilters();
  const [minReceipts, setMinReceipts] = useState<number>(1);
  const [page, setPage] = useState(1);
  const q = { ...query, minReceipts, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const board = useQuery(cashiersQuery(q));
  const columns: Column<Row>[] = [
    { key: 'cashier', header: t('kpi.cashiers.cashier'), render: (r) => `${r.rank}. ${r.cashierCode}` },
    { key: 'store', header: t('kpi.cashiers.store'), render: (r) => `${r.storeCode} · ${r.storeName}` },
    { key: 'receipts', header: t('kpi.cashiers.receipts'), render: (r) => num(r.receipts, 0) },
    { key: 'recognised', header: t('kpi.cashiers.recognised'), render: (r) => num(r.recognisedReceipts, 0) },
    { key: 'share', header: t('kpi.cashiers.share'), render: (r) => pct(r.share) },
  ];
  return (
    <>
      <PageHeader title={t('nav.cashiers.title')} description={t('nav.cashiers.description')} />
      <Stack gap="md">
        <FilterBar
          filters={filters}
          set={(c) => {
            set(c);
            setPage(1);
          }}
        />
        <Card withBorder padding="md">
          <Group justify="space-between" align="flex-end">
            <NumberInput
              label={t('kpi.cashiers.minReceipts')}
              min={1}
              max={100000}
              value={minReceipts}
              onChange={(v) => {
                setMinReceipts(Math.max(1, Number(v) || 1));
                setPage(1);
              }}
              w={160}
            />
            <Anchor href={csvHref('/api/v1/analytics/cashiers', { ...query, minReceipts })} download data-testid="cashiers-csv">
              {t('kpi.cashiers.download')}
            </Anchor>
          </Group>
        </Card>
        {!board.data ? (
          <ListSkeleton />
        ) : board.data.items.length === 0 ? (
          <EmptyList title={t('kpi.cashiers.empty')} />
        ) : (
          <>
            <CashierChart items={board.data.items} title={t('kpi.cashiers.chart')} />
            <Card withBorder padding="md">
              <ResponsiveTable rows={board.data.items} columns={columns} rowKey={(r) => `${r.storeId}/${r.cashierCode}`} empty={null} />
              <PageNumbers total={board.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
            </Card>
          </>
        )}
      </Stack>
    </>
  );
}
