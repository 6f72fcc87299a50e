import { Card, Group, SimpleGrid, Text } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight, IconMinus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../sales/money';
import { useNumbers } from '../format';
import type { Kpis } from './queries';

type Key =
  | 'recognisedRatio'
  | 'receipts'
  | 'revenue'
  | 'activeCustomers'
  | 'newCustomers'
  | 'returningCustomers'
  | 'repeatRate'
  | 'averageBasket'
  | 'purchaseFrequency'
  | 'revenuePerCustomer'
  | 'dataQuality';
const TILES: { key: Key; kind: 'count' | 'money' | 'ratio' | 'number' }[] = [
  { key: 'recognisedRatio', kind: 'ratio' },
  { key: 'receipts', kind: 'count' },
  { key: 'revenue', kind: 'money' },
  { key: 'activeCustomers', kind: 'count' },
  { key: 'newCustomers', kind: 'count' },
  { key: 'returningCustomers', kind: 'count' },
  { key: 'repeatRate', kind: 'ratio' },
  { key: 'averageBasket', kind: 'money' },
  { key: 'purchaseFrequency', kind: 'number' },
  { key: 'revenuePerCustomer', kind: 'money' },
  { key: 'dataQuality', kind: 'number' },
];

/** One tile per KPI with its change against the previous period (arrow and per cent). */
export function KpiTiles({ current, previous }: { current: Kpis; previous: Kpis | null }) {
  const { t } = useTranslation('analytics');
  const { money } = useMoney();
  const { num, pct } = useNumbers();
  const show = (v: number | null, kind: string) =>
    v === null ? '—' : kind === 'money' ? money(v) : kind === 'ratio' ? pct(v) : kind === 'count' ? num(v, 0) : num(v, 2);
  const tiles = [
    ...TILES.map((tile) => ({
      id: tile.key,
      label: t(`kpi.tiles.${tile.key}`),
      value: current[tile.key] as number | null,
      before: previous ? (previous[tile.key] as number | null) : null,
      kind: tile.kind,
    })),
    ...(['sms', 'email'] as const).map((ch) => ({
      id: `consent-${ch}`,
      label: t('kpi.tiles.consent', { channel: t(`kpi.channels.${ch}`) }),
      value: current.consentRates[ch],
      before: previous ? previous.consentRates[ch] : null,
      kind: 'ratio',
    })),
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm" data-testid="kpi-tiles">
      {tiles.map((tile) => {
        const change =
          tile.value !== null && tile.before !== null && tile.before !== 0 ? (tile.value - tile.before) / Math.abs(tile.before) : null;
        const Icon = change === null || change === 0 ? IconMinus : change > 0 ? IconArrowUpRight : IconArrowDownRight;
        const color = change === null || change === 0 ? 'dimmed' : change > 0 ? 'teal' : 'red';
        return (
          <Card key={tile.id} withBorder padding="sm" data-testid={`kpi-${tile.id}`}>
            <Text size="xs" c="dimmed" lineClamp={2}>
              {tile.label}
            </Text>
            <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere' }}>
              {show(tile.value, tile.kind)}
            </Text>
            {previous && (
              <Group gap={4} wrap="nowrap" align="flex-start">
                <Icon size={14} color={color === 'dimmed' ? 'gray' : `var(--mantine-color-${color}-6)`} />
                <Text size="xs" c={color} lineClamp={2}>
                  {change === null ? t('kpi.noPrevious') : `${change > 0 ? '+' : ''}${pct(change)}`}
                </Text>
              </Group>
            )}
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
