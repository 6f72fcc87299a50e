import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import type { QueryParams, Schema } from '../../../app/api/types';

export type KpiDashboard = Schema<'KpiDashboard'>;
export type Kpis = Schema<'Kpis'>;
export type StoreKpis = Schema<'StoreKpis'>;
export type CashierBoard = Schema<'CashierLeaderboard'>;
export type Assortment = Schema<'StoreAssortment'>;
export type CoopReport = Schema<'CoopReport'>;
export type KpiQuery = QueryParams<'/api/v1/analytics/kpis'>;
export type CashierQuery = QueryParams<'/api/v1/analytics/cashiers'>;
export type AssortmentQuery = QueryParams<'/api/v1/analytics/assortment'>;
export type CoopQuery = QueryParams<'/api/v1/analytics/coop'>;

const base = ['analytics', 'kpi'] as const;

export const kpisQuery = (query: KpiQuery) =>
  queryOptions({
    queryKey: [...base, 'dashboard', query],
    queryFn: () => unwrap(api.GET('/api/v1/analytics/kpis', { params: { query } })),
    placeholderData: keepPreviousData,
  });

export const storeKpisQuery = (query: QueryParams<'/api/v1/analytics/kpis/stores'>) =>
  queryOptions({
    queryKey: [...base, 'stores', query],
    queryFn: () => unwrap(api.GET('/api/v1/analytics/kpis/stores', { params: { query } })),
    placeholderData: keepPreviousData,
  });

export const cashiersQuery = (query: CashierQuery) =>
  queryOptions({
    queryKey: [...base, 'cashiers', query],
    queryFn: () => unwrap(api.GET('/api/v1/analytics/cashiers', { params: { query: { ...query, format: 'json' } } })),
    placeholderData: keepPreviousData,
  });

export const assortmentQuery = (query: AssortmentQuery) =>
  queryOptions({
    queryKey: [...base, 'assortment', query],
    queryFn: () => unwrap(api.GET('/api/v1/analytics/assortment', { params: { query: { ...query, format: 'json' } } })),
    placeholderData: keepPreviousData,
  });

export const coopQuery = (query: CoopQuery) =>
  queryOptions({
    queryKey: [...base, 'coop', query],
    queryFn: () => unwrap(api.GET('/api/v1/analytics/coop', { params: { query: { ...query, format: 'json' } } })),
  });

/** The address of a report's server-made CSV (a plain GET: the session cookie goes with it). */
export function csvHref(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  params.set('format', 'csv');
  return `${path}?${params}`;
}
