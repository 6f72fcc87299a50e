import type { Schema } from '../../../app/api/types';

export type PrivacyRequest = Schema<'PrivacyRequest'>;
export type RequestType = PrivacyRequest['type'];
export type RequestStatus = PrivacyRequest['status'];

export const REQUEST_TYPES: RequestType[] = ['access', 'rectification', 'erasure', 'objection'];
export const REQUEST_STATUSES: RequestStatus[] = ['open', 'in_progress', 'done', 'rejected'];

/** Past its due date and still not answered. */
export const isOverdue = (r: Pick<PrivacyRequest, 'dueAt' | 'status'>) =>
  (r.status === 'open' || r.status === 'in_progress') && new Date(r.dueAt).getTime() < Date.now();
