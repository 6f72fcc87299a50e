import { keepPreviousData, queryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import type { QueryParams, RequestBody, Schema } from '../../../app/api/types';

export type Template = Schema<'MessageTemplate'>;
export type TemplateInput = RequestBody<'/api/v1/messaging/templates', 'post'>;
export type Preview = Schema<'MessageTemplatePreview'>;
export type PreviewInput = RequestBody<'/api/v1/messaging/templates/preview', 'post'>;
export type TemplateFilter = Omit<QueryParams<'/api/v1/messaging/templates'>, 'limit' | 'cursor'>;
export type Channel = Template['channel'];
export type Purpose = Template['purpose'];

export const CHANNELS: Channel[] = ['sms', 'email', 'whatsapp'];
export const PURPOSES: Purpose[] = ['marketing', 'transactional'];

export const keys = {
  all: ['messaging', 'templates'] as const,
  list: (f: TemplateFilter) => ['messaging', 'templates', 'list', f] as const,
  one: (id: string) => ['messaging', 'templates', 'one', id] as const,
  variables: ['messaging', 'templates', 'variables'] as const,
};

export function useTemplatePages(filter: TemplateFilter) {
  return useInfiniteQuery({
    initialPageParam: undefined as string | undefined,
    placeholderData: keepPreviousData,
    queryKey: keys.list(filter),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/messaging/templates', { params: { query: { ...filter, limit: 50, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const templateQuery = (id: string) =>
  queryOptions({
    queryKey: keys.one(id),
    queryFn: () => unwrap(api.GET('/api/v1/messaging/templates/{id}', { params: { path: { id } } })),
  });

/** The variable registry in the UI language, and whether SMS goes out with the Turkish shift table. */
export const variablesQuery = (language: string) =>
  queryOptions({
    queryKey: [...keys.variables, language],
    queryFn: () => unwrap(api.GET('/api/v1/messaging/templates/variables')),
    staleTime: 5 * 60_000,
  });
