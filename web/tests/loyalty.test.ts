import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../server/src/app';
import { demoProducts } from '../../server/src/modules/catalog/demo';
import { GENERATE_JOB, generateCampaignCodes } from '../../server/src/modules/loyalty/campaigns';
import { Jobs } from '../../server/src/platform/jobs/jobs';
import { type Caller, TEST_PASSWORD } from '../../server/src/testing/app';
import { type BrowserHarness, expectNoHorizontalScroll, hasChromium, SCREENSHOTS, signIn, startBrowserHarness } from './harness';

const OWNER = 'sahip@sadakat-demo.example';
const CASHIER = 'kasa@sadakat-demo.example';

/** +905321234567 → "0532 123 45 67", as a customer says it at the counter. */
const spaced = (e164: string) => `0${e164.slice(3, 6)} ${e164.slice(6, 9)} ${e164.slice(9, 11)} ${e164.slice(11)}`;

const products = demoProducts().filter((p) => p.active !== false);
const sock = products.find((p) => p.categoryPath?.join('>') === 'Aksesuar>Çorap')!;
const duvet = products.find((p) => p.categoryPath?.slice(0, 2).join('>') === 'Ev Tekstili>Nevresim')!;

/** A full-page screenshot from the top (a scrolled capture draws the fixed header mid-page). */
async function shot(h: BrowserHarness, page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await h.screenshot(page, name);
}

/** Scans a code as a keyboard-wedge scanner does: the digits, then Enter. */
async function scan(page: Page, code: string) {
  const input = page.getByLabel('Barkod ya da ürün kodu');
  await input.fill(code);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe('');
}

/** The POST requests to `path` the page sends, with their Idempotency-Key and body. */
function recordPosts(page: Page, path: string) {
  const sent: { key: string | null; body: string | null }[] = [];
  page.on('request', (r: Request) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === path) {
      sent.push({ key: r.headers()['idempotency-key'] ?? null, body: r.postData() });
    }
  });
  return sent;
}

const recordCommits = (page: Page) => recordPosts(page, '/api/v1/pos/receipts');

