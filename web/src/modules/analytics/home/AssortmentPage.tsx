import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Card, Group, Input, SegmentedControl, SimpleGrid, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyList } from '../../../app/ui/EmptyList';
import { PageHeader } from '../../../app/ui/PageHeader';
import { PageNumbers } from '../../../app/ui/PageNumbers';
import { Panel } from '../../../app/ui/Panel';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useMoney } from '../../sales/money';
import { useNumbers } from '../format';
import { FilterBar, useReportFilters } from './Filters';
import { type Assortment, assortmentQuery, csvHref } from './queries';

const PAGE_SIZE = 25;
type Row = Assortment['items'][number];
type Level = Assortment['level'];
type Only = 'all' | 'over' | 'under';
const COLORS = { over: 'teal', under: 'red', normal: 'gray' } as const;

/** Store assortment insight: index per store and category (or brand) against the chain, CSV for the ERP. */
export function AssortmentPage() {
  const { t } = useTranslation('analytics');
  const { num, pct } = useNumbers();
  const { money } = useMoney();
  const { filters, set, query } = useReportFilters();
  const [level, setLevel] = useState<Level>('category');
  const [only, setOnly] = useState<Only>('all');
  const [page, setPage] = useState(1);
  const q = { ...query, level, only, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const data = useQuery(assortmentQuery(q)).data;
  const label = (r: Row) => `${r.storeCode} · ${r.key}`;
  const columns: Column<Row>[] = [
    { key: 'key', header: t('kpi.assortment.key'), render: (r) => r.key },
    { key: 'store', header: t('kpi.assortment.store'), render: (r) => r.storeCode },
    { key: 'sales', header: t('kpi.assortment.sales'), render: (r) => money(r.storeSales) },
    { key: 'storeShare', header: t('kpi.assortment.storeShare'), render: (r) => pct(r.storeShare) },
    { key: 'chainShare', header: t('kpi.assortment.chainShare'), render: (r) => pct(r.chainShare) },
    { key: 'index', header: t('kpi.assortment.index'), render: (r) => num(r.index, 1) },
    {
      key: 'signal',
      header: t('kpi.assortment.signal'),
      render: (r) => (
        <Badge color={COLORS[r.signal]} variant="light">
          {t(`kpi.assortment.signals.${r.signal}`)}
        </Badge>
      ),
    },
  ];
  const reset =
    <T,>(f: (v: T) => void) =>
    (v: T) => {
      f(v);
      setPage(1);
    };
  return (
    <>
      <PageHeader title={t('nav.assortment.title')} description={t('kpi.assortment.hint')} />
      <Stack gap="md">
        <FilterBar filters={filters} set={reset(set)} />
        <Card withBorder padding="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Input.Wrapper label={t('kpi.assortment.level')}>
              <SegmentedControl
                fullWidth
                value={level}
                onChange={reset((v: string) => setLevel(v as Level))}
                data={(['category', 'brand', 'pack'] as const).map((l) => ({ value: l, label: t(`kpi.assortment.levels.${l}`) }))}
              />
            </Input.Wrapper>
            <Input.Wrapper label={t('kpi.assortment.only')}>
              <SegmentedControl
                fullWidth
                value={only}
                onChange={reset((v: string) => setOnly(v as Only))}
                data={(['all', 'over', 'under'] as const).map((o) => ({ value: o, label: t(`kpi.assortment.onlyOptions.${o}`) }))}
              />
            </Input.Wrapper>
            <Group align="flex-end">
              <Anchor href={csvHref('/api/v1/analytics/assortment', { ...query, level, only })} download data-testid="assortment-csv">
                {t('kpi.assortment.download')}
              </Anchor>
            </Group>
          </SimpleGrid>
        </Card>
        {!data ? (
          <ListSkeleton />
        ) : data.items.length === 0 ? (
          <EmptyList title={t('kpi.assortment.empty')} />
        ) : (
          <>
            <Panel
              title={t('kpi.assortment.chart')}
              testId="assortment-chart"
              csv={{
                fileName: 'asortiman-endeksi.csv',
                headers: [
                  t('kpi.assortment.store'),
                  t('kpi.assortment.key'),
                  t('kpi.assortment.storeShare'),
                  t('kpi.assortment.chainShare'),
                  t('kpi.assortment.index'),
                ],
                rows: data.items.map((r) => [r.storeCode, r.key, r.storeShare, r.chainShare, r.index]),
              }}
            >
              <BarChart
                h={Math.max(140, data.items.length * 32)}
                orientation="vertical"
                data={data.items.map((r) => ({ row: label(r), index: r.index }))}
                dataKey="row"
                series={[{ name: 'index', label: t('kpi.assortment.index'), color: 'indigo.6' }]}
                valueFormatter={(v) => num(v, 1)}
                yAxisProps={{ width: 130, tickFormatter: (s: string) => (s.length > 22 ? `${s.slice(0, 21)}…` : s) }}
                referenceLines={[{ x: 100, label: '100', color: 'gray.6' }]}
                withBarValueLabel
                barChartProps={{ margin: { right: 40 } }}
              />
            </Panel>
            <Card withBorder padding="md">
              <ResponsiveTable rows={data.items} columns={columns} rowKey={(r) => `${r.storeId}/${r.key}`} empty={null} />
              <PageNumbers total={data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
            </Card>
          </>
        )}
      </Stack>
    </>
  );
}
