import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../server/src/app';
import { demoProducts } from '../../server/src/modules/catalog/demo';
import { defineImportJob } from '../../server/src/platform/imports';
import { Jobs } from '../../server/src/platform/jobs/jobs';
import { type Caller, TEST_PASSWORD } from '../../server/src/testing/app';
import { type BrowserHarness, expectNoHorizontalScroll, hasChromium, SCREENSHOTS, signIn, startBrowserHarness } from './harness';

const OWNER = 'sahip@satis-demo.example';
const ASSOCIATE = 'kasiyer@satis-demo.example';

describe.skipIf(!hasChromium)('the sales screens in a real browser', () => {
  let h: BrowserHarness;
  let owner: Caller;
  let store: { id: string; code: string };
  let order: { id: string; orderNumber: string; lines: { productName: string }[] };
  let worker: Jobs;

  beforeAll(async () => {
    h = await startBrowserHarness();
    await bootstrap(h.t.app.ctx, { email: OWNER, password: TEST_PASSWORD }, { demo: true, customers: 60 });
    owner = await h.t.login(OWNER);
    store = (await owner.get('/api/v1/stores', { query: { q: 'BRS-01' } })).body.items[0];
    const customer = (await owner.get('/api/v1/customers', { query: { limit: '1' } })).body.items[0];
    const [first, second] = demoProducts();
    const res = await owner.post('/api/v1/sales/orders', {
      channel: 'web',
      orderNumber: 'WEB-2026-0042',
      placedAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
      customerId: customer.id,
      shippingTotal: 4_990,
      lines: [
        { sku: first.sku, quantity: 1, unitPrice: 129_990 },
        { sku: second.sku, quantity: 2, unitPrice: 49_990, discounts: [{ ruleId: 'web-2al', label: 'İkinciye %20', amount: 9_998 }] },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    order = res.body.order;
    for (const status of ['paid', 'shipped', 'delivered']) await owner.post(`/api/v1/sales/orders/${order.id}/status`, { status });
    const invite = await owner.post('/api/v1/users', { email: ASSOCIATE, name: 'Kasa Görevlisi', role: 'associate', storeIds: [store.id] });
    const token = invite.body.invite.url.split('/').pop();
    expect((await h.t.anonymous.post(`/api/v1/auth/tokens/${token}`, { password: TEST_PASSWORD })).status).toBe(204);
    // The harness serves HTTP only; a worker on the same database runs imports, as `--role worker` would.
    worker = new Jobs(h.t.db, { work: true, pollSeconds: 0.5 });
    defineImportJob({ ...h.t.app.ctx, jobs: worker });
    await worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await h?.close();
  });

  it('lists receipts and orders with filters, and shows a receipt with its lines and payments', async () => {
    const page = await h.page();
    await signIn(page, OWNER);
    await page.getByRole('navigation').getByRole('link', { name: 'Satışlar', exact: true }).click();
    const receiptLinks = page.locator('main a[href^="/sales/receipts/"]');
    await receiptLinks.first().waitFor();
    expect(await receiptLinks.count()).toBe(25);
    await expect.poll(() => page.getByRole('main').getByText(/₺\d/).count()).toBeGreaterThan(10);
    await page.getByRole('button', { name: 'Daha fazla göster' }).click();
    await expect.poll(() => receiptLinks.count()).toBe(50);
    await h.screenshot(page, 'sales-list-1280-tr');

    // Anonymous receipts only: no customer link in the rows.
    await page.locator('label', { hasText: /^Anonim$/ }).click();
    await expect.poll(() => page.url()).toContain('who=anonymous');
    await expect.poll(() => page.locator('main a[href^="/customers/"]').count()).toBe(0);

    await receiptLinks.first().click();
    await page.getByRole('heading', { name: /^Fiş / }).waitFor();
    await page.getByText('Satırlar').waitFor();
    await page.getByText('Ödemeler').waitFor();
    await page.getByText('Sonradan sahiplenme').waitFor();
    await h.screenshot(page, 'sales-receipt-1280-tr');

    await page.goto('/sales?tab=orders');
    await page.locator(`main a[href="/sales/orders/${order.id}"]`).click();
    await page.getByRole('heading', { name: 'Sipariş WEB-2026-0042' }).waitFor();
    await page.getByText('İkinciye %20: −₺99,98').waitFor();
    await page.getByText('Durum geçmişi').waitFor();
    await h.screenshot(page, 'sales-order-1280-tr');
    await page.context().close();
  });

  it('takes an online order back in a store at 390 px', async () => {
    const page = await h.page(390);
    await signIn(page, ASSOCIATE);
    await page.goto('/sales/returns/new');
    await page.getByRole('heading', { name: 'İade al' }).waitFor();
    await page.locator('label', { hasText: /^Online sipariş$/ }).click();
    await page.getByLabel('Sipariş numarası').fill(order.orderNumber);
    await page.getByRole('button', { name: 'Bul' }).click();
    await page.getByText(order.lines[1].productName).waitFor();
    await expectNoHorizontalScroll(page);
    await page.getByLabel(`Miktar ${order.lines[1].productName}`).fill('1');
    await page.getByLabel('İade nedeni', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Beden uymadı' }).click();
    await page.getByText('1 ürün iade edilecek').waitFor();
    await h.screenshot(page, 'sales-return-390-tr');
    await page.getByRole('button', { name: 'İadeyi kaydet' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'İadeyi kaydet' }).click();
    // One of two at 49,990 with 9,998 off the line: (99,980 − 9,998) / 2 = 44,991.
    await page.getByText('İade kaydedildi: ₺449,91 geri ödenecek.').waitFor();
    await expectNoHorizontalScroll(page);
    await h.screenshot(page, 'sales-return-done-390-tr');

    const read = await owner.get(`/api/v1/sales/orders/${order.id}`);
    expect(read.body.returns).toMatchObject([{ storeId: store.id, channel: null, refundTotal: 44_991, reason: 'Beden uymadı' }]);
    expect(read.body.lines[1].returnedQuantity).toBe(1);

    await page.getByRole('link', { name: 'Siparişe git' }).click();
    await page.getByText('Beden uymadı').waitFor();
    await expectNoHorizontalScroll(page);
    await h.screenshot(page, 'sales-order-390-tr');
    await page.goto('/sales');
    await page.locator('main a[href^="/sales/receipts/"]').first().waitFor();
    await expectNoHorizontalScroll(page);
    await h.screenshot(page, 'sales-list-390-tr');
    await page.screenshot({ path: `${SCREENSHOTS}sales-list-390-tr-top.png` });
    await page.context().close();
  });

  it('shows the purchases on the customer 360 page', async () => {
    const page = await h.page();
    await signIn(page, OWNER);
    const customer = (await owner.get(`/api/v1/sales/orders/${order.id}`)).body.customerId;
    await page.goto(`/customers/${customer}`);
    await page.getByText('Alışverişler', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'web · WEB-2026-0042' }).waitFor();
    await h.screenshot(page, 'sales-customer-purchases-1280-tr');
    await page.context().close();
  });

  it('imports past sales from a Turkish CSV, into the default store', async () => {
    const page = await h.page();
    await signIn(page, OWNER);
    await page.getByRole('navigation').getByRole('link', { name: 'Satış içe aktarma' }).click();
    const csv = [
      'Fiş No;Tarih;Cep Telefonu;Ürün Adı;Miktar;Tutar',
      'ESKI-1;01.02.2025 14:30;0532 777 10 01;Keten Gömlek;1;899,90',
      'ESKI-1;01.02.2025 14:30;0532 777 10 01;Kemer;2;399,80',
      'ESKI-2;02.02.2025;;Çorap;3;150',
      'ESKI-3;31.02.2025;;Atkı;1;100',
    ].join('\r\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'gecmis-satislar.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('gecmis-satislar.csv', { exact: false }).waitFor();
    await page.getByLabel('Mağazası olmayan satırlar', { exact: true }).first().click();
    await page.getByRole('option', { name: /^BRS-01/ }).click();
    await h.screenshot(page, 'sales-import-mapping-1280-tr');
    await page.getByRole('button', { name: 'İçe aktarmayı başlat' }).click();
    await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-created').textContent()).toBe('2');
    expect(await page.getByTestId('import-merged').textContent()).toBe('1');
    expect(await page.getByTestId('import-rejected').textContent()).toBe('1');
    await h.screenshot(page, 'sales-import-result-1280-tr');
    const imported = (await owner.get('/api/v1/sales/receipts', { query: { receiptNumber: 'ESKI-1' } })).body.items[0];
    expect(imported).toMatchObject({ storeId: store.id, source: 'import', total: 129_970, businessDate: '2025-02-01' });
    await page.context().close();
  });
});
