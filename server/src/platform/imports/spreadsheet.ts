import { stringify } from 'csv-stringify/sync';
import type { Cell } from './parse';

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab / carriage return before
 * one) as a formula: `=cmd|' /C calc'!A0`. A leading apostrophe makes it text again. A signed
 * number or an E.164 phone ("+905321234567", "-12,5") is left alone: as a formula it is only itself.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^[+-][\d\s.,()]*$/.test(value) ? `'${value}` : value;
}

export function cellText(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Date) return c.toISOString().replace(/T00:00:00\.000Z$/, '');
  return String(c);
}

/** CSV that Excel opens correctly in Turkish: UTF-8 with a BOM, CRLF, formulas neutralised. */
export function toCsv(headers: string[], rows: Cell[][]): Buffer {
  const cells = [headers, ...rows].map((r) => r.map((c) => neutralizeFormula(cellText(c))));
  const text = stringify(cells, { record_delimiter: '\r\n' });
  return Buffer.from(`\uFEFF${text}`, 'utf8');
}

/** `attachment` with an ASCII fallback ("müşteriler.csv" → "musteriler.csv") and the UTF-8 name. */
export function attachment(fileName: string): string {
  const ascii = fileName
    .replace(/ı/g, 'i')
    .replace(/İ/g, 'I')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w.-]+/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
