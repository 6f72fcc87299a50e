import { keepPreviousData, queryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import type { Schema } from '../../../app/api/types';

export type RfmDistribution = Schema<'RfmDistribution'>;
export type RfmRun = Schema<'RfmRun'>;
export type RfmRunListItem = Schema<'RfmRunListItem'>;
export type RfmSettings = Schema<'RfmSettings'>;
export type RfmMigration = Schema<'RfmMigration'>;
export type RfmSegment = RfmDistribution['segments'][number]['segment'];
export type RfmMember = Schema<'RfmMembers'>['items'][number];

/** Under the module's `analytics` key, so one invalidation refreshes the whole area. */
export const rfmKeys = {
  all: ['analytics', 'rfm'] as const,
  distribution: (brand?: string) => ['analytics', 'rfm', 'distribution', brand ?? null] as const,
  runs: (brand?: string) => ['analytics', 'rfm', 'runs', brand ?? null] as const,
  migration: (brand: string | undefined, from?: string, to?: string) => ['analytics', 'rfm', 'migration', brand ?? null, from, to] as const,
  members: (brand: string | undefined, segment: RfmSegment) => ['analytics', 'rfm', 'members', brand ?? null, segment] as const,
  settings: ['analytics', 'rfm', 'settings'] as const,
};

export const distributionQuery = (brand?: string) =>
  queryOptions({
    queryKey: rfmKeys.distribution(brand),
    queryFn: () => unwrap(api.GET('/api/v1/analytics/rfm', { params: { query: { brand } } })),
    placeholderData: keepPreviousData,
  });

/** The latest 50 runs: enough to pick two for the migration matrix. */
export const runsQuery = (brand?: string) =>
  queryOptions({
    queryKey: rfmKeys.runs(brand),
    queryFn: async () => (await unwrap(api.GET('/api/v1/analytics/rfm/runs', { params: { query: { brand, limit: 50 } } }))).items,
  });

export const migrationQuery = (brand: string | undefined, from?: string, to?: string) =>
  queryOptions({
    queryKey: rfmKeys.migration(brand, from, to),
    queryFn: () => unwrap(api.GET('/api/v1/analytics/rfm/migration', { params: { query: from && to ? { from, to } : { brand } } })),
    placeholderData: keepPreviousData,
  });

export const settingsQuery = queryOptions({
  queryKey: rfmKeys.settings,
  queryFn: () => unwrap(api.GET('/api/v1/analytics/rfm/settings')),
});

export function useMembers(brand: string | undefined, segment: RfmSegment, limit = 25) {
  return useInfiniteQuery({
    initialPageParam: undefined as string | undefined,
    placeholderData: keepPreviousData,
    queryKey: [...rfmKeys.members(brand, segment), limit],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/analytics/rfm/customers', { params: { query: { segment, brand, limit, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
