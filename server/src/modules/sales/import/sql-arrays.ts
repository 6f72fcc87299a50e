/**
 * PostgreSQL array literals for `unnest($1::text[], $2::bigint[], …)`: a column of a thousand
 * rows is one parameter, cheap to build here (no per-element driver escaping) and to parse there.
 */

/** `{"a","b\\"c",NULL}`: texts (uuids, timestamps, dates, nested array literals) quoted and escaped. */
export function textArray(values: readonly (string | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else out += v.includes('"') || v.includes('\\') ? `"${v.replace(/[\\"]/g, '\\$&')}"` : `"${v}"`;
  }
  return `${out}}`;
}

/** `{1,2.5,NULL}`: finite numbers as JavaScript prints them (integers, or up to three decimals here). */
export function numberArray(values: readonly (number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : String(v))).join(',')}}`;
}

/**
 * `{0190…,2026-03-01,NULL}`: values that never need quoting (uuids, ISO times, dates, numeric
 * texts): no comma, brace, quote, backslash or white space, and never the word NULL.
 */
export function plainArray(values: readonly (string | null | undefined)[]): string {
  return `{${values.map((v) => v ?? 'NULL').join(',')}}`;
}
