import { api } from '../../../app/api/client';
import { unwrap } from '../../../app/api/problem';

function form(fields: Record<string, string | File>) {
  const body = new FormData();
  // `kind` first: the server refuses a caller without the permission before reading the file.
  body.append('kind', 'sales');
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  // The multipart routes have no JSON body in the OpenAPI document; openapi-fetch sends FormData as is.
  return { body: body as never };
}

export const previewSalesFile = (file: File) => unwrap(api.POST('/api/v1/imports/preview', form({ file })));

export const startSalesImport = async (file: File, mapping: Record<string, string>, storeCode: string | null) =>
  (
    await unwrap(
      api.POST(
        '/api/v1/imports',
        form({ mapping: JSON.stringify(mapping), ...(storeCode ? { options: JSON.stringify({ storeCode }) } : {}), file }),
      ),
    )
  ).jobId;
