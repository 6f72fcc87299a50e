import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Button, Grid, Group, SegmentedControl, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { EmptyList } from '../../../app/ui/EmptyList';
import { LoadMore } from '../../../app/ui/LoadMore';
import { notifyError, notifySuccess } from '../../../app/ui/notify';
import { Panel } from '../../../app/ui/Panel';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useLocalDate } from '../../loyalty/parts/local-date';
import { type ChurnAtRisk, type ChurnBand, churnSummaryQuery, keys, useChurnPages } from '../queries';

const BANDS: ChurnBand[] = ['high', 'medium', 'low'];
const COLORS = { high: 'red', medium: 'yellow', low: 'green' } as const;

/** "Churn risk" on the CLV page: customers per band as a chart, and the customers at risk, highest first. */
export function ChurnSection() {
  const { t } = useTranslation('analytics');
  const { can } = useSession();
  const localDate = useLocalDate();
  const queryClient = useQueryClient();
  const [band, setBand] = useState<ChurnBand | 'all'>('all');
  const summary = useQuery({ ...churnSummaryQuery, throwOnError: false });
  const pages = useChurnPages(band === 'all' ? undefined : band);
  const run = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/analytics/churn/run', { body: {} })),
    onSuccess: (r) => {
      notifySuccess(t('churn.section.done', { customers: r.customers }));
      queryClient.invalidateQueries({ queryKey: keys.all });
    },
    onError: (error) => notifyError(error),
  });
  const s = summary.data;
  const counts = BANDS.map((b) => ({ band: t(`churn.bands.${b}`), key: b, customers: s?.bands.find((x) => x.band === b)?.customers ?? 0 }));
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: Column<ChurnAtRisk>[] = [
    {
      key: 'customer',
      header: t('churn.list.customer'),
      render: (r) => (
        <Anchor component={Link} to={`/customers/${r.customerId}`}>
          {r.name ?? t('churn.list.noName')}
        </Anchor>
      ),
    },
    { key: 'phone', header: t('churn.list.phone'), render: (r) => r.phone ?? '—' },
    {
      key: 'score',
      header: t('churn.list.score'),
      render: (r) => (
        <Group gap={6} wrap="nowrap" justify="flex-end">
          <Text fw={700} size="sm">
            {r.score}
          </Text>
          <Badge variant="light" color={COLORS[r.band]} style={{ flexShrink: 0 }}>
            {t(`churn.levels.${r.band}`)}
          </Badge>
        </Group>
      ),
    },
    { key: 'reason', header: t('churn.list.reason'), render: (r) => r.reasons[0]?.text ?? '—' },
  ];
  const manage = can('analytics.manage') && (
    <Button variant="default" size="xs" loading={run.isPending} onClick={() => run.mutate()} data-testid="churn-run">
      {t('churn.section.run')}
    </Button>
  );
  if (s && s.customers === 0)
    return (
      <Panel title={t('churn.section.title')} testId="churn-section">
        <Text size="sm" c="dimmed" mb="sm">
          {t('churn.none')}
        </Text>
        {manage}
      </Panel>
    );
  return (
    <Grid gap="md" data-testid="churn-section">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Panel
          title={t('churn.section.title')}
          hint={s?.asOf ? t('churn.section.hint', { date: localDate(s.asOf) }) : undefined}
          testId="churn-bands"
          csv={{
            fileName: 'kaybetme-riski.csv',
            headers: [t('churn.section.band'), t('churn.section.customers')],
            rows: counts.map((c) => [c.band, c.customers]),
          }}
        >
          <BarChart
            h={200}
            data={counts}
            dataKey="band"
            series={[{ name: 'customers', label: t('churn.section.customers'), color: 'orange.6' }]}
            yAxisProps={{ width: 40, allowDecimals: false }}
            withTooltip
            aria-label={t('churn.section.chart')}
          />
          <Group mt="sm">{manage}</Group>
        </Panel>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Panel title={t('churn.list.title')} hint={t('churn.list.hint')} testId="churn-list">
          <SegmentedControl
            fullWidth
            mb="sm"
            value={band}
            onChange={(v) => setBand(v as ChurnBand | 'all')}
            data={[{ value: 'all', label: t('churn.list.all') }, ...BANDS.map((b) => ({ value: b, label: t(`churn.levels.${b}`) }))]}
          />
          {!pages.data ? (
            <ListSkeleton rows={5} />
          ) : (
            <>
              <ResponsiveTable
                rows={rows}
                columns={columns}
                rowKey={(r) => r.customerId}
                empty={<EmptyList title={t('churn.list.empty')} />}
                minWidth={560}
              />
              <LoadMore {...pages} />
            </>
          )}
        </Panel>
      </Grid.Col>
    </Grid>
  );
}
