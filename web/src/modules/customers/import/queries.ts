import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';
import type { Schema } from '../../../app/api/types';

export type ImportPreview = Schema<'ImportPreview'>;
export type JobRun = Schema<'JobRun'>;

/** The import's result as the job reports it (see server/src/platform/imports/engine.ts). */
export interface ImportResult {
  created: number;
  updated: number;
  merged: number;
  rejected: number;
  rejectedFile: string | null;
  consentsRecorded?: number;
}

function form(fields: Record<string, string | File>) {
  const body = new FormData();
  // `kind` first: the server refuses a caller without the permission before reading the file.
  body.append('kind', 'customers');
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  // The multipart routes have no JSON body in the OpenAPI document; openapi-fetch sends FormData as is.
  return { body: body as never };
}

export const previewFile = (file: File) => unwrap(api.POST('/api/v1/imports/preview', form({ file })));

export const startImport = async (file: File, mapping: Record<string, string>, options: { consentSource: string }) =>
  (await unwrap(api.POST('/api/v1/imports', form({ mapping: JSON.stringify(mapping), options: JSON.stringify(options), file })))).jobId;

/** A running import, polled until it ends. */
export const importJobQuery = (id: string) =>
  queryOptions({
    queryKey: ['customers', 'import', 'job', id],
    queryFn: () => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed'].includes(q.state.data.status) ? false : 700),
  });

/** The İYS consent sources an import may record (server: privacy/channels.ts, without HS_KARAR). */
export const CONSENT_SOURCES = [
  'HS_FIZIKSEL_ORTAM',
  'HS_ISLAK_IMZA',
  'HS_WEB',
  'HS_MOBIL',
  'HS_MESAJ',
  'HS_EPOSTA',
  'HS_CAGRI_MERKEZI',
  'HS_SOSYAL_MEDYA',
  'HS_ETKINLIK',
  'HS_ATM',
  'HS_EORTAM',
  'HS_2015',
] as const;

export const IDENTITY_FIELDS = ['phone', 'email', 'cardNumber', 'externalId'];
