import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Problem } from '../http/problem';

/** One cell as read from the file: CSV gives strings, XLSX also numbers, dates and booleans. */
export type Cell = string | number | boolean | Date | null;

export interface Table {
  format: 'csv' | 'xlsx' | 'json';
  headers: string[];
  rows: Cell[][];
  /** The data rows in the file (exact for XLSX and for fully parsed CSV; lines for a CSV preview). */
  rowCount: number;
  encoding?: 'utf-8' | 'utf-16le' | 'windows-1254';
  delimiter?: string;
  sheet?: string;
  sheets?: string[];
}

export interface ParseOptions {
  /** Stop after this many data rows (preview). */
  limit?: number;
  sheet?: string;
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

export const malformedFile = (reason: string) =>
  new Problem(400, 'malformed_file', 'imports.malformed_file', { reason: reason.slice(0, 200) });

/**
 * UTF-8 (with or without BOM) when the bytes are valid UTF-8, UTF-16 with its BOM ("Unicode text"
 * from Excel), else Windows-1254: what Turkish Excel writes when it saves "CSV".
 */
export function decodeText(bytes: Buffer): { text: string; encoding: NonNullable<Table['encoding']> } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'windows-1254'), encoding: 'windows-1254' };
  }
}

/** The candidate that splits the first line (outside quotes) into the most columns. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  return Object.entries(counts).reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** Empty or repeated headers get a name, so a mapping can point at each column. */
function uniqueHeaders(raw: Cell[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = (h === null ? '' : String(h)).replace(/\s+/g, ' ').trim() || `#${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

const isBlank = (row: Cell[]) => row.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/**
 * Most exports quote nothing. Then a record is a line and a field is what lies between two
 * delimiters: splitting is all csv-parse would do, and ten times faster on a 200,000-row file.
 * The records end as csv-parse would see them (the first line break of the text sets the kind);
 * a text with any quote goes through csv-parse.
 */
export function splitUnquoted(text: string, delimiter: string, limit?: number): string[][] | null {
  if (text.includes('"')) return null;
  const lineBreak = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
  const records: string[][] = [];
  let from = 0;
  while (from < text.length && (limit === undefined || records.length < limit)) {
    let to = text.indexOf(lineBreak, from);
    if (to < 0) to = text.length;
    if (to > from) records.push(text.slice(from, to).split(delimiter));
    from = to + lineBreak.length;
  }
  return records;
}

function readCsv({ text, encoding }: ReturnType<typeof decodeText>, options: ParseOptions): Table {
  const delimiter = detectDelimiter(text);
  let records = splitUnquoted(text, delimiter, options.limit === undefined ? undefined : options.limit + 1);
  try {
    records ??= parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      ...(options.limit === undefined ? {} : { to: options.limit + 1 }),
    }) as string[][];
  } catch (err) {
    throw malformedFile((err as Error).message);
  }
  const [head = [], ...rows] = records.filter((r) => !isBlank(r));
  const lines = options.limit === undefined ? rows.length : Math.max(0, text.split(/\r\n|\n|\r/).filter((l) => l.trim()).length - 1);
  return { format: 'csv', headers: uniqueHeaders(head), rows, rowCount: lines, encoding, delimiter };
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return v.result === undefined ? null : cellValue(v.result as ExcelJS.CellValue);
  if ('text' in v) return String(v.text);
  return null; // error values
}

async function readXlsx(bytes: Buffer, options: ParseOptions): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw malformedFile((err as Error).message);
  }
  const sheets = wb.worksheets.map((w) => w.name);
  const ws = options.sheet ? wb.getWorksheet(options.sheet) : wb.worksheets[0];
  if (!ws) throw new Problem(400, 'unknown_sheet', 'imports.unknown_sheet', { sheet: options.sheet ?? '' });
  const all: Cell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    all.push(Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellValue(values[i + 1])));
  });
  const [head = [], ...rows] = all.filter((r) => !isBlank(r));
  return {
    format: 'xlsx',
    headers: uniqueHeaders(head),
    rows: options.limit === undefined ? rows : rows.slice(0, options.limit),
    rowCount: rows.length,
    sheet: ws.name,
    sheets,
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isRecord = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One JSON record as flat cells: nested objects become `a.b` columns, an array of plain values
 * one `;`-separated cell (a product's barcodes), any other array its JSON text.
 */
function flattenRecord(value: Record<string, Json>, prefix: string, out: Map<string, Cell>): Map<string, Cell> {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix + key;
    if (isRecord(v)) flattenRecord(v, `${name}.`, out);
    else if (Array.isArray(v)) {
      out.set(name, v.every((x) => x === null || typeof x !== 'object') ? v.filter((x) => x !== null).join(';') : JSON.stringify(v));
    } else out.set(name, v);
  }
  return out;
}

/**
 * A JSON export (an ERP's): an array of objects, or an object holding one such array (e.g.
 * `{ "products": [...] }`). The headers are the union of the records' (flattened) keys in order
 * of first appearance; 400 `malformed_file` for invalid JSON or another shape.
 */
function readJson(text: string, encoding: NonNullable<Table['encoding']>, options: ParseOptions): Table {
  let doc: Json;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw malformedFile(`JSON: ${(err as Error).message}`);
  }
  let records: Json = doc;
  if (isRecord(doc)) {
    const arrays = Object.values(doc).filter((v) => Array.isArray(v));
    if (arrays.length !== 1) throw malformedFile('JSON: expected an array of objects, or an object holding one array of objects');
    [records] = arrays;
  }
  if (!Array.isArray(records) || !records.every(isRecord)) {
    throw malformedFile('JSON: expected an array of objects, or an object holding one array of objects');
  }
  const flat = (records as Record<string, Json>[]).map((r) => flattenRecord(r, '', new Map())).filter((r) => r.size > 0);
  const headers = [...new Set(flat.flatMap((r) => [...r.keys()]))];
  const rows = flat.map((r) => headers.map((h) => r.get(h) ?? null)).filter((r) => !isBlank(r));
  return {
    format: 'json',
    headers,
    rows: options.limit === undefined ? rows : rows.slice(0, options.limit),
    rowCount: rows.length,
    encoding,
  };
}

/** Reads a CSV, XLSX or JSON upload into headers and rows; 400 `empty_file` / `malformed_file`. */
export async function readTable(bytes: Buffer, options: ParseOptions = {}): Promise<Table> {
  if (bytes.length === 0) throw new Problem(400, 'empty_file', 'imports.empty_file');
  if (bytes.subarray(0, 4).equals(OLE)) throw new Problem(400, 'unsupported_file', 'imports.unsupported_file');
  let table: Table;
  if (bytes.subarray(0, 4).equals(ZIP)) table = await readXlsx(bytes, options);
  else {
    // A JSON document starts with [ or { (after a BOM and white space); a CSV header never does in practice.
    const decoded = decodeText(bytes);
    table = /^\s*[[{]/.test(decoded.text) ? readJson(decoded.text, decoded.encoding, options) : readCsv(decoded, options);
  }
  if (table.headers.length === 0) throw new Problem(400, 'empty_file', 'imports.empty_file');
  return table;
}
