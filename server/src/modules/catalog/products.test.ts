import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../testing/app';
import { ean13 } from './demo';

let t: TestApp;
let owner: Caller;
let orgId: string;
beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
});
afterAll(() => t.close());

const count = async (table: string, where = 'true', params: unknown[] = []) =>
  (await t.db.pool.query(`select count(*)::int as n from ${table} where org_id = $1 and ${where}`, [orgId, ...params])).rows[0].n as number;

let seq = 0;
const barcode = () => ean13(100_000 + ++seq);

async function upsert(body: object, status = 201, caller = owner) {
  const res = await caller.post('/api/v1/catalog/products', body);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

describe('upsert by SKU', () => {
  it('creates (201), updates (200) and leaves a repeat unchanged (no write, no event)', async () => {
    const code = barcode();
    const p = await upsert({
      sku: '  USPA-PLT-1001 ',
      name: '  Erkek   Slim Fit Polo Tişört ',
      barcodes: [code],
      categoryPath: ['Erkek', ' Üst Giyim ', 'Polo Tişört'],
      brand: 'U.S. Polo Assn.',
      attributes: { colour: 'Lacivert', size: 'M', fit: 'Slim Fit' },
      listPrice: 89990,
    });
    expect(p).toMatchObject({
      sku: 'USPA-PLT-1001',
      name: 'Erkek Slim Fit Polo Tişört',
      barcodes: [code],
      categoryPath: ['Erkek', 'Üst Giyim', 'Polo Tişört'],
      attributes: { colour: 'Lacivert', size: 'M', fit: 'Slim Fit' },
      listPrice: 89990,
      currency: 'TRY',
      active: true,
      supplier: null,
    });
    const events = () => count('events', `subject_id = $2`, [p.id]);
    expect(await events()).toBe(1);

    const same = await upsert({ sku: 'USPA-PLT-1001', name: 'Erkek Slim Fit Polo Tişört', listPrice: 89990, barcodes: [code] }, 200);
    expect(same.updatedAt).toBe(p.updatedAt);
    expect(await events()).toBe(1);

    const changed = await upsert({ sku: 'USPA-PLT-1001', listPrice: 79990, brand: null }, 200);
    expect(changed).toMatchObject({ id: p.id, listPrice: 79990, brand: null, name: 'Erkek Slim Fit Polo Tişört', barcodes: [code] });
    expect(await events()).toBe(2);
    expect(await count('products', 'sku = $2', ['USPA-PLT-1001'])).toBe(1);
  });

  it('keeps the SKU case: "abc-1" and "ABC-1" are two products', async () => {
    const a = await upsert({ sku: 'abc-1', name: 'Küçük' });
    const b = await upsert({ sku: 'ABC-1', name: 'Büyük' });
    expect(a.id).not.toBe(b.id);
  });

  it('replays the first answer for a repeated Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'catalog-idem-1' };
    const first = await owner.post('/api/v1/catalog/products', { sku: 'IDEM-1', name: 'İdempotent' }, { headers });
    const again = await owner.post('/api/v1/catalog/products', { sku: 'IDEM-1', name: 'İdempotent' }, { headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
  });

  it('makes one product of 20 concurrent creations of a new SKU', async () => {
    const code = barcode();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        owner.post('/api/v1/catalog/products', { sku: 'RACE-1', name: 'Yarış Kazağı', barcodes: [code], listPrice: 1000 + (i % 2) }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201].sort());
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await count('products', 'sku = $2', ['RACE-1'])).toBe(1);
    expect(await count('product_barcodes', 'barcode = $2', [code])).toBe(1);
    expect(await count('events', `type = 'product.created' and subject_id = $2`, [results[0].body.id])).toBe(1);
  });

  it('needs a name for a new SKU', async () => {
    const body = expectProblem(await owner.post('/api/v1/catalog/products', { sku: 'NO-NAME' }), 400, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ field: '/name', code: 'name_required' })]);
  });

  it('rejects a bad barcode with invalid_barcode and writes nothing', async () => {
    for (const bad of ['8690000000011', '12345', '869000000001X', '86900000000123456']) {
      const body = expectProblem(
        await owner.post('/api/v1/catalog/products', { sku: 'BAD-BC', name: 'X', barcodes: [bad] }),
        400,
        'validation_failed',
      );
      expect(body.errors?.[0]).toMatchObject({ field: '/barcodes/0', code: 'invalid_barcode' });
    }
    expect(await count('products', 'sku = $2', ['BAD-BC'])).toBe(0);
  });

  it('accepts EAN-8, UPC-A, EAN-13 and GTIN-14 with correct check digits', async () => {
    const p = await upsert({
      sku: 'GTIN-ALL',
      name: 'Barkodlar',
      barcodes: ['96385074', '036000291452', '4006381333931', '10012345678902'],
    });
    expect(p.barcodes.sort()).toEqual(['036000291452', '10012345678902', '4006381333931', '96385074']);
  });

  it('rejects a barcode that belongs to another product (409 barcode_in_use), atomically', async () => {
    const code = barcode();
    await upsert({ sku: 'OWNER-1', name: 'Sahibi', barcodes: [code] });
    expectProblem(
      await owner.post('/api/v1/catalog/products', { sku: 'THIEF-1', name: 'Hırsız', barcodes: [code] }),
      409,
      'barcode_in_use',
    );
    expect(await count('products', 'sku = $2', ['THIEF-1'])).toBe(0);
  });

  it('rejects bad prices: a float, a float string, a negative number, an overflow', async () => {
    for (const listPrice of [12.5, '12.50', -100, 2 ** 31]) {
      const res = await owner.post('/api/v1/catalog/products', { sku: 'BAD-PRICE', name: 'X', listPrice });
      const body = expectProblem(res, 400, 'validation_failed');
      expect(body.errors?.[0].field).toBe('/listPrice');
    }
    expect(await count('products', 'sku = $2', ['BAD-PRICE'])).toBe(0);
  });

  it('rejects an unknown supplier and an empty or too long SKU', async () => {
    const body = expectProblem(
      await owner.post('/api/v1/catalog/products', { sku: 'SUP-X', name: 'X', supplierId: '01900000-0000-7000-8000-000000000000' }),
      400,
      'validation_failed',
    );
    expect(body.errors?.[0]).toMatchObject({ field: '/supplierId', code: 'unknown_supplier' });
    expect(
      expectProblem(await owner.post('/api/v1/catalog/products', { sku: '   ', name: 'X' }), 400, 'validation_failed').errors?.[0].code,
    ).toBe('invalid_sku');
    expectProblem(await owner.post('/api/v1/catalog/products', { sku: 'x'.repeat(100), name: 'X' }), 400, 'validation_failed');
  });

  it('refuses a huge payload with 413 and a batch over 1,000 items with 400', async () => {
    const huge = { sku: 'HUGE', name: 'x'.repeat(2 * 1024 * 1024) };
    expectProblem(await owner.post('/api/v1/catalog/products', huge), 413, 'payload_too_large');
    const many = Array.from({ length: 1001 }, (_, i) => ({ sku: `MANY-${i}`, name: 'Ürün' }));
    expectProblem(await owner.post('/api/v1/catalog/products/bulk', { products: many }), 400, 'validation_failed');
    expect(await count('products', `sku like 'MANY-%'`)).toBe(0);
  });
});

