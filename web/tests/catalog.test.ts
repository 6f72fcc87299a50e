import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../server/src/app';
import { ean13 } from '../../server/src/modules/catalog/demo';
import { defineImportJob } from '../../server/src/platform/imports';
import { Jobs } from '../../server/src/platform/jobs/jobs';
import { type Caller, TEST_PASSWORD } from '../../server/src/testing/app';
import { type BrowserHarness, expectNoHorizontalScroll, hasChromium, signIn, startBrowserHarness } from './harness';

const OWNER = 'sahip@katalog-tekstil.example';

const search = (page: Page) => page.getByRole('searchbox', { name: 'Ürün ara' });
/** The product links of the list (the table at 1280, the cards at 390). */
const productLinks = (page: Page) => page.locator('main a[href^="/catalog/products/0"]');

describe.skipIf(!hasChromium)('the catalog screens in a real browser', () => {
  let h: BrowserHarness;
  let owner: Caller;
  let worker: Jobs;
  beforeAll(async () => {
    h = await startBrowserHarness();
    await bootstrap(h.t.app.ctx, { email: OWNER, password: TEST_PASSWORD }, { demo: true, customers: 20 });
    owner = await h.t.login(OWNER);
    // The harness serves HTTP only; a worker on the same database runs the import, as `--role worker` would.
    worker = new Jobs(h.t.db, { work: true, pollSeconds: 0.5 });
    defineImportJob({ ...h.t.app.ctx, jobs: worker });
    await worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await h?.close();
  });

  it('searches the demo catalog by Turkish-folded name and by barcode, and filters by category (1280 px)', async () => {
    const page = await h.page();
    await signIn(page, OWNER);
    await page.getByRole('navigation').getByRole('link', { name: 'Ürünler', exact: true }).click();
    await productLinks(page).first().waitFor();
    await h.screenshot(page, 'catalog-products-1280');

    // "KAZAK" typed in capitals finds the "Kazak" products, and only them.
    await search(page).fill('KAZAK');
    const kazak = (names: string[]) => names.length > 3 && names.every((n) => n.toLocaleLowerCase('tr').includes('kazak'));
    await expect.poll(async () => kazak(await productLinks(page).allTextContents())).toBe(true);

    // "ISIK DESENLI" finds "Işık Desenli".
    await search(page).fill('ISIK DESENLI');
    const isik = (names: string[]) => names.length > 0 && names.every((n) => n.includes('Işık'));
    await expect.poll(async () => isik(await productLinks(page).allTextContents())).toBe(true);

    // A scanner's barcode finds exactly its product.
    const scanned = await owner.get(`/api/v1/catalog/products/by-code/${ean13(4_271_001)}`);
    expect(scanned.status).toBe(200);
    await search(page).fill(ean13(4_271_001));
    await expect.poll(() => productLinks(page).allTextContents()).toEqual([scanned.body.name]);

    // The category filter from the address: only home textile bedding.
    await page.goto(`/catalog/products?category=${encodeURIComponent('Ev Tekstili > Nevresim')}`);
    await productLinks(page).first().waitFor();
    expect((await productLinks(page).allTextContents()).every((n) => n.includes('Nevresim'))).toBe(true);
    await page.getByText('Ev Tekstili > Nevresim').first().waitFor();
    await h.screenshot(page, 'catalog-products-filtered-1280');
    await page.context().close();
  });

  it('edits a product: price, barcode and an attribute, read back from the API', async () => {
    const page = await h.page();
    await signIn(page, OWNER);
    const target = (await owner.get('/api/v1/catalog/products', { query: { q: 'Saten Nevresim', limit: '1' } })).body.items[0];
    await page.goto(`/catalog/products/${target.id}`);
    const form = page.getByRole('form', { name: 'Ürün bilgileri' });
    await form.waitFor();
    await form.getByLabel('Liste fiyatı').fill('2.349,90');
    await form.getByLabel('Kalıp').fill('Standart');
    await form.getByLabel('Barkodlar').fill('8690000000011');
    await form.getByLabel('Barkodlar').press('Enter');
    await form.getByRole('button', { name: 'Kaydet' }).click();
    // A wrong check digit is refused by the server, on the field.
    await page.getByText(/Geçersiz barkod: 8690000000011/).waitFor();
    await h.screenshot(page, 'catalog-product-error-1280');
    await form.getByLabel('Barkodlar').press('Backspace');
    await form.getByLabel('Barkodlar').fill(ean13(777));
    await form.getByLabel('Barkodlar').press('Enter');
    await form.getByRole('button', { name: 'Kaydet' }).click();
    await page.getByText('Ürün kaydedildi.').waitFor();
    const saved = (await owner.get(`/api/v1/catalog/products/${target.id}`)).body;
    expect(saved).toMatchObject({ listPrice: 234990, attributes: { ...target.attributes, fit: 'Standart' } });
    expect(saved.barcodes.sort()).toEqual([...target.barcodes, ean13(777)].sort());
    await h.screenshot(page, 'catalog-product-1280');
    await page.context().close();
  });

  it('imports a small CSV through the wizard and finds the new product', async () => {
    const page = await h.page();
    await signIn(page, OWNER);
    await page.goto('/catalog/import');
    await page.getByRole('heading', { name: 'Ürün içe aktarma' }).waitFor();
    const csv = [
      'Stok Kodu;Ürün Adı;Barkod;Kategori;Marka;Liste Fiyatı;Renk;Beden',
      `WEB-1;Çizgili Keten Gömlek;${ean13(8001)};Erkek > Üst Giyim > Gömlek;Pierre Cardin;1.099,90;Mavi;L`,
      `WEB-1;;${ean13(8002)};;;;;`,
      'WEB-2;Hatalı Fiyat;;;;-5;;',
    ].join('\r\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'ürünler.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\r\n`) });
    await page.getByTestId('import-sample').waitFor();
    expect(await page.locator('input[data-field="sku"]').inputValue()).toBe('Stok Kodu');
    expect(await page.locator('input[data-field="listPrice"]').inputValue()).toBe('Liste Fiyatı');
    await h.screenshot(page, 'catalog-import-mapping-1280');
    await page.getByRole('button', { name: 'İçe aktarmayı başlat' }).click();
    await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-created').textContent()).toBe('1');
    expect(await page.getByTestId('import-merged').textContent()).toBe('1');
    expect(await page.getByTestId('import-rejected').textContent()).toBe('1');
    await page.getByText('Yeni ürün', { exact: true }).waitFor();
    await h.screenshot(page, 'catalog-import-result-1280');
    await page.getByRole('link', { name: 'Ürün listesine git' }).click();
    await search(page).fill('cizgili keten');
    await expect.poll(() => productLinks(page).allTextContents()).toEqual(['Çizgili Keten Gömlek']);
    await page.context().close();
  });

  it('works on a 390 px phone: list, search, product page, suppliers', async () => {
    const page = await h.page(390);
    await signIn(page, OWNER);
    await page.goto('/catalog/products');
    await productLinks(page).first().waitFor();
    await expectNoHorizontalScroll(page);
    await h.screenshot(page, 'catalog-products-390');
    await search(page).fill('polo tisort');
    const polo = (names: string[]) => names.length > 0 && names.every((n) => /polo tişört/i.test(n));
    await expect.poll(async () => polo(await productLinks(page).allTextContents())).toBe(true);
    await productLinks(page).first().click();
    await page.getByRole('form', { name: 'Ürün bilgileri' }).waitFor();
    await expectNoHorizontalScroll(page);
    await h.screenshot(page, 'catalog-product-390');
    await page.goto('/catalog/suppliers');
    await page.getByText('Uludağ Örme Tekstil San. ve Tic. A.Ş.').waitFor();
    await expectNoHorizontalScroll(page);
    await h.screenshot(page, 'catalog-suppliers-390');
    await page.getByRole('button', { name: 'Yeni tedarikçi' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tedarikçi kodu').fill('TED-001');
    await dialog.getByLabel('Firma adı').fill('Işıl Örme Ltd. Şti.');
    await dialog.getByRole('button', { name: 'Kaydet' }).click();
    // The code is taken by a demo supplier: the server says so on the field.
    await dialog.getByText('Bu tedarikçi kodu zaten kullanılıyor.').waitFor();
    await h.screenshot(page, 'catalog-supplier-form-390');
    await dialog.getByLabel('Tedarikçi kodu').fill('TED-900');
    await dialog.getByRole('button', { name: 'Kaydet' }).click();
    await page.getByText('Işıl Örme Ltd. Şti. eklendi.').waitFor();
    await page.getByRole('main').getByText('Işıl Örme Ltd. Şti.').waitFor();
    await page.context().close();
  });
});
