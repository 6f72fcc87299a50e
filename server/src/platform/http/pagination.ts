import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { isUuid } from '../ids';
import { Problem } from './problem';

/** Query parameters of every list: `?limit=&cursor=`. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

type Key = string | number | Date;

const invalidCursor = () => new Problem(400, 'invalid_cursor', 'error.invalid_cursor');

export function encodeCursor(values: Key[]): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : v)))).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => ['string', 'number'].includes(typeof v))) {
      return values;
    }
  } catch {}
  throw invalidCursor();
}

/**
 * Keyset pagination: rows after the cursor in the order of `columns` (all ascending or all
 * descending), so a page costs an index range scan however deep it is.
 */
export function afterCursor(columns: AnyPgColumn[], cursor: string | undefined, dir: 'asc' | 'desc' = 'asc'): SQL | undefined {
  if (!cursor) return undefined;
  const values = decodeCursor(cursor, columns.length);
  // A forged cursor must be a 400, not a failed cast in the database.
  columns.forEach((c, i) => {
    if (c.getSQLType() === 'uuid' && !isUuid(String(values[i]))) throw invalidCursor();
  });
  const cols = sql.join(
    columns.map((c) => sql`${c}`),
    sql`, `,
  );
  const vals = sql.join(
    values.map((v, i) => sql`${v}::${sql.raw(columns[i].getSQLType())}`),
    sql`, `,
  );
  return dir === 'asc' ? sql`(${cols}) > (${vals})` : sql`(${cols}) < (${vals})`;
}

/** Cuts one extra fetched row into `nextCursor`. Fetch `limit + 1` rows. */
export function toPage<T>(rows: T[], limit: number, key: (row: T) => Key[]) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}
