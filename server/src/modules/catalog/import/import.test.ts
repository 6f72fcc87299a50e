import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../../platform/imports/parse';
import { finishedJob, postForm, startImport } from '../../../platform/imports/test-helpers';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../../testing/app';
import { ean13 } from '../demo';
import { barcodesOf, priceOf } from './run';

let t: TestApp;
let owner: Caller;
let orgId: string;
beforeAll(async () => {
  t = await startTestApp({ worker: true });
  ({ owner, orgId } = await t.newOrg());
});
afterAll(() => t.close());

const product = async (sku: string) => {
  const res = await owner.get(`/api/v1/catalog/products/by-code/${encodeURIComponent(sku)}`);
  return res.status === 200 ? res.body : null;
};
const countOf = async (table: string) =>
  (await t.db.pool.query(`select count(*)::int as n from ${table} where org_id = $1`, [orgId])).rows[0].n as number;

const B = (n: number) => ean13(900_000 + n);

describe('cell readers', () => {
  it('reads prices in major units with . or Turkish , decimals', () => {
    expect(priceOf('249,90')).toBe(24990);
    expect(priceOf('1.249,90')).toBe(124990);
    expect(priceOf('249.9')).toBe(24990);
    expect(priceOf('₺1.249,90')).toBe(124990);
    expect(priceOf(249.9)).toBe(24990);
    expect(priceOf(null)).toBeNull();
    expect(priceOf('12,345')).toBe(1234500); // a lone separator before three digits groups thousands (platform/money)
    for (const bad of ['-10', '12,3456', 'on lira', '1.2.3', 1e30]) expect(() => priceOf(bad), String(bad)).toThrow();
  });

  it('splits barcodes on ; and , and checks them', () => {
    expect(barcodesOf(`${B(1)}; ${B(2)},${B(3)}`)).toEqual([B(1), B(2), B(3)]);
    expect(barcodesOf(Number(B(4)))).toEqual([B(4)]);
    expect(() => barcodesOf('8690000000011')).toThrow();
  });
});

describe('JSON files (platform parse)', () => {
  it('reads an array of objects: headers are the union of keys, nested objects flattened with "."', async () => {
    const table = await readTable(
      Buffer.from(
        JSON.stringify([
          { code: 'A', name: 'Bir', price: { list: 10.5, currency: 'TRY' }, barcodes: ['1', '2'] },
          { code: 'B', brand: 'Marka', active: true, tags: [{ x: 1 }], empty: null },
        ]),
      ),
    );
    expect(table).toMatchObject({ format: 'json', rowCount: 2 });
    expect(table.headers).toEqual(['code', 'name', 'price.list', 'price.currency', 'barcodes', 'brand', 'active', 'tags', 'empty']);
    expect(table.rows[0]).toEqual(['A', 'Bir', 10.5, 'TRY', '1;2', null, null, null, null]);
    expect(table.rows[1]).toEqual(['B', null, null, null, null, 'Marka', true, '[{"x":1}]', null]);
  });

  it('reads { "products": [...] } with a BOM, and previews a limit', async () => {
    const table = await readTable(
      Buffer.from(`\uFEFF  {"products": [{"sku": "1"}, {"sku": "2"}, {"sku": "3"}], "exportedAt": "2024-01-01"}`),
      { limit: 2 },
    );
    expect(table).toMatchObject({ format: 'json', headers: ['sku'], rows: [['1'], ['2']], rowCount: 3 });
  });

  it('refuses malformed JSON and other shapes with malformed_file; an empty array is an empty file', async () => {
    for (const bad of ['[{"sku": "1"},', '{"a": 1}', '[1, 2]', '{"a": [{}], "b": [{}]}']) {
      await expect(readTable(Buffer.from(bad)), bad).rejects.toMatchObject({ status: 400, code: 'malformed_file' });
    }
    await expect(readTable(Buffer.from('[]'))).rejects.toMatchObject({ status: 400, code: 'empty_file' });
  });
});

