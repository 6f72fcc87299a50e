import { keepPreviousData, queryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import { unwrap } from '../../app/api/problem';
import type { QueryParams } from '../../app/api/types';

/** Every query of the module starts with this, so one invalidation can refresh a whole area. */
export const keys = {
  consents: (customerId: string) => ['privacy', 'consents', customerId] as const,
  requests: ['privacy', 'requests'] as const,
  retention: ['privacy', 'retention'] as const,
  iys: ['privacy', 'iys'] as const,
};

const PAGE_SIZE = 25;

export const consentsQuery = (customerId: string) =>
  queryOptions({
    queryKey: keys.consents(customerId),
    queryFn: () => unwrap(api.GET('/api/v1/customers/{id}/consents', { params: { path: { id: customerId }, query: { limit: 50 } } })),
  });

export const requestQuery = (id: string) =>
  queryOptions({
    queryKey: [...keys.requests, 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/privacy/requests/{id}', { params: { path: { id } } })),
  });

export const retentionQuery = queryOptions({
  queryKey: keys.retention,
  queryFn: () => unwrap(api.GET('/api/v1/privacy/retention')),
});

export const iysSettingsQuery = queryOptions({
  queryKey: keys.iys,
  queryFn: async () => (await unwrap(api.GET('/api/v1/privacy/iys/settings'))).items,
});

type Filters = Omit<QueryParams<'/api/v1/privacy/requests'>, 'limit' | 'cursor'>;

export function useRequestPages(filters: Filters) {
  return useInfiniteQuery({
    initialPageParam: undefined as string | undefined,
    placeholderData: keepPreviousData,
    queryKey: [...keys.requests, 'list', filters],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/privacy/requests', { params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
