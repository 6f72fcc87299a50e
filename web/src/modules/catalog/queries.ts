import { keepPreviousData, queryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import { unwrap } from '../../app/api/problem';
import type { QueryParams, RequestBody, Schema } from '../../app/api/types';

export type Product = Schema<'Product'>;
export type Supplier = Schema<'Supplier'>;
export type ProductFilters = Omit<QueryParams<'/api/v1/catalog/products'>, 'limit' | 'cursor'>;
export type ProductChanges = RequestBody<'/api/v1/catalog/products/{id}', 'patch'>;
export type ProductUpsert = RequestBody<'/api/v1/catalog/products', 'post'>;

/** Every query of the module starts with this, so one invalidation can refresh a whole area. */
export const keys = {
  all: ['catalog'] as const,
  products: ['catalog', 'products'] as const,
  product: (id: string) => ['catalog', 'product', id] as const,
  categories: ['catalog', 'categories'] as const,
  brands: ['catalog', 'brands'] as const,
  suppliers: ['catalog', 'suppliers'] as const,
};

const PAGE_SIZE = 25;
const pages = { initialPageParam: undefined as string | undefined, placeholderData: keepPreviousData };
const nextCursor = (last: { nextCursor: string | null }) => last.nextCursor ?? undefined;

export function useProductPages(filters: ProductFilters) {
  return useInfiniteQuery({
    ...pages,
    queryKey: [...keys.products, filters],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/catalog/products', { params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: nextCursor,
  });
}

export const productQuery = (id: string) =>
  queryOptions({
    queryKey: keys.product(id),
    queryFn: () => unwrap(api.GET('/api/v1/catalog/products/{id}', { params: { path: { id } } })),
  });

export const categoriesQuery = queryOptions({
  queryKey: keys.categories,
  queryFn: async () => (await unwrap(api.GET('/api/v1/catalog/categories'))).items,
  staleTime: 60_000,
});

export const brandsQuery = queryOptions({
  queryKey: keys.brands,
  queryFn: async () => (await unwrap(api.GET('/api/v1/catalog/brands'))).items,
  staleTime: 60_000,
});

export function useSupplierPages(q: string | undefined) {
  return useInfiniteQuery({
    ...pages,
    queryKey: [...keys.suppliers, 'list', q ?? ''],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/catalog/suppliers', { params: { query: { q: q || undefined, limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: nextCursor,
  });
}

/** Suppliers for a picker: the first 200 by name (an org has a handful to a few hundred). */
export const supplierOptionsQuery = queryOptions({
  queryKey: [...keys.suppliers, 'options'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/catalog/suppliers', { params: { query: { limit: 200 } } }))).items,
  staleTime: 60_000,
});

/** The separator people read and type between category levels. */
export const CATEGORY_SEPARATOR = ' > ';
export const categoryText = (path: readonly string[]) => path.join(CATEGORY_SEPARATOR);
export const categoryParts = (text: string) =>
  text
    .split(/[>/]/)
    .map((p) => p.trim())
    .filter(Boolean);

/** Minor units as the org's money ("₺1.299,90"). */
export function formatPrice(minor: number, currency: string, language: string) {
  return new Intl.NumberFormat(language, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).format(minor / 100);
}
