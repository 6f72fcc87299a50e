import { invalidField } from '../../platform/http/problem';
import { foldTurkish } from '../../platform/text';

/** Limits of a product's fields, shared by the API schemas, the service and the import. */
export const LIMITS = {
  sku: 64,
  name: 200,
  brand: 100,
  categoryDepth: 8,
  categoryPart: 100,
  attributes: 50,
  attributeKey: 50,
  attributeValue: 200,
  barcodes: 50,
  /** 2^31 − 1 kuruş: the integer column's range (about 21 million lira). */
  listPrice: 2_147_483_647,
} as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
export const CONTROL = /[\u0000-\u001f\u007f]/;

/** A SKU as stored: trimmed, case preserved, 1–64 characters, no control characters. */
export function normalizeSku(value: string, field = '/sku'): string {
  const sku = value.trim();
  if (!sku || sku.length > LIMITS.sku || CONTROL.test(sku)) throw invalidField(field, 'invalid_sku', 'catalog.invalid_sku');
  return sku;
}

/** True when `code` is digits-only of GTIN length (8, 12, 13, 14) with a correct GS1 check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return false;
  let sum = 0;
  // From the digit left of the check digit leftwards, weights alternate 3, 1, 3, …
  for (let i = code.length - 2, w = 3; i >= 0; i--, w = 4 - w) sum += Number(code[i]) * w;
  return (10 - (sum % 10)) % 10 === Number(code[code.length - 1]);
}

/** A barcode as stored: trimmed, spaces removed; 400 `invalid_barcode` unless a valid GTIN. */
export function normalizeBarcode(value: string, field = '/barcodes'): string {
  const code = value.replace(/\s+/g, '');
  if (!isValidGtin(code)) throw invalidField(field, 'invalid_barcode', 'catalog.invalid_barcode', { value: value.slice(0, 40) });
  return code;
}

/** Distinct barcodes in the order given. */
export function normalizeBarcodes(values: string[], field = '/barcodes'): string[] {
  if (values.length > LIMITS.barcodes)
    throw invalidField(field, 'too_many_barcodes', 'catalog.too_many_barcodes', { max: LIMITS.barcodes });
  return [...new Set(values.map((v, i) => normalizeBarcode(v, `${field}/${i}`)))];
}

/** A category path: each part trimmed and whitespace-collapsed; empty parts dropped. */
export function normalizeCategoryPath(parts: string[], field = '/categoryPath'): string[] {
  const path = parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  if (path.length > LIMITS.categoryDepth || path.some((p) => p.length > LIMITS.categoryPart || CONTROL.test(p))) {
    throw invalidField(field, 'invalid_category', 'catalog.invalid_category', { max: LIMITS.categoryDepth });
  }
  return path;
}

/** "Ev Tekstili > Nevresim > Çift Kişilik" or "Ev Tekstili/Nevresim" → the parts. */
export function parseCategoryPath(text: string): string[] {
  return text.split(/\s*[>/]\s*/);
}

/** Attributes: keys and values trimmed; an empty value drops the key. */
export function normalizeAttributes(input: Record<string, unknown>, field = '/attributes'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawKey, rawValue] of Object.entries(input)) {
    const key = rawKey.trim();
    if (rawValue === null || rawValue === undefined) continue;
    if (typeof rawValue !== 'string' && typeof rawValue !== 'number' && typeof rawValue !== 'boolean') {
      throw invalidField(`${field}/${rawKey}`, 'invalid_attribute', 'catalog.invalid_attribute');
    }
    const value = String(rawValue).trim();
    if (!value) continue;
    if (!key || key.length > LIMITS.attributeKey || value.length > LIMITS.attributeValue || CONTROL.test(key)) {
      throw invalidField(`${field}/${rawKey}`, 'invalid_attribute', 'catalog.invalid_attribute');
    }
    out[key] = value;
  }
  if (Object.keys(out).length > LIMITS.attributes) {
    throw invalidField(field, 'too_many_attributes', 'catalog.too_many_attributes', { max: LIMITS.attributes });
  }
  return out;
}

/** A list price in minor units: a non-negative integer that fits the column. */
export function checkListPrice(value: number | null | undefined, field = '/listPrice'): number | null | undefined {
  if (value === null || value === undefined) return value;
  if (!Number.isSafeInteger(value) || value < 0 || value > LIMITS.listPrice) {
    throw invalidField(field, 'invalid_price', 'catalog.invalid_price');
  }
  return value;
}

export function checkCurrency(value: string, field = '/currency'): string {
  const currency = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw invalidField(field, 'invalid_currency', 'catalog.invalid_currency');
  return currency;
}

/** Optional text: trimmed, whitespace collapsed; empty → null. */
export function optionalText(
  value: string | null | undefined,
  max: number,
  field: string,
  code = 'invalid_text',
): string | null | undefined {
  if (value === undefined || value === null) return value;
  const text = value.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  if (text.length > max || CONTROL.test(text)) throw invalidField(field, code, 'catalog.invalid_text', { max });
  return text;
}

export function requiredName(value: string, field = '/name'): string {
  const name = optionalText(value, LIMITS.name, field);
  if (!name) throw invalidField(field, 'name_required', 'catalog.name_required');
  return name;
}

export const nameKeyOf = (name: string) => foldTurkish(name);
