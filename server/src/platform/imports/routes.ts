import multipart from '@fastify/multipart';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context';
import { forbidden, notFound, Problem } from '../http/problem';
import { idParams } from '../http/schemas';
import type { HttpServer } from '../http/server';
import { jobRuns } from '../jobs/schema';
import { IMPORT_JOB, type ImportJobData } from './engine';
import { loadImportFile, saveImportFile } from './files';
import { type Cell, readTable } from './parse';
import { IMPORT_KINDS, type ImportKind, importKind, suggestMapping } from './registry';
import { attachment, cellText } from './spreadsheet';

export const MAX_UPLOAD_MB = 50;
const tags = ['imports'];

interface Upload {
  kind: ImportKind;
  fields: Record<string, string>;
  file: { name: string; bytes: Buffer };
}

type FieldError = {
  field: string;
  code: string;
  key: 'imports.invalid_json' | 'imports.unknown_field' | 'imports.unknown_header' | 'imports.field_required';
  params: Record<string, string>;
};

const invalidFields = (fieldErrors: FieldError[]) => new Problem(400, 'validation_failed', 'error.validation', {}, { fieldErrors });

/** The registered kind the caller may import; 422 `import_kind_unavailable`, 403 without its permission. */
function kindFor(req: FastifyRequest, name: string | undefined): ImportKind {
  const kind = name ? importKind(name) : undefined;
  if (!kind) throw new Problem(422, 'import_kind_unavailable', 'imports.kind_unavailable', { kind: String(name ?? '').slice(0, 40) });
  if (!req.auth!.permissions.has(kind.permission)) throw forbidden();
  return kind;
}

/** The multipart form: `kind` first lets a caller without the permission be refused before the upload. */
async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) {
    throw new Problem(415, 'unsupported_media_type', 'error.unsupported_media_type', { type: String(req.headers['content-type'] ?? '') });
  }
  const fields: Record<string, string> = {};
  let file: Upload['file'] | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        if (part.fieldname === 'kind') kindFor(req, fields.kind);
      } else if (part.fieldname === 'file' && !file) {
        file = { name: (part.filename.split(/[\\/]/).pop() || 'upload').slice(0, 200), bytes: await part.toBuffer() };
      } else await part.toBuffer();
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new Problem(413, 'file_too_large', 'imports.file_too_large', { limit: MAX_UPLOAD_MB });
    }
    throw err;
  }
  const kind = kindFor(req, fields.kind);
  if (!file) throw invalidFields([{ field: '/file', code: 'required', key: 'imports.field_required', params: {} }]);
  if (file.bytes.length === 0) throw new Problem(400, 'empty_file', 'imports.empty_file');
  return { kind, fields, file };
}

function jsonObject(raw: string | undefined, field: string): Record<string, unknown> {
  if (raw === undefined || raw.trim() === '') return {};
  try {
    const v: unknown = JSON.parse(raw);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {}
  throw invalidFields([{ field: `/${field}`, code: 'invalid_json', key: 'imports.invalid_json', params: {} }]);
}

/** Every mapped field is ours and every header is in the file; required fields are mapped. */
function checkMapping(kind: ImportKind, mapping: Record<string, unknown>, headers: string[]): Record<string, string> {
  const errors: FieldError[] = [];
  for (const [field, header] of Object.entries(mapping)) {
    if (!kind.fields.some((f) => f.name === field))
      errors.push({ field: `/mapping/${field}`, code: 'unknown_field', key: 'imports.unknown_field', params: {} });
    else if (typeof header !== 'string' || !headers.includes(header))
      errors.push({
        field: `/mapping/${field}`,
        code: 'unknown_header',
        key: 'imports.unknown_header',
        params: { header: String(header).slice(0, 100) },
      });
  }
  for (const f of kind.fields)
    if (f.required && mapping[f.name] === undefined)
      errors.push({ field: `/mapping/${f.name}`, code: 'required', key: 'imports.field_required', params: {} });
  if (errors.length > 0) throw invalidFields(errors);
  return mapping as Record<string, string>;
}

function checkOptions(kind: ImportKind, options: Record<string, unknown>): Record<string, unknown> {
  if (!kind.options) return {};
  const parsed = kind.options.safeParse(options);
  if (parsed.success) return parsed.data;
  throw invalidFields(
    parsed.error.issues.map((i) => ({ field: `/options/${i.path.join('/')}`, code: 'invalid', key: 'imports.invalid_json', params: {} })),
  );
}

const previewCell = (c: Cell) => (c instanceof Date ? cellText(c) : c);

const previewSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    format: z.enum(['csv', 'xlsx', 'json']),
    encoding: z.string().nullable(),
    delimiter: z.string().nullable(),
    sheet: z.string().nullable(),
    sheets: z.array(z.string()),
    headers: z.array(z.string()),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
    rowCount: z.number().int().describe('data rows (for a CSV: an estimate from its lines)'),
    fields: z.array(z.object({ name: z.string(), required: z.boolean() })),
    suggestedMapping: z.record(z.string(), z.string()),
  })
  .meta({ id: 'ImportPreview' });

