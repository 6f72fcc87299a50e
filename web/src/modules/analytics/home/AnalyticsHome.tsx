import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isProblem } from '../../../app/api/problem';
import { LinkCards } from '../../../app/shell/LinkCards';
import { EmptyList } from '../../../app/ui/EmptyList';
import { PageHeader } from '../../../app/ui/PageHeader';
import { ListSkeleton } from '../../../app/ui/ResponsiveTable';
import { useLocalDate } from '../../loyalty/parts/local-date';
import { useAnalyticsLinks } from '../nav';
import { CashierChart } from './CashierChart';
import { FilterBar, useReportFilters } from './Filters';
import { KpiCharts, StoreComparison } from './KpiCharts';
import { KpiTiles } from './KpiTiles';
import { cashiersQuery, kpisQuery, storeKpisQuery } from './queries';

const TOP_CASHIERS = 10;

/** The analytics home: KPI tiles with the change vs the previous period, charts, stores, cashiers, and the analytics pages. */
export function AnalyticsHome() {
  const { t } = useTranslation('analytics');
  const { t: tApp } = useTranslation();
  const localDate = useLocalDate();
  const { filters, set, query } = useReportFilters();
  const links = useAnalyticsLinks().filter((l) => l.to !== '/analytics');
  const kpis = useQuery({ ...kpisQuery(query), throwOnError: false });
  const stores = useQuery({
    ...storeKpisQuery({ from: query.from, to: query.to, brand: query.brand }),
    enabled: !query.storeCode,
    throwOnError: false,
  });
  const cashiers = useQuery({ ...cashiersQuery({ ...query, limit: TOP_CASHIERS }), throwOnError: false });
  const data = kpis.data;
  return (
    <>
      <PageHeader title={t('nav.home.title')} description={t('nav.home.description')} />
      <Stack gap="md">
        <FilterBar filters={filters} set={set} />
        {kpis.isError ? (
          <Alert color="orange" variant="light" data-testid="kpi-problem">
            {isProblem(kpis.error) ? kpis.error.detail : tApp('errors.network')}
          </Alert>
        ) : !data ? (
          <ListSkeleton />
        ) : (
          <Stack gap="md" style={{ opacity: kpis.isPlaceholderData ? 0.6 : 1 }}>
            <Text size="sm" c="dimmed" data-testid="kpi-period">
              {data.previousPeriod
                ? t('kpi.periodLine', {
                    from: localDate(data.period.from),
                    to: localDate(data.period.to),
                    pfrom: localDate(data.previousPeriod.from),
                    pto: localDate(data.previousPeriod.to),
                  })
                : `${localDate(data.period.from)} – ${localDate(data.period.to)}`}
            </Text>
            <KpiTiles current={data.current} previous={data.previous} />
            {data.current.purchases === 0 ? <EmptyList title={t('kpi.empty')} /> : <KpiCharts data={data} />}
            {!query.storeCode && (stores.data?.stores.length ?? 0) > 1 && <StoreComparison data={stores.data!} />}
            {(cashiers.data?.items.length ?? 0) > 0 && (
              <CashierChart items={cashiers.data!.items} title={t('kpi.cashiers.top', { n: TOP_CASHIERS })}>
                <Anchor component={Link} to="/analytics/cashiers" size="sm" mt="xs" display="inline-block">
                  {t('kpi.cashiers.all')}
                </Anchor>
              </CashierChart>
            )}
          </Stack>
        )}
        <LinkCards links={links} variant="light" />
      </Stack>
    </>
  );
}
