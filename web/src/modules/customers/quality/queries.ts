import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import type { QueryParams, Schema } from '../../../app/api/types';

export type QualityReport = Schema<'QualityReport'>;
export type QualityGroup = Schema<'QualityGroup'>;
export type ReportQuery = QueryParams<'/api/v1/quality/report'>;

export const reportQuery = (query: ReportQuery) =>
  queryOptions({
    queryKey: ['customers', 'quality-report', query],
    queryFn: () => unwrap(api.GET('/api/v1/quality/report', { params: { query } })),
    placeholderData: keepPreviousData,
  });