describe('products import', () => {
  it('previews a Turkish CSV and suggests the mapping from Turkish headers', async () => {
    const csv = `Stok Kodu;Ürün Adı;Barkod;Kategori;Marka;Tedarikçi Kodu;Tedarikçi;Liste Fiyatı;Renk;Beden;Kalıp;Kumaş;Paket Adedi\r\nX;Y;;;;;;;;;;;\r\n`;
    const res = await postForm(owner, '/api/v1/imports/preview', { kind: 'products', file: { name: 'ürünler.csv', data: csv } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.suggestedMapping).toEqual({
      sku: 'Stok Kodu',
      name: 'Ürün Adı',
      barcode: 'Barkod',
      category: 'Kategori',
      brand: 'Marka',
      supplierCode: 'Tedarikçi Kodu',
      supplierName: 'Tedarikçi',
      listPrice: 'Liste Fiyatı',
      colour: 'Renk',
      size: 'Beden',
      fit: 'Kalıp',
      fabric: 'Kumaş',
      packSize: 'Paket Adedi',
    });
  });

  it('imports a UTF-8 CSV: creates, folds rows of one SKU, creates suppliers, rejects bad rows with reasons', async () => {
    const csv = [
      'SKU,Product Name,Barcodes,Category,Brand,Supplier Code,Supplier,Price,Colour,Size',
      `CSV-1,Erkek Polo Tişört,${B(1)},Erkek > Üst Giyim > Polo Tişört,U.S. Polo Assn.,TED-1,Uludağ Örme,"899,90",Lacivert,M`,
      `CSV-1,,${B(2)},,,,,,,L`,
      `CSV-2,Kadın Bluz,"${B(3)};${B(4)}",Kadın/Üst Giyim/Bluz,Cacharel,TED-1,,449.90,Ekru,38`,
      'CSV-3,Kötü Barkod,8690000000011,,,,,,,',
      'CSV-4,Negatif,,,,,,-5,,',
      ',Kodsuz,,,,,,,,',
      'CSV-5,,,,,,,,,',
      `CSV-6,Çalıntı Barkod,${B(1)},,,,,,,`,
    ].join('\r\n');
    const mapping = {
      sku: 'SKU',
      name: 'Product Name',
      barcode: 'Barcodes',
      category: 'Category',
      brand: 'Brand',
      supplierCode: 'Supplier Code',
      supplierName: 'Supplier',
      listPrice: 'Price',
      colour: 'Colour',
      size: 'Size',
    };
    const job = await finishedJob(owner, await startImport(owner, { name: 'products.csv', data: csv }, mapping, { kind: 'products' }));
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    expect(job.result).toMatchObject({ created: 2, merged: 1, rejected: 5 });
    const p1 = await product('CSV-1');
    expect(p1).toMatchObject({
      name: 'Erkek Polo Tişört',
      categoryPath: ['Erkek', 'Üst Giyim', 'Polo Tişört'],
      brand: 'U.S. Polo Assn.',
      listPrice: 89990,
      attributes: { colour: 'Lacivert', size: 'M' },
      supplier: { code: 'TED-1', name: 'Uludağ Örme' },
    });
    expect(p1.barcodes.sort()).toEqual([B(1), B(2)].sort());
    expect(await product('CSV-2')).toMatchObject({
      listPrice: 44990,
      categoryPath: ['Kadın', 'Üst Giyim', 'Bluz'],
      barcodes: [B(3), B(4)],
    });
    for (const sku of ['CSV-3', 'CSV-4', 'CSV-5', 'CSV-6']) expect(await product(sku), sku).toBeNull();

    const rejected = await owner.get(`/api/v1/imports/${job.id}/rejected`);
    expect(rejected.status).toBe(200);
    const text = String(rejected.body);
    expect(text).toContain('8690000000011');
    expect(text).toMatch(/Geçersiz barkod/);
    expect(text).toMatch(/Fiyat anlaşılamadı/);
    expect(text).toMatch(/Stok kodu \(SKU\) boş/);
    expect(text).toMatch(/Yeni ürün için ürün adı gerekli: CSV-5/);
    expect(text).toMatch(/barkodu başka bir ürüne ait/);

    // The same file again changes nothing.
    const again = await finishedJob(owner, await startImport(owner, { name: 'products.csv', data: csv }, mapping, { kind: 'products' }));
    expect(again.result).toMatchObject({ created: 0, updated: 0 });
  });

  it('imports a Windows-1254 semicolon CSV from Turkish Excel, updating a product by SKU', async () => {
    const csv = `Stok Kodu;Ürün Adı;Barkod;Kategori;Liste Fiyatı;Renk;Kumaş\r\nCSV-1;Erkek Polo Tişört Işıklı;;;1.099,90;Kırmızı;Pamuk Pike\r\nTR-1;Şık Çift Kişilik Nevresim;${B(10)};Ev Tekstili > Nevresim > Çift Kişilik;1.599,90;Gri;Ranforce\r\n`;
    const data = iconv.encode(csv, 'windows-1254');
    const mapping = {
      sku: 'Stok Kodu',
      name: 'Ürün Adı',
      barcode: 'Barkod',
      category: 'Kategori',
      listPrice: 'Liste Fiyatı',
      colour: 'Renk',
      fabric: 'Kumaş',
    };
    const job = await finishedJob(owner, await startImport(owner, { name: 'ürünler.csv', data }, mapping, { kind: 'products' }));
    expect(job.result).toMatchObject({ created: 1, updated: 1, rejected: 0 });
    expect(await product('CSV-1')).toMatchObject({
      name: 'Erkek Polo Tişört Işıklı',
      listPrice: 109990,
      attributes: { colour: 'Kırmızı', size: 'M', fabric: 'Pamuk Pike' },
      brand: 'U.S. Polo Assn.',
    });
    expect(await product('TR-1')).toMatchObject({
      name: 'Şık Çift Kişilik Nevresim',
      categoryPath: ['Ev Tekstili', 'Nevresim', 'Çift Kişilik'],
      listPrice: 159990,
    });
    const search = await owner.get('/api/v1/catalog/products', { query: { q: 'SIK CIFT' } });
    expect(search.body.items.map((p: { sku: string }) => p.sku)).toEqual(['TR-1']);
  });

  it('imports an XLSX with number cells for barcodes and prices', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ürünler');
    ws.addRow(['Ürün Kodu', 'Ürün Adı', 'EAN', 'Fiyat', 'Marka', 'Beden']);
    ws.addRow(['XL-1', 'Kapüşonlu Sweatshirt', Number(B(20)), 1099.9, 'U.S. Polo Assn.', 'XL']);
    ws.addRow(['XL-2', 'Chino Pantolon', Number(B(21)), 1200, 'Pierre Cardin', 32]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const mapping = { sku: 'Ürün Kodu', name: 'Ürün Adı', barcode: 'EAN', listPrice: 'Fiyat', brand: 'Marka', size: 'Beden' };
    const job = await finishedJob(owner, await startImport(owner, { name: 'ürünler.xlsx', data }, mapping, { kind: 'products' }));
    expect(job.result).toMatchObject({ created: 2, rejected: 0 });
    expect(await product(B(20))).toMatchObject({ sku: 'XL-1', listPrice: 109990, attributes: { size: 'XL' } });
    expect(await product('XL-2')).toMatchObject({ listPrice: 120000, attributes: { size: '32' }, barcodes: [B(21)] });
  });

  it('imports a JSON ERP export ({ "products": [...] }, nested fields, barcode arrays)', async () => {
    const doc = {
      exportedAt: '2024-05-01T10:00:00Z',
      products: [
        {
          stokKodu: 'ERP-1',
          urunAdi: 'Saten Nevresim Takımı',
          barkodlar: [B(30), B(31)],
          fiyat: { liste: 2199.9 },
          marka: 'Cacharel',
          kategori: 'Ev Tekstili/Nevresim',
        },
        {
          stokKodu: 'ERP-2',
          urunAdi: 'Bornoz Seti',
          barkodlar: [],
          fiyat: { liste: '1.899,90' },
          tedarikci: { kod: 'TED-3', ad: 'Denizli Havlu' },
        },
        { stokKodu: 'ERP-3', urunAdi: 'Bozuk Fiyat', fiyat: { liste: -1 } },
      ],
    };
    const preview = await postForm(owner, '/api/v1/imports/preview', {
      kind: 'products',
      file: { name: 'erp.json', data: JSON.stringify(doc) },
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ format: 'json', rowCount: 3 });
    expect(preview.body.headers).toEqual([
      'stokKodu',
      'urunAdi',
      'barkodlar',
      'fiyat.liste',
      'marka',
      'kategori',
      'tedarikci.kod',
      'tedarikci.ad',
    ]);
    const mapping = {
      sku: 'stokKodu',
      name: 'urunAdi',
      barcode: 'barkodlar',
      listPrice: 'fiyat.liste',
      brand: 'marka',
      category: 'kategori',
      supplierCode: 'tedarikci.kod',
      supplierName: 'tedarikci.ad',
    };
    const job = await finishedJob(
      owner,
      await startImport(owner, { name: 'erp.json', data: JSON.stringify(doc) }, mapping, { kind: 'products' }),
    );
    expect(job.result).toMatchObject({ created: 2, rejected: 1 });
    expect(await product(B(31))).toMatchObject({ sku: 'ERP-1', listPrice: 219990, categoryPath: ['Ev Tekstili', 'Nevresim'] });
    expect(await product('ERP-2')).toMatchObject({ listPrice: 189990, supplier: { code: 'TED-3', name: 'Denizli Havlu' } });
  });

  it('answers malformed JSON with 400 malformed_file, at preview and at start, and queues nothing', async () => {
    const jobsBefore = await countOf('job_runs');
    const bad = { name: 'erp.json', data: '{"products": [{"stokKodu": "X-1", }' };
    expectProblem(await postForm(owner, '/api/v1/imports/preview', { kind: 'products', file: bad }), 400, 'malformed_file');
    expectProblem(
      await postForm(owner, '/api/v1/imports', { kind: 'products', mapping: JSON.stringify({ sku: 'stokKodu' }), file: bad }),
      400,
      'malformed_file',
    );
    expect(await countOf('job_runs')).toBe(jobsBefore);
  });

  it('requires the sku mapping and catalog.write', async () => {
    const csv = 'Stok Kodu,Ürün Adı\r\nA,B\r\n';
    const res = await postForm(owner, '/api/v1/imports', {
      kind: 'products',
      mapping: JSON.stringify({ name: 'Ürün Adı' }),
      file: { name: 'a.csv', data: csv },
    });
    expect(expectProblem(res, 400, 'validation_failed').errors).toEqual([
      expect.objectContaining({ field: '/mapping/sku', code: 'required' }),
    ]);
    const analyst = await signedInAs(t, owner, 'analyst');
    expectProblem(
      await postForm(analyst, '/api/v1/imports/preview', { kind: 'products', file: { name: 'a.csv', data: csv } }),
      403,
      'forbidden',
    );
  });
});