describe('bulk upsert', () => {
  it('upserts valid items and reports each failed one by index, leaving nothing of it written', async () => {
    const taken = barcode();
    await upsert({ sku: 'BULK-OWNER', name: 'Sahip', barcodes: [taken] });
    const res = await owner.post('/api/v1/catalog/products/bulk', {
      products: [
        { sku: 'BULK-1', name: 'Toplu Bir', listPrice: 100 },
        { sku: 'BULK-2', name: 'Toplu İki', barcodes: ['8690000000011'] },
        { sku: 'BULK-3', name: 'Toplu Üç', barcodes: [taken] },
        { sku: 'BULK-4', listPrice: 'on lira' },
        { sku: 'BULK-1', name: 'Tekrar' },
        { sku: 'BULK-OWNER', name: 'Sahip' },
        { name: 'SKU yok' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 1, updated: 0, unchanged: 1, failed: 5 });
    const byIndex = res.body.items;
    expect(byIndex[0]).toMatchObject({ status: 'created', sku: 'BULK-1', error: null });
    expect(byIndex[1]).toMatchObject({
      status: 'failed',
      error: { code: 'validation_failed', errors: [{ field: '/barcodes/0', code: 'invalid_barcode' }] },
    });
    expect(byIndex[2]).toMatchObject({ status: 'failed', error: { code: 'barcode_in_use' } });
    expect(byIndex[3]).toMatchObject({ status: 'failed', error: { code: 'validation_failed', errors: [{ field: '/listPrice' }] } });
    expect(byIndex[4]).toMatchObject({ status: 'failed', error: { code: 'duplicate_sku' } });
    expect(byIndex[5]).toMatchObject({ status: 'unchanged' });
    expect(byIndex[6]).toMatchObject({ status: 'failed', sku: null, error: { errors: [{ field: '/sku', code: 'required' }] } });
    expect(await count('products', `sku in ('BULK-2', 'BULK-3', 'BULK-4')`)).toBe(0);

    const again = await owner.post('/api/v1/catalog/products/bulk', { products: [{ sku: 'BULK-1', name: 'Toplu Bir', listPrice: 100 }] });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 1, failed: 0 });
  });

  it('writes 1,000 products in one request', async () => {
    const products = Array.from({ length: 1000 }, (_, i) => ({
      sku: `LOAD-${String(i).padStart(4, '0')}`,
      name: `Yük Ürünü ${i}`,
      barcodes: [ean13(700_000 + i)],
      categoryPath: ['Yük', i % 2 ? 'Tek' : 'Çift'],
      brand: 'Yük',
      attributes: { size: String(i % 5) },
      listPrice: i * 10,
    }));
    const res = await owner.post('/api/v1/catalog/products/bulk', { products });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body).toMatchObject({ created: 1000, failed: 0 });
    expect(await count('product_barcodes', `barcode like '8690007%'`)).toBe(1000);
    const repeat = await owner.post('/api/v1/catalog/products/bulk', { products });
    expect(repeat.body).toMatchObject({ created: 0, updated: 0, unchanged: 1000 });
  });
});

