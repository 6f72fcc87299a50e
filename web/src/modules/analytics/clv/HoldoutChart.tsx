import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../../app/ui/Panel';
import { useLocalDate } from '../../loyalty/parts/local-date';
import { useNumbers } from '../format';
import type { ClvFit } from '../queries';

/**
 * The model diagnostic: per period after the calibration end, the repeat purchases the model
 * expected of its customers against those they made.
 */
export function HoldoutChart({ fit }: { fit: ClvFit }) {
  const { t } = useTranslation('analytics');
  const { num } = useNumbers();
  const localDate = useLocalDate();
  const periods = fit.holdout?.periods ?? [];
  // The server gives periods and their last day together; no purchase after the calibration, neither.
  const end = periods.length > 0 ? fit.holdoutEnd : null;
  const sum = (pick: (p: (typeof periods)[number]) => number) => periods.reduce((s, p) => s + pick(p), 0);
  return (
    <Panel
      title={t('holdout.title')}
      hint={end ? t('holdout.hint', { unit: t(`units.${fit.timeUnit}.per`) }) : undefined}
      testId="holdout"
      csv={{
        fileName: 'tahmin-ve-gercek.csv',
        headers: [t('holdout.period'), t('holdout.predicted'), t('holdout.actual')],
        rows: periods.map((p) => [p.period, p.predicted, p.actual]),
      }}
    >
      {!end ? (
        <Text size="sm" c="dimmed">
          {t('holdout.none')}
        </Text>
      ) : (
        <>
          <LineChart
            h={260}
            data={periods.map((p) => ({
              period: t(`units.${fit.timeUnit}.period`, { n: p.period }),
              actual: p.actual,
              predicted: p.predicted,
            }))}
            dataKey="period"
            series={[
              { name: 'actual', label: t('holdout.actual'), color: 'teal.6' },
              { name: 'predicted', label: t('holdout.predicted'), color: 'orange.6', strokeDasharray: '5 5' },
            ]}
            curveType="linear"
            withLegend
            withDots={periods.length <= 30}
            valueFormatter={(v) => num(v)}
            yAxisProps={{ width: 40 }}
            aria-label={t('holdout.chart')}
          />
          <Text size="sm" mt="sm" data-testid="holdout-totals">
            {t('holdout.totals', {
              predicted: num(sum((p) => p.predicted)),
              actual: num(
                sum((p) => p.actual),
                0,
              ),
              end: localDate(end),
            })}
          </Text>
        </>
      )}
    </Panel>
  );
}
