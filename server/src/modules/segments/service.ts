import { parse as parseCsv } from 'csv-parse/sync';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination';
import { conflict, notFound, Problem } from '../../platform/http/problem';
import { isUuid, newId } from '../../platform/ids';
import { normalizePhone } from '../../platform/phone';
import { orgToday } from '../access/hot-settings';
import { listBrands } from '../access/stores';
import { findByIdentities } from '../customers/identities';
import { compileEnv, matchingSql, prepareRule } from './compile';
import { addMembers, refreshMembers, replaceMembers, storedMembersSql } from './members';
import type { Rule } from './rule';
import { segments } from './schema';

export type SegmentKind = 'dynamic' | 'static';
export type SegmentRow = typeof segments.$inferSelect;

export interface SegmentInput {
  name: string;
  description?: string | null;
  kind: SegmentKind;
  rule?: unknown;
  brandId?: string | null;
}

export const segmentView = (r: SegmentRow) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  kind: r.kind,
  rule: (r.rule ?? null) as Rule | null,
  brandId: r.brandId,
  frozenFrom: r.frozenFrom,
  memberCount: r.memberCount,
  refreshedAt: r.refreshedAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export async function getSegmentRow(tx: Tx, id: string): Promise<SegmentRow> {
  const [row] = await tx
    .select()
    .from(segments)
    .where(and(eq(segments.orgId, tx.orgId!), eq(segments.id, id)));
  if (!row) throw notFound();
  return row;
}

async function checkBrand(tx: Tx, brandId: string | null | undefined) {
  if (brandId && !(await listBrands(tx)).some((b) => b.id === brandId)) throw new Problem(400, 'unknown_brand', 'segments.unknown_brand');
}