describe('read, search and edit', () => {
  let kazak: { id: string };
  beforeAll(async () => {
    kazak = await upsert({
      sku: 'KZK-100',
      name: 'KAZAK Balıkçı Yaka',
      brand: 'Pierre Cardin',
      categoryPath: ['Erkek', 'Üst Giyim', 'Kazak'],
      barcodes: [ean13(555_001)],
    });
    await upsert({ sku: 'KZK-101', name: 'Kazak V Yaka', brand: 'Cacharel', categoryPath: ['Kadın', 'Üst Giyim', 'Kazak'] });
    await upsert({ sku: 'ISK-1', name: 'Işık Desenli Gömlek', brand: 'Pierre Cardin', categoryPath: ['Erkek', 'Üst Giyim', 'Gömlek'] });
    await upsert({ sku: 'ISK-2', name: 'İpek Şal', brand: 'Cacharel', categoryPath: ['Kadın', 'Aksesuar'] });
  });

  const search = async (query: Record<string, string>) => {
    const res = await owner.get('/api/v1/catalog/products', { query });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items.map((p: { sku: string }) => p.sku) as string[];
  };

  it('finds names Turkish-insensitively: kazak → KAZAK and Kazak; ISIK → Işık; ipek → İpek', async () => {
    expect((await search({ q: 'kazak' })).sort()).toEqual(['KZK-100', 'KZK-101']);
    expect(await search({ q: 'ISIK' })).toEqual(['ISK-1']);
    expect(await search({ q: 'ışık desen' })).toEqual(['ISK-1']);
    expect(await search({ q: 'ipek' })).toEqual(['ISK-2']);
  });

  it('finds by SKU (part, any case) and by barcode exactly', async () => {
    expect(await search({ q: 'kzk-100' })).toEqual(['KZK-100']);
    expect(await search({ q: ean13(555_001) })).toEqual(['KZK-100']);
  });

  it('filters by category path (and below), brand, supplier; pages by cursor', async () => {
    expect((await search({ category: 'Erkek > Üst Giyim' })).sort()).toEqual(['ISK-1', 'KZK-100', 'USPA-PLT-1001']);
    expect(await search({ category: 'Erkek/Üst Giyim/Kazak' })).toEqual(['KZK-100']);
    expect(await search({ category: 'Üst Giyim' })).toEqual([]); // a path starts at the root
    expect((await search({ brand: 'cacharel', q: 'k' })).sort()).toEqual(['ISK-2', 'KZK-101']);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { sku: string }[]; nextCursor: string | null } } = await owner.get('/api/v1/catalog/products', {
        query: { q: 'LOAD', limit: '200', ...(cursor ? { cursor } : {}) },
      });
      all.push(...page.body.items.map((p) => p.sku));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all.length).toBe(1000);
    expect(new Set(all).size).toBe(1000);
    expectProblem(await owner.get('/api/v1/catalog/products', { query: { cursor: 'garbage' } }), 400, 'invalid_cursor');
  });

  it('lists categories with their ancestors and counts, and brands', async () => {
    const res = await owner.get('/api/v1/catalog/categories');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        { path: ['Erkek'], productCount: expect.any(Number) },
        { path: ['Erkek', 'Üst Giyim', 'Kazak'], productCount: 1 },
        { path: ['Kadın', 'Üst Giyim'], productCount: 1 },
      ]),
    );
    const brands = await owner.get('/api/v1/catalog/brands');
    expect(brands.body.items).toEqual(expect.arrayContaining([{ brand: 'Pierre Cardin', productCount: 2 }]));
  });

  it('reads one product, by id and by code (SKU, barcode, SKU in another case)', async () => {
    expect((await owner.get(`/api/v1/catalog/products/${kazak.id}`)).body.sku).toBe('KZK-100');
    for (const code of ['KZK-100', ean13(555_001), 'kzk-100']) {
      const res = await owner.get(`/api/v1/catalog/products/by-code/${encodeURIComponent(code)}`);
      expect(res.status, code).toBe(200);
      expect(res.body.id).toBe(kazak.id);
    }
    expectProblem(await owner.get('/api/v1/catalog/products/by-code/NOPE-404'), 404, 'not_found');
    expectProblem(await owner.get('/api/v1/catalog/products/01900000-0000-7000-8000-000000000000'), 404, 'not_found');
  });

  it('edits by PATCH: fields, barcodes, attributes, a new SKU; 409 sku_taken', async () => {
    const code = barcode();
    const res = await owner.patch(`/api/v1/catalog/products/${kazak.id}`, {
      name: 'Balıkçı Yaka Kazak',
      barcodes: [code],
      attributes: { colour: 'Bordo', size: 'L' },
      listPrice: 129990,
      sku: 'KZK-100-B',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      sku: 'KZK-100-B',
      name: 'Balıkçı Yaka Kazak',
      barcodes: [code],
      attributes: { colour: 'Bordo', size: 'L' },
      listPrice: 129990,
    });
    expect(await count('product_barcodes', 'barcode = $2', [ean13(555_001)])).toBe(0);
    expectProblem(await owner.patch(`/api/v1/catalog/products/${kazak.id}`, { sku: 'KZK-101' }), 409, 'sku_taken');
    expectProblem(await owner.patch(`/api/v1/catalog/products/${kazak.id}`, { listPrice: -1 }), 400, 'validation_failed');
    expectProblem(await owner.patch(`/api/v1/catalog/products/${kazak.id}`, { colour: 'x' }), 400, 'validation_failed');
    expect((await owner.get(`/api/v1/catalog/products/${kazak.id}`)).body.listPrice).toBe(129990);
  });
});

