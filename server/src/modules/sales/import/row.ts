import type { ImportRow, Rejection } from '../../../platform/imports';
import type { Cell } from '../../../platform/imports/parse';
import { cellText } from '../../../platform/imports/spreadsheet';
import { parseMoney } from '../../../platform/money';
import { localDay, zonedInstant } from '../../../platform/time';
import { type Identity, normalizeEmail, normalizeExternal, normalizeIdentity } from '../../customers/identities';
import { grossOf, toMilli, unitPriceForTotal } from '../values';

/** One row of a sales file, read: a line of the receipt `receiptNumber` (at `storeCode`). */
export interface SalesLine {
  index: number;
  receiptNumber: string;
  occurredAt: Date;
  /** The business day, `YYYY-MM-DD` in the org's zone. */
  day: string;
  storeCode: string | null;
  identities: Identity[];
  sku: string | null;
  productName: string | null;
  categoryPath: string[];
  brand: string | null;
  quantityMilli: number;
  unitPrice: number;
  lineDiscount: number;
  lineTotal: number;
}

export interface ReadOptions {
  timeZone: string;
  currency: string;
  /** The system a plain external id belongs to: `import` + `00004` → `import:00004`. */
  externalSystem: string;
  /** Normalised identities by what the file said, shared by the rows of a file (libphonenumber is slow). */
  cache?: Map<string, unknown>;
}

class RowProblem extends Error {
  constructor(readonly rejection: Omit<Rejection, 'index'>) {
    super(rejection.reason);
  }
}

const reject = (reason: Rejection['reason'], params: Record<string, string | number> = {}) => new RowProblem({ reason, params });

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A text that is not already clean: white space at an end, a run of it, or other than a plain space. */
const UNCLEAN = /^\s|\s$|\s\s|[^\S ]/;

function textOf(c: Cell | undefined): string | null {
  if (c === null || c === undefined || c === '') return null;
  // Most cells are clean already: no new string for them (a file has millions).
  if (typeof c === 'string' && !UNCLEAN.test(c)) return c;
  const s = cellText(c).replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}

