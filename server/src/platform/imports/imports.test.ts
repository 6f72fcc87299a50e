import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../testing/app';
import { detectDelimiter, splitUnquoted } from './parse';
import { neutralizeFormula } from './spreadsheet';
import { finishedJob, postForm, startImport } from './test-helpers';

let t: TestApp;
let owner: Caller;
let orgId: string;
beforeAll(async () => {
  t = await startTestApp({ worker: true });
  ({ owner, orgId } = await t.newOrg());
});
afterAll(() => t.close());

const TURKISH_CSV =
  'Adı Soyadı;Cep Telefonu;E-posta;Doğum Tarihi;İl;SMS İzni\r\nŞükrü Işıkgöz;0532 100 00 01;sukru@örnek.com.tr;01.02.1980;İzmir;evet\r\n';

const countOf = async (table: string) =>
  (await t.db.pool.query(`select count(*)::int as n from ${table} where org_id = $1`, [orgId])).rows[0].n as number;

describe('preview', () => {
  it('reads a Windows-1254 semicolon CSV from Turkish Excel and suggests the mapping from Turkish headers', async () => {
    const data = iconv.encode(TURKISH_CSV, 'windows-1254');
    expect(data.includes(Buffer.from('Ş', 'utf8'))).toBe(false); // really not UTF-8
    const res = await postForm(owner, '/api/v1/imports/preview', { kind: 'customers', file: { name: 'müşteriler.csv', data } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ format: 'csv', encoding: 'windows-1254', delimiter: ';', rowCount: 1 });
    expect(res.body.headers).toEqual(['Adı Soyadı', 'Cep Telefonu', 'E-posta', 'Doğum Tarihi', 'İl', 'SMS İzni']);
    expect(res.body.rows[0][0]).toBe('Şükrü Işıkgöz');
    expect(res.body.suggestedMapping).toEqual({
      fullName: 'Adı Soyadı',
      phone: 'Cep Telefonu',
      email: 'E-posta',
      birthday: 'Doğum Tarihi',
      city: 'İl',
      smsConsent: 'SMS İzni',
    });
  });

  it('takes UTF-8 with a BOM, quoted fields with delimiters and newlines, and case-insensitive folded headers', async () => {
    const csv = '\uFEFFMÜŞTERİ ADI,gsm,EPOSTA,Notlar\n"Yılmaz, Ayşe",05321000002,a@b.co,"iki\nsatır"\n';
    const res = await postForm(owner, '/api/v1/imports/preview', { kind: 'customers', file: { name: 'a.csv', data: csv } });
    expect(res.body).toMatchObject({ encoding: 'utf-8', delimiter: ',' });
    expect(res.body.headers[0]).toBe('MÜŞTERİ ADI');
    expect(res.body.rows[0]).toEqual(['Yılmaz, Ayşe', '05321000002', 'a@b.co', 'iki\nsatır']);
    expect(res.body.suggestedMapping).toMatchObject({ fullName: 'MÜŞTERİ ADI', phone: 'gsm', email: 'EPOSTA', note: 'Notlar' });
  });

  it('reads an XLSX built with exceljs: a chosen sheet, date cells and only the first 20 rows', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Boş');
    const ws = wb.addWorksheet('Müşteriler');
    ws.addRow(['Ad Soyad', 'Telefon', 'Doğum Tarihi']);
    for (let i = 0; i < 30; i++) ws.addRow([`Kişi ${i}`, 5320000000 + i, new Date(Date.UTC(1990, 2, 15))]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await postForm(owner, '/api/v1/imports/preview', {
      kind: 'customers',
      sheet: 'Müşteriler',
      file: { name: 'a.xlsx', data },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ format: 'xlsx', sheet: 'Müşteriler', sheets: ['Boş', 'Müşteriler'], rowCount: 30 });
    expect(res.body.rows).toHaveLength(20);
    expect(res.body.rows[0]).toEqual(['Kişi 0', 5320000000, '1990-03-15']);
    const missing = await postForm(owner, '/api/v1/imports/preview', { kind: 'customers', sheet: 'Yok', file: { name: 'a.xlsx', data } });
    expectProblem(missing, 400, 'unknown_sheet');
  });

  it('detects tab as delimiter', () => {
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(detectDelimiter('"a;b",c,d\n')).toBe(',');
  });

  it('splits a CSV without quotes as csv-parse does, and leaves quoted text to csv-parse', () => {
    const texts = ['a;b\r\n1;2\r\n\r\n3;4', 'a,b\n1,2\n', 'a\tb\r1\t2\r', 'x;y;z\n;\n5;6\n', 'tek\r\nsat\rır\r\n'];
    for (const text of texts) {
      const delimiter = detectDelimiter(text);
      const options = { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true };
      expect(splitUnquoted(text, delimiter), JSON.stringify(text)).toEqual(parseCsv(text, options));
      expect(splitUnquoted(text, delimiter, 2)).toEqual(parseCsv(text, { ...options, to: 2 }));
    }
    expect(splitUnquoted('a,"b,c"\n1,2\n', ',')).toBeNull();
  });
});

