import { Alert, Card, Input, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../../app/api/problem';
import { useSession } from '../../../app/auth/session';
import { EmptyList } from '../../../app/ui/EmptyList';
import { PageHeader } from '../../../app/ui/PageHeader';
import { PageNumbers } from '../../../app/ui/PageNumbers';
import { type Column, ListSkeleton, ResponsiveTable } from '../../../app/ui/ResponsiveTable';
import { allStoresQuery } from '../../access/queries';
import { DecimalInput } from '../../loyalty/parts/inputs';
import { useNumbers } from '../format';
import { type BasketRule, type Level, type Mining, type RuleSort, rulesQuery } from '../queries';
import { BoughtTogether } from './BoughtTogether';
import { PlanogramPairs } from './PlanogramPairs';
import { ruleKey, ruleText } from './rule-text';
import { TopRulesChart } from './TopRulesChart';

const PAGE_SIZE = 25;
const LEVELS: Level[] = ['item', 'category', 'brand'];
const SORTS: RuleSort[] = ['lift', 'confidence', 'support', 'count'];
const THRESHOLDS = ['minSupport', 'minConfidence'] as const;

interface Filters {
  level: Level;
  /** percent, as typed */
  minSupport: number | undefined;
  minConfidence: number | undefined;
  storeCode: string | null;
  period: [string | null, string | null];
  sort: RuleSort;
}

/**
 * Basket analysis: association rules over the receipts with their thresholds and selection, the
 * strongest by lift as a chart, and what is bought together with one product.
 */
export function BasketPage() {
  const { t } = useTranslation('analytics');
  const { t: tApp } = useTranslation();
  const { can } = useSession();
  const { num, pct } = useNumbers();
  const stores = useQuery({ ...allStoresQuery, enabled: can('stores.read') });
  const [filters, setFilters] = useState<Filters>({
    level: 'item',
    minSupport: 1,
    minConfidence: 50,
    storeCode: null,
    period: [null, null],
    sort: 'lift',
  });
  const [page, setPage] = useState(1);
  const set = (changes: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...changes }));
    setPage(1);
  };
  // Typing "0,05" passes through "0" and "0,0": mine once the thresholds settle.
  const [f] = useDebouncedValue(filters, 400);
  const mining: Mining = {
    minSupport: (f.minSupport ?? 0) / 100,
    minConfidence: (f.minConfidence ?? 0) / 100,
    storeCode: f.storeCode ?? undefined,
    from: f.period[0] ?? undefined,
    to: f.period[1] ?? undefined,
  };
  const query = { ...mining, level: f.level, sort: f.sort, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const rules = useQuery({ ...rulesQuery(query), throwOnError: false });
  const data = rules.data;
  // The first page sorted by lift already holds the chart's rules: no second mining for them.
  const tableIsTop = f.sort === 'lift' && page === 1;
  const top = useQuery({
    ...rulesQuery({ ...query, sort: 'lift', limit: 10, offset: 0 }),
    enabled: !tableIsTop && !rules.isError,
    throwOnError: false,
  });
  const topRules = (tableIsTop ? data?.rules.slice(0, 10) : top.data?.rules) ?? [];

  const columns: Column<BasketRule>[] = [
    { key: 'rule', header: t('basket.rule'), render: (r) => ruleText(r) },
    { key: 'support', header: t('basket.support'), render: (r) => pct(r.support) },
    { key: 'confidence', header: t('basket.confidence'), render: (r) => pct(r.confidence) },
    { key: 'lift', header: t('basket.lift'), render: (r) => num(r.lift, 2) },
    { key: 'count', header: t('basket.count'), render: (r) => num(r.count, 0) },
  ];

  return (
    <>
      <PageHeader title={t('nav.basket.title')} description={t('nav.basket.description')} />
      <Stack gap="md">
        <Card withBorder padding="md">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
            <Input.Wrapper label={t('basket.level')}>
              <SegmentedControl
                fullWidth
                value={filters.level}
                onChange={(v) => set({ level: v as Level })}
                data={LEVELS.map((l) => ({ value: l, label: t(`basket.levels.${l}`) }))}
              />
            </Input.Wrapper>
            {THRESHOLDS.map((k) => (
              <DecimalInput
                key={k}
                label={t(`basket.${k}`)}
                description={t(`basket.${k}Hint`)}
                min={0}
                max={100}
                value={filters[k]}
                onChange={(v) => set({ [k]: v })}
              />
            ))}
            <Select
              label={t('basket.store')}
              placeholder={t('basket.allStores')}
              searchable
              clearable
              value={filters.storeCode}
              onChange={(storeCode) => set({ storeCode })}
              data={(stores.data ?? []).map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }))}
            />
            <DatePickerInput
              type="range"
              label={t('basket.period')}
              clearable
              allowSingleDateInRange
              value={filters.period}
              onChange={(period) => set({ period })}
            />
            <Select
              label={t('basket.sort')}
              allowDeselect={false}
              value={filters.sort}
              onChange={(sort) => set({ sort: (sort ?? 'lift') as RuleSort })}
              data={SORTS.map((s) => ({ value: s, label: t(`basket.sorts.${s}`) }))}
            />
          </SimpleGrid>
        </Card>
        {rules.isError ? (
          <Alert color="orange" variant="light" data-testid="rules-problem">
            {isProblem(rules.error) ? rules.error.detail : tApp('errors.network')}
          </Alert>
        ) : !data ? (
          <ListSkeleton />
        ) : data.baskets === 0 ? (
          <EmptyList title={t('basket.noBaskets')} />
        ) : (
          <>
            {topRules.length > 0 && <TopRulesChart rules={topRules} />}
            <Card withBorder padding="md" style={{ opacity: rules.isPlaceholderData ? 0.6 : 1 }}>
              <Text size="sm" mb="sm" data-testid="rules-found">
                {t('basket.found', { total: num(data.total, 0), baskets: num(data.baskets, 0), minCount: num(data.minCount, 0) })}
              </Text>
              <ResponsiveTable
                rows={data.rules}
                columns={columns}
                rowKey={ruleKey}
                empty={<EmptyList title={t('basket.empty')} description={t('basket.emptyHint')} />}
              />
              <PageNumbers total={data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
            </Card>
          </>
        )}
        {!rules.isError && data && data.baskets > 0 && <PlanogramPairs mining={mining} level={f.level} />}
        <BoughtTogether mining={mining} />
      </Stack>
    </>
  );
}
