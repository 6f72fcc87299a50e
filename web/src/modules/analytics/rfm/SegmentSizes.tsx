import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Box, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../../app/ui/Panel';
import { useMoney } from '../../sales/money';
import { useNumbers } from '../format';
import type { RfmDistribution, RfmSegment } from './rfm-queries';
import { segmentStyle } from './segments';

/** Customers and net spend per segment as bars, and beside them what to do with each segment. */
export function SegmentSizes({ dist, onPick }: { dist: RfmDistribution; onPick: (s: RfmSegment) => void }) {
  const { t, i18n } = useTranslation('analytics');
  const { num, pct } = useNumbers();
  const { money } = useMoney();
  const compact = new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'tr-TR', { notation: 'compact', maximumFractionDigits: 1 });
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const data = dist.segments.map((s) => ({
    segment: t(`rfm.segments.${s.segment}`),
    customers: s.customers,
    monetary: s.monetary / 100,
  }));
  const csv = {
    fileName: 'rfm-segmentler.csv',
    headers: [t('rfm.members.segment'), t('rfm.sizes.customers'), t('rfm.sizes.share'), t('rfm.sizes.monetary'), t('rfm.actions.action')],
    rows: dist.segments.map((s) => [t(`rfm.segments.${s.segment}`), s.customers, s.share, s.monetary / 100, s.action]),
  };
  const chart = (key: 'customers' | 'monetary', color: string, label: string, format: (v: number) => string) => (
    <BarChart
      h={11 * 30 + 20}
      data={data}
      dataKey="segment"
      orientation="vertical"
      yAxisProps={{ width: phone ? 100 : 140 }}
      xAxisProps={{ tickFormatter: (v: number) => compact.format(v) }}
      series={[{ name: key, label, color }]}
      valueFormatter={format}
      withBarValueLabel={!phone}
      barChartProps={{ margin: { right: phone ? 8 : 60 } }}
      gridAxis="none"
      aria-label={label}
    />
  );
  return (
    <Stack gap="md">
      <Panel title={t('rfm.sizes.title')} hint={t('rfm.sizes.hint')} testId="rfm-sizes" csv={csv}>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Box>
            <Text size="sm" fw={600} mb={4}>
              {t('rfm.sizes.chartCustomers')}
            </Text>
            {chart('customers', 'teal.6', t('rfm.sizes.customers'), (v) => num(v, 0))}
          </Box>
          <Box>
            <Text size="sm" fw={600} mb={4}>
              {t('rfm.sizes.chartMonetary')}
            </Text>
            {chart('monetary', 'violet.6', t('rfm.sizes.monetary'), (v) => money(Math.round(v * 100)))}
          </Box>
        </SimpleGrid>
      </Panel>
      <Panel title={t('rfm.actions.title')} hint={t('rfm.actions.hint')} testId="rfm-actions" csv={csv}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {dist.segments.map((s) => (
            <Box
              key={s.segment}
              p="sm"
              data-testid={`rfm-action-${s.segment}`}
              style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8, opacity: s.customers ? 1 : 0.6 }}
            >
              <Group gap={6} wrap="nowrap" mb={4}>
                <Box w={12} h={12} style={{ ...segmentStyle(s.segment), borderRadius: 3, flex: 'none' }} />
                <Text fw={700} size="sm">
                  {t(`rfm.segments.${s.segment}`)}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" mb={4}>
                {num(s.customers, 0)} · {pct(s.share)} · {money(s.monetary)}
              </Text>
              <Text size="sm">{s.action}</Text>
              {s.customers > 0 && (
                <Button variant="subtle" size="compact-xs" mt={4} px={0} onClick={() => onPick(s.segment)}>
                  {t('rfm.actions.members')}
                </Button>
              )}
            </Box>
          ))}
        </SimpleGrid>
      </Panel>
    </Stack>
  );
}
