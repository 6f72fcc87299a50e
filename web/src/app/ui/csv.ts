import { stringify } from 'csv-stringify/browser/esm/sync';

export type CsvCell = string | number | null | undefined;

/**
 * A spreadsheet runs a cell starting with = + - @ as a formula; a leading apostrophe makes it text.
 * Signed numbers stay numbers. The same rule as the server's exports (platform/imports/spreadsheet).
 */
const guard = (c: CsvCell) => {
  const s = c == null ? '' : String(c);
  return /^[=+\-@\t\r]/.test(s) && !/^[+-][\d\s.,()]*$/.test(s) ? `'${s}` : s;
};

/** Saves the rows as a CSV Excel opens correctly in Turkish (UTF-8 with a BOM, CRLF). */
export function downloadCsv(fileName: string, headers: string[], rows: CsvCell[][]) {
  const text = stringify(
    [headers, ...rows].map((r) => r.map(guard)),
    { record_delimiter: '\r\n' },
  );
  const url = URL.createObjectURL(new Blob([`\uFEFF${text}`], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}
