import { keepPreviousData, queryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import { unwrap } from '../../app/api/problem';
import type { QueryParams, Schema } from '../../app/api/types';

export type ReceiptSummary = Schema<'ReceiptSummary'>;
export type Receipt = Schema<'Receipt'>;
export type OrderSummary = Schema<'OrderSummary'>;
export type Order = Schema<'Order'>;
export type SaleLine = Schema<'SaleLine'>;
export type Return = Schema<'Return'>;
export type Returnable = Schema<'Returnable'>;
export type ReceiptFilters = Omit<QueryParams<'/api/v1/sales/receipts'>, 'limit' | 'cursor'>;
export type OrderFilters = Omit<QueryParams<'/api/v1/sales/orders'>, 'limit' | 'cursor'>;
export type OrderStatus = Order['status'];

/** Every query of the module starts with this, so one invalidation refreshes the whole area. */
export const keys = {
  all: ['sales'] as const,
  receipts: ['sales', 'receipts'] as const,
  receipt: (id: string) => ['sales', 'receipts', id] as const,
  orders: ['sales', 'orders'] as const,
  order: (id: string) => ['sales', 'orders', id] as const,
  summary: (customerId: string) => ['sales', 'summary', customerId] as const,
};

const PAGE_SIZE = 25;
const pages = { initialPageParam: undefined as string | undefined, placeholderData: keepPreviousData };
const nextCursor = (last: { nextCursor: string | null }) => last.nextCursor ?? undefined;

export function useReceiptPages(filters: ReceiptFilters, limit = PAGE_SIZE, enabled = true) {
  return useInfiniteQuery({
    ...pages,
    enabled,
    queryKey: [...keys.receipts, 'list', filters, limit],
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/sales/receipts', { params: { query: { ...filters, limit, cursor: pageParam } } })),
    getNextPageParam: nextCursor,
  });
}

export function useOrderPages(filters: OrderFilters, limit = PAGE_SIZE, enabled = true) {
  return useInfiniteQuery({
    ...pages,
    enabled,
    queryKey: [...keys.orders, 'list', filters, limit],
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/sales/orders', { params: { query: { ...filters, limit, cursor: pageParam } } })),
    getNextPageParam: nextCursor,
  });
}

export const receiptQuery = (id: string) =>
  queryOptions({
    queryKey: keys.receipt(id),
    queryFn: () => unwrap(api.GET('/api/v1/sales/receipts/{id}', { params: { path: { id } } })),
  });

export const orderQuery = (id: string) =>
  queryOptions({
    queryKey: keys.order(id),
    queryFn: () => unwrap(api.GET('/api/v1/sales/orders/{id}', { params: { path: { id } } })),
  });

export const summaryQuery = (customerId: string) =>
  queryOptions({
    queryKey: keys.summary(customerId),
    queryFn: () => unwrap(api.GET('/api/v1/sales/summary', { params: { query: { customerId } } })),
  });

/** The channels web shops send: suggestions for the order filter and the returns screen. */
export const CHANNELS = ['web', 'shopify', 'ideasoft', 'ticimax', 'trendyol', 'hepsiburada', 'n11', 'amazon'];
