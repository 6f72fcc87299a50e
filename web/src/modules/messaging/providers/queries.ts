import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import type { components } from '../../../app/api/schema';

export type ProviderConfig = components['schemas']['MessageProviderConfig'];
export type ProviderKind = components['schemas']['MessageProviderKind'];
export type KindField = ProviderKind['fields'][number];

export const providerKeys = { all: ['messaging', 'providers'] as const };

export const providersQuery = queryOptions({
  queryKey: [...providerKeys.all, 'list'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/messaging/providers'))).items,
});

export const providerKindsQuery = queryOptions({
  queryKey: [...providerKeys.all, 'kinds'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/messaging/providers/kinds'))).items,
  staleTime: Number.POSITIVE_INFINITY,
});
