import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedJob, postForm, startImport } from '../../../platform/imports/test-helpers';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../../testing/app';
import { salesImport } from '.';
import { cdnowCsv, groceriesCsv, hasReferenceData } from './reference-data';

let t: TestApp;
let owner: Caller;
let orgId: string;
let storeId: string;

beforeAll(async () => {
  t = await startTestApp({ worker: true });
  ({ owner, orgId } = await t.newOrg());
  storeId = (await owner.post('/api/v1/stores', { code: 'KDK01', name: 'Kadıköy' })).body.id;
});
afterAll(() => t.close());

const count = async (table: string, where = 'true', params: unknown[] = [], org = orgId) =>
  (await t.db.pool.query(`select count(*)::int as n from ${table} where org_id = $1 and ${where}`, [org, ...params])).rows[0].n as number;

const importSales = async (caller: Caller, name: string, data: Buffer | string, mapping: Record<string, string>, options?: object) => {
  const jobId = await startImport(caller, { name, data }, mapping, { kind: 'sales', options });
  const job = await finishedJob(caller, jobId, 120_000);
  expect(job.status, JSON.stringify(job)).toBe('succeeded');
  return { jobId, job };
};

const HEADERS =
  'Fiş No;Tarih;Mağaza Kodu;Cep Telefonu;E-posta;Müşteri No;Ürün Kodu;Ürün Adı;Kategori;Marka;Miktar;Birim Fiyat;Satır Tutarı';
const MAPPING = {
  receiptNumber: 'Fiş No',
  occurredAt: 'Tarih',
  storeCode: 'Mağaza Kodu',
  customerPhone: 'Cep Telefonu',
  customerEmail: 'E-posta',
  customerExternalId: 'Müşteri No',
  sku: 'Ürün Kodu',
  productName: 'Ürün Adı',
  category: 'Kategori',
  brand: 'Marka',
  quantity: 'Miktar',
  unitPrice: 'Birim Fiyat',
  lineTotal: 'Satır Tutarı',
};

