import { keepPreviousData, queryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../app/api/client';
import { unwrap } from '../../app/api/problem';
import type { RequestBody, Schema } from '../../app/api/types';

export type Campaign = Schema<'Campaign'>;
export type CampaignReport = Schema<'CampaignReport'>;
export type CampaignInput = RequestBody<'/api/v1/campaigns', 'post'>;
export type Channel = Campaign['channel'];

export const keys = {
  all: ['campaigns'] as const,
  list: ['campaigns', 'list'] as const,
  one: (id: string) => ['campaigns', id] as const,
  report: (id: string) => ['campaigns', id, 'report'] as const,
};

export function useCampaignPages() {
  return useInfiniteQuery({
    queryKey: keys.list,
    initialPageParam: undefined as string | undefined,
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/campaigns', { params: { query: { limit: 25, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

const running = (c: Campaign | undefined) => c !== undefined && ['scheduled', 'sending', 'testing'].includes(c.status);

/** Polled while the campaign is on its way, so the progress and the report move. */
export const campaignQuery = (id: string) =>
  queryOptions({
    queryKey: keys.one(id),
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (running(q.state.data) ? 2_000 : false),
  });

export const reportQuery = (id: string, live: boolean) =>
  queryOptions({
    queryKey: keys.report(id),
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/{id}/report', { params: { path: { id } } })),
    refetchInterval: live ? 5_000 : false,
  });

export const jobQuery = (id: string) =>
  queryOptions({
    queryKey: ['campaigns', 'job', id],
    queryFn: () => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed'].includes(q.state.data.status) ? false : 1_000),
  });

/** The building blocks a campaign is made of: every segment, the marketing templates of a channel, personal coupon campaigns. */
export const segmentsQuery = queryOptions({
  queryKey: ['campaigns', 'segments'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/segments', { params: { query: { limit: 200 } } }))).items,
});

export const templatesQuery = (channel: Channel) =>
  queryOptions({
    queryKey: ['campaigns', 'templates', channel],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/messaging/templates', { params: { query: { channel, purpose: 'marketing', limit: 200 } } }))).items,
  });

export const couponCampaignsQuery = queryOptions({
  queryKey: ['campaigns', 'coupon-campaigns'],
  queryFn: async () =>
    (await unwrap(api.GET('/api/v1/loyalty/coupon-campaigns', { params: { query: { limit: 200, active: 'true' } } }))).items.filter(
      (c) => c.kind === 'personal',
    ),
});

export const presetsQuery = queryOptions({
  queryKey: ['campaigns', 'presets'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/campaigns/presets'))).items,
});
