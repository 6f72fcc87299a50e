import { keepPreviousData, queryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import { unwrap } from '../../app/api/problem';
import type { QueryParams, RequestBody, Schema } from '../../app/api/types';

export type ClvFit = Schema<'ClvFit'>;
export type FitInput = RequestBody<'/api/v1/analytics/clv/fit', 'post'>;
export type TimeUnit = ClvFit['timeUnit'];
export type CustomerScore = Schema<'CustomerClvScores'>['scores'][number];
export type BasketRules = Schema<'BasketRules'>;
export type BasketRule = BasketRules['rules'][number];
export type BasketItem = Schema<'BasketItem'>;
export type RuleQuery = QueryParams<'/api/v1/analytics/basket/rules'>;
export type Level = NonNullable<RuleQuery['level']>;
export type RuleSort = NonNullable<RuleQuery['sort']>;
/** The mining thresholds and selection "frequently bought together" shares with the rules. */
export type Mining = Omit<RuleQuery, 'level' | 'sort' | 'limit' | 'offset'>;

/** Every query of the module starts with this, so one invalidation refreshes the whole area. */
export const keys = {
  all: ['analytics'] as const,
  fits: ['analytics', 'fits'] as const,
  rules: (q: RuleQuery) => ['analytics', 'rules', q] as const,
  together: (productId: string, q: Mining) => ['analytics', 'together', productId, q] as const,
  scores: (customerId: string) => ['analytics', 'scores', customerId] as const,
};

export function useFitPages(limit = 10) {
  return useInfiniteQuery({
    initialPageParam: undefined as string | undefined,
    placeholderData: keepPreviousData,
    queryKey: [...keys.fits, limit],
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/analytics/clv/fits', { params: { query: { limit, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Whether the org has any fit at all (the customer card's hint tells "none yet" from "not in it"). */
export const anyFitQuery = queryOptions({
  queryKey: [...keys.fits, 'any'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/analytics/clv/fits', { params: { query: { limit: 1 } } }))).items.length > 0,
});

export const rulesQuery = (query: RuleQuery) =>
  queryOptions({
    queryKey: keys.rules(query),
    queryFn: () => unwrap(api.GET('/api/v1/analytics/basket/rules', { params: { query } })),
    placeholderData: keepPreviousData,
  });

export const togetherQuery = (productId: string, mining: Mining) =>
  queryOptions({
    queryKey: keys.together(productId, mining),
    queryFn: () => unwrap(api.GET('/api/v1/analytics/basket/together', { params: { query: { ...mining, productId } } })),
  });

export const scoresQuery = (customerId: string) =>
  queryOptions({
    queryKey: keys.scores(customerId),
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/analytics/customers/{id}/scores', { params: { path: { id: customerId } } }))).scores,
  });

export type CustomerRecommendations = Schema<'CustomerRecommendations'>;

/** Products to recommend to a customer, with the reasons (customer 360). */
export const recommendationsQuery = (customerId: string, limit: number) =>
  queryOptions({
    queryKey: [...keys.all, 'recommendations', customerId, limit] as const,
    queryFn: () =>
      unwrap(api.GET('/api/v1/analytics/customers/{id}/recommendations', { params: { path: { id: customerId }, query: { limit } } })),
    placeholderData: keepPreviousData,
  });

export type CustomerChurn = Schema<'CustomerChurn'>;
export type ChurnAtRisk = Schema<'ChurnAtRisk'>;
export type ChurnSummary = Schema<'ChurnSummary'>;
export type ChurnBand = ChurnAtRisk['band'];

/** A customer's churn risk with its reasons (customer 360). */
export const churnQuery = (customerId: string) =>
  queryOptions({
    queryKey: [...keys.all, 'churn', 'customer', customerId] as const,
    queryFn: () => unwrap(api.GET('/api/v1/analytics/customers/{id}/churn', { params: { path: { id: customerId } } })),
  });

/** Customers per churn band (CLV page, KPI dashboard). */
export const churnSummaryQuery = queryOptions({
  queryKey: [...keys.all, 'churn', 'summary'] as const,
  queryFn: () => unwrap(api.GET('/api/v1/analytics/churn/summary')),
});

/** Customers at risk, highest first, a page at a time. */
export function useChurnPages(band: ChurnBand | undefined, limit = 20) {
  return useInfiniteQuery({
    initialPageParam: undefined as string | undefined,
    placeholderData: keepPreviousData,
    queryKey: [...keys.all, 'churn', 'list', band ?? 'all', limit],
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/analytics/churn', { params: { query: { band, limit, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
