import type { z } from 'zod';
import type { Tx } from '../db/database';
import type { MessageKey } from '../i18n';
import { foldTurkish } from '../text';
import type { Cell } from './parse';

export interface ImportField {
  /** Our name for the field; the mapping goes from it to a column header of the file. */
  name: string;
  required?: boolean;
  /** Headers people give this column, in Turkish and English; compared Turkish-folded. */
  synonyms: string[];
}

/** One data row of the file: its index (0-based, without the header) and its mapped values. */
export interface ImportRow {
  index: number;
  values: Record<string, Cell>;
}

export interface ImportJob {
  orgId: string;
  jobId: string;
  actor: { type: 'user' | 'api_key'; id: string; name: string };
  /** The stores the importer may act for; null means every store. */
  storeIds: readonly string[] | null;
  options: Record<string, unknown>;
  /**
   * Keys of the records earlier rows of this file resolved to (e.g. `phone:+90532…` → the
   * customer), so a later row can be folded into an earlier one across chunks.
   */
  seen: Map<string, { id: string | null }>;
  /**
   * Set by the engine: a kind calls it right after sending a long statement, and the engine reads
   * the next chunk (ImportKind.read) while the database works.
   */
  prefetch?: () => void;
}

/**
 * How a chunk's transaction overlaps the next one's. A kind that writes derived rows after the
 * rows later chunks depend on calls `handOff` once `job.seen` holds everything later chunks read:
 * the engine then starts the next chunk's transaction while this one finishes (two at most).
 */
export interface ChunkFlow {
  handOff(): void;
  /**
   * Settles when the previous chunk's transaction has ended: resolves if it committed, rejects if
   * not. A kind awaits it before writing rows the previous chunk may also write (so their locks are
   * taken in file order) and so that a chunk never commits after one before it failed.
   */
  previous: Promise<void>;
}

export interface Rejection {
  index: number;
  reason: MessageKey;
  params?: Record<string, string | number>;
}

export interface ChunkResult {
  created: number;
  updated: number;
  /** Rows folded into an earlier row of the same file. */
  merged: number;
  rejected: Rejection[];
  /** Anything else the kind wants summed into the job's result (e.g. consents recorded). */
  extra?: Record<string, number>;
}

export interface ImportKind {
  kind: string;
  permission: string;
  fields: ImportField[];
  /** The kind's own options (sent as the `options` JSON); validated before the job is queued. */
  options?: z.ZodType<Record<string, unknown>>;
  /**
   * The tables the kind fills, analysed as they grow during the import: a fresh table has no
   * statistics, PGlite runs no autovacuum, and a foreign-key check planned then scans the whole
   * referenced table for every inserted row (100k rows went quadratic without it).
   */
  analyze?: string[];
  /** Rows per chunk (one transaction each); default 1,000. */
  chunkRows?: number;
  /**
   * Reads a chunk's rows without the database (parsing, validating): it may run ahead, while the
   * previous chunk's statements run (see ImportJob.prefetch), so it must not depend on what
   * earlier chunks wrote. Its answer is passed to `run`.
   */
  read?(rows: ImportRow[], job: ImportJob): unknown;
  /**
   * Imports one chunk inside its own transaction; chunks of a file come in order, and a chunk
   * starts only when the one before has ended or handed off (see ChunkFlow).
   */
  run(tx: Tx, rows: ImportRow[], job: ImportJob, read: unknown, flow: ChunkFlow): Promise<ChunkResult>;
}

/** The kinds an import may name; products and sales are expected to register later. */
export const IMPORT_KINDS = ['customers', 'products', 'sales'] as const;

const registry = new Map<string, ImportKind>();

/** Registers (or replaces, when a second app starts in the same process) an import kind. */
export function registerImportKind(kind: ImportKind): void {
  registry.set(kind.kind, kind);
}

export function importKind(name: string): ImportKind | undefined {
  return registry.get(name);
}

const headerKey = (s: string) => foldTurkish(s).replace(/[^a-z0-9]/g, '');

/** Our field → the file's header, from the headers' names and the fields' synonyms. */
export function suggestMapping(fields: ImportField[], headers: string[]): Record<string, string> {
  const byKey = new Map<string, string>();
  for (const h of headers) if (!byKey.has(headerKey(h))) byKey.set(headerKey(h), h);
  const taken = new Set<string>();
  const mapping: Record<string, string> = {};
  for (const f of fields) {
    const header = [f.name, ...f.synonyms].map((s) => byKey.get(headerKey(s))).find((h) => h !== undefined && !taken.has(h));
    if (header) {
      mapping[f.name] = header;
      taken.add(header);
    }
  }
  return mapping;
}