describe('historical sales import', () => {
  const file = iconv.encode(
    `${[
      HEADERS,
      // Receipt A: rows not adjacent; a known customer by phone; Turkish decimals; a day-first date at night.
      'A-1;01.03.2026 23:30;KDK01;0532 410 00 01;;;ÇRŞ-01;Çarşaf Takımı;Ev Tekstili > Nevresim;Özdilek;1;1.249,90;',
      'B-1;20260302;KDK01;;yeni.musteri@example.com;;HVL-02;Havlu Seti;Ev Tekstili/Havlu;Taç;2;;199,80',
      'A-1;01.03.2026 23:30;KDK01;0532 410 00 01;;;YSTK-03;Yastık;Ev Tekstili;;0,5;100,00;',
      // Receipt C: no store code (rows of a file may name none), customer by external id.
      'C-1;2026-03-03 10:05:00;;;;ERP-77;;Terzi tadilatı;;;1;;150',
      // Rejected rows: bad date, unknown store, bad price, bad quantity, bad phone, no number.
      'D-1;31.02.2026;KDK01;;;;X;X;;;1;1;',
      'E-1;2026-03-03;YOK99;;;;X;X;;;1;1;',
      'F-1;2026-03-03;KDK01;;;;X;X;;;1;on lira;',
      'G-1;2026-03-03;KDK01;;;;X;X;;;-2;1;',
      'H-1;2026-03-03;KDK01;12345;;;X;X;;;1;1;',
      ';2026-03-03;KDK01;;;;X;X;;;1;1;',
      'I-1;2026-03-03;KDK01;;;;X;X;;;1;;',
    ].join('\r\n')}\r\n`,
    'windows-1254',
  );
  let first: Awaited<ReturnType<typeof importSales>>;

  beforeAll(async () => {
    expect((await owner.post('/api/v1/customers', { firstName: 'Kayıtlı', phone: '0532 410 00 01' })).status).toBe(201);
    first = await importSales(owner, 'satislar.csv', file, MAPPING);
  });

  it('groups rows into receipts, reading Windows-1254, dates in the org zone and Turkish decimals', async () => {
    expect(first.job.result).toMatchObject({ created: 3, updated: 0, merged: 1, rejected: 7, lines: 4, customersCreated: 2 });
    const list = await owner.get('/api/v1/sales/receipts', { query: { source: 'import' } });
    const byNumber = Object.fromEntries(list.body.items.map((r: { receiptNumber: string }) => [r.receiptNumber, r]));
    const known = (await owner.get('/api/v1/customers/lookup', { query: { kind: 'phone', value: '05324100001' } })).body;
    expect(byNumber['A-1']).toMatchObject({
      storeId,
      occurredAt: '2026-03-01T20:30:00.000Z',
      businessDate: '2026-03-01',
      customerId: known.id,
      subtotal: 129_990,
      total: 129_990,
    });
    const a = (await owner.get(`/api/v1/sales/receipts/${byNumber['A-1'].id}`)).body;
    expect(a.lines).toMatchObject([
      {
        lineNo: 1,
        sku: 'ÇRŞ-01',
        productName: 'Çarşaf Takımı',
        categoryPath: ['Ev Tekstili', 'Nevresim'],
        brand: 'Özdilek',
        quantity: 1,
        unitPrice: 124_990,
        lineTotal: 124_990,
        productId: expect.any(String),
      },
      { lineNo: 2, sku: 'YSTK-03', quantity: 0.5, unitPrice: 10_000, lineTotal: 5_000 },
    ]);
    expect(byNumber['B-1']).toMatchObject({ businessDate: '2026-03-02', total: 19_980 });
    const b = (await owner.get(`/api/v1/sales/receipts/${byNumber['B-1'].id}`)).body;
    expect(b.lines[0]).toMatchObject({ quantity: 2, unitPrice: 9_990, lineDiscount: 0, lineTotal: 19_980 });
    const newCustomer = (await owner.get('/api/v1/customers/lookup', { query: { kind: 'email', value: 'yeni.musteri@example.com' } })).body;
    expect(newCustomer).toMatchObject({ id: byNumber['B-1'].customerId, createdVia: 'import' });
    expect(byNumber['C-1']).toMatchObject({ storeId: null, total: 15_000 });
    const erp = (await owner.get('/api/v1/customers/lookup', { query: { kind: 'external', value: 'import:ERP-77' } })).body;
    expect(byNumber['C-1'].customerId).toBe(erp.id);
    const c = (await owner.get(`/api/v1/sales/receipts/${byNumber['C-1'].id}`)).body;
    expect(c.lines[0]).toMatchObject({ sku: null, productId: null, productName: 'Terzi tadilatı' });
    // Products came through the catalog.
    expect(await count('products', "sku in ('ÇRŞ-01', 'HVL-02', 'YSTK-03')")).toBe(3);
    // Events for the timeline, at the time of the sale.
    expect(
      await count('events', "type = 'sale.receipt_recorded' and customer_id = $2 and occurred_at = '2026-03-01T20:30:00Z'", [known.id]),
    ).toBe(1);
  });

  it('keeps the rejected rows with their reasons', async () => {
    const rejected = await owner.get(`/api/v1/imports/${first.jobId}/rejected`);
    const text = String(rejected.body);
    for (const reason of [
      'Tarih okunamadı',
      'Mağaza bulunamadı: YOK99',
      'Tutar okunamadı: on lira',
      'Miktar okunamadı: -2',
      'Geçersiz cep telefonu',
      'Fiş numarası boş',
      'Birim fiyat ya da satır tutarı boş',
    ]) {
      expect(text, reason).toContain(reason);
    }
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = {
      receipts: await count('receipts'),
      lines: await count('receipt_lines'),
      customers: await count('customers'),
      products: await count('products'),
      events: await count('events', "type like 'sale.%'"),
    };
    const again = await importSales(owner, 'satislar.csv', file, MAPPING);
    expect(again.job.result).toMatchObject({ created: 0, updated: 4, merged: 0, lines: 0, customersCreated: 0 });
    expect({
      receipts: await count('receipts'),
      lines: await count('receipt_lines'),
      customers: await count('customers'),
      products: await count('products'),
      events: await count('events', "type like 'sale.%'"),
    }).toEqual(before);
  });

  it('puts the rows of one receipt together across chunks, and applies a default store', async () => {
    const rows = ['receiptNumber,occurredAt,sku,quantity,unitPrice,phone'];
    const chunk = salesImport.chunkRows!;
    const count = 2 * chunk + 600;
    const spanning = [10, chunk + 500, 2 * chunk + 400]; // in each of three chunks
    const edge = [chunk - 2, chunk - 1, chunk, chunk + 1]; // rows in a row, across the first chunk's end
    const end = [count - 2, count - 1]; // the file's last rows
    // Customers and products the first chunk creates buy and are bought again in the next ones,
    // while that chunk may still be writing its facts.
    const phone = (i: number) => `0532 900 ${String(i % 50).padStart(4, '0')}`;
    for (let i = 0; i < count; i++) {
      const number = spanning.includes(i) ? 'SPAN-1' : edge.includes(i) ? 'EDGE-1' : end.includes(i) ? 'END-1' : `N-${i}`;
      rows.push(`${number},2026-02-0${1 + (i % 9)},SKU-${i % 40},1,${(i % 7) + 1}.50,${phone(i)}`);
    }
    const { job } = await importSales(
      owner,
      'buyuk.csv',
      `${rows.join('\n')}\n`,
      {
        receiptNumber: 'receiptNumber',
        occurredAt: 'occurredAt',
        sku: 'sku',
        quantity: 'quantity',
        unitPrice: 'unitPrice',
        customerPhone: 'phone',
      },
      { storeCode: 'KDK01' },
    );
    expect(job.result).toMatchObject({ created: count - 6, lines: count, rejected: 0, customersCreated: 50 });
    const buyer = (await owner.get('/api/v1/customers', { query: { q: '05329000007' } })).body.items[0];
    // Rows 7, 57, … 10,557: one receipt each, in all three chunks (the facts invariant checks the rest).
    const bought = (await owner.get('/api/v1/sales/summary', { query: { customerId: buyer.id } })).body;
    expect(bought.receipts).toBe(Math.ceil((count - 7) / 50));
    const span = (await owner.get('/api/v1/sales/receipts', { query: { receiptNumber: 'SPAN-1' } })).body.items[0];
    expect(span).toMatchObject({ storeId });
    for (const [number, at] of [
      ['SPAN-1', spanning],
      ['EDGE-1', edge],
      ['END-1', end],
    ] as const) {
      const receipt = (await owner.get('/api/v1/sales/receipts', { query: { receiptNumber: number } })).body.items[0];
      expect(receipt.total, number).toBe(at.reduce((sum, i) => sum + (i % 7) * 100 + 150, 0));
      const detail = (await owner.get(`/api/v1/sales/receipts/${receipt.id}`)).body;
      expect(detail.lines.map((l: { lineNo: number; sku: string }) => [l.lineNo, l.sku])).toEqual(
        at.map((i, k) => [k + 1, `SKU-${i % 40}`]),
      );
    }
  });

  it('reads XLSX files with date cells and numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Satışlar');
    ws.addRow(['Fiş No', 'Tarih', 'Ürün Kodu', 'Adet', 'Tutar', 'Telefon']);
    ws.addRow(['X-1', new Date(Date.UTC(2026, 2, 4, 15, 45)), 'XL-1', 2, 99.9, 905324100099]);
    ws.addRow(['X-2', 46086, 'XL-2', 1, 10, null]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const { job } = await importSales(owner, 'satislar.xlsx', data, {
      receiptNumber: 'Fiş No',
      occurredAt: 'Tarih',
      sku: 'Ürün Kodu',
      quantity: 'Adet',
      lineTotal: 'Tutar',
      customerPhone: 'Telefon',
    });
    expect(job.result).toMatchObject({ created: 2, rejected: 0, customersCreated: 1 });
    const x1 = (await owner.get('/api/v1/sales/receipts', { query: { receiptNumber: 'X-1' } })).body.items[0];
    expect(x1).toMatchObject({ occurredAt: '2026-03-04T12:45:00.000Z', total: 9_990 });
    const x2 = (await owner.get('/api/v1/sales/receipts', { query: { receiptNumber: 'X-2' } })).body.items[0];
    expect(x2).toMatchObject({ businessDate: '2026-03-05', total: 1_000 });
  });

  it('needs sales.import, the required fields and a sane mapping', async () => {
    const manager = await signedInAs(t, owner, 'store_manager', [storeId]);
    const res = await postForm(manager, '/api/v1/imports', { kind: 'sales', mapping: '{}', file: { name: 'x.csv', data: 'a,b\n1,2\n' } });
    expectProblem(res, 403, 'forbidden');
    const missing = await postForm(owner, '/api/v1/imports', {
      kind: 'sales',
      mapping: JSON.stringify({ receiptNumber: 'a' }),
      file: { name: 'x.csv', data: 'a,b\n1,2\n' },
    });
    expect(expectProblem(missing, 400, 'validation_failed').errors?.map((e) => e.field)).toEqual(['/mapping/occurredAt']);
    const preview = await postForm(owner, '/api/v1/imports/preview', {
      kind: 'sales',
      file: { name: 'x.csv', data: `${HEADERS.replaceAll(';', ',')}\n` },
    });
    expect(preview.body.suggestedMapping).toEqual(MAPPING);
  });
});

