import type { Tx } from '../../platform/db/database';
import { invalidField, Problem } from '../../platform/http/problem';
import type { AuditSource } from '../access/audit';
import { getStore } from '../access/stores';
import { type ProductRef, resolveProducts } from '../catalog/service';
import { resolveCustomerId, upsertCustomer } from '../customers/service';
import type { LineDiscount } from './schema';
import { getSettings } from './settings';
import { lineAmounts, MAX_QUANTITY_MILLI, milliOf, toMilli } from './values';

/** A receipt or order line as a till or a web shop sends it. Money in minor units. */
export interface LineInput {
  sku?: string | null;
  productName?: string | null;
  categoryPath?: string[];
  brand?: string | null;
  quantity: number;
  unitPrice: number;
  /** Defaults to the sum of `discounts`. */
  lineDiscount?: number;
  /** The promotion engine's explanation of the line discount. */
  discounts?: LineDiscount[];
}

/** A line as stored and returned (receipts and orders share the shape). */
export interface SaleLine {
  lineNo: number;
  sku: string | null;
  productId: string | null;
  productName: string | null;
  categoryPath: string[];
  brand: string | null;
  quantity: number;
  unitPrice: number;
  lineDiscount: number;
  lineTotal: number;
  discounts: LineDiscount[];
  returnedQuantity: number;
}

/** A validated line before its product is looked up: what the content hash covers. */
export interface PreparedLine {
  lineNo: number;
  sku: string | null;
  productName: string | null;
  categoryPath: string[];
  brand: string | null;
  quantityMilli: number;
  unitPrice: number;
  lineDiscount: number;
  discounts: LineDiscount[];
  gross: number;
  lineTotal: number;
}

export type UnknownSkuMode = 'reject' | 'adhoc';

const clean = (v: string | null | undefined) => {
  const s = v?.replace(/\s+/g, ' ').trim();
  return s ? s : null;
};

const amount = (v: number, field: string) => {
  if (!Number.isSafeInteger(v) || v < 0) throw invalidField(field, 'invalid_amount', 'validation.invalid');
  return v;
};

/** Validates lines and computes their amounts (400 with the field of the first bad line). */
export function prepareLines(lines: LineInput[], base = '/lines'): PreparedLine[] {
  return lines.map((l, i) => {
    const field = `${base}/${i}`;
    const quantityMilli = toMilli(l.quantity);
    if (quantityMilli === null || quantityMilli <= 0 || quantityMilli > MAX_QUANTITY_MILLI) {
      throw invalidField(`${field}/quantity`, 'invalid_quantity', 'sales.invalid_quantity');
    }
    const unitPrice = amount(l.unitPrice, `${field}/unitPrice`);
    const discounts = (l.discounts ?? []).map((d, k) => ({
      ruleId: d.ruleId,
      label: d.label,
      amount: amount(d.amount, `${field}/discounts/${k}/amount`),
    }));
    const explained = discounts.reduce((s, d) => s + d.amount, 0);
    const lineDiscount = l.lineDiscount === undefined ? explained : amount(l.lineDiscount, `${field}/lineDiscount`);
    if (discounts.length > 0 && explained !== lineDiscount) {
      throw invalidField(`${field}/lineDiscount`, 'line_discount_mismatch', 'sales.line_discount_mismatch');
    }
    const { gross, lineTotal } = lineAmounts(quantityMilli, unitPrice, lineDiscount, field);
    return {
      lineNo: i + 1,
      sku: clean(l.sku),
      productName: clean(l.productName),
      categoryPath: (l.categoryPath ?? []).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean),
      brand: clean(l.brand),
      quantityMilli,
      unitPrice,
      lineDiscount,
      discounts,
      gross,
      lineTotal,
    };
  });
}

/** A prepared line with its product resolved (or left ad hoc), ready to insert. */
export interface ResolvedLine extends PreparedLine {
  productId: string | null;
}

/**
 * Looks the SKUs up in the catalog: a known product's name, category and brand are copied onto
 * the line (the snapshot analytics reads). Unknown SKUs are a 422 `unknown_sku` naming them, or
 * ad-hoc lines when the mode says so.
 */