describe('starting an import', () => {
  it('refuses kinds that are not registered with 422 import_kind_unavailable', async () => {
    for (const kind of ['nope', '__proto__']) {
      const res = await postForm(owner, '/api/v1/imports', { kind, mapping: '{}', file: { name: 'a.csv', data: 'a\n1\n' } });
      expectProblem(res, 422, 'import_kind_unavailable');
    }
  });

  it('refuses an empty file, a missing file and a body that is not multipart', async () => {
    expectProblem(
      await postForm(owner, '/api/v1/imports', { kind: 'customers', mapping: '{}', file: { name: 'e.csv', data: '' } }),
      400,
      'empty_file',
    );
    expectProblem(
      await postForm(owner, '/api/v1/imports', { kind: 'customers', mapping: '{}', file: { name: 'e.csv', data: '\r\n\r\n' } }),
      400,
      'empty_file',
    );
    const noFile = expectProblem(await postForm(owner, '/api/v1/imports', { kind: 'customers', mapping: '{}' }), 400, 'validation_failed');
    expect(noFile.errors?.[0].field).toBe('/file');
    expectProblem(await owner.post('/api/v1/imports', { kind: 'customers' }), 415, 'unsupported_media_type');
    expect(await countOf('import_files')).toBe(0);
  });

  it('refuses a file over 50 MB with 413 file_too_large', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024 + 10, 'a');
    const res = await postForm(owner, '/api/v1/imports', { kind: 'customers', mapping: '{}', file: { name: 'big.csv', data: big } });
    expectProblem(res, 413, 'file_too_large');
    expect(await countOf('job_runs')).toBe(0);
  });

  it('answers 400 naming the field when the mapping points at a header the file does not have', async () => {
    const file = { name: 'a.csv', data: 'Ad Soyad,Telefon\nAli Veli,05321000003\n' };
    const bad = await postForm(owner, '/api/v1/imports', {
      kind: 'customers',
      mapping: JSON.stringify({ fullName: 'Ad Soyad', phone: 'Cep', shoeSize: 'Telefon' }),
      file,
    });
    const body = expectProblem(bad, 400, 'validation_failed');
    expect(body.errors).toEqual([
      { field: '/mapping/phone', code: 'unknown_header', detail: expect.stringContaining("'Cep'") },
      { field: '/mapping/shoeSize', code: 'unknown_field', detail: expect.any(String) },
    ]);
    const notJson = await postForm(owner, '/api/v1/imports', { kind: 'customers', mapping: '{"fullName":', file });
    expect(expectProblem(notJson, 400, 'validation_failed').errors?.[0].field).toBe('/mapping');
    const badOption = await postForm(owner, '/api/v1/imports', {
      kind: 'customers',
      mapping: '{}',
      options: JSON.stringify({ consentSource: "'; drop table customers; --" }),
      file,
    });
    expect(expectProblem(badOption, 400, 'validation_failed').errors?.[0].field).toBe('/options/consentSource');
    expect(await countOf('job_runs')).toBe(0);
  });

  it('fails a malformed CSV cleanly: the job reports why, nothing is written, the upload is deleted', async () => {
    const before = await countOf('customers');
    const data = 'Ad Soyad,Telefon\nAli Veli,05321000004\n"Ayşe Kaya,05321000005\nMehmet Can,05321000006\n';
    const jobId = await startImport(owner, { name: 'bozuk.csv', data }, { fullName: 'Ad Soyad', phone: 'Telefon' });
    const job = await finishedJob(owner, jobId);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/okunamadı/);
    expect(job.result).toMatchObject({ code: 'malformed_file', created: 0 });
    expect(await countOf('customers')).toBe(before);
    expect(await countOf('import_files')).toBe(0);
  });
});

describe('who may import', () => {
  it('an associate may neither preview nor import; a marketer may not download rejected rows', async () => {
    const store = await owner.post('/api/v1/stores', { code: 'IZM01', name: 'İzmir' });
    const associate = await signedInAs(t, owner, 'associate', [store.body.id]);
    const file = { name: 'a.csv', data: 'Telefon\n05321000007\n' };
    expectProblem(await postForm(associate, '/api/v1/imports/preview', { kind: 'customers', file }), 403, 'forbidden');
    expectProblem(
      await postForm(associate, '/api/v1/imports', { kind: 'customers', mapping: '{"phone":"Telefon"}', file }),
      403,
      'forbidden',
    );
    const jobId = await startImport(owner, { name: 'r.csv', data: 'Telefon\n123\n' }, { phone: 'Telefon' });
    expect((await finishedJob(owner, jobId)).result.rejected).toBe(1);
    const marketer = await signedInAs(t, owner, 'marketer');
    expectProblem(await marketer.get(`/api/v1/imports/${jobId}/rejected`), 403, 'forbidden');
    expect((await owner.get(`/api/v1/imports/${jobId}/rejected`)).status).toBe(200);
  });

  it('another org can read neither the job nor its rejected rows', async () => {
    const jobId = await startImport(owner, { name: 'r.csv', data: 'Telefon\n999\n' }, { phone: 'Telefon' });
    await finishedJob(owner, jobId);
    const other = await t.newOrg();
    expectProblem(await other.owner.get(`/api/v1/jobs/${jobId}`), 404, 'not_found');
    expectProblem(await other.owner.get(`/api/v1/imports/${jobId}/rejected`), 404, 'not_found');
  });
});

describe('formula injection', () => {
  it('gets a leading apostrophe; signed numbers and E.164 phones do not', () => {
    expect(neutralizeFormula("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    for (const s of ['+SUM(1)', '-2+3', '@A1', '\t=1', '\r=1']) expect(neutralizeFormula(s)).toBe(`'${s}`);
    for (const s of ['+905321234567', '-12,5', 'Ayşe', '']) expect(neutralizeFormula(s)).toBe(s);
  });
});
