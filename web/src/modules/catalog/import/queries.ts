import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';

function form(fields: Record<string, string | File>) {
  const body = new FormData();
  // `kind` first: the server refuses a caller without the permission before reading the file.
  body.append('kind', 'products');
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  // The multipart routes have no JSON body in the OpenAPI document; openapi-fetch sends FormData as is.
  return { body: body as never };
}

export const previewProductFile = (file: File) => unwrap(api.POST('/api/v1/imports/preview', form({ file })));

export const startProductImport = async (file: File, mapping: Record<string, string>) =>
  (await unwrap(api.POST('/api/v1/imports', form({ mapping: JSON.stringify(mapping), file })))).jobId;

/** CSV, XLSX and the JSON an ERP exports. */
export const PRODUCT_FILES =
  '.csv,.txt,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