const multipartNote =
  'multipart/form-data: `kind` (customers | products | sales), `file` (CSV, XLSX or JSON — an array of objects or an object holding one, ≤ 50 MB)';

/** Upload, preview, start and the rejected rows of imports; every kind uses the same endpoints. */
export function importRoutes(app: HttpServer, ctx: AppContext) {
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_UPLOAD_MB * 1024 * 1024, files: 1, fields: 10, fieldSize: 64 * 1024 } });

    scope.post(
      '/api/v1/imports/preview',
      {
        schema: {
          tags,
          summary: 'Headers, first 20 rows, detected encoding / delimiter / sheet and a suggested mapping of a file',
          description: `${multipartNote}, optional \`sheet\`.`,
          response: { 200: previewSchema },
        },
      },
      async (req) => {
        const { kind, fields, file } = await readUpload(req);
        const table = await readTable(file.bytes, { limit: 20, sheet: fields.sheet || undefined });
        return {
          kind: kind.kind as (typeof IMPORT_KINDS)[number],
          format: table.format,
          encoding: table.encoding ?? null,
          delimiter: table.delimiter ?? null,
          sheet: table.sheet ?? null,
          sheets: table.sheets ?? [],
          headers: table.headers,
          rows: table.rows.map((r) => table.headers.map((_, i) => previewCell(r[i] ?? null))),
          rowCount: table.rowCount,
          fields: kind.fields.map((f) => ({ name: f.name, required: f.required ?? false })),
          suggestedMapping: suggestMapping(kind.fields, table.headers),
        };
      },
    );

    scope.post(
      '/api/v1/imports',
      {
        schema: {
          tags,
          summary: 'Start an import job; follow it at GET /api/v1/jobs/{id}',
          description: `${multipartNote}, \`mapping\` (JSON: our field → the file's header), optional \`options\` (JSON) and \`sheet\`.`,
          response: { 202: z.object({ jobId: z.uuid() }) },
        },
      },
      async (req, reply) => {
        const { kind, fields, file } = await readUpload(req);
        const sheet = fields.sheet || undefined;
        const { headers } = await readTable(file.bytes, { limit: 0, sheet });
        const mapping = checkMapping(kind, jsonObject(fields.mapping, 'mapping'), headers);
        const options = checkOptions(kind, jsonObject(fields.options, 'options'));
        const auth = req.auth!;
        const jobId = await req.tenant(async (tx) => {
          const id = await ctx.jobs.createRun(tx, `import.${kind.kind}`, auth.actor.id);
          await saveImportFile(tx, id, 'upload', file.name, file.bytes);
          const data: ImportJobData = {
            orgId: auth.orgId,
            jobId: id,
            kind: kind.kind,
            mapping,
            options,
            sheet,
            actor: auth.actor,
            storeIds: auth.storeIds ? [...auth.storeIds] : null,
            locale: req.locale,
          };
          await ctx.jobs.send(IMPORT_JOB, data, { tx });
          return id;
        });
        reply.code(202);
        return { jobId };
      },
    );
  });

  app.get(
    '/api/v1/imports/:id/rejected',
    {
      schema: {
        tags,
        summary: "CSV of an import's rejected rows: the original columns and the reason",
        params: idParams,
      },
    },
    (req, reply) =>
      req.tenant(async (tx) => {
        const [run] = await tx
          .select({ kind: jobRuns.kind })
          .from(jobRuns)
          .where(and(eq(jobRuns.orgId, tx.orgId!), eq(jobRuns.id, req.params.id)));
        if (!run?.kind.startsWith('import.')) throw notFound();
        kindFor(req, run.kind.slice('import.'.length));
        const file = await loadImportFile(tx, req.params.id, 'rejected');
        if (!file) throw notFound();
        return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(file.fileName)).send(file.content);
      }),
  );
}
