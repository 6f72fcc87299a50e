import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../platform/db/database';
import { Problem } from '../../platform/http/problem';
import { startTestApp, type TestApp } from '../../testing/app';
import { demoProducts, ean13 } from './demo';
import { ensureProducts, resolveProducts, upsertProducts } from './service';
import { ensureSuppliers } from './suppliers';
import { isValidGtin, normalizeAttributes, normalizeCategoryPath, parseCategoryPath } from './values';

let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await startTestApp();
  ({ orgId } = await t.newOrg());
});
afterAll(() => t.close());

const tenant = <T>(fn: (tx: Tx) => Promise<T>) => t.db.tenant(orgId, fn);
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  (await t.db.pool.query(`select count(*)::int as n from ${table} where org_id = $1 and ${where}`, [orgId, ...params])).rows[0].n as number;

describe('values (pure)', () => {
  it('checks GS1 check digits of EAN-8, UPC-A, EAN-13 and GTIN-14', () => {
    for (const ok of ['96385074', '036000291452', '4006381333931', '8690000000012', '10012345678902', ean13(1), ean13(999_999_999)]) {
      expect(isValidGtin(ok), ok).toBe(true);
    }
    for (const bad of ['96385075', '4006381333932', '8690000000011', '123456789', '40063813339311', '', 'abcdefgh', '869000000001 2']) {
      expect(isValidGtin(bad), bad).toBe(false);
    }
  });

  it('reads category paths with > or / and trims their parts', () => {
    expect(parseCategoryPath('Ev Tekstili > Nevresim > Çift Kişilik')).toEqual(['Ev Tekstili', 'Nevresim', 'Çift Kişilik']);
    expect(normalizeCategoryPath(parseCategoryPath(' Ev Tekstili/ Nevresim /')).slice()).toEqual(['Ev Tekstili', 'Nevresim']);
    expect(() => normalizeCategoryPath(Array.from({ length: 9 }, (_, i) => `K${i}`))).toThrow(Problem);
  });

  it('keeps attributes as strings and drops empty ones', () => {
    expect(normalizeAttributes({ colour: ' Lacivert ', size: 42, empty: '', none: null })).toEqual({ colour: 'Lacivert', size: '42' });
    expect(() => normalizeAttributes({ nested: { a: 1 } })).toThrow(Problem);
  });

  it('builds a demo catalog of about 300 products with valid barcodes', () => {
    const products = demoProducts();
    expect(products.length).toBeGreaterThanOrEqual(280);
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
    expect(products.flatMap((p) => p.barcodes ?? []).every(isValidGtin)).toBe(true);
  });
});

describe('resolveProducts', () => {
  it('finds products by SKU and by barcode, keyed by the ref as given; unknown refs are absent', async () => {
    const code = ean13(31_337);
    await tenant((tx) =>
      upsertProducts(tx, [
        {
          sku: 'RES-1',
          name: 'Çözülecek',
          barcodes: [code],
          categoryPath: ['A', 'B'],
          brand: 'Marka',
          listPrice: 1250,
          attributes: { size: 'M' },
        },
        { sku: ean13(31_338), name: 'SKU barkod gibi' },
      ]),
    );
    const found = await tenant((tx) => resolveProducts(tx, ['RES-1', code, ` ${code} `, 'NOPE', ean13(31_338), '']));
    expect(found.get('RES-1')).toMatchObject({
      sku: 'RES-1',
      name: 'Çözülecek',
      categoryPath: ['A', 'B'],
      brand: 'Marka',
      listPrice: 1250,
      attributes: { size: 'M' },
      supplierId: null,
    });
    expect(found.get(code)?.id).toBe(found.get('RES-1')?.id);
    expect(found.get(` ${code} `)?.id).toBe(found.get('RES-1')?.id);
    expect(found.has('NOPE')).toBe(false);
    expect(found.get(ean13(31_338))?.sku).toBe(ean13(31_338));
    expect([...found.keys()].sort()).toEqual([` ${code} `, code, ean13(31_338), 'RES-1'].sort());
  });

  it("never sees another org's products", async () => {
    const other = await t.newOrg();
    const found = await t.db.tenant(other.orgId, (tx) => resolveProducts(tx, ['RES-1', ean13(31_337)]));
    expect(found.size).toBe(0);
  });
});

