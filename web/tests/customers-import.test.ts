import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../server/src/app';
import { defineImportJob } from '../../server/src/platform/imports';
import { Jobs } from '../../server/src/platform/jobs/jobs';
import { TEST_PASSWORD } from '../../server/src/testing/app';
import { type BrowserHarness, expectNoHorizontalScroll, hasChromium, signIn, startBrowserHarness } from './harness';

const OWNER = 'sahip@ithalat-tekstil.example';

/** A Turkish Excel "CSV": Windows-1254, semicolons, Turkish headers; one bad phone, one repeat. */
function turkishCsv(prefix: string) {
  const rows = [
    'Adı Soyadı;Cep Telefonu;E-posta;SMS İzni',
    `Ayşe Nur Yılmaz;0532 ${prefix}1 00 01;ayse.${prefix}@ornek.com.tr;evet`,
    `Şükrü Işıkgöz;0532 ${prefix}1 00 02;;hayır`,
    `AYŞE NUR YILMAZ;+90 532 ${prefix}1 00 01;;`,
    'Hatalı Numara;12345;;',
  ];
  return iconv.encode(`${rows.join('\r\n')}\r\n`, 'windows-1254');
}

async function upload(page: Page, prefix: string) {
  await page.goto('/customers/import');
  await page.getByRole('heading', { name: 'Müşteri içe aktarma' }).waitFor();
  await page.locator('input[type=file]').setInputFiles({ name: 'müşteriler.csv', mimeType: 'text/csv', buffer: turkishCsv(prefix) });
  await page.getByTestId('import-sample').waitFor();
}

describe.skipIf(!hasChromium)('customer import wizard in a real browser', () => {
  let h: BrowserHarness;
  let worker: Jobs;
  beforeAll(async () => {
    h = await startBrowserHarness();
    await bootstrap(h.t.app.ctx, { email: OWNER, password: TEST_PASSWORD }, { demo: false });
    // The harness serves HTTP only; a worker on the same database runs the import, as `--role worker` would.
    worker = new Jobs(h.t.db, { work: true, pollSeconds: 0.5 });
    defineImportJob({ ...h.t.app.ctx, jobs: worker });
    await worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await h?.close();
  });

  it('reads a Turkish CSV, suggests the mapping, runs the job and shows the counts (1280 px)', async () => {
    const page = await h.page(1280);
    await signIn(page, OWNER);
    await upload(page, '41');
    await expect.poll(() => page.getByText('Kodlama: windows-1254').count()).toBe(1);
    expect(await page.getByTestId('import-sample').getByText('Şükrü Işıkgöz').count()).toBe(1);
    // The mapping selects (one per field of ours) come filled from the Turkish headers.
    const mapped = (field: string) => page.locator(`input[data-field="${field}"]`).inputValue();
    expect(await page.getByText('Ad soyad (tek sütun)', { exact: true }).count()).toBe(1);
    expect(await mapped('fullName')).toBe('Adı Soyadı');
    expect(await mapped('phone')).toBe('Cep Telefonu');
    expect(await mapped('email')).toBe('E-posta');
    expect(await mapped('smsConsent')).toBe('SMS İzni');
    expect(await mapped('lastName')).toBe('');
    await h.screenshot(page, 'customers-import-mapping-1280');

    await page.getByRole('button', { name: 'İçe aktarmayı başlat' }).click();
    await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-created').textContent()).toBe('2');
    expect(await page.getByTestId('import-merged').textContent()).toBe('1');
    expect(await page.getByTestId('import-rejected').textContent()).toBe('1');
    const href = await page.getByTestId('import-rejected-file').getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/imports\/[0-9a-f-]{36}\/rejected$/);
    const rejected = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    expect(rejected).toContain('Hatalı Numara,12345,,,Geçerli bir cep telefonu değil: 12345');
    await h.screenshot(page, 'customers-import-result-1280');
  });

  it('works on a 390 px phone without sideways scrolling', async () => {
    const page = await h.page(390);
    await signIn(page, OWNER);
    await upload(page, '42');
    await expectNoHorizontalScroll(page);
    await h.screenshot(page, 'customers-import-mapping-390');
    await page.getByRole('button', { name: 'İçe aktarmayı başlat' }).click();
    await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-rejected').textContent()).toBe('1');
    await expectNoHorizontalScroll(page);
    await h.screenshot(page, 'customers-import-result-390');
  });
});
