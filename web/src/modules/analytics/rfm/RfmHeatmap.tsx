import { Box, Group, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../../app/ui/Panel';
import { useNumbers } from '../format';
import type { RfmDistribution, RfmSegment } from './rfm-queries';
import { SEGMENTS, segmentStyle } from './segments';

/**
 * The R × FM grid as coloured cells: R = 5 (most recent) on top, FM = 1…5 left to right; each
 * cell shows its customers and its segment. Tapping a cell lists the segment's customers.
 */
export function RfmHeatmap({ dist, onPick }: { dist: RfmDistribution; onPick: (s: RfmSegment) => void }) {
  const { t } = useTranslation('analytics');
  const { num } = useNumbers();
  const cell = (r: number, fm: number) => dist.grid.find((c) => c.r === r && c.fm === fm);
  const used = SEGMENTS.filter((s) => dist.grid.some((c) => c.segment === s));
  return (
    <Panel
      title={t('rfm.heatmap.title')}
      hint={t('rfm.heatmap.hint')}
      testId="rfm-heatmap"
      csv={{
        fileName: 'rfm-isi-haritasi.csv',
        headers: [t('rfm.heatmap.r'), t('rfm.heatmap.fm'), t('rfm.members.segment'), t('rfm.sizes.customers')],
        rows: dist.grid.map((c) => [c.r, c.fm, t(`rfm.segments.${c.segment}`), c.customers]),
      }}
    >
      <Box style={{ display: 'grid', gridTemplateColumns: '1.5rem repeat(5, minmax(0, 1fr))', gap: 4 }}>
        {[5, 4, 3, 2, 1].map((r) => [
          <Text key={`r${r}`} size="xs" fw={700} ta="center" style={{ alignSelf: 'center' }}>
            {r}
          </Text>,
          ...[1, 2, 3, 4, 5].map((fm) => {
            const c = cell(r, fm);
            if (!c) return <Box key={`${r}-${fm}`} />;
            const label = t(`rfm.segments.${c.segment}`);
            return (
              <UnstyledButton
                key={`${r}-${fm}`}
                onClick={() => onPick(c.segment)}
                aria-label={t('rfm.heatmap.cell', { r, fm, segment: label, customers: c.customers })}
                data-testid={`rfm-cell-${r}-${fm}`}
                style={{
                  ...segmentStyle(c.segment),
                  borderRadius: 6,
                  minHeight: 58,
                  padding: '4px 3px',
                  display: 'flex',
                  flexDirection: 'column',
                  justifyContent: 'center',
                  alignItems: 'center',
                  textAlign: 'center',
                  minWidth: 0,
                  opacity: c.customers === 0 ? 0.55 : 1,
                }}
              >
                <Text fw={700} size="md" lh={1.1} c="inherit">
                  {num(c.customers, 0)}
                </Text>
                <Text size="10px" lh={1.15} c="inherit" style={{ overflowWrap: 'anywhere', hyphens: 'auto' }} lineClamp={2}>
                  {label}
                </Text>
              </UnstyledButton>
            );
          }),
        ])}
        <Box />
        {[1, 2, 3, 4, 5].map((fm) => (
          <Text key={`fm${fm}`} size="xs" fw={700} ta="center">
            {fm}
          </Text>
        ))}
      </Box>
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          ↑ {t('rfm.heatmap.r')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('rfm.heatmap.fm')} →
        </Text>
      </Group>
      <Group gap={8} mt="xs">
        {used.map((s) => (
          <Group key={s} gap={4} wrap="nowrap">
            <Box w={12} h={12} style={{ ...segmentStyle(s), borderRadius: 3 }} />
            <Text size="xs">{t(`rfm.segments.${s}`)}</Text>
          </Group>
        ))}
      </Group>
    </Panel>
  );
}
