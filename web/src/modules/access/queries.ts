import { keepPreviousData, queryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import { unwrap } from '../../app/api/problem';
import type { paths } from '../../app/api/schema';
import type { QueryParams } from '../../app/api/types';

/** Every query of the module starts with this, so one invalidation can refresh a whole area. */
export const keys = {
  org: ['access', 'org'] as const,
  brands: ['access', 'brands'] as const,
  stores: ['access', 'stores'] as const,
  users: ['access', 'users'] as const,
  apiKeys: ['access', 'api-keys'] as const,
  audit: ['access', 'audit'] as const,
};

const PAGE_SIZE = 25;
// The API's largest page: pickers read every row in as few requests as possible.
const MAX_PAGE = 200;

/** Reads every page of a cursor-paginated list (for pickers, which need all rows). */
async function readAll<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export const orgQuery = queryOptions({
  queryKey: keys.org,
  queryFn: () => unwrap(api.GET('/api/v1/org')),
});

export const brandsQuery = queryOptions({
  queryKey: keys.brands,
  queryFn: async () => (await unwrap(api.GET('/api/v1/brands'))).items,
});

export const allStoresQuery = queryOptions({
  queryKey: [...keys.stores, 'all'],
  queryFn: () => readAll((cursor) => unwrap(api.GET('/api/v1/stores', { params: { query: { limit: MAX_PAGE, cursor } } }))),
});

export const allUsersQuery = queryOptions({
  queryKey: [...keys.users, 'all'],
  queryFn: () => readAll((cursor) => unwrap(api.GET('/api/v1/users', { params: { query: { limit: MAX_PAGE, cursor } } }))),
});

export const apiKeysQuery = queryOptions({
  queryKey: keys.apiKeys,
  queryFn: async () => (await unwrap(api.GET('/api/v1/api-keys'))).items,
});

type Filters<P extends keyof paths> = Omit<QueryParams<P>, 'limit' | 'cursor'>;

const pages = { initialPageParam: undefined as string | undefined, placeholderData: keepPreviousData };
const nextCursor = (last: { nextCursor: string | null }) => last.nextCursor ?? undefined;

export function useStoresPages(filters: Filters<'/api/v1/stores'>) {
  return useInfiniteQuery({
    ...pages,
    queryKey: [...keys.stores, 'list', filters],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/stores', { params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: nextCursor,
  });
}

export function useUsersPages(filters: Filters<'/api/v1/users'>) {
  return useInfiniteQuery({
    ...pages,
    queryKey: [...keys.users, 'list', filters],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/users', { params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: nextCursor,
  });
}

export function useAuditPages(filters: Filters<'/api/v1/audit-log'>) {
  return useInfiniteQuery({
    ...pages,
    queryKey: [...keys.audit, filters],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/audit-log', { params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: nextCursor,
  });
}
