import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../../app/ui/Panel';
import { useNumbers } from '../format';
import type { KpiDashboard, StoreKpis } from './queries';

const tl = (minor: number) => Math.round(minor) / 100;

/** Recognised ratio, receipts and revenue, new vs returning customers over the period. */
export function KpiCharts({ data }: { data: KpiDashboard }) {
  const { t } = useTranslation('analytics');
  const { num, pct } = useNumbers();
  const s = data.series;
  const date = t('kpi.charts.date');
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Panel
        title={t('kpi.charts.ratio')}
        hint={t('kpi.charts.ratioHint')}
        testId="chart-ratio"
        csv={{
          fileName: 'tanınan-musteri-orani.csv',
          headers: [date, t('kpi.charts.receipts'), t('kpi.tiles.recognisedRatio')],
          rows: s.map((p) => [p.date, p.receipts, p.recognisedRatio]),
        }}
      >
        <LineChart
          h={220}
          data={s.map((p) => ({
            date: p.date.slice(5),
            ratio: p.recognisedRatio === null ? null : Math.round(p.recognisedRatio * 1000) / 10,
          }))}
          dataKey="date"
          series={[{ name: 'ratio', label: t('kpi.charts.ratioSeries'), color: 'teal.6' }]}
          valueFormatter={(v) => pct(v / 100)}
          yAxisProps={{ domain: [0, 100], width: 40 }}
          connectNulls
          curveType="linear"
        />
      </Panel>
      <Panel
        title={t('kpi.charts.volume')}
        hint={t('kpi.charts.volumeHint')}
        testId="chart-volume"
        csv={{
          fileName: 'fis-ve-ciro.csv',
          headers: [date, t('kpi.charts.receipts'), t('kpi.charts.revenue')],
          rows: s.map((p) => [p.date, p.receipts, tl(p.revenue)]),
        }}
      >
        <LineChart
          h={220}
          data={s.map((p) => ({ date: p.date.slice(5), receipts: p.receipts, revenue: tl(p.revenue) }))}
          dataKey="date"
          withRightYAxis
          series={[
            { name: 'receipts', label: t('kpi.charts.receipts'), color: 'blue.6' },
            { name: 'revenue', label: t('kpi.charts.revenue'), color: 'orange.6', yAxisId: 'right' },
          ]}
          valueFormatter={(v) => num(v, 0)}
          yAxisProps={{ width: 40 }}
          rightYAxisProps={{ width: 56 }}
          withLegend
          curveType="linear"
        />
      </Panel>
      <Panel
        title={t('kpi.charts.newReturning')}
        hint={t('kpi.charts.newReturningHint')}
        testId="chart-new-returning"
        csv={{
          fileName: 'yeni-ve-geri-gelen.csv',
          headers: [date, t('kpi.charts.newCustomers'), t('kpi.charts.returningCustomers')],
          rows: s.map((p) => [p.date, p.newCustomers, p.returningCustomers]),
        }}
      >
        <BarChart
          h={220}
          type="stacked"
          data={s.map((p) => ({ date: p.date.slice(5), new: p.newCustomers, returning: p.returningCustomers }))}
          dataKey="date"
          series={[
            { name: 'new', label: t('kpi.charts.newCustomers'), color: 'violet.6' },
            { name: 'returning', label: t('kpi.charts.returningCustomers'), color: 'gray.5' },
          ]}
          valueFormatter={(v) => num(v, 0)}
          yAxisProps={{ width: 32, allowDecimals: false }}
          withLegend
        />
      </Panel>
    </SimpleGrid>
  );
}

/** Store comparison: recognised ratio and revenue per store as bars. */
export function StoreComparison({ data }: { data: StoreKpis }) {
  const { t } = useTranslation('analytics');
  const { num, pct } = useNumbers();
  const rows = data.stores;
  const h = Math.max(140, rows.length * 36);
  return (
    <Panel
      title={t('kpi.stores.title')}
      hint={t('kpi.stores.hint')}
      testId="store-comparison"
      csv={{
        fileName: 'magaza-karsilastirma.csv',
        headers: [
          t('kpi.stores.store'),
          t('kpi.stores.receipts'),
          t('kpi.stores.ratio'),
          t('kpi.charts.revenue'),
          t('kpi.stores.averageBasket'),
          t('kpi.stores.activeCustomers'),
        ],
        rows: rows.map((r) => [
          r.storeCode,
          r.receipts,
          r.recognisedRatio,
          tl(r.revenue),
          r.averageBasket === null ? null : tl(r.averageBasket),
          r.activeCustomers,
        ]),
      }}
    >
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <BarChart
          h={h}
          orientation="vertical"
          data={rows.map((r) => ({ store: r.storeCode, ratio: Math.round((r.recognisedRatio ?? 0) * 1000) / 10 }))}
          dataKey="store"
          series={[{ name: 'ratio', label: t('kpi.stores.ratio'), color: 'teal.6' }]}
          valueFormatter={(v) => pct(v / 100)}
          xAxisProps={{ domain: [0, 100] }}
          yAxisProps={{ width: 70 }}
        />
        <BarChart
          h={h}
          orientation="vertical"
          data={rows.map((r) => ({ store: r.storeCode, revenue: tl(r.revenue) }))}
          dataKey="store"
          series={[{ name: 'revenue', label: t('kpi.stores.revenue'), color: 'orange.6' }]}
          valueFormatter={(v) => num(v, 0)}
          yAxisProps={{ width: 70 }}
        />
      </SimpleGrid>
    </Panel>
  );
}
