import { keepPreviousData, queryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import type { QueryParams, Schema } from '../../../app/api/types';

export type OutboxMessage = Schema<'OutboxMessage'>;
export type Message = Schema<'Message'>;
export type MessagingSettings = Schema<'MessagingSettings'>;
export type Suppression = Schema<'Suppression'>;
export type OutboxFilters = Omit<QueryParams<'/api/v1/messaging/outbox'>, 'limit' | 'cursor'>;
export type MessageStatus = OutboxMessage['status'];

export const STATUSES: MessageStatus[] = ['queued', 'sent', 'delivered', 'failed', 'skipped'];
export const CHANNELS: OutboxMessage['channel'][] = ['sms', 'email', 'whatsapp'];
export const PURPOSES: OutboxMessage['purpose'][] = ['marketing', 'transactional'];

export const outboxKeys = {
  all: ['messaging', 'outbox'] as const,
  message: (id: string) => ['messaging', 'outbox', 'message', id] as const,
  settings: ['messaging', 'outbox', 'settings'] as const,
  suppressions: ['messaging', 'outbox', 'suppressions'] as const,
};

export function useOutboxPages(filters: OutboxFilters, limit = 25) {
  return useInfiniteQuery({
    initialPageParam: undefined as string | undefined,
    placeholderData: keepPreviousData,
    queryKey: [...outboxKeys.all, 'list', filters, limit],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/messaging/outbox', { params: { query: { ...filters, limit, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const messageQuery = (id: string) =>
  queryOptions({
    queryKey: outboxKeys.message(id),
    queryFn: () => unwrap(api.GET('/api/v1/messaging/messages/{id}', { params: { path: { id } } })),
  });

export const settingsQuery = queryOptions({
  queryKey: outboxKeys.settings,
  queryFn: () => unwrap(api.GET('/api/v1/messaging/settings')),
});

export function useSuppressionPages() {
  return useInfiniteQuery({
    initialPageParam: undefined as string | undefined,
    queryKey: [...outboxKeys.suppressions, 'list'],
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/messaging/suppressions', { params: { query: { limit: 50, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
