import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedJob, startImport } from '../../../platform/imports/test-helpers';
import { type Caller, startTestApp, type TestApp } from '../../../testing/app';

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

const lookup = async (kind: string, value: string) => (await owner.get('/api/v1/customers/lookup', { query: { kind, value } })).body;
const count = async (sql: string) => (await t.db.pool.query(`select count(*)::int as n from ${sql}`, [orgId])).rows[0].n as number;

const HEADERS = 'Adı Soyadı;Cep Telefonu;E-posta;Doğum Tarihi;Cinsiyet;İl;İlçe;Mağaza Kodu;Kart No;Etiketler;Not;SMS İzni;E-posta İzni';
const MAPPING = {
  fullName: 'Adı Soyadı',
  phone: 'Cep Telefonu',
  email: 'E-posta',
  birthday: 'Doğum Tarihi',
  gender: 'Cinsiyet',
  city: 'İl',
  district: 'İlçe',
  storeCode: 'Mağaza Kodu',
  cardNumber: 'Kart No',
  tags: 'Etiketler',
  note: 'Not',
  smsConsent: 'SMS İzni',
  emailConsent: 'E-posta İzni',
};

describe('customer import', () => {
  let jobId: string;
  let job: Record<string, never> & { status: string; done: number; total: number; result: Record<string, unknown> };

  beforeAll(async () => {
    expect((await owner.post('/api/v1/customers', { firstName: 'Mevcut', lastName: 'Müşteri', email: 'mevcut@example.com' })).status).toBe(
      201,
    );
    expect((await owner.post('/api/v1/customers', { firstName: 'Birinci', phone: '0532 299 00 01' })).status).toBe(201);
    expect((await owner.post('/api/v1/customers', { firstName: 'İkinci', email: 'ikinci@example.com' })).status).toBe(201);
    const lines = [
      HEADERS,
      'Ayşe Nur Yılmaz;0532 200 00 01;ayse@example.com;15.03.1990;K;istanbul;kadıköy;KDK01;;VIP, Yeni;Kapıda ödeme sever;evet;evet',
      'AYŞE NUR YILMAZ;+90 (532) 200-00-01;;;;;;;;;;;',
      'Mehmet Öztürk;5322000002;;1985-07-01;E;Ankara;;;;;;;',
      'Şule Çelik;905322000003;;--12-31;Kadın;;;;;;;x;',
      'Mevcut Müşteri;0532 200 00 04;MEVCUT@example.com;;;Bursa;;;;;;;',
      'Çakışma Satırı;0532 299 00 01;ikinci@example.com;;;;;;;;;;',
      'Hatalı Telefon;12345;;;;;;;;;;;',
      'Kimliksiz;;;;;;;;;;;;',
      'Ömer Faruk;0532 200 00 05;;31.02.1990;;;;;;;;;',
      'Gülşen İnce;0532 200 00 06;;;;;;YOK99;;;;;',
      `"=cmd|' /C calc'!A0";0532 200 00 07;;;;;;;;;;belki;`,
      'İlker Işık;;ilker@example.com;;;;;;MHT-5555;;;;',
      'İ. Işık;0532 200 00 08;;;;;;;mht-5555 ;;;;',
    ];
    const data = iconv.encode(`${lines.join('\r\n')}\r\n`, 'windows-1254');
    jobId = await startImport(owner, { name: 'müşteri listesi.csv', data }, MAPPING);
    job = await finishedJob(owner, jobId);
  });

  it('counts created, updated (matched the database), merged (an earlier row) and rejected rows', () => {
    expect(job).toMatchObject({ status: 'succeeded', done: 13, total: 13, progress: 100 });
    expect(job.result).toMatchObject({ created: 4, updated: 1, merged: 2, rejected: 6, rejectedFile: `/api/v1/imports/${jobId}/rejected` });
  });

  it('splits full names, normalises every phone form, and reads Turkish dates, genders and places', async () => {
    const ayse = await lookup('phone', '+905322000001');
    expect(ayse).toMatchObject({
      firstName: 'Ayşe Nur',
      lastName: 'Yılmaz',
      email: 'ayse@example.com',
      birthday: '1990-03-15',
      gender: 'female',
      city: 'İstanbul',
      district: 'Kadıköy',
      tags: ['VIP', 'Yeni'],
      createdVia: 'import',
      createdStoreId: storeId,
      preferredStoreId: storeId,
      createdBy: { type: 'user', name: 'Owner' },
      consentRecorded: true,
    });
    expect(await lookup('phone', '0532 200 00 02')).toMatchObject({
      firstName: 'Mehmet',
      lastName: 'Öztürk',
      birthday: '1985-07-01',
      gender: 'male',
    });
    expect(await lookup('phone', '+905322000003')).toMatchObject({ firstName: 'Şule', birthday: '--12-31', gender: 'female' });
    const notes = await owner.get(`/api/v1/customers/${ayse.id}/notes`);
    expect(notes.body.items.map((n: { body: string }) => n.body)).toEqual(['Kapıda ödeme sever']);
  });

  it('folds a later row into the earlier row naming the same customer, across identity kinds', async () => {
    const ilker = await lookup('card', 'MHT-5555');
    expect(ilker).toMatchObject({ firstName: 'İlker', lastName: 'Işık', email: 'ilker@example.com', phone: '+905322000008' });
    expect(await count(`customers where org_id = $1 and name_key like 'ayse nur%'`)).toBe(1);
  });

  it('updates a customer found in the database and adds the identities it did not have', async () => {
    const existing = await lookup('email', 'mevcut@example.com');
    expect(existing).toMatchObject({ firstName: 'Mevcut', phone: '+905322000004', city: 'Bursa', createdVia: 'store' });
  });

  it('records the consent columns with the import source', async () => {
    expect(job.result.consentsRecorded).toBe(3);
    const { rows } = await t.db.pool.query(`select channel, status, source from consents where org_id = $1 order by channel`, [orgId]);
    expect(rows).toEqual([
      { channel: 'email', status: 'granted', source: 'HS_FIZIKSEL_ORTAM' },
      { channel: 'sms', status: 'granted', source: 'HS_FIZIKSEL_ORTAM' },
      { channel: 'sms', status: 'granted', source: 'HS_FIZIKSEL_ORTAM' },
    ]);
  });

  it('offers the rejected rows as a CSV: the original columns, a Turkish reason, formulas neutralised', async () => {
    const res = await owner.get(`/api/v1/imports/${jobId}/rejected`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="musteri_listesi-rejected.csv"; filename*=UTF-8''${encodeURIComponent('müşteri listesi-rejected.csv')}`,
    );
    const text = String(res.body);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(`${HEADERS.replaceAll(';', ',')},Ret nedeni`);
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(/^Çakışma Satırı,0532 299 00 01,ikinci@example.com,.*iki farklı müşteriye ait/);
    expect(lines[2]).toMatch(/^Hatalı Telefon,12345,.*Geçerli bir cep telefonu değil: 12345$/);
    expect(lines[3]).toMatch(/^Kimliksiz,.*en az biri gerekli\."$/);
    expect(lines[4]).toMatch(/^Ömer Faruk,.*Doğum tarihi anlaşılamadı: 31\.02\.1990$/);
    expect(lines[5]).toMatch(/^Gülşen İnce,.*Bu kodla bir mağaza yok: YOK99$/);
    expect(lines[6]).toMatch(/^'=cmd\|' \/C calc'!A0,.*smsConsent sütunu anlaşılamadı/);
  });

  it('matches everything on a second run of the same rows: nothing is created twice', async () => {
    const before = await count('customers where org_id = $1');
    const data = `${HEADERS}\nAyşe Nur Yılmaz;05322000001;;;;;;;;;;;\nMehmet Öztürk;0532 200 00 02;;;;Eskişehir;;;;;;;\n`;
    const again = await finishedJob(owner, await startImport(owner, { name: 'tekrar.csv', data }, MAPPING));
    expect(again.result).toMatchObject({ created: 0, updated: 2, merged: 0, rejected: 0, rejectedFile: null });
    expect(await count('customers where org_id = $1')).toBe(before);
    expect(await lookup('phone', '05322000002')).toMatchObject({ city: 'Eskişehir' });
  });

  it("writes the reasons in the importer's language", async () => {
    const data = 'Phone,Name\n12345,Bad Number\n';
    const id = await startImport(
      owner,
      { name: 'en.csv', data },
      { phone: 'Phone', fullName: 'Name' },
      { headers: { 'accept-language': 'en' } },
    );
    expect((await finishedJob(owner, id)).result.rejected).toBe(1);
    const text = String((await owner.get(`/api/v1/imports/${id}/rejected`)).body);
    expect(text).toContain('Phone,Name,Reason\r\n12345,Bad Number,Not a valid mobile phone: 12345');
  });
});

describe('customer import from XLSX', () => {
  it('reads numbers typed as phones, date cells, Excel serial dates and boolean consents', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sayfa1');
    ws.addRow(['Ad', 'Soyad', 'GSM', 'Doğum Tarihi', 'SMS İzni', 'Müşteri No']);
    ws.addRow(['Zeynep', 'Kılıç', 905322100001, new Date(Date.UTC(1992, 10, 5)), true, 'erp:77']);
    ws.addRow(['Oğuz', 'Şahin', 5322100002, 32947, false, 88]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const mapping = {
      firstName: 'Ad',
      lastName: 'Soyad',
      phone: 'GSM',
      birthday: 'Doğum Tarihi',
      smsConsent: 'SMS İzni',
      externalId: 'Müşteri No',
    };
    const job = await finishedJob(
      owner,
      await startImport(owner, { name: 'liste.xlsx', data }, mapping, { options: { externalSystem: 'logo' } }),
    );
    expect(job.result).toMatchObject({ created: 2, rejected: 0, consentsRecorded: 1, consentsRejected: 1 });
    expect(await lookup('external', 'erp:77')).toMatchObject({ firstName: 'Zeynep', phone: '+905322100001', birthday: '1992-11-05' });
    expect(await lookup('external', 'logo:88')).toMatchObject({ lastName: 'Şahin', phone: '+905322100002', birthday: '1990-03-15' });
  });
});
