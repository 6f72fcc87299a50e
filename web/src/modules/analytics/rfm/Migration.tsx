import { Alert, Box, Group, Select, SimpleGrid, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../../app/api/problem';
import { Panel } from '../../../app/ui/Panel';
import { ListSkeleton } from '../../../app/ui/ResponsiveTable';
import { useLocalDate } from '../../loyalty/parts/local-date';
import { useNumbers } from '../format';
import { migrationQuery, type RfmSegment, runsQuery } from './rfm-queries';
import { SEGMENTS, segmentStyle } from './segments';

/**
 * Customers moving between segments from one run to another as a matrix: earlier segment in the
 * rows, later one in the columns, the count in each cell and its shade by the count. The two
 * latest runs by default; any two runs that kept their per-customer scores can be picked.
 */
export function Migration({ brand }: { brand?: string }) {
  const { t } = useTranslation('analytics');
  const { t: tApp } = useTranslation();
  const { num } = useNumbers();
  const localDate = useLocalDate();
  const runs = useQuery(runsQuery(brand));
  const [picked, setPicked] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const from = picked.from ?? undefined;
  const to = picked.to ?? undefined;
  const both = from && to;
  const migration = useQuery({ ...migrationQuery(brand, both ? from : undefined, both ? to : undefined), throwOnError: false });
  const m = migration.data;
  const options = (runs.data ?? []).map((r) => ({
    value: r.id,
    label: r.scoresKept
      ? t('rfm.migration.run', { date: localDate(r.asOf), customers: num(r.customers, 0) })
      : t('rfm.migration.runPruned', { date: localDate(r.asOf) }),
    disabled: !r.scoresKept,
  }));
  const cells = m?.matrix ?? [];
  const rows = SEGMENTS.filter((s) => cells.some((c) => c.from === s));
  const cols = SEGMENTS.filter((s) => cells.some((c) => c.to === s));
  const count = (a: RfmSegment, b: RfmSegment) => cells.find((c) => c.from === a && c.to === b)?.customers ?? 0;
  const max = Math.max(1, ...cells.map((c) => c.customers));
  const moved = cells.filter((c) => c.from !== c.to).reduce((s, c) => s + c.customers, 0);
  const label = (s: RfmSegment) => t(`rfm.segments.${s}`);

  return (
    <Panel
      title={t('rfm.migration.title')}
      hint={t('rfm.migration.hint')}
      testId="rfm-migration"
      csv={{
        fileName: 'rfm-gecisler.csv',
        headers: [t('rfm.migration.from'), t('rfm.migration.to'), t('rfm.sizes.customers')],
        rows: cells.map((c) => [label(c.from), label(c.to), c.customers]),
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mb="sm">
        <Select
          label={t('rfm.migration.from')}
          data={options}
          value={from ?? m?.from?.id ?? null}
          onChange={(v) => setPicked({ from: v, to: to ?? m?.to?.id ?? null })}
          allowDeselect={false}
          data-testid="rfm-migration-from"
        />
        <Select
          label={t('rfm.migration.to')}
          data={options}
          value={to ?? m?.to?.id ?? null}
          onChange={(v) => setPicked({ to: v, from: from ?? m?.from?.id ?? null })}
          allowDeselect={false}
          data-testid="rfm-migration-to"
        />
      </SimpleGrid>
      {migration.isError ? (
        <Alert color="orange" variant="light">
          {isProblem(migration.error) ? migration.error.detail : tApp('errors.network')}
        </Alert>
      ) : !m ? (
        <ListSkeleton rows={3} />
      ) : !m.from ? (
        <Text size="sm" c="dimmed" data-testid="rfm-migration-none">
          {t('rfm.migration.need')}
        </Text>
      ) : (
        <>
          <Box style={{ overflowX: 'auto', opacity: migration.isPlaceholderData ? 0.6 : 1 }}>
            <Box
              data-testid="rfm-migration-matrix"
              style={{
                display: 'grid',
                gridTemplateColumns: `minmax(4.5rem, 8rem) repeat(${cols.length}, minmax(1.4rem, 1fr))`,
                gap: 2,
                fontSize: 'var(--mantine-font-size-xs)',
              }}
            >
              <Text size="xs" c="dimmed" style={{ alignSelf: 'end' }}>
                {t('rfm.migration.fromTo')}
              </Text>
              {cols.map((c) => (
                <Box
                  key={`h-${c}`}
                  h="7.5rem"
                  style={{ display: 'flex', justifyContent: 'center', alignItems: 'flex-end', paddingBottom: 4, overflow: 'hidden' }}
                >
                  <Text
                    size="xs"
                    fw={600}
                    lh={1.1}
                    title={label(c)}
                    style={{
                      writingMode: 'vertical-rl',
                      transform: 'rotate(180deg)',
                      whiteSpace: 'nowrap',
                      maxHeight: '7.2rem',
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                    }}
                  >
                    {label(c)}
                  </Text>
                </Box>
              ))}
              {rows.map((r) => [
                <Group key={`r-${r}`} gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
                  <Box w={8} h={8} style={{ ...segmentStyle(r), borderRadius: 2, flex: 'none' }} />
                  <Text size="xs" fw={600} style={{ overflowWrap: 'anywhere' }} lh={1.15}>
                    {label(r)}
                  </Text>
                </Group>,
                ...cols.map((c) => {
                  const n = count(r, c);
                  const share = n / max;
                  return (
                    <Tooltip key={`${r}-${c}`} label={t('rfm.migration.cell', { from: label(r), to: label(c), customers: num(n, 0) })}>
                      <Box
                        data-testid={`rfm-move-${r}-${c}`}
                        style={{
                          background: n ? `rgba(18, 184, 134, ${0.12 + 0.88 * share})` : 'var(--mantine-color-gray-1)',
                          color: share > 0.5 ? 'white' : 'var(--mantine-color-text)',
                          outline: r === c ? '2px solid var(--mantine-color-dark-3)' : undefined,
                          outlineOffset: -2,
                          borderRadius: 4,
                          minHeight: 30,
                          display: 'flex',
                          alignItems: 'center',
                          justifyContent: 'center',
                          fontWeight: 600,
                        }}
                      >
                        {n ? num(n, 0) : ''}
                      </Box>
                    </Tooltip>
                  );
                }),
              ])}
            </Box>
          </Box>
          <Group gap="md" mt="sm">
            <Text size="sm" data-testid="rfm-migration-moved">
              {t('rfm.migration.moved', { n: num(moved, 0) })}
            </Text>
            <Text size="sm">{t('rfm.migration.entered', { n: num(m.entered, 0) })}</Text>
            <Text size="sm">{t('rfm.migration.left', { n: num(m.left, 0) })}</Text>
          </Group>
        </>
      )}
    </Panel>
  );
}