describe.skipIf(!hasReferenceData)('reference data', () => {
  it('imports CDNOW: 6,919 receipts of 2,357 customers, to the cent', async () => {
    const org = await t.newOrg();
    const csv = cdnowCsv();
    const started = Date.now();
    const { job } = await importSales(org.owner, 'cdnow.csv', csv, {
      receiptNumber: 'receiptNumber',
      customerExternalId: 'customerExternalId',
      occurredAt: 'occurredAt',
      quantity: 'quantity',
      lineTotal: 'lineTotal',
    });
    const seconds = (Date.now() - started) / 1000;
    expect(job.result).toMatchObject({ created: 6919, rejected: 0, customersCreated: 2357 });
    expect(await count('receipts', 'true', [], org.orgId)).toBe(6919);
    expect(await count('customers', 'true', [], org.orgId)).toBe(2357);
    const { rows } = await t.db.pool.query(
      `select count(distinct customer_id)::int as customers, sum(total)::bigint as total, min(business_date)::text as first, max(business_date)::text as last
         from receipts where org_id = $1`,
      [org.orgId],
    );
    const dollars = csv
      .trim()
      .split('\n')
      .slice(1)
      .reduce((s, l) => s + Math.round(Number(l.split(',')[4]) * 100), 0);
    expect(rows[0]).toMatchObject({ customers: 2357, total: String(dollars), first: '1997-01-01', last: '1998-06-30' });
    console.log(`cdnow: 6,919 rows in ${seconds.toFixed(1)} s`);
  }, 180_000);

  it('imports groceries: 9,835 receipts and 169 products', async () => {
    const org = await t.newOrg();
    const csv = groceriesCsv();
    const started = Date.now();
    const { job } = await importSales(org.owner, 'groceries.csv', csv, {
      receiptNumber: 'receiptNumber',
      occurredAt: 'occurredAt',
      sku: 'sku',
      productName: 'productName',
    });
    const seconds = (Date.now() - started) / 1000;
    const items = csv.trim().split('\n').length - 1;
    expect(job.result).toMatchObject({ created: 9835, lines: items, rejected: 0 });
    expect(await count('receipts', 'true', [], org.orgId)).toBe(9835);
    expect(await count('products', 'true', [], org.orgId)).toBe(169);
    expect(
      await count('receipts', "id in (select receipt_id from receipt_lines where org_id = $1 and sku = 'whole milk')", [], org.orgId),
    ).toBe(2513);
    console.log(`groceries: ${items} rows in ${seconds.toFixed(1)} s`);
  }, 180_000);
});
