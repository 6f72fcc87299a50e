import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Card, Group, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyList } from '../../../app/ui/EmptyList';
import { PageHeader } from '../../../app/ui/PageHeader';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { IssueList } from './IssueList';
import { type QualityGroup, reportQuery } from './queries';

type GroupBy = 'store' | 'staff';

/** Data quality per store or staff member: a chart of average scores, then each group's worst problems. */
export function QualityReportPage() {
  const { t } = useTranslation('dedup');
  const [groupBy, setGroupBy] = useState<GroupBy>('store');
  const [[from, to], setRange] = useState<[string | null, string | null]>([null, null]);
  const report = useQuery(
    reportQuery({
      groupBy,
      from: from || undefined,
      // Both days are included; the API's `to` is exclusive.
      to: to ? dayjs(to).add(1, 'day').format('YYYY-MM-DD') : undefined,
    }),
  );
  const data = report.data;
  const nameOf = (g: QualityGroup) => g.name ?? (groupBy === 'store' ? t('quality.unknownStore') : t('quality.unknownStaff'));

  const columns: Column<QualityGroup>[] = [
    { key: 'name', header: groupBy === 'store' ? t('quality.byStore') : t('quality.byStaff'), render: (g) => nameOf(g) },
    { key: 'total', header: t('quality.total'), render: (g) => g.total },
    { key: 'average', header: t('quality.average'), render: (g) => g.averageScore },
    {
      key: 'issues',
      header: t('quality.topIssues'),
      render: (g) => <IssueList issues={g.issues} limit={3} storeId={groupBy === 'store' ? (g.key ?? undefined) : undefined} />,
    },
  ];

  return (
    <>
      <PageHeader title={t('quality.title')} description={t('quality.description')} />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <SegmentedControl
          value={groupBy}
          onChange={(v) => setGroupBy(v as GroupBy)}
          aria-label={t('quality.groupBy')}
          data={[
            { value: 'store', label: t('quality.byStore') },
            { value: 'staff', label: t('quality.byStaff') },
          ]}
        />
        <DatePickerInput
          type="range"
          label={t('quality.period')}
          clearable
          allowSingleDateInRange
          value={[from, to]}
          onChange={setRange}
          miw={240}
        />
      </Group>
      {!data ? (
        <ListSkeleton />
      ) : data.totals.total === 0 ? (
        <EmptyList title={t('quality.empty')} />
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Card withBorder padding="md" data-testid="quality-totals">
              <Group justify="space-between" mb="sm">
                <Title order={4}>{t('quality.orgTotals')}</Title>
                <Text fw={700}>
                  {data.totals.averageScore}/100 · {data.totals.total} {t('quality.total').toLocaleLowerCase()}
                </Text>
              </Group>
              <IssueList issues={data.totals.issues} />
            </Card>
            <Card withBorder padding="md">
              <Title order={4} mb="sm">
                {t('quality.chartTitle')}
              </Title>
              <BarChart
                h={Math.max(160, data.groups.length * 36)}
                data={data.groups.map((g) => ({ name: nameOf(g), score: g.averageScore }))}
                dataKey="name"
                orientation="vertical"
                yAxisProps={{ width: 120 }}
                xAxisProps={{ domain: [0, 100] }}
                series={[{ name: 'score', label: t('quality.average'), color: 'blue.6' }]}
                withTooltip
              />
            </Card>
          </SimpleGrid>
          <ResponsiveTable rows={data.groups} columns={columns} rowKey={(g) => g.key ?? 'none'} empty={null} />
        </Stack>
      )}
    </>
  );
}
