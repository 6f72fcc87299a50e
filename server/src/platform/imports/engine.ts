import type { AppContext } from '../context';
import { Problem } from '../http/problem';
import { type Locale, t } from '../i18n';
import { deleteImportFile, loadImportFile, saveImportFile } from './files';
import { type Cell, readTable } from './parse';
import { type ImportJob, type ImportRow, importKind, type Rejection } from './registry';
import { toCsv } from './spreadsheet';

export const IMPORT_JOB = 'platform.import';
/** Rows per transaction (unless the kind says otherwise): big enough for set-based SQL, small enough to show progress. */
export const CHUNK_ROWS = 1000;

export interface ImportJobData {
  orgId: string;
  jobId: string;
  kind: string;
  /** Our field → the file's header. */
  mapping: Record<string, string>;
  options: Record<string, unknown>;
  sheet?: string;
  actor: ImportJob['actor'];
  storeIds: string[] | null;
  locale: Locale;
}

export const rejectedFileUrl = (jobId: string) => `/api/v1/imports/${jobId}/rejected`;

const isPowerOfTwo = (n: number) => (n & (n - 1)) === 0;

/**
 * As the connection's own user (the tables' owner): a tenant role may not analyse. Only the tables
 * whose planner estimate is still small next to the rows this import has read: those are the ones
 * whose plans change (a fresh table's foreign-key checks turn into index lookups), while a table
 * of millions of rows plans the same after a few thousand more, and analysing it costs seconds.
 */
async function analyze(ctx: AppContext, tables: string[], rowsRead: number) {
  const { rows } = await ctx.db.pool.query<{ name: string }>(
    'select relname as name from pg_class where relname = any($1::text[]) and relkind in ($2, $3) and reltuples < $4',
    [tables, 'r', 'p', rowsRead * 4],
  );
  if (rows.length === 0) return;
  await ctx.db.pool.query(`analyze ${rows.map((r) => `"${r.name.replace(/"/g, '')}"`).join(', ')}`);
}

const blankToNull = (c: Cell | undefined): Cell => (c === undefined || (typeof c === 'string' && c.trim() === '') ? null : c);

/**
 * Runs an uploaded file through its kind chunk by chunk, each chunk in its own transaction,
 * with progress in job_runs. The upload is deleted when the job ends, however it ends; the
 * rejected rows stay downloadable as CSV (original columns + the reason).
 */
