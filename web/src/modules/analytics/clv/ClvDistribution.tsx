import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { SimpleGrid, Text } from '@mantine/core';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { Panel } from '../../../app/ui/Panel';
import { useNumbers } from '../format';

export const clvDistributionQuery = (brand?: string) =>
  queryOptions({
    queryKey: ['analytics', 'clv-distribution', brand ?? null],
    queryFn: () => unwrap(api.GET('/api/v1/analytics/clv/distribution', { params: { query: { brand } } })),
  });

/** Histograms of the latest fit: customers by CLV (round lira ranges, a long-tail bucket) and by P(alive). */
export function ClvDistribution({ brand }: { brand?: string }) {
  const { t, i18n } = useTranslation('analytics');
  const { num, pct } = useNumbers();
  const dist = useQuery(clvDistributionQuery(brand));
  const d = dist.data;
  if (!d?.fit) return null;
  // Axis labels in short form (₺2,5 B); the CSV keeps exact amounts.
  const short = new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'tr-TR', {
    style: 'currency',
    currency: 'TRY',
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const range = (from: number, to: number | null) =>
    to === null ? t('clvDist.andUp', { from: short.format(from / 100) }) : `${short.format(from / 100)}–${short.format(to / 100)}`;
  const clvRows = d.clv.buckets.map((b) => ({ bucket: range(b.from, b.to), customers: b.customers }));
  const aliveRows = d.pAlive.buckets.map((b) => ({ bucket: `${pct(b.from)}–${pct(b.to ?? 1)}`, customers: b.customers }));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Panel
        title={t('clvDist.title')}
        hint={t('clvDist.hint', { months: d.fit.horizonMonths })}
        testId="clv-distribution"
        csv={{
          fileName: 'clv-dagilimi.csv',
          headers: [t('clvDist.from'), t('clvDist.to'), t('clvDist.customers')],
          rows: d.clv.buckets.map((b) => [b.from / 100, b.to === null ? '' : b.to / 100, b.customers]),
        }}
      >
        <BarChart
          h={260}
          data={clvRows}
          dataKey="bucket"
          series={[{ name: 'customers', label: t('clvDist.customers'), color: 'teal.6' }]}
          valueFormatter={(v) => num(v, 0)}
          xAxisProps={{ angle: -35, textAnchor: 'end', height: 70, interval: 0, fontSize: 10 }}
          yAxisProps={{ width: 36 }}
          aria-label={t('clvDist.chart')}
        />
      </Panel>
      <Panel
        title={t('clvDist.aliveTitle')}
        hint={t('clvDist.aliveHint', { average: d.averagePAlive === null ? '—' : pct(d.averagePAlive) })}
        testId="clv-alive"
        csv={{
          fileName: 'aktif-olasiligi-dagilimi.csv',
          headers: [t('clvDist.from'), t('clvDist.to'), t('clvDist.customers')],
          rows: d.pAlive.buckets.map((b) => [b.from, b.to, b.customers]),
        }}
      >
        <BarChart
          h={260}
          data={aliveRows}
          dataKey="bucket"
          series={[{ name: 'customers', label: t('clvDist.customers'), color: 'orange.6' }]}
          valueFormatter={(v) => num(v, 0)}
          xAxisProps={{ angle: -35, textAnchor: 'end', height: 60, interval: 0, fontSize: 10 }}
          yAxisProps={{ width: 36 }}
          aria-label={t('clvDist.aliveChart')}
        />
        <Text size="xs" c="dimmed" mt={4}>
          {num(d.customers, 0)} {t('clvDist.customers').toLocaleLowerCase()}
        </Text>
      </Panel>
    </SimpleGrid>
  );
}
