import { queryOptions } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { Schema } from '../api/types';

export type ImportPreview = Schema<'ImportPreview'>;
export type ImportKind = ImportPreview['kind'];
/** Our field → the file's header. */
export type ImportMapping = Record<string, string>;
/** A kind's own options (server: the kind's `options` schema); a null one is left out. */
export type ImportOptions = Record<string, string | null>;

/** The import's result as the job reports it (server: platform/imports/engine.ts), with the kind's own totals. */
export interface ImportResult {
  created: number;
  updated: number;
  merged: number;
  rejected: number;
  rejectedFile: string | null;
  /** Totals a kind adds, e.g. the customers' `consentsRecorded`. */
  [total: string]: number | string | null;
}

/** The files the server reads (server: platform/imports/parse.ts). */
export const IMPORT_FILES =
  '.csv,.txt,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function form(kind: ImportKind, fields: Record<string, string | File>) {
  const body = new FormData();
  // `kind` first: the server refuses a caller without the permission before reading the file.
  body.append('kind', kind);
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  // The multipart routes have no JSON body in the OpenAPI document; openapi-fetch sends FormData as is.
  return { body: body as never };
}

export const previewImport = (kind: ImportKind, file: File) => unwrap(api.POST('/api/v1/imports/preview', form(kind, { file })));

export async function startImport(kind: ImportKind, file: File, mapping: ImportMapping, options: ImportOptions) {
  const set = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== null));
  const fields = { mapping: JSON.stringify(mapping), options: JSON.stringify(set), file };
  return (await unwrap(api.POST('/api/v1/imports', form(kind, fields)))).jobId;
}

/** A running import, polled until it ends. */
export const importJobQuery = (id: string) =>
  queryOptions({
    queryKey: ['imports', 'job', id],
    queryFn: () => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed'].includes(q.state.data.status) ? false : 700),
  });
