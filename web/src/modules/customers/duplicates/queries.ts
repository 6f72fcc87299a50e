import { keepPreviousData, queryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import type { Schema } from '../../../app/api/types';

export type Candidate = Schema<'DuplicateCandidate'>;
export type Reason = Candidate['reasons'][number];
export type Choice = 'survivor' | 'merged';

export const dedupKeys = {
  candidates: ['customers', 'duplicates'] as const,
  job: (id: string) => ['customers', 'duplicates', 'job', id] as const,
};

const PAGE_SIZE = 20;

export function useCandidatePages() {
  return useInfiniteQuery({
    queryKey: dedupKeys.candidates,
    initialPageParam: undefined as string | undefined,
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/duplicates', { params: { query: { limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** A running scan, polled until it ends. */
export const scanJobQuery = (id: string) =>
  queryOptions({
    queryKey: dedupKeys.job(id),
    queryFn: () => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed'].includes(q.state.data.status) ? false : 700),
  });

export const startScan = async () => (await unwrap(api.POST('/api/v1/duplicates/scan'))).jobId;

export const dismissPair = (customerA: string, customerB: string) =>
  unwrap(api.POST('/api/v1/duplicates/dismiss', { body: { customerA, customerB } }));

export const mergePair = (survivorId: string, mergedId: string, fields: Record<string, Choice>) =>
  unwrap(api.POST('/api/v1/customers/{id}/merge', { params: { path: { id: survivorId } }, body: { mergedId, fields } }));
