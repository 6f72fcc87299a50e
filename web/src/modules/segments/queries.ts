import { keepPreviousData, queryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import { unwrap } from '../../app/api/problem';
import type { Schema } from '../../app/api/types';

export type Segment = Schema<'Segment'>;
export type SegmentField = Schema<'SegmentField'>;
export type SegmentMember = Schema<'SegmentMember'>;
export type SegmentPreview = Schema<'SegmentPreview'>;
export type SegmentUpload = Schema<'SegmentUpload'>;

/** Under the module's `segments` key, so one invalidation refreshes the whole area. */
export const keys = {
  all: ['segments'] as const,
  list: ['segments', 'list'] as const,
  fields: ['segments', 'fields'] as const,
  one: (id: string) => ['segments', 'one', id] as const,
  members: (id: string) => ['segments', 'members', id] as const,
  preview: (rule: unknown) => ['segments', 'preview', JSON.stringify(rule)] as const,
};

export const fieldsQuery = queryOptions({
  queryKey: keys.fields,
  queryFn: async () => (await unwrap(api.GET('/api/v1/segments/fields'))).items,
  staleTime: 5 * 60_000,
});

export const segmentQuery = (id: string) =>
  queryOptions({ queryKey: keys.one(id), queryFn: () => unwrap(api.GET('/api/v1/segments/{id}', { params: { path: { id } } })) });

/** The live count and sample of a draft rule; the previous answer stays while the next one loads. */
export const previewQuery = (rule: Record<string, unknown>) =>
  queryOptions({
    queryKey: keys.preview(rule),
    queryFn: () => unwrap(api.POST('/api/v1/segments/preview', { body: { rule } })),
    placeholderData: keepPreviousData,
    retry: false,
  });

export function useSegments() {
  return useInfiniteQuery({
    queryKey: keys.list,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/segments', { params: { query: { limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useMembers(id: string, limit = 25) {
  return useInfiniteQuery({
    queryKey: keys.members(id),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/segments/{id}/members', { params: { path: { id }, query: { limit, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
