import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../../app/ui/Panel';
import { useNumbers } from '../format';
import type { BasketRule } from '../queries';
import { ruleText } from './rule-text';

/** The strongest rules by lift as bars, so a manager compares them at a glance. */
export function TopRulesChart({ rules }: { rules: BasketRule[] }) {
  const { t } = useTranslation('analytics');
  const { num } = useNumbers();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  // Long rules are cut to two lines on the axis; the tooltip and the table below say them in full.
  const room = phone ? 36 : 80;
  const cut = (s: string) => (s.length > room ? `${s.slice(0, room - 1)}…` : s);
  return (
    <Panel
      title={t('basket.topTitle')}
      hint={t('basket.topHint')}
      testId="top-rules"
      csv={{
        fileName: 'sepet-kurallari.csv',
        headers: [t('basket.rule'), t('basket.support'), t('basket.confidence'), t('basket.lift'), t('basket.count')],
        rows: rules.map((r) => [ruleText(r), r.support, r.confidence, r.lift, r.count]),
      }}
    >
      <BarChart
        h={Math.max(160, rules.length * 48)}
        data={rules.map((r) => ({ rule: ruleText(r), lift: Number(r.lift.toFixed(2)) }))}
        dataKey="rule"
        orientation="vertical"
        yAxisProps={{ width: phone ? 140 : 380, tickFormatter: cut }}
        series={[{ name: 'lift', label: t('basket.lift'), color: 'violet.6' }]}
        valueFormatter={(v) => num(v, 2)}
        withBarValueLabel
        barChartProps={{ margin: { right: 40 } }}
        aria-label={t('basket.topChart', { n: rules.length })}
      />
    </Panel>
  );
}
