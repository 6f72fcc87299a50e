import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../../app/ui/Panel';
import { useNumbers } from '../format';
import type { CashierBoard } from './queries';

/** The leaderboard's share per cashier as bars (best first). */
export function CashierChart({ items, title, children }: { items: CashierBoard['items']; title: string; children?: ReactNode }) {
  const { t } = useTranslation('analytics');
  const { pct } = useNumbers();
  const label = (c: CashierBoard['items'][number]) => `${c.cashierCode} · ${c.storeCode}`;
  return (
    <Panel
      title={title}
      hint={t('kpi.cashiers.hint')}
      testId="cashier-chart"
      csv={{
        fileName: 'kasiyer-siralamasi.csv',
        headers: [
          t('kpi.cashiers.rank'),
          t('kpi.cashiers.store'),
          t('kpi.cashiers.cashier'),
          t('kpi.cashiers.receipts'),
          t('kpi.cashiers.recognised'),
          t('kpi.cashiers.share'),
        ],
        rows: items.map((c) => [c.rank, c.storeCode, c.cashierCode, c.receipts, c.recognisedReceipts, c.share]),
      }}
    >
      <BarChart
        h={Math.max(140, items.length * 34)}
        orientation="vertical"
        data={items.map((c) => ({ cashier: label(c), share: Math.round(c.share * 1000) / 10 }))}
        dataKey="cashier"
        series={[{ name: 'share', label: t('kpi.cashiers.share'), color: 'teal.6' }]}
        valueFormatter={(v) => pct(v / 100)}
        xAxisProps={{ domain: [0, 100] }}
        yAxisProps={{ width: 110 }}
        withBarValueLabel
        barChartProps={{ margin: { right: 48 } }}
        aria-label={t('kpi.cashiers.chart')}
      />
      {children}
    </Panel>
  );
}