export async function resolveLines(tx: Tx, lines: PreparedLine[], mode: UnknownSkuMode): Promise<ResolvedLine[]> {
  const skus = skusOf(lines);
  const found = skus.length > 0 ? await resolveProducts(tx, skus) : new Map<string, ProductRef>();
  const unknown = skus.filter((s) => !found.has(s));
  if (unknown.length > 0 && mode === 'reject') throw unknownSku(unknown);
  return withProducts(lines, found);
}

/** The distinct SKUs (or barcodes) the lines name. */
export const skusOf = (lines: PreparedLine[]) => [...new Set(lines.map((l) => l.sku).filter((s): s is string => s !== null))];

/** 422 `unknown_sku` naming them. */
export const unknownSku = (skus: string[]) =>
  new Problem(422, 'unknown_sku', 'sales.unknown_sku', { skus: skus.slice(0, 20).join(', ') }, { skus });

/** The lines with the catalog's snapshot of their products; SKUs not found stay ad-hoc lines. */
export function withProducts(lines: PreparedLine[], found: Map<string, ProductRef>): ResolvedLine[] {
  return lines.map((l) => {
    const p = l.sku ? found.get(l.sku) : undefined;
    if (!p) return { ...l, productId: null, productName: l.productName ?? l.sku };
    return { ...l, productId: p.id, productName: p.name, categoryPath: p.categoryPath, brand: p.brand };
  });
}

export async function unknownSkuMode(tx: Tx, override?: UnknownSkuMode): Promise<UnknownSkuMode> {
  return override ?? ((await getSettings(tx)).unknownSku as UnknownSkuMode);
}

/** The store exists in this org (422 `unknown_store`) and the caller may act for it (403). */
export async function checkStore(tx: Tx, storeId: string, scope: readonly string[] | null = null, code = storeId): Promise<void> {
  try {
    await getStore(tx, null, storeId);
  } catch {
    throw new Problem(422, 'unknown_store', 'sales.unknown_store', { code: code.slice(0, 60) });
  }
  if (scope && !scope.includes(storeId)) throw new Problem(403, 'store_not_allowed', 'sales.store_not_allowed');
}

/** A customer id as sent, followed through merges to the live customer; 422 `unknown_customer`. */
export async function liveCustomer(tx: Tx, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  try {
    return await resolveCustomerId(tx, id.toLowerCase());
  } catch {
    throw new Problem(422, 'unknown_customer', 'sales.unknown_customer');
  }
}

/** Registers a customer with this (normalised) mobile, as a claim does; a concurrent registration of it wins. */
export async function registerByPhone(
  tx: Tx,
  phone: string,
  storeId: string | null,
  createdVia: 'pos' | 'api',
  source: AuditSource = { auth: null },
): Promise<string> {
  const { customer } = await upsertCustomer(tx, source, { phone, createdVia, storeId });
  return customer.id;
}

/** Rows of receipt_lines / order_lines as the API returns them. */
export function toSaleLine(r: {
  lineNo: number;
  sku: string | null;
  productId: string | null;
  productName: string | null;
  categoryPath: string[];
  brand: string | null;
  quantity: string;
  unitPrice: number;
  lineDiscount: number;
  lineTotal: number;
  discounts: LineDiscount[];
  returnedQuantity: string;
}): SaleLine {
  return {
    lineNo: r.lineNo,
    sku: r.sku,
    productId: r.productId,
    productName: r.productName,
    categoryPath: r.categoryPath,
    brand: r.brand,
    quantity: milliOf(r.quantity) / 1000,
    unitPrice: Number(r.unitPrice),
    lineDiscount: Number(r.lineDiscount),
    lineTotal: Number(r.lineTotal),
    discounts: r.discounts,
    returnedQuantity: milliOf(r.returnedQuantity) / 1000,
  };
}

/** What the content hash of a sale covers of its lines (the input, not the catalog's snapshot). */
export const hashLines = (lines: PreparedLine[]) =>
  lines.map((l) => [l.sku, l.productName, l.categoryPath, l.brand, l.quantityMilli, l.unitPrice, l.lineDiscount, l.discounts]);

export const sumOf = (values: number[]) => values.reduce((s, v) => s + v, 0);
