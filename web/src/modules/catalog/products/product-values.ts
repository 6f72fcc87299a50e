import { categoryParts, categoryText, type Product, type ProductUpsert } from '../queries';

/** The attributes with their own inputs; any other attribute is edited as a name/value row. */
export const KNOWN_ATTRIBUTES = ['colour', 'size', 'fit', 'fabric', 'packSize'] as const;
type Known = (typeof KNOWN_ATTRIBUTES)[number];

export type ProductValues = {
  sku: string;
  name: string;
  barcodes: string[];
  category: string;
  brand: string;
  supplierId: string | null;
  /** Major units as typed ("1299,90" reads as 1299.9); '' when there is no price. */
  listPrice: number | string;
  currency: string;
  active: boolean;
  extra: { key: string; value: string }[];
} & Record<Known, string>;

export function toValues(p: Product | null): ProductValues {
  const attributes = p?.attributes ?? {};
  return {
    sku: p?.sku ?? '',
    name: p?.name ?? '',
    barcodes: p?.barcodes ?? [],
    category: p ? categoryText(p.categoryPath) : '',
    brand: p?.brand ?? '',
    supplierId: p?.supplierId ?? null,
    listPrice: p?.listPrice === null || p?.listPrice === undefined ? '' : p.listPrice / 100,
    currency: p?.currency ?? 'TRY',
    active: p?.active ?? true,
    ...(Object.fromEntries(KNOWN_ATTRIBUTES.map((k) => [k, attributes[k] ?? ''])) as Record<Known, string>),
    extra: Object.entries(attributes)
      .filter(([k]) => !(KNOWN_ATTRIBUTES as readonly string[]).includes(k))
      .map(([key, value]) => ({ key, value })),
  };
}

/** Kuruş from what was typed: 1299.9 → 129990, exactly (the input keeps at most two decimals). */
export function toMinor(value: number | string): number | null {
  if (value === '' || value === null || value === undefined) return null;
  return Math.round(Number(value) * 100);
}

/** The request body the values stand for. */
export function toBody(v: ProductValues): ProductUpsert {
  const attributes: Record<string, string> = {};
  for (const k of KNOWN_ATTRIBUTES) if (v[k].trim()) attributes[k] = v[k].trim();
  for (const { key, value } of v.extra) if (key.trim() && value.trim()) attributes[key.trim()] = value.trim();
  return {
    sku: v.sku.trim(),
    name: v.name.trim(),
    barcodes: v.barcodes.map((b) => b.trim()).filter(Boolean),
    categoryPath: categoryParts(v.category),
    brand: v.brand.trim() || null,
    supplierId: v.supplierId,
    attributes,
    listPrice: toMinor(v.listPrice),
    currency: v.currency,
    active: v.active,
  };
}

/** A server field (`/barcodes/2`, `/attributes/colour`, `/categoryPath/0`) → the form field showing it. */
export function formField(pointer: string): string | null {
  const [, head, next] = pointer.split('/');
  if (head === 'barcodes') return 'barcodes';
  if (head === 'categoryPath') return 'category';
  if (head === 'attributes') return (KNOWN_ATTRIBUTES as readonly string[]).includes(next) ? next : 'extra';
  if (head === 'supplierId' || head === 'supplierCode') return 'supplierId';
  if (['sku', 'name', 'brand', 'listPrice', 'currency'].includes(head)) return head;
  return null;
}