function limited(field: string, value: string | null, max: number): string | null {
  if (value !== null && (value.length > max || CONTROL.test(value))) throw reject('sales_import.too_long', { field, max });
  return value;
}

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const DATE_FORMS: RegExp[] = [
  // 2026-03-01, 2026-03-01 14:30, 2026-03-01T14:30:05, with an optional offset
  /^(?<y>\d{4})-(?<mo>\d{1,2})-(?<d>\d{1,2})(?:[T ](?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:\.\d+)?)?(?<tz>Z|[+-]\d{2}:?\d{2})?)?$/i,
  // 20260301, 20260301 14:30
  /^(?<y>\d{4})(?<mo>\d{2})(?<d>\d{2})(?:[T ](?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?)?$/,
  // 01.03.2026, 1/3/2026 14:30:05 (day first, as Turkish dates are written)
  /^(?<d>\d{1,2})[./-](?<mo>\d{1,2})[./-](?<y>\d{4})(?:[T ](?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?)?$/,
];

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function valid(w: WallClock): boolean {
  const probe = new Date(Date.UTC(w.year, w.month - 1, w.day));
  return (
    w.year >= 1900 &&
    w.year <= 2999 &&
    probe.getUTCMonth() === w.month - 1 &&
    probe.getUTCDate() === w.day &&
    w.hour < 24 &&
    w.minute < 60 &&
    w.second < 60
  );
}

const fromUtcParts = (d: Date): WallClock => ({
  year: d.getUTCFullYear(),
  month: d.getUTCMonth() + 1,
  day: d.getUTCDate(),
  hour: d.getUTCHours(),
  minute: d.getUTCMinutes(),
  second: d.getUTCSeconds(),
});

/** Zone offsets by wall-clock hour: converting every row through Intl would dominate an import. */
const offsets = new Map<string, number>();

/** A wall-clock time of the zone as an instant, with the zone's offset looked up once per hour of the clock. */
function wallInstant(w: WallClock, timeZone: string): Date {
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const hour = Math.floor(wall / 3_600_000);
  const key = `${timeZone}|${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const start = hour * 3_600_000;
    offset = start - zonedInstant(fromUtcParts(new Date(start)), timeZone).getTime();
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(key, offset);
  }
  return new Date(wall - offset);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A date or date-time cell as an instant and the business day it counts on. Wall-clock times
 * are read in the org's zone: YYYY-MM-DD, YYYYMMDD or DD.MM.YYYY, each with an optional
 * HH:mm[:ss]; an ISO time with an offset keeps it. Spreadsheet dates (cells or serial numbers)
 * are wall-clock times too. Null when not a date.
 */
export function occurredOf(c: Cell, timeZone: string): { at: Date; day: string } | null {
  let wall: WallClock | null = null;
  if (c instanceof Date) wall = Number.isNaN(c.getTime()) ? null : fromUtcParts(c);
  else if (typeof c === 'number') {
    if (Number.isInteger(c) && c >= 19000101 && c <= 29991231) return occurredOf(String(c), timeZone);
    if (c > 0 && c < 80_000) wall = fromUtcParts(new Date(EXCEL_EPOCH + Math.round(c * 86_400) * 1000));
  } else {
    const s = textOf(c);
    if (!s) return null;
    for (const form of DATE_FORMS) {
      const g = form.exec(s)?.groups;
      if (!g) continue;
      wall = { year: +g.y, month: +g.mo, day: +g.d, hour: +(g.h ?? 0), minute: +(g.mi ?? 0), second: +(g.s ?? 0) };
      if (!valid(wall)) return null;
      if (g.tz) {
        const tz = g.tz.toUpperCase() === 'Z' ? 'Z' : g.tz.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
        const at = new Date(
          `${wall.year}-${pad2(wall.month)}-${pad2(wall.day)}T${pad2(wall.hour)}:${pad2(wall.minute)}:${pad2(wall.second)}${tz}`,
        );
        return { at, day: localDay(at, timeZone) };
      }
      break;
    }
  }
  if (!wall || !valid(wall)) return null;
  const at = wallInstant(wall, timeZone);
  // A wall-clock time is on its own date (a time skipped by a DST jump moves forward within it).
  return { at, day: `${wall.year}-${pad2(wall.month)}-${pad2(wall.day)}` };
}

/** The instant of a date or date-time cell (see occurredOf). */
export const occurredAtOf = (c: Cell, timeZone: string): Date | null => occurredOf(c, timeZone)?.at ?? null;

/** "2", "1,5", "0.250" (kg) → thousandths; null when not a positive quantity with ≤ 3 decimals. */
export function quantityOf(c: Cell): number | null {
  if (typeof c === 'number') {
    const milli = toMilli(c);
    return milli !== null && milli > 0 ? milli : null;
  }
  const s = textOf(c);
  if (!s || !/^\d{1,9}(?:[.,]\d{1,3})?$/.test(s)) return null;
  const milli = toMilli(Number(s.replace(',', '.')));
  return milli !== null && milli > 0 ? milli : null;
}

/** "29.33", "1.234,50", "₺12,5", or a spreadsheet number → kuruş; null when not a non-negative amount. */
export function amountOf(c: Cell, currency: string): number | null {
  if (typeof c === 'number') {
    const minor = Math.round(c * 100);
    return Number.isSafeInteger(minor) && minor >= 0 && Math.abs(c * 100 - minor) < 1e-6 ? minor : null;
  }
  const s = textOf(c);
  if (!s) return null;
  // The common case without the general parser: 29.33, 1249,9, 150.
  const plain = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(s);
  if (plain) return Number(plain[1]) * 100 + Number((plain[2] ?? '').padEnd(2, '0'));
  try {
    const minor = parseMoney(s, currency);
    return minor >= 0 ? minor : null;
  } catch {
    return null;
  }
}

/** What the rows of one file share: answers to questions its rows ask again and again. */
interface RowCache {
  /** Phones as typed → E.164 (null: not a mobile). libphonenumber takes tens of µs a number. */
  phones: Map<string, string | null>;
  /** Category cells → paths. */
  categories: Map<string, string[]>;
  /** The last date cell read and what it meant: the rows of a receipt usually follow each other. */
  lastDate: { cell: Cell; value: ReturnType<typeof occurredOf> } | null;
}

function rowCache(cache: Map<string, unknown> | undefined): RowCache {
  let c = cache?.get('sales-row-cache') as RowCache | undefined;
  if (!c) {
    c = { phones: new Map(), categories: new Map(), lastDate: null };
    cache?.set('sales-row-cache', c);
  }
  return c;
}

const MAX_CACHED = 500_000;

function phoneOf(text: string, cache: RowCache): string | null {
  const hit = cache.phones.get(text);
  if (hit !== undefined) return hit;
  // A phone typed as a number lost its "+" ("905321234567").
  const value = normalizeIdentity('phone', /^90\d{10}$/.test(text) ? `+${text}` : text);
  if (cache.phones.size > MAX_CACHED) cache.phones.clear();
  cache.phones.set(text, value);
  return value;
}

function categoryOf(text: string | null, cache: RowCache): string[] {
  if (!text) return [];
  let path = cache.categories.get(text);
  if (!path) {
    path = text
      .split(/\s*[>/]\s*/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (cache.categories.size > MAX_CACHED) cache.categories.clear();
    cache.categories.set(text, path);
  }
  return path;
}

function identitiesOf(v: Record<string, Cell>, externalSystem: string, cache: RowCache): Identity[] {
  const out: Identity[] = [];
  const phoneText = textOf(v.customerPhone);
  if (phoneText) {
    const phone = phoneOf(phoneText, cache);
    if (!phone) throw reject('sales_import.invalid_phone', { value: phoneText.slice(0, 40) });
    out.push({ kind: 'phone', value: phone });
  }
  const emailText = textOf(v.customerEmail);
  if (emailText) {
    const email = normalizeEmail(emailText);
    if (!email) throw reject('sales_import.invalid_email', { value: emailText.slice(0, 60) });
    out.push({ kind: 'email', value: email });
  }
  const externalText = textOf(v.customerExternalId);
  if (externalText) {
    const external = normalizeExternal(externalText.includes(':') ? externalText : `${externalSystem}:${externalText}`);
    if (!external) throw reject('sales_import.invalid_external', { value: externalText.slice(0, 60) });
    out.push({ kind: 'external', value: external });
  }
  return out;
}

function dateOf(cell: Cell | undefined, timeZone: string, cache: RowCache) {
  if (cell === null || cell === undefined) return null;
  const last = cache.lastDate;
  if (last && last.cell === cell && !(cell instanceof Date)) return last.value;
  const value = occurredOf(cell, timeZone);
  cache.lastDate = { cell, value };
  return value;
}

function read(row: ImportRow, o: ReadOptions): SalesLine {
  const v = row.values;
  const cache = rowCache(o.cache);
  const receiptNumber = limited('receiptNumber', textOf(v.receiptNumber), 64);
  if (!receiptNumber) throw reject('sales_import.receipt_number_required');
  const occurred = dateOf(v.occurredAt, o.timeZone, cache);
  if (!occurred) throw reject('sales_import.invalid_date', { value: (textOf(v.occurredAt ?? null) ?? '').slice(0, 40) });
  const sku = textOf(v.sku);
  if (sku !== null && (sku.length > 64 || CONTROL.test(sku))) throw reject('sales_import.invalid_sku', { value: sku.slice(0, 40) });
  const categoryPath = categoryOf(limited('category', textOf(v.category), 500), cache);
  if (categoryPath.length > 8 || categoryPath.some((p) => p.length > 100))
    throw reject('sales_import.too_long', { field: 'category', max: 100 });

  const quantityCell = v.quantity ?? null;
  const quantityMilli = quantityCell === null ? 1000 : quantityOf(quantityCell);
  if (quantityMilli === null) throw reject('sales_import.invalid_quantity', { value: (textOf(quantityCell) ?? '').slice(0, 40) });
  const priceCell = v.unitPrice ?? null;
  const totalCell = v.lineTotal ?? null;
  const unit = priceCell === null ? null : amountOf(priceCell, o.currency);
  const total = totalCell === null ? null : amountOf(totalCell, o.currency);
  if (priceCell !== null && unit === null) throw reject('sales_import.invalid_price', { value: (textOf(priceCell) ?? '').slice(0, 40) });
  if (totalCell !== null && total === null) throw reject('sales_import.invalid_price', { value: (textOf(totalCell) ?? '').slice(0, 40) });
  let unitPrice = 0;
  let lineDiscount = 0;
  let lineTotal = 0;
  if (total !== null && (unit === null || grossOf(quantityMilli, unit) < total)) {
    ({ unitPrice, lineDiscount } = unitPriceForTotal(quantityMilli, total));
    lineTotal = total;
  } else if (unit !== null) {
    unitPrice = unit;
    const gross = grossOf(quantityMilli, unit);
    lineTotal = total ?? gross;
    lineDiscount = gross - lineTotal;
  } else if ('unitPrice' in v || 'lineTotal' in v) {
    // A file without any price column (a basket file) records its lines at 0; a blank cell in a priced file is an error.
    throw reject('sales_import.price_required');
  }
  return {
    index: row.index,
    receiptNumber,
    occurredAt: occurred.at,
    day: occurred.day,
    storeCode: limited('storeCode', textOf(v.storeCode), 50),
    identities: identitiesOf(v, o.externalSystem, cache),
    sku,
    productName: limited('productName', textOf(v.productName), 200),
    categoryPath,
    brand: limited('brand', textOf(v.brand), 100),
    quantityMilli,
    unitPrice,
    lineDiscount,
    lineTotal,
  };
}

/** The row as a sales line, or why it is rejected. */
export function readSalesRow(row: ImportRow, o: ReadOptions): SalesLine | Rejection {
  try {
    return read(row, o);
  } catch (err) {
    if (err instanceof RowProblem) return { index: row.index, ...err.rejection };
    throw err;
  }
}