describe.skipIf(!hasChromium)('the loyalty screens in a real browser', () => {
  let h: BrowserHarness;
  let owner: Caller;
  let worker: Jobs;
  // biome-ignore lint/suspicious/noExplicitAny: a customer as the API returns it
  let customer: any;
  let balanceBefore: number;
  /** The first test's sale, returned at the till later. */
  let sold: { id: string; receiptNumber: string };

  beforeAll(async () => {
    h = await startBrowserHarness();
    await bootstrap(h.t.app.ctx, { email: OWNER, password: TEST_PASSWORD }, { demo: true, customers: 60 });
    owner = await h.t.login(OWNER);
    const store = (await owner.get('/api/v1/stores', { query: { q: 'BRS-01' } })).body.items[0];
    const invite = await owner.post('/api/v1/users', { email: CASHIER, name: 'Kasa Görevlisi', role: 'associate', storeIds: [store.id] });
    const token = invite.body.invite.url.split('/').pop();
    expect((await h.t.anonymous.post(`/api/v1/auth/tokens/${token}`, { password: TEST_PASSWORD })).status).toBe(204);
    const list = (await owner.get('/api/v1/customers', { query: { limit: '60' } })).body.items;
    customer = list.find((c: { phone: string | null; firstName: string | null }) => c.phone?.startsWith('+905') && c.firstName);
    balanceBefore = (await owner.get(`/api/v1/loyalty/customers/${customer.id}`)).body.accounts[0]?.balance ?? 0;
    // The harness serves HTTP only; a worker on the same database generates the codes, as `--role worker` would.
    worker = new Jobs(h.t.db, { work: true, pollSeconds: 0.5 });
    const ctx = { ...h.t.app.ctx, jobs: worker };
    worker.define(GENERATE_JOB, (data: Parameters<typeof generateCampaignCodes>[1]) => generateCampaignCodes(ctx, data));
    await worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await h?.close();
  });

  it('writes a promotion with the structured editor and tests a basket against it', async () => {
    const page = await h.page();
    await signIn(page, OWNER);
    await page.getByRole('navigation').getByRole('link', { name: 'Kampanyalar', exact: true }).click();
    await page.getByRole('link', { name: 'Çorapta 3 al 2 öde' }).waitFor();
    await page.getByRole('link', { name: 'Yeni kampanya' }).click();

    await page.getByLabel('Fişte görünen ad').fill('Çorapta %25');
    expect(await page.getByLabel(/^Kod/).inputValue()).toBe('corapta-25');
    const categories = page.getByRole('group', { name: 'Hangi ürünlerde' }).getByLabel('Kategoriler');
    await categories.fill('Aksesuar > Çorap');
    await categories.press('Enter');
    await page.getByLabel('İndirim oranı').fill('25');
    await page.getByLabel('Öncelik', { exact: true }).fill('50');
    await shot(h, page, 'loyalty-promotion-new-1280-tr');
    await page.getByRole('button', { name: 'Kampanyayı oluştur' }).click();
    await page.waitForURL(/\/loyalty\/promotions\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Çorapta %25' }).waitFor();

    const saved = (await owner.get('/api/v1/loyalty/promotions')).body.items.find((p: { code: string }) => p.code === 'corapta-25');
    expect(saved).toMatchObject({
      active: true,
      definition: { kind: 'percent_off', percent: 25, priority: 50, target: { categories: [['Aksesuar', 'Çorap']] } },
    });

    // The list's panel runs every active promotion on a basket of one sock and one duvet cover.
    await page.goto('/loyalty/promotions');
    const panel = page.getByTestId('test-basket');
    for (const p of [sock, duvet]) {
      await panel.getByPlaceholder('Ürün ara (ad, kod, barkod)').fill(p.sku);
      await page.getByRole('option', { name: new RegExp(p.sku) }).click();
    }
    await panel.getByRole('button', { name: 'Dene' }).click();
    const result = page.getByTestId('test-result');
    // 25 % of one sock, rounded half up per line.
    const off = Math.round((sock.listPrice! * 25) / 100);
    await result.getByText(`Çorapta %25: −₺${(off / 100).toFixed(2).replace('.', ',')}`).waitFor();
    // Every promotion that did not apply is listed with the engine's reason, as the API explains it.
    const explained = await owner.post(
      '/api/v1/loyalty/promotions/test',
      { basket: { channel: 'store', lines: [sock, duvet].map((p) => ({ sku: p.sku, quantity: 1 })) } },
      { headers: { 'accept-language': 'tr' } },
    );
    expect(explained.body.rejected.length).toBeGreaterThanOrEqual(2);
    const rejected = page.getByTestId('test-rejected');
    for (const r of explained.body.rejected) {
      await rejected.getByText(r.label, { exact: true }).waitFor();
      await rejected.getByText(r.message, { exact: true }).first().waitFor();
    }
    await shot(h, page, 'loyalty-promotions-test-1280-tr');

    // Switched off from the list, so the till below sells with the demo promotions only.
    await page.getByRole('switch', { name: 'Çorapta %25 etkin' }).click({ force: true });
    await expect.poll(async () => (await owner.get(`/api/v1/loyalty/promotions/${saved.id}`)).body.active).toBe(false);
    await page.context().close();
  });

  it('creates a coupon campaign and generates codes with a progress bar, then exports them', async () => {
    const page = await h.page();
    await signIn(page, OWNER);
    await page.goto('/loyalty/coupons');
    await page.getByRole('link', { name: 'Hoş geldin kuponu' }).waitFor();
    await page.getByRole('button', { name: 'Yeni kupon kampanyası' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('Kampanya adı').fill('Kış kampanyası');
    await drawer.getByLabel('Kod öneki').fill('KIS');
    await drawer.getByLabel('Fişte görünen ad').fill('Kışa özel 50 TL');
    await drawer.getByRole('button', { name: 'Kampanyayı oluştur' }).click();
    await page.getByRole('heading', { name: 'Kış kampanyası' }).waitFor();

    await page.getByLabel('Kaç kod').fill('25000');
    await page.getByRole('button', { name: 'Kodları üret' }).click();
    const progress = page.getByTestId('generate-progress');
    await progress.waitFor();
    await expect.poll(() => progress.getByRole('progressbar').count()).toBe(1);
    // The bar moves chunk by chunk (10,000 codes each); catch it on the way when the machine is slow enough.
    await progress
      .getByText(/^[1-9][\d.]* \/ 25\.000 kod üretildi$/)
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
    await shot(h, page, 'loyalty-coupons-generating-1280-tr');
    await progress.getByText('25.000 kod üretildi.').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('stat-codes').textContent()).toBe('25.000');
    await page
      .locator('main')
      .getByText(/^KIS[A-Z0-9]{8}$/)
      .first()
      .waitFor();
    await shot(h, page, 'loyalty-coupons-generated-1280-tr');

    const href = await page.getByRole('link', { name: 'Kodları indir (CSV)' }).getAttribute('href');
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    const rows = (await csv.text()).trim().split('\r\n');
    expect(rows).toHaveLength(25_001);
    expect(rows[1]).toMatch(/^KIS[A-Z0-9]{8},active,0,1,/);
    await page.context().close();
  });

  it('sells at the till at 390 px: identify by phone, scan, discount, commit twice by a double tap, summary', async () => {
    const page = await h.page(390);
    const commits = recordCommits(page);
    await signIn(page, CASHIER);
    // On a phone the navigation hides behind the burger.
    await page.getByRole('button', { name: 'Menüyü aç/kapat' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Kasa', exact: true }).click();
    await page.getByRole('heading', { name: 'Kasa' }).waitFor();
    // The cashier works at one store: the till takes it without asking.
    expect(await page.getByPlaceholder('Mağaza seçin').inputValue()).toMatch(/^BRS-01/);

    // The number as the customer says it; Enter looks it up.
    await page.getByLabel('Müşterinin cep telefonu').fill(spaced(customer.phone));
    await page.getByLabel('Müşterinin cep telefonu').press('Enter');
    await page.getByTestId('pos-customer').getByText(`${customer.firstName}`, { exact: false }).waitFor();
    await expectNoHorizontalScroll(page);

    // A wedge scanner types the barcode and Enter; the same code three times makes three socks.
    for (let i = 0; i < 3; i++) await scan(page, sock.barcodes![0]);
    await scan(page, duvet.sku);
    await expect.poll(() => page.getByTestId('pos-quantity').first().inputValue()).toBe('3');
    await page
      .getByTestId('pos-lines')
      .getByText(/^Çorapta 3 al 2 öde: −₺/)
      .waitFor();
    await page.getByTestId('pos-totals').getByText('Fiş altı kupon: Havluda %20', { exact: false }).waitFor();
    await expect.poll(() => page.getByTestId('pos-earn').textContent()).toMatch(/^Bu alışverişle \+[\d.]+ puan/);
    await expectNoHorizontalScroll(page);
    await shot(h, page, 'loyalty-pos-basket-390-tr');

    const commit = page.getByTestId('pos-commit');
    await expect.poll(() => commit.isEnabled()).toBe(true);
    await commit.dblclick();
    const summary = page.getByTestId('pos-summary');
    await summary.waitFor();
    await summary.getByText('Satış tamamlandı').waitFor();
    const earned = await summary.getByTestId('receipt-points').innerText();
    expect(earned).toMatch(/Kazanılan puan\s+\+[\d.]+/);
    await summary.getByTestId('receipt-coupon').getByText('Havluda %20', { exact: false }).first().waitFor();
    await expectNoHorizontalScroll(page);
    await shot(h, page, 'loyalty-pos-summary-390-tr');
    // On paper only the slip is printed.
    await page.emulateMedia({ media: 'print' });
    await shot(h, page, 'loyalty-pos-print-390-tr');
    await page.emulateMedia({ media: 'screen' });

    // However many requests the double tap sent, they carried one key: one receipt, points once.
    expect(commits.length).toBeGreaterThanOrEqual(1);
    expect(new Set(commits.map((c) => c.key)).size).toBe(1);
    const receiptNumber = JSON.parse(commits[0].body!).receiptNumber;
    const receipts = (await owner.get('/api/v1/sales/receipts', { query: { receiptNumber } })).body.items;
    expect(receipts).toHaveLength(1);
    const ledger = (await owner.get(`/api/v1/loyalty/customers/${customer.id}/ledger`)).body.items;
    expect(
      ledger.filter((e: { receiptId: string | null; kind: string }) => e.receiptId === receipts[0].id && e.kind === 'earn'),
    ).toHaveLength(1);
    const after = (await owner.get(`/api/v1/loyalty/customers/${customer.id}`)).body.accounts[0].balance;
    const points = Number(earned.match(/\+([\d.]+)/)![1].replace(/\./g, ''));
    expect(after).toBe(balanceBefore + points);
    balanceBefore = after;
    sold = { id: receipts[0].id, receiptNumber };
    await page.context().close();
  });

  it('identifies a customer by a scanned loyalty card, and says so when no customer has the card', async () => {
    const holder = await owner.post('/api/v1/customers', { firstName: 'Kartlı', lastName: 'Müşteri', cards: ['MHT900001'] });
    expect(holder.status, JSON.stringify(holder.body)).toBe(201);
    const page = await h.page(390);
    await signIn(page, CASHIER);
    await page.goto('/pos');
    const who = page.getByLabel('Müşterinin cep telefonu');
    await who.fill('MHT000000');
    await who.press('Enter');
    await page.getByText('"MHT000000" numaralı kart kayıtlı değil.').waitFor();
    // Not a phone: no registration form for it.
    expect(await page.getByRole('button', { name: 'Müşteriyi kaydet' }).count()).toBe(0);
    await who.fill('MHT900001');
    await who.press('Enter');
    await page.getByTestId('pos-customer').getByText('Kartlı', { exact: false }).waitFor();
    await expectNoHorizontalScroll(page);
    await page.context().close();
  });

  it('keeps every code a scanner types faster than the network answers, in order, and names the unknown one', async () => {
    const page = await h.page(390);
    await signIn(page, CASHIER);
    await page.goto('/pos');
    await page.getByRole('button', { name: 'Müşterisiz' }).click();
    // A slow shop Wi-Fi: each lookup answers after the scanner has typed the next codes (a second
    // leaves room for a busy machine's slow typing).
    await page.route('**/api/v1/catalog/products/by-code/**', async (route) => {
      await new Promise((r) => setTimeout(r, 1000));
      await route.continue();
    });
    const evaluations = recordPosts(page, '/api/v1/pos/evaluate');
    const input = page.getByLabel('Barkod ya da ürün kodu');
    await input.focus();
    for (const code of [sock.barcodes![0], 'YOK-999', sock.sku, duvet.sku]) {
      await page.keyboard.type(code);
      await page.keyboard.press('Enter');
    }
    await page.getByText('"YOK-999" kodlu ürün bulunamadı.').waitFor();
    const lines = page.getByTestId('pos-line');
    await expect.poll(() => lines.count()).toBe(2);
    expect(await lines.nth(0).innerText()).toContain(sock.sku);
    expect(await lines.nth(0).getByTestId('pos-quantity').inputValue()).toBe('2');
    expect(await lines.nth(1).innerText()).toContain(duvet.sku);
    expect(await lines.nth(1).getByTestId('pos-quantity').inputValue()).toBe('1');
    // Scanned over: the unknown code is not put back in the way of the next scan.
    expect(await input.inputValue()).toBe('');
    await expect.poll(() => page.getByTestId('pos-commit').isEnabled()).toBe(true);

    // Twelve without twelve taps, then a weight: three decimals at most, with a Turkish comma.
    const duvetQuantity = lines.nth(1).getByTestId('pos-quantity');
    await duvetQuantity.fill('12');
    await lines
      .nth(1)
      .getByRole('button', { name: /bir artır$/ })
      .click();
    await expect.poll(() => duvetQuantity.inputValue()).toBe('13');
    const sockQuantity = lines.nth(0).getByTestId('pos-quantity');
    await sockQuantity.fill('1,3');
    await lines
      .nth(0)
      .getByRole('button', { name: /bir azalt$/ })
      .click();
    await expect.poll(() => sockQuantity.inputValue()).toBe('0,3');
    // Emptied and left, the field shows the line's quantity again.
    await sockQuantity.fill('');
    await sockQuantity.blur();
    await expect.poll(() => sockQuantity.inputValue()).toBe('0,3');
    // What the server is asked to price: 1,3 − 1 is 0.3, not 0.30000000000000004.
    await expect
      .poll(() => JSON.parse(evaluations.at(-1)?.body ?? 'null')?.lines)
      .toEqual([
        { sku: sock.sku, quantity: 0.3 },
        { sku: duvet.sku, quantity: 13 },
      ]);

    // Typed by hand, an unknown code comes back to be corrected.
    await input.fill('YOK-1');
    await input.press('Enter');
    await page.getByText('"YOK-1" kodlu ürün bulunamadı.').waitFor();
    await expect.poll(() => input.inputValue()).toBe('YOK-1');
    await expectNoHorizontalScroll(page);
    await shot(h, page, 'loyalty-pos-fast-scans-390-tr');
    await page.context().close();
  });

  it('takes a sock back at the till at 390 px: finds the receipt by number, refunds one unit, reverses its points once', async () => {
    const page = await h.page(390);
    await signIn(page, CASHIER);
    await page.goto('/pos');
    await page.getByTestId('pos-mode').getByText('İade').click();
    await page.getByTestId('pos-refund-number').fill('YOK-123');
    await page.getByRole('button', { name: 'Fişi bul' }).click();
    await page.getByText('Bu mağazada "YOK-123" numaralı fiş yok.').waitFor();

    await page.getByTestId('pos-refund-number').fill(sold.receiptNumber);
    await page.getByRole('button', { name: 'Fişi bul' }).click();
    const quantity = page.getByLabel(`${sock.name} iade adedi`);
    await quantity.waitFor();
    // Three socks were sold: more than that cannot be typed in.
    await quantity.fill('5');
    await quantity.blur();
    await expect.poll(() => quantity.inputValue()).toBe('3');
    await quantity.fill('1');
    await expectNoHorizontalScroll(page);
    await shot(h, page, 'loyalty-pos-refund-390-tr');
    const refunds: string[] = [];
    page.on('request', (r: Request) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/refund')) refunds.push(r.headers()['idempotency-key'] ?? '');
    });
    await page.getByTestId('pos-refund-submit').dblclick();
    const result = page.getByTestId('pos-refund-result');
    await result.getByText('İade tamamlandı').waitFor();
    expect(await result.getByTestId('pos-refund-money').innerText()).toMatch(/^₺[\d.,]+$/);
    await shot(h, page, 'loyalty-pos-refund-done-390-tr');

    expect(new Set(refunds).size).toBe(1);
    const receipt = (await owner.get(`/api/v1/sales/receipts/${sold.id}`)).body;
    const line = receipt.lines.find((l: { sku: string }) => l.sku === sock.sku);
    expect(line.returnedQuantity).toBe(1);
    const ledger = (await owner.get(`/api/v1/loyalty/customers/${customer.id}/ledger`)).body.items;
    const reversals = ledger.filter((e: { receiptId: string | null; kind: string }) => e.receiptId === sold.id && e.kind === 'reversal');
    expect(reversals).toHaveLength(1);
    const after = (await owner.get(`/api/v1/loyalty/customers/${customer.id}`)).body.accounts[0].balance;
    expect(after).toBe(balanceBefore + reversals[0].points);
    expect(reversals[0].points).toBeLessThan(0);
    balanceBefore = after;
    await page.context().close();
  });

  it('retries a commit whose answer was lost with the same key, and prints the claim code of an anonymous sale', async () => {
    expect((await owner.patch('/api/v1/sales/settings', { claimAnonymous: true })).status).toBe(200);
    const page = await h.page(390);
    const commits = recordCommits(page);
    await signIn(page, CASHIER);
    await page.goto('/pos');
    await page.getByRole('button', { name: 'Müşterisiz' }).click();
    await page.getByText('Müşterisiz satış').waitFor();
    await scan(page, sock.sku);
    await page.getByTestId('pos-line').waitFor();
    await page.locator('label', { hasText: /^Nakit$/ }).click();

    // The server records the first commit, but its answer never reaches the till.
    let lost = false;
    await page.route('**/api/v1/pos/receipts', async (route) => {
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    const commit = page.getByTestId('pos-commit');
    await expect.poll(() => commit.isEnabled()).toBe(true);
    await commit.click();
    await page.getByTestId('pos-commit-error').getByText('satış kaydedilmiş olabilir', { exact: false }).waitFor();
    // The basket is locked until the same sale goes through.
    expect(await page.getByLabel('Barkod ya da ürün kodu').isDisabled()).toBe(true);
    await shot(h, page, 'loyalty-pos-retry-390-tr');
    await page.getByRole('button', { name: 'Tekrar dene (aynı satış)' }).click();
    const summary = page.getByTestId('pos-summary');
    await summary.waitFor();
    await summary.getByTestId('receipt-claim').waitFor();
    const claim = await summary.getByTestId('receipt-claim').innerText();
    expect(claim).toMatch(/MUHTAR:CLAIM:/);
    await expectNoHorizontalScroll(page);
    await shot(h, page, 'loyalty-pos-anonymous-390-tr');

    expect(commits).toHaveLength(2);
    expect(commits[1]).toEqual(commits[0]);
    const receiptNumber = JSON.parse(commits[0].body!).receiptNumber;
    const receipts = (await owner.get('/api/v1/sales/receipts', { query: { receiptNumber } })).body.items;
    expect(receipts).toHaveLength(1);
    expect(receipts[0].customerId).toBeNull();
    await page.context().close();
  });

  it('shows the new balance, tier, stamp card and history on the customer 360 page', async () => {
    for (const width of [1280, 390]) {
      const page = await h.page(width);
      await signIn(page, OWNER);
      await page.goto(`/customers/${customer.id}`);
      const card = page.getByTestId('loyalty-card');
      await card.waitFor();
      await expect.poll(() => card.getByTestId('loyalty-balance').textContent()).toBe(balanceBefore.toLocaleString('tr-TR'));
      await card.getByTestId('loyalty-ledger').getByText('Kazanım').first().waitFor();
      if (width === 1280) {
        // The counter's stamp button: one tap, one stamp (a double tap is one request: same key).
        const stamps = card.getByTestId('stamp-card');
        const before = await stamps.getByText(/\d+ \/ \d+ damga/).textContent();
        await stamps.getByRole('button', { name: 'Damga ekle' }).click();
        await expect.poll(() => stamps.getByText(/\d+ \/ \d+ damga/).textContent()).not.toBe(before);
      }
      await expectNoHorizontalScroll(page);
      await shot(h, page, `loyalty-customer-${width}-tr`);
      await card.screenshot({ path: `${SCREENSHOTS}loyalty-customer-card-${width}-tr.png` });
      await page.context().close();
    }
  });

  it('edits the points program with structured forms at 1280 and 390 px', async () => {
    for (const width of [1280, 390]) {
      const page = await h.page(width);
      await signIn(page, OWNER);
      await page.goto('/loyalty/program');
      await page.getByLabel('Program adı').waitFor();
      await expect.poll(() => page.getByTestId('tier').count()).toBe(3);
      await expectNoHorizontalScroll(page);
      await shot(h, page, `loyalty-program-${width}-tr`);
      if (width === 1280) {
        await page.getByLabel('Fişte en az harcanacak puan').fill('1000');
        await page.getByRole('button', { name: 'Kaydet' }).click();
        await page.getByText('Program kaydedildi.').waitFor();
        const program = (await owner.get('/api/v1/loyalty/programs')).body.items[0];
        expect(program.definition.burn.minPoints).toBe(1000);
      }
      await page.context().close();
    }
  });
});