export async function listSegments(tx: Tx, page: { limit: number; cursor?: string; kind?: SegmentKind }) {
  const after = page.cursor ? String(decodeCursor(page.cursor, 1)[0]) : undefined;
  if (after !== undefined && !isUuid(after)) throw new Problem(400, 'invalid_cursor', 'error.invalid_cursor');
  const rows = await tx
    .select()
    .from(segments)
    .where(
      and(eq(segments.orgId, tx.orgId!), page.kind ? eq(segments.kind, page.kind) : undefined, after ? lt(segments.id, after) : undefined),
    )
    .orderBy(desc(segments.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  return { items: items.map(segmentView), nextCursor: rows.length > page.limit ? encodeCursor([items[items.length - 1].id]) : null };
}

/**
 * A dynamic segment needs a rule and is evaluated at once; a static one with a rule is a snapshot
 * of it, without one an empty list to upload phones into.
 */
export async function createSegment(tx: Tx, input: SegmentInput, createdBy: string | null) {
  if (input.kind === 'dynamic' && input.rule === undefined) throw new Problem(400, 'segment_rule_required', 'segments.rule_required');
  const rule = input.rule === undefined ? null : await prepareRule(tx, input.rule);
  await checkBrand(tx, input.brandId);
  const [row] = await tx
    .insert(segments)
    .values({
      orgId: tx.orgId!,
      id: newId(),
      name: input.name,
      description: input.description ?? null,
      kind: input.kind,
      rule: input.rule === undefined ? null : input.rule,
      brandId: input.brandId ?? null,
      createdBy,
    })
    .returning();
  if (rule && input.kind === 'dynamic') await refreshMembers(tx, row, rule);
  if (rule && input.kind === 'static') await replaceMembers(tx, row.id, matchingSql(tx, rule, await compileEnv(tx)));
  return segmentView(await getSegmentRow(tx, row.id));
}

/** Name, description and brand of any segment; the rule of a dynamic one (re-evaluated at once). */
export async function updateSegment(tx: Tx, id: string, patch: Partial<Omit<SegmentInput, 'kind'>>) {
  const row = await getSegmentRow(tx, id);
  if (patch.rule !== undefined && row.kind === 'static') throw conflict('segment_static', 'segments.static_rule');
  const rule = patch.rule === undefined ? undefined : await prepareRule(tx, patch.rule);
  await checkBrand(tx, patch.brandId);
  const [updated] = await tx
    .update(segments)
    .set({
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.description === undefined ? {} : { description: patch.description }),
      ...(patch.brandId === undefined ? {} : { brandId: patch.brandId }),
      ...(patch.rule === undefined ? {} : { rule: patch.rule }),
      updatedAt: sql`now()`,
    })
    .where(and(eq(segments.orgId, tx.orgId!), eq(segments.id, id)))
    .returning();
  if (rule) await refreshMembers(tx, updated, rule);
  return segmentView(await getSegmentRow(tx, id));
}

export async function deleteSegment(tx: Tx, id: string) {
  await getSegmentRow(tx, id);
  await tx.delete(segments).where(and(eq(segments.orgId, tx.orgId!), eq(segments.id, id)));
}

/** Re-evaluates a dynamic segment now (the job does it every 15 minutes and after events). */
export async function refreshSegment(tx: Tx, id: string) {
  const row = await getSegmentRow(tx, id);
  if (row.kind !== 'dynamic' || !row.rule) throw conflict('segment_static', 'segments.static_refresh');
  // Stored rules were valid when saved; a field removed since makes this a 400 naming it.
  const result = await refreshMembers(tx, row, await prepareRule(tx, row.rule));
  return { ...result, segment: segmentView(await getSegmentRow(tx, id)) };
}

/** A new static segment holding the dynamic segment's members as of now. */
export async function freezeSegment(tx: Tx, id: string, name: string | undefined, createdBy: string | null) {
  const row = await getSegmentRow(tx, id);
  if (row.kind !== 'dynamic' || !row.rule) throw conflict('segment_static', 'segments.static_freeze');
  const rule = await prepareRule(tx, row.rule);
  const [frozen] = await tx
    .insert(segments)
    .values({
      orgId: tx.orgId!,
      id: newId(),
      name: name ?? `${row.name} (${await orgToday(tx)})`,
      description: row.description,
      kind: 'static',
      rule: row.rule,
      brandId: row.brandId,
      frozenFrom: row.id,
      createdBy,
    })
    .returning();
  await replaceMembers(tx, frozen.id, matchingSql(tx, rule, await compileEnv(tx)));
  return segmentView(await getSegmentRow(tx, frozen.id));
}

export const MAX_UPLOAD_ROWS = 100_000;

/**
 * Phones of a static list from CSV text (the first cell of each row; a first row that is not a
 * phone is taken for a header) or a JSON array, matched to live customers through the customers
 * module's identities. `replace` empties the list first.
 */
export async function uploadPhones(tx: Tx, id: string, input: { csv?: string; phones?: string[]; replace?: boolean }) {
  const row = await getSegmentRow(tx, id);
  if (row.kind !== 'static') throw conflict('segment_dynamic', 'segments.dynamic_upload');
  let cells: string[];
  if (input.phones) cells = input.phones;
  else {
    let records: string[][];
    try {
      records = parseCsv(input.csv ?? '', { relax_column_count: true, skip_empty_lines: true, bom: true, delimiter: [',', ';', '\t'] });
    } catch {
      throw new Problem(400, 'invalid_csv', 'segments.invalid_csv');
    }
    cells = records.map((r) => String(r.find((c) => String(c).trim() !== '') ?? ''));
    if (cells.length > 0 && normalizePhone(cells[0]) === null && !/\d{7}/.test(cells[0])) cells.shift();
  }
  if (cells.length > MAX_UPLOAD_ROWS) throw new Problem(413, 'too_many_rows', 'segments.too_many_rows', { max: MAX_UPLOAD_ROWS });
  const phones = new Set<string>();
  let invalid = 0;
  for (const cell of cells) {
    const phone = normalizePhone(cell.trim());
    if (phone) phones.add(phone);
    else invalid++;
  }
  const found = await findByIdentities(
    tx,
    [...phones].map((value) => ({ kind: 'phone', value })),
  );
  const ids = [...new Set(found.values())];
  const source = sql`select unnest(${sql.param(ids)}::uuid[]) as customer_id`;
  const members = input.replace ? await replaceMembers(tx, id, source) : await addMembers(tx, id, source);
  return {
    rows: cells.length,
    matched: found.size,
    unknown: phones.size - found.size,
    invalid,
    duplicates: cells.length - invalid - phones.size,
    members,
  };
}

/**
 * The customers of a segment as a subquery selecting `customer_id`, for campaigns: the stored
 * membership (dynamic: as of the last refresh; static: the list), live customers only.
 */
export async function segmentMembersSql(tx: Tx, segmentId: string) {
  await getSegmentRow(tx, segmentId);
  return storedMembersSql(tx, segmentId);
}
