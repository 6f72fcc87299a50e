import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Alert, Anchor, Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isProblem } from '../../../app/api/problem';
import { PageHeader } from '../../../app/ui/PageHeader';
import { Panel } from '../../../app/ui/Panel';
import { type Column, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { useMoney } from '../../sales/money';
import { useNumbers } from '../format';
import { type CoopQuery, type CoopReport, coopQuery, csvHref } from './queries';

type Range = [string | null, string | null];
type StoreRow = CoopReport['stores'][number];

/** Supplier co-op report: a form, the totals with the amount to invoice, the daily chart and the stores. */
export function CoopPage() {
  const { t } = useTranslation('analytics');
  const { t: tApp } = useTranslation();
  const { money, quantity } = useMoney();
  const { num } = useNumbers();
  // A link may carry the form's values (`?supplier=&campaignFrom=&…`), so a report can be shared.
  const [params] = useSearchParams();
  const p = (k: string) => params.get(k);
  const [supplier, setSupplier] = useState(p('supplier') ?? '');
  const [campaign, setCampaign] = useState<Range>([p('campaignFrom'), p('campaignTo')]);
  const [baseline, setBaseline] = useState<Range>([p('baselineFrom'), p('baselineTo')]);
  const [rate, setRate] = useState<number>(Number(p('rate') ?? 5) || 0);
  const [submitted, setSubmitted] = useState<CoopQuery | null>(null);
  const [missing, setMissing] = useState(false);
  const report = useQuery({ ...coopQuery(submitted ?? ({} as CoopQuery)), enabled: submitted !== null, throwOnError: false, retry: false });
  const submit = () => {
    if (!supplier.trim() || !campaign[0] || !campaign[1] || !baseline[0] || !baseline[1]) return setMissing(true);
    setMissing(false);
    setSubmitted({
      supplier: supplier.trim(),
      campaignFrom: campaign[0],
      campaignTo: campaign[1],
      baselineFrom: baseline[0],
      baselineTo: baseline[1],
      rate,
    });
  };
  const r = report.data;
  const columns: Column<StoreRow>[] = [
    {
      key: 'store',
      header: t('kpi.assortment.store'),
      render: (s) => (s.storeCode ? `${s.storeCode} · ${s.storeName}` : t('kpi.coop.online')),
    },
    { key: 'campaign', header: t('kpi.coop.campaignSales'), render: (s) => money(s.campaignSales) },
    { key: 'expected', header: t('kpi.coop.expectedSales'), render: (s) => money(s.expectedSales) },
    { key: 'incremental', header: t('kpi.coop.incrementalSales'), render: (s) => money(s.incrementalSales) },
  ];
  const figure = (label: string, value: string, sub?: string, testId?: string) => (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
      {sub && (
        <Text size="xs" c="dimmed">
          {sub}
        </Text>
      )}
    </Card>
  );
  return (
    <>
      <PageHeader title={t('nav.coop.title')} description={t('kpi.coop.hint')} />
      <Stack gap="md">
        <Card
          withBorder
          padding="md"
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          data-testid="coop-form"
        >
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <TextInput
              label={t('kpi.coop.supplier')}
              value={supplier}
              onChange={(e) => setSupplier(e.currentTarget.value)}
              name="supplier"
            />
            <DatePickerInput
              type="range"
              label={t('kpi.coop.campaign')}
              allowSingleDateInRange
              value={campaign}
              onChange={setCampaign}
              data-testid="coop-campaign"
            />
            <DatePickerInput
              type="range"
              label={t('kpi.coop.baseline')}
              allowSingleDateInRange
              value={baseline}
              onChange={setBaseline}
              data-testid="coop-baseline"
            />
            <NumberInput
              label={t('kpi.coop.rate')}
              min={0}
              max={100}
              decimalScale={2}
              value={rate}
              onChange={(v) => setRate(Number(v) || 0)}
            />
          </SimpleGrid>
          <Group mt="md" justify="space-between">
            <Button type="submit">{t('kpi.coop.submit')}</Button>
            {r && submitted && (
              <Anchor href={csvHref('/api/v1/analytics/coop', { ...submitted })} download data-testid="coop-csv">
                {t('kpi.coop.download')}
              </Anchor>
            )}
          </Group>
          {missing && (
            <Text c="red" size="sm" mt="xs">
              {t('kpi.coop.required')}
            </Text>
          )}
        </Card>
        {report.isError && (
          <Alert color="orange" variant="light" data-testid="coop-problem">
            {isProblem(report.error) ? report.error.detail : tApp('errors.network')}
          </Alert>
        )}
        {r && (
          <>
            <Text size="sm" c="dimmed">
              {`${r.supplier.code} · ${r.supplier.name} — ${t('kpi.coop.products', { n: r.products, scale: num(r.scale, 3) })}`}
            </Text>
            <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" data-testid="coop-totals">
              {figure(
                t('kpi.coop.campaignSales'),
                money(r.totals.campaignSales),
                t('kpi.coop.units', { units: quantity(r.totals.campaignUnits) }),
              )}
              {figure(
                t('kpi.coop.expectedSales'),
                money(r.totals.expectedSales),
                t('kpi.coop.units', { units: quantity(r.totals.expectedUnits) }),
              )}
              {figure(
                t('kpi.coop.incrementalSales'),
                money(r.totals.incrementalSales),
                t('kpi.coop.units', { units: quantity(r.totals.incrementalUnits) }),
              )}
              {figure(t('kpi.coop.invoice'), money(r.totals.invoice), `%${num(r.rate, 2)}`, 'coop-invoice')}
            </SimpleGrid>
            <Panel
              title={t('kpi.coop.chart')}
              testId="coop-chart"
              csv={{
                fileName: `co-op-${r.supplier.code}.csv`,
                headers: [t('kpi.charts.date'), t('kpi.coop.sales'), t('kpi.coop.baselineSales')],
                rows: r.series.map((p) => [p.date, p.sales / 100, p.baselineSales / 100]),
              }}
            >
              <LineChart
                h={220}
                data={r.series.map((p) => ({ date: p.date.slice(5), sales: p.sales / 100, baseline: p.baselineSales / 100 }))}
                dataKey="date"
                series={[
                  { name: 'sales', label: t('kpi.coop.sales'), color: 'teal.6' },
                  { name: 'baseline', label: t('kpi.coop.baselineSales'), color: 'gray.6', strokeDasharray: '5 5' },
                ]}
                valueFormatter={(v) => num(v, 2)}
                yAxisProps={{ width: 56 }}
                withLegend
                curveType="linear"
              />
            </Panel>
            <Card withBorder padding="md">
              <Text fw={700} mb="sm">
                {t('kpi.coop.perStore')}
              </Text>
              <ResponsiveTable rows={r.stores} columns={columns} rowKey={(s) => s.storeId ?? 'online'} empty={null} />
            </Card>
          </>
        )}
      </Stack>
    </>
  );
}