describe('ensureProducts', () => {
  it('creates missing SKUs from the item, leaves existing ones alone, and is idempotent', async () => {
    await tenant((tx) => upsertProducts(tx, [{ sku: 'ENS-OLD', name: 'Eski Ad', listPrice: 500 }]));
    const refs = await tenant((tx) =>
      ensureProducts(tx, [
        { sku: 'ENS-OLD', name: 'Yeni Ad', listPrice: 1 },
        { sku: 'ENS-NEW', name: 'Yeni Ürün', categoryPath: ['Kadın', 'Elbise'], brand: 'Cacharel', listPrice: 149990 },
        { sku: 'ENS-BARE' },
        { sku: 'ENS-NEW', name: 'İkinci kez' },
      ]),
    );
    expect(refs.get('ENS-OLD')).toMatchObject({ name: 'Eski Ad', listPrice: 500 });
    expect(refs.get('ENS-NEW')).toMatchObject({
      name: 'Yeni Ürün',
      categoryPath: ['Kadın', 'Elbise'],
      brand: 'Cacharel',
      listPrice: 149990,
    });
    expect(refs.get('ENS-BARE')).toMatchObject({ name: 'ENS-BARE', categoryPath: [], brand: null, listPrice: null });
    const again = await tenant((tx) => ensureProducts(tx, [{ sku: 'ENS-NEW', name: 'Başka' }]));
    expect(again.get('ENS-NEW')?.id).toBe(refs.get('ENS-NEW')?.id);
    expect(await count('products', `sku like 'ENS-%'`)).toBe(3);
    expect(await count('events', `type = 'product.created' and payload->>'sku' like 'ENS-%'`)).toBe(3);
  });

  it('is safe under concurrent calls with overlapping SKUs: one product per SKU, no deadlock', async () => {
    const skus = Array.from({ length: 2000 }, (_, i) => `CONC-${String(i).padStart(4, '0')}`);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, k) => {
        // Each caller a different overlapping slice, in a different order.
        const mine = skus.filter((_, i) => (i + k) % 3 !== 0);
        if (k % 2) mine.reverse();
        return t.db.tenant(orgId, (tx) =>
          ensureProducts(
            tx,
            mine.map((sku) => ({ sku, name: `Ürün ${sku}` })),
          ),
        );
      }),
    );
    expect(await count('products', `sku like 'CONC-%'`)).toBe(2000);
    const ids = new Map<string, string>();
    for (const r of results) {
      for (const [sku, ref] of r) {
        if (ids.has(sku)) expect(ref.id).toBe(ids.get(sku));
        ids.set(sku, ref.id);
      }
    }
    expect(ids.size).toBe(2000);
  });

  it('rejects an empty SKU and a negative price', async () => {
    await expect(tenant((tx) => ensureProducts(tx, [{ sku: ' ' }]))).rejects.toBeInstanceOf(Problem);
    await expect(tenant((tx) => ensureProducts(tx, [{ sku: 'NEG', listPrice: -5 }]))).rejects.toBeInstanceOf(Problem);
  });
});

describe('upsertProducts', () => {
  it('moves a barcode between two products of one batch, and refuses to take one from a product outside it', async () => {
    const a = ean13(40_001);
    const b = ean13(40_002);
    await tenant((tx) =>
      upsertProducts(tx, [
        { sku: 'MOVE-1', name: 'Bir', barcodes: [a] },
        { sku: 'MOVE-2', name: 'İki', barcodes: [b] },
      ]),
    );
    const swapped = await tenant((tx) =>
      upsertProducts(tx, [
        { sku: 'MOVE-1', barcodes: [b] },
        { sku: 'MOVE-2', barcodes: [a] },
      ]),
    );
    expect(swapped.outcomes).toEqual(['updated', 'updated']);
    const found = await tenant((tx) => resolveProducts(tx, [a, b]));
    expect(found.get(a)?.sku).toBe('MOVE-2');
    expect(found.get(b)?.sku).toBe('MOVE-1');
    await expect(tenant((tx) => upsertProducts(tx, [{ sku: 'MOVE-3', name: 'Üç', barcodes: [a] }]))).rejects.toMatchObject({
      code: 'barcode_in_use',
    });
    await expect(tenant((tx) => upsertProducts(tx, [{ sku: 'MOVE-3', name: 'Üç', addBarcodes: [a] }]))).rejects.toMatchObject({
      code: 'barcode_in_use',
    });
  });

  it('adds barcodes and merges attributes without replacing the others', async () => {
    await tenant((tx) =>
      upsertProducts(tx, [{ sku: 'ADD-1', name: 'Ekle', barcodes: [ean13(50_001)], attributes: { colour: 'Mavi', size: 'M' } }]),
    );
    const r = await tenant((tx) =>
      upsertProducts(tx, [{ sku: 'ADD-1', addBarcodes: [ean13(50_002)], mergeAttributes: { size: 'L', fit: '' } }]),
    );
    expect(r.products[0].attributes).toEqual({ colour: 'Mavi', size: 'L' });
    expect(await count('product_barcodes', 'product_id = $2', [r.products[0].id])).toBe(2);
    const repeat = await tenant((tx) =>
      upsertProducts(tx, [{ sku: 'ADD-1', addBarcodes: [ean13(50_002)], mergeAttributes: { size: 'L' } }]),
    );
    expect(repeat.outcomes).toEqual(['unchanged']);
  });

  it('resolves suppliers by code and rejects a duplicate SKU in one call', async () => {
    const ids = await tenant((tx) => ensureSuppliers(tx, [{ code: 'S-1', name: 'Tedarikçi Bir' }, { code: 'S-1' }, { code: 'S-2' }]));
    expect(ids.size).toBe(2);
    const r = await tenant((tx) => upsertProducts(tx, [{ sku: 'SUP-1', name: 'Tedarikli', supplierCode: 'S-1' }]));
    expect(r.products[0].supplierId).toBe(ids.get('S-1'));
    const cleared = await tenant((tx) => upsertProducts(tx, [{ sku: 'SUP-1', supplierId: null }]));
    expect(cleared.products[0].supplierId).toBeNull();
    await expect(
      tenant((tx) =>
        upsertProducts(tx, [
          { sku: 'DUP', name: 'a' },
          { sku: ' DUP ', name: 'b' },
        ]),
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
