import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, orgsAcrossTheDateLine, signedInAs, startTestApp, type TestApp } from '../../testing/app';

let t: TestApp;
let owner: Caller;
let orgId: string;
const INJECTION = "=cmd|' /C calc'!A0";
beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
  const people = [
    { firstName: INJECTION, lastName: 'Saldırgan', phone: '0532 300 00 01', email: 'saldirgan@example.com', tags: ['ihracat'] },
    {
      firstName: 'Çiğdem',
      lastName: 'Öğüt',
      phone: '0532 300 00 02',
      email: 'cigdem@example.com',
      tags: ['ihracat'],
      cards: ['KART-1001'],
    },
    { firstName: 'Ilgaz', lastName: 'Irmak', phone: '0532 300 00 03', tags: ['yerel'] },
  ];
  for (const p of people) expect((await owner.post('/api/v1/customers', p)).status).toBe(201);
});
afterAll(() => t.close());

const csvLines = (body: string) => body.slice(1).trim().split('\r\n');

describe('customer export', () => {
  it('gives a marketer masked CSV in UTF-8 with BOM, filtered like the list, formulas neutralised, and audits it', async () => {
    const marketer = await signedInAs(t, owner, 'marketer');
    const res = await marketer.get('/api/v1/customers/export', { query: { format: 'csv', tag: 'ihracat' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const day = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Istanbul' }); // the org's zone
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="musteriler-${day}.csv"; filename*=UTF-8''${encodeURIComponent(`müşteriler-${day}.csv`)}`,
    );
    expect(String(res.body).startsWith('\uFEFF')).toBe(true);
    const lines = csvLines(String(res.body));
    expect(lines[0]).toMatch(/^Müşteri ID,Ad,Soyad,Cep Telefonu,E-posta,/);
    expect(lines).toHaveLength(3);
    const all = lines.join('\n');
    expect(all).toContain(`,'${INJECTION},Saldırgan,`);
    expect(all).toContain('+90 532 *** ** 01');
    expect(all).toContain('c***@example.com');
    expect(all).toContain('card:****1001');
    expect(all).not.toContain('5323000001');
    expect(all).not.toContain('cigdem@');
    expect(all).not.toContain('Ilgaz');
    const { rows } = await t.db.pool.query(`select actor_name, details from audit_log where org_id = $1 and action = 'customer.export'`, [
      orgId,
    ]);
    expect(rows).toEqual([
      {
        actor_name: expect.stringContaining('marketer'),
        details: { filters: { tag: 'ihracat' }, count: 2, format: 'csv', masked: true, truncated: false },
      },
    ]);
  });

  it("dates the file with the org's own day, not UTC's", async () => {
    for (const org of await orgsAcrossTheDateLine(t)) {
      const res = await org.owner.get('/api/v1/customers/export', { query: { format: 'csv' } });
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toContain(`filename="musteriler-${org.today()}.csv"`);
    }
  });

  it('gives an admin key an unmasked XLSX whose cells stay text', async () => {
    const key = (await owner.post('/api/v1/api-keys', { name: 'dışa aktarım', scopes: ['admin'] })).body.key;
    // The raw bytes: the test caller decodes bodies as text.
    const res = await t.app.http!.inject({
      method: 'GET',
      url: '/api/v1/customers/export?format=xlsx',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['x-export-rows']).toBe('3');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const values = wb.worksheets[0].getSheetValues().slice(1) as unknown[][];
    expect(values).toHaveLength(4);
    const names = values.map((r) => r[2]);
    expect(names).toContain(`'${INJECTION}`);
    expect(values.map((r) => r[4])).toContain('+905323000002');
    expect(values.map((r) => r[5])).toContain('cigdem@example.com');
  });

  it('is refused without customers.export and exports nothing of another org', async () => {
    const store = await owner.post('/api/v1/stores', { code: 'EXP01', name: 'Dışa Aktarım' });
    const associate = await signedInAs(t, owner, 'associate', [store.body.id]);
    expectProblem(await associate.get('/api/v1/customers/export'), 403, 'forbidden');
    const other = await t.newOrg();
    const res = await other.owner.get('/api/v1/customers/export');
    expect(csvLines(String(res.body))).toHaveLength(1);
    expectProblem(await owner.get('/api/v1/customers/export', { query: { format: 'pdf' } }), 400, 'validation_failed');
  });
});