export async function runImport(ctx: AppContext, data: ImportJobData): Promise<void> {
  const { db, jobs } = ctx;
  const { orgId, jobId, locale } = data;
  const totals = { created: 0, updated: 0, merged: 0, rejected: 0 } as Record<string, number>;
  try {
    const kind = importKind(data.kind);
    if (!kind) throw new Problem(422, 'import_kind_unavailable', 'imports.kind_unavailable', { kind: data.kind });
    await jobs.updateRun(orgId, jobId, { status: 'running' });
    const upload = await db.tenant(orgId, (tx) => loadImportFile(tx, jobId, 'upload'));
    if (!upload) throw new Problem(410, 'upload_missing', 'imports.upload_missing');
    const table = await readTable(upload.content, { sheet: data.sheet });
    await jobs.updateRun(orgId, jobId, { total: table.rows.length });

    const columns = Object.entries(data.mapping).map(([field, header]) => [field, table.headers.indexOf(header)] as const);
    const job: ImportJob = { orgId, jobId, actor: data.actor, storeIds: data.storeIds, options: data.options, seen: new Map() };
    const rejected: Rejection[] = [];
    const chunkRows = kind.chunkRows ?? CHUNK_ROWS;
    // A chunk's rows, and what the kind reads from them without the database (see ImportKind.read).
    const chunkAt = (from: number) => {
      const rows: ImportRow[] = [];
      for (let index = from; index < Math.min(table.rows.length, from + chunkRows); index++) {
        const cells = table.rows[index];
        const values: Record<string, Cell> = {};
        for (const [field, i] of columns) values[field] = blankToNull(cells[i]);
        rows.push({ index, values });
      }
      return { rows, read: kind.read?.(rows, job) };
    };
    let upcoming: { from: number; ready?: ReturnType<typeof chunkAt> } | undefined;
    // Called by a kind while a long statement of its chunk runs: the next chunk is read meanwhile.
    job.prefetch = () => {
      if (upcoming && !upcoming.ready) upcoming.ready = chunkAt(upcoming.from);
    };
    // The previous chunk's transaction, and the results and progress reported so far. Promises
    // that may reject before anyone awaits them are marked handled; they are awaited below.
    let committed: Promise<unknown> = Promise.resolve();
    let reported: Promise<void> = Promise.resolve();
    const handled = <T>(p: Promise<T>) => {
      p.catch(() => {});
      return p;
    };
    try {
      for (let chunk = 0, from = 0; from < table.rows.length; chunk++, from += chunkRows) {
        const { rows, read } = upcoming?.ready ?? chunkAt(from);
        upcoming = from + chunkRows < table.rows.length ? { from: from + chunkRows } : undefined;
        let handOff!: () => void;
        const handedOff = new Promise<void>((resolve) => {
          handOff = resolve;
        });
        const before = committed;
        const previous = handled(before.then(() => {}));
        const run = handled(db.tenant(orgId, (tx) => kind.run(tx, rows, job, read, { handOff, previous })));
        committed = run;
        const reportedBefore = reported;
        const done = from + rows.length;
        const analyzeNow = kind.analyze && isPowerOfTwo(chunk + 1);
        reported = handled(
          run.then(async (result) => {
            await reportedBefore;
            totals.created += result.created;
            totals.updated += result.updated;
            totals.merged += result.merged;
            totals.rejected += result.rejected.length;
            for (const [k, v] of Object.entries(result.extra ?? {})) totals[k] = (totals[k] ?? 0) + v;
            rejected.push(...result.rejected);
            await jobs.updateRun(orgId, jobId, { done });
            if (analyzeNow) await analyze(ctx, kind.analyze!, done);
          }),
        );
        // The next chunk starts when this one has handed off (or ended) and the one before has ended.
        await Promise.all([Promise.race([handedOff, run]), before]);
      }
      await committed;
      await reported;
    } catch (err) {
      // Nothing is reported while a chunk's transaction is still open.
      await Promise.allSettled([committed, reported]);
      throw err;
    }

    rejected.sort((a, b) => a.index - b.index);
    await db.tenant(orgId, async (tx) => {
      if (rejected.length > 0) {
        const csv = toCsv(
          [...table.headers, t(locale, 'imports.reason_column')],
          rejected.map((r) => [...table.headers.map((_, i) => table.rows[r.index][i] ?? null), t(locale, r.reason, r.params)]),
        );
        await saveImportFile(tx, jobId, 'rejected', `${upload.fileName.replace(/\.\w+$/, '')}-rejected.csv`, csv);
      }
      await deleteImportFile(tx, jobId, 'upload');
    });
    await jobs.updateRun(orgId, jobId, {
      status: 'succeeded',
      result: { ...totals, rejectedFile: rejected.length > 0 ? rejectedFileUrl(jobId) : null },
    });
  } catch (err) {
    if (!(err instanceof Problem)) ctx.log.error({ err, jobId }, 'import failed');
    const error = err instanceof Problem ? t(locale, err.messageKey, err.params) : t(locale, 'imports.failed', { jobId });
    await db.tenant(orgId, (tx) => deleteImportFile(tx, jobId, 'upload')).catch(() => {});
    await jobs.updateRun(orgId, jobId, {
      status: 'failed',
      error,
      result: { ...totals, code: err instanceof Problem ? err.code : 'internal_error' },
    });
  }
}

export function defineImportJob(ctx: AppContext): void {
  // A failed import is reported, not retried: its earlier chunks are committed already.
  ctx.jobs.define<ImportJobData>(IMPORT_JOB, (data) => runImport(ctx, data), { retryLimit: 0 });
}
