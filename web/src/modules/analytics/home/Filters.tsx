import { Card, Select, SimpleGrid } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/auth/session';
import { addDays, orgNow } from '../../../app/time';
import { allStoresQuery, brandsQuery } from '../../access/queries';

export type Preset = 'last7' | 'last30' | 'last90' | 'month' | 'custom';
const PRESETS: Preset[] = ['last7', 'last30', 'last90', 'month', 'custom'];

export interface ReportFilters {
  preset: Preset;
  range: [string | null, string | null];
  brand: string | null;
  storeCode: string | null;
}

/** The period a preset means, today included; days are the org's (as the server counts them), not the browser's. */
export function periodOf(f: ReportFilters, timeZone: string): { from?: string; to?: string } {
  const today = orgNow(timeZone).slice(0, 10);
  const back = (days: number) => ({ from: addDays(today, -(days - 1)), to: today });
  switch (f.preset) {
    case 'last7':
      return back(7);
    case 'last30':
      return back(30);
    case 'last90':
      return back(90);
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
    default:
      return { from: f.range[0] ?? undefined, to: f.range[1] ?? undefined };
  }
}

export function useReportFilters(initial: Preset = 'last30') {
  const { org } = useSession();
  const [filters, setFilters] = useState<ReportFilters>({ preset: initial, range: [null, null], brand: null, storeCode: null });
  const set = (changes: Partial<ReportFilters>) => setFilters((f) => ({ ...f, ...changes }));
  const period = periodOf(filters, org.timezone);
  const query = { ...period, brand: filters.brand ?? undefined, storeCode: filters.storeCode ?? undefined };
  return { filters, set, query };
}

/** Period presets (or a custom range), brand and store; a store role sees its own stores only. */
export function FilterBar({
  filters,
  set,
  withStore = true,
  withBrand = true,
}: {
  filters: ReportFilters;
  set: (changes: Partial<ReportFilters>) => void;
  withStore?: boolean;
  withBrand?: boolean;
}) {
  const { t } = useTranslation('analytics');
  const { can } = useSession();
  const stores = useQuery({ ...allStoresQuery, enabled: withStore && can('stores.read') });
  const brands = useQuery({ ...brandsQuery, enabled: withBrand && can('stores.read') });
  const brandOptions = (brands.data ?? []).map((b) => ({ value: b.code, label: b.name }));
  return (
    <Card withBorder padding="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <Select
          label={t('kpi.filters.period')}
          allowDeselect={false}
          value={filters.preset}
          onChange={(v) => set({ preset: (v ?? 'last30') as Preset })}
          data={PRESETS.map((p) => ({ value: p, label: t(`kpi.filters.presets.${p}`) }))}
          data-testid="kpi-preset"
        />
        {filters.preset === 'custom' && (
          <DatePickerInput
            type="range"
            label={t('kpi.filters.range')}
            allowSingleDateInRange
            value={filters.range}
            onChange={(range) => set({ range })}
          />
        )}
        {withBrand && brandOptions.length > 0 && (
          <Select
            label={t('kpi.filters.brand')}
            placeholder={t('kpi.filters.allBrands')}
            clearable
            value={filters.brand}
            onChange={(brand) => set({ brand })}
            data={brandOptions}
          />
        )}
        {withStore && (stores.data?.length ?? 0) > 1 && (
          <Select
            label={t('kpi.filters.store')}
            placeholder={t('kpi.filters.allStores')}
            searchable
            clearable
            value={filters.storeCode}
            onChange={(storeCode) => set({ storeCode })}
            data={(stores.data ?? []).map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }))}
          />
        )}
      </SimpleGrid>
    </Card>
  );
}
