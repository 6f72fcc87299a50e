/** KVKK Art. 11 request types and the states of a request in the queue. */
export const REQUEST_TYPES = ['access', 'rectification', 'erasure', 'objection'] as const;
export const REQUEST_STATUSES = ['open', 'in_progress', 'done', 'rejected'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const IYS_SYNC_STATUSES = ['pending', 'sent', 'accepted', 'failed'] as const;
export type IysSyncStatus = (typeof IYS_SYNC_STATUSES)[number];
