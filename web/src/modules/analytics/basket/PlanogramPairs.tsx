import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Alert, Group, Text } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { isProblem, unwrap } from '../../../app/api/problem';
import type { QueryParams, Schema } from '../../../app/api/types';
import { PageNumbers } from '../../../app/ui/PageNumbers';
import { Panel } from '../../../app/ui/Panel';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { DecimalInput } from '../../loyalty/parts/inputs';
import { useNumbers } from '../format';
import type { Level, Mining } from '../queries';

type Pair = Schema<'BasketPairs'>['pairs'][number];
type PairsQuery = QueryParams<'/api/v1/analytics/basket/pairs'>;
const PAGE_SIZE = 20;

/** The planogram report: pairs with a high lift in enough receipts, each once, strongest first. */
export function PlanogramPairs({ mining, level }: { mining: Mining; level: Level }) {
  const { t } = useTranslation('analytics');
  const { t: tApp } = useTranslation();
  const { num, pct } = useNumbers();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [minLift, setMinLift] = useState<number | undefined>(1.5);
  const [lift] = useDebouncedValue(minLift, 400);
  const [page, setPage] = useState(1);
  const query: PairsQuery = {
    level,
    minSupport: mining.minSupport,
    minLift: lift ?? 0,
    storeCode: mining.storeCode,
    brand: mining.brand,
    from: mining.from,
    to: mining.to,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const pairs = useQuery({
    queryKey: ['analytics', 'pairs', query],
    queryFn: () => unwrap(api.GET('/api/v1/analytics/basket/pairs', { params: { query } })),
    placeholderData: keepPreviousData,
    throwOnError: false,
  });
  const d = pairs.data;
  const name = (p: Pair) => `${p.a.name} + ${p.b.name}`;
  const room = phone ? 30 : 60;
  const cut = (s: string) => (s.length > room ? `${s.slice(0, room - 1)}…` : s);
  const columns: Column<Pair>[] = [
    { key: 'pair', header: t('pairs.pair'), render: name },
    { key: 'lift', header: t('pairs.lift'), render: (p) => num(p.lift, 2) },
    { key: 'count', header: t('pairs.count'), render: (p) => num(p.count, 0) },
    { key: 'support', header: t('pairs.support'), render: (p) => pct(p.support) },
    { key: 'ab', header: t('pairs.confidenceAB'), render: (p) => pct(p.confidenceAB) },
    { key: 'ba', header: t('pairs.confidenceBA'), render: (p) => pct(p.confidenceBA) },
  ];
  const top = (d?.pairs ?? []).slice(0, 10);
  return (
    <Panel
      title={t('pairs.title')}
      hint={t('pairs.hint')}
      testId="basket-pairs"
      csv={{
        fileName: 'yan-yana-ciftler.csv',
        headers: ['A', 'B', t('pairs.lift'), t('pairs.count'), t('pairs.support'), t('pairs.confidenceAB'), t('pairs.confidenceBA')],
        rows: (d?.pairs ?? []).map((p) => [p.a.name, p.b.name, p.lift, p.count, p.support, p.confidenceAB, p.confidenceBA]),
      }}
    >
      <Group mb="sm" align="flex-end">
        <DecimalInput
          label={t('pairs.minLift')}
          min={0}
          max={1000}
          value={minLift}
          onChange={(v) => {
            setMinLift(v);
            setPage(1);
          }}
          w={180}
          data-testid="pairs-min-lift"
        />
      </Group>
      {pairs.isError ? (
        <Alert color="orange" variant="light">
          {isProblem(pairs.error) ? pairs.error.detail : tApp('errors.network')}
        </Alert>
      ) : !d ? (
        <ListSkeleton rows={3} />
      ) : d.total === 0 ? (
        <Text size="sm" c="dimmed" data-testid="pairs-empty">
          {t('pairs.empty')}
        </Text>
      ) : (
        <div style={{ opacity: pairs.isPlaceholderData ? 0.6 : 1 }}>
          <Text size="sm" mb="xs" data-testid="pairs-found">
            {t('pairs.found', { total: num(d.total, 0) })}
          </Text>
          <BarChart
            h={Math.max(120, top.length * 40)}
            data={top.map((p) => ({ pair: name(p), lift: Number(p.lift.toFixed(2)) }))}
            dataKey="pair"
            orientation="vertical"
            yAxisProps={{ width: phone ? 130 : 300, tickFormatter: cut }}
            series={[{ name: 'lift', label: t('pairs.lift'), color: 'grape.6' }]}
            valueFormatter={(v) => num(v, 2)}
            withBarValueLabel
            barChartProps={{ margin: { right: 40 } }}
            aria-label={t('pairs.chart')}
            mb="md"
          />
          <ResponsiveTable rows={d.pairs} columns={columns} rowKey={(p) => `${p.a.name}\u0000${p.b.name}`} empty={null} />
          <PageNumbers total={d.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
        </div>
      )}
    </Panel>
  );
}