describe('suppliers', () => {
  it('are created, listed, read and edited; codes are unique', async () => {
    const res = await owner.post('/api/v1/catalog/suppliers', {
      code: 'TED-9',
      name: 'Işıklar Tekstil A.Ş.',
      taxNumber: '1234567890',
      email: 'info@isiklar.example',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expectProblem(await owner.post('/api/v1/catalog/suppliers', { code: 'TED-9', name: 'Başka' }), 409, 'supplier_code_taken');
    expectProblem(
      await owner.post('/api/v1/catalog/suppliers', { code: 'TED-10', name: 'X', email: 'not-an-email' }),
      400,
      'validation_failed',
    );
    const list = await owner.get('/api/v1/catalog/suppliers', { query: { q: 'isiklar' } });
    expect(list.body.items.map((s: { code: string }) => s.code)).toEqual(['TED-9']);
    const edited = await owner.patch(`/api/v1/catalog/suppliers/${res.body.id}`, { contactName: 'Ayşe Işık', taxNumber: null });
    expect(edited.body).toMatchObject({ contactName: 'Ayşe Işık', taxNumber: null });
    expect((await owner.get(`/api/v1/catalog/suppliers/${res.body.id}`)).body.name).toBe('Işıklar Tekstil A.Ş.');

    const p = await upsert({ sku: 'SUP-LINK', name: 'Tedarikli', supplierCode: 'TED-9' });
    expect(p.supplier).toEqual({ id: res.body.id, code: 'TED-9', name: 'Işıklar Tekstil A.Ş.' });
    expect(await owner.get('/api/v1/catalog/products', { query: { supplierId: res.body.id } }).then((r) => r.body.items.length)).toBe(1);
  });
});

describe('tenancy and permissions', () => {
  it("answers 404 for another org's product and supplier ids and codes", async () => {
    const p = await upsert({ sku: 'MINE-1', name: 'Benim', barcodes: [barcode()] });
    const s = await owner.post('/api/v1/catalog/suppliers', { code: 'MINE-S', name: 'Benim Tedarikçim' });
    const other = (await t.newOrg()).owner;
    expectProblem(await other.get(`/api/v1/catalog/products/${p.id}`), 404, 'not_found');
    expectProblem(await other.patch(`/api/v1/catalog/products/${p.id}`, { name: 'Ele geçirildi' }), 404, 'not_found');
    expectProblem(await other.get('/api/v1/catalog/products/by-code/MINE-1'), 404, 'not_found');
    expectProblem(await other.get(`/api/v1/catalog/products/by-code/${p.barcodes[0]}`), 404, 'not_found');
    expectProblem(await other.get(`/api/v1/catalog/suppliers/${s.body.id}`), 404, 'not_found');
    expectProblem(await other.post('/api/v1/catalog/products', { sku: 'X-1', name: 'X', supplierId: s.body.id }), 400, 'validation_failed');
    expect((await other.get('/api/v1/catalog/products', { query: { q: 'MINE' } })).body.items).toEqual([]);
    // The same SKU and barcode are free in another org.
    expect((await other.post('/api/v1/catalog/products', { sku: 'MINE-1', name: 'Onun', barcodes: p.barcodes })).status).toBe(201);
  });

  it('lets a marketer write, an associate only read', async () => {
    const marketer = await signedInAs(t, owner, 'marketer');
    expect((await marketer.post('/api/v1/catalog/products', { sku: 'MKT-1', name: 'Pazarlama' })).status).toBe(201);
    const store = await owner.post('/api/v1/stores', { code: 'CAT01', name: 'Katalog Mağazası' });
    const associate = await signedInAs(t, owner, 'associate', [store.body.id]);
    expect((await associate.get('/api/v1/catalog/products/by-code/MKT-1')).status).toBe(200);
    expectProblem(await associate.post('/api/v1/catalog/products', { sku: 'ASC-1', name: 'X' }), 403, 'forbidden');
    expectProblem(await associate.post('/api/v1/catalog/suppliers', { code: 'ASC', name: 'X' }), 403, 'forbidden');
  });
});
