import { keepPreviousData, queryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import { unwrap } from '../../app/api/problem';
import type { QueryParams, Schema } from '../../app/api/types';

export type Customer = Schema<'Customer'>;
export type CustomField = Schema<'CustomField'>;
export type CustomerFilters = Omit<QueryParams<'/api/v1/customers'>, 'limit' | 'cursor'>;
export type QualityIssue = NonNullable<CustomerFilters['issue']>;

/** Every query of the module starts with this, so one invalidation can refresh a whole area. */
export const keys = {
  all: ['customers'] as const,
  list: ['customers', 'list'] as const,
  one: (id: string) => ['customers', 'one', id] as const,
  notes: (id: string) => ['customers', 'one', id, 'notes'] as const,
  timeline: (id: string) => ['customers', 'one', id, 'timeline'] as const,
  customFields: ['customers', 'custom-fields'] as const,
};

const PAGE_SIZE = 25;
const pages = { initialPageParam: undefined as string | undefined, placeholderData: keepPreviousData };
const nextCursor = (last: { nextCursor: string | null }) => last.nextCursor ?? undefined;

export function useCustomerPages(filters: CustomerFilters) {
  return useInfiniteQuery({
    ...pages,
    queryKey: [...keys.list, filters],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/customers', { params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: nextCursor,
  });
}

export const customerQuery = (id: string) =>
  queryOptions({
    queryKey: keys.one(id),
    queryFn: () => unwrap(api.GET('/api/v1/customers/{id}', { params: { path: { id } } })),
  });

export const notesQuery = (id: string) =>
  queryOptions({
    queryKey: keys.notes(id),
    queryFn: async () => (await unwrap(api.GET('/api/v1/customers/{id}/notes', { params: { path: { id } } }))).items,
  });

export function useTimelinePages(id: string, type: string | undefined) {
  return useInfiniteQuery({
    ...pages,
    queryKey: [...keys.timeline(id), type ?? null],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/customers/{id}/timeline', {
          params: { path: { id }, query: { type, limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: nextCursor,
  });
}

export const customFieldsQuery = queryOptions({
  queryKey: keys.customFields,
  queryFn: async () => (await unwrap(api.GET('/api/v1/custom-fields'))).items,
  staleTime: 60_000,
});
