import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../server/src/app';
import { demoProducts } from '../../server/src/modules/catalog/demo';
import { type Caller, TEST_PASSWORD } from '../../server/src/testing/app';
import { type BrowserHarness, expectNoHorizontalScroll, hasChromium, signIn, startBrowserHarness } from './harness';

const OWNER = 'sahip@rfm-demo.example';
const DAY = 86_400_000;
const SHOTS = new URL('../../scratch/shots/', import.meta.url).pathname;

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

async function open(page: Page, name: string) {
  if ((page.viewportSize()?.width ?? 1280) < 600) await page.getByRole('button', { name: 'Menüyü aç/kapat' }).click();
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

const products = demoProducts().filter((p) => p.active !== false && p.listPrice);
const inCategory = (path: string) => products.find((p) => p.categoryPath?.join('>').startsWith(path))!;
const sock = inCategory('Aksesuar>Çorap');
const duvet = inCategory('Ev Tekstili>Nevresim');

/** mulberry32: the same receipts every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.skipIf(!hasChromium)('the RFM screen in a real browser', () => {
  let h: BrowserHarness;
  let owner: Caller;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    h = await startBrowserHarness();
    await bootstrap(h.t.app.ctx, { email: OWNER, password: TEST_PASSWORD }, { demo: true, customers: 0 });
    owner = await h.t.login(OWNER);
    const rnd = random(11);
    // 40 named customers buying at their own rhythm over half a year; many buy a sock with a duvet cover.
    for (let c = 0; c < 40; c++) {
      const phone = `+90533${2_000_000 + c}`;
      const res = await owner.post('/api/v1/customers', { firstName: `Ayşe${c}`, lastName: 'Yılmaz', phone });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const gap = [7, 20, 45, 90][c % 4];
      for (let day = rnd() * 150, v = 0; day < 180 && v < 8; day += gap * (0.5 + rnd()), v++) {
        const basket = rnd() < 0.5 ? [sock, duvet] : [products[Math.floor(rnd() * products.length)]];
        const receipt = await owner.post('/api/v1/sales/receipts', {
          storeCode: 'BRS-01',
          receiptNumber: `RFM-${c}-${v}`,
          occurredAt: new Date(Date.now() - (180 - day) * DAY).toISOString(),
          customerPhone: phone,
          lines: basket.map((p) => ({ sku: p.sku, quantity: 1 + (c % 3), unitPrice: p.listPrice! })),
        });
        expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
      }
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  it('runs RFM, shows the heatmap, segments with actions and members, edits the grid and shows migration at 1280 px', async () => {
    const page = await h.page();
    await signIn(page, OWNER);
    await open(page, 'RFM segmentleri');
    await page.getByText('Henüz RFM hesaplanmadı').waitFor();
    await page.getByTestId('rfm-migration').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'RFM’i şimdi hesapla' }).click();
    await page
      .getByTestId('rfm-run-done')
      .getByText(/^40 müşteri puanlandı, 0 müşterinin segmenti değişti/)
      .waitFor();
    const dist = (await owner.get('/api/v1/analytics/rfm')).body;
    expect(dist.run.customers).toBe(40);
    await page.getByTestId('rfm-latest').getByText('40 müşteri', { exact: false }).waitFor();

    // The heatmap: every cell's count as the API gives it; they add up to the customers.
    const heatmap = page.getByTestId('rfm-heatmap');
    for (const c of dist.grid) {
      expect(await heatmap.getByTestId(`rfm-cell-${c.r}-${c.fm}`).locator('p').first().innerText()).toBe(String(c.customers));
    }
    await heatmap.getByTestId('rfm-heatmap-csv').waitFor();

    // Segment charts and the seed's advice beside each segment.
    await page.getByTestId('rfm-sizes').locator('.recharts-bar-rectangle:visible').first().waitFor();
    await page.getByTestId('rfm-action-champions').getByText('İndirim göndermeyin', { exact: false }).waitFor();
    await page.getByTestId('rfm-action-at_risk').getByText('Hemen arayın', { exact: false }).waitFor();

    // Tapping a cell lists that segment's customers, with links to their pages.
    const biggest = [...dist.segments].sort((a, b) => b.customers - a.customers)[0];
    const cell = dist.grid.find((c: { segment: string; customers: number }) => c.segment === biggest.segment && c.customers > 0);
    await heatmap.getByTestId(`rfm-cell-${cell.r}-${cell.fm}`).click();
    const members = page.getByTestId('rfm-members');
    const first = (await owner.get('/api/v1/analytics/rfm/customers', { query: { segment: biggest.segment, limit: '1' } })).body.items[0];
    const link = members.getByRole('link', { name: `${first.firstName} ${first.lastName}` });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/customers/${first.customerId}`);

    // Settings: a window out of range shows the server's reason on the field; the grid edits a cell at a time.
    const settings = page.getByTestId('rfm-settings');
    await settings.getByLabel('Pencere (ay)').fill('99');
    await settings.getByRole('button', { name: 'Ayarları kaydet' }).click();
    await settings.locator('.mantine-InputWrapper-error').first().waitFor();
    await settings.getByLabel('Pencere (ay)').fill('12');
    for (const cell of ['rfm-grid-5-5', 'rfm-grid-5-4']) {
      await settings.getByTestId(cell).click();
      await page.getByRole('menu').getByRole('menuitem', { name: 'Sadık', exact: true }).click();
      await page.getByRole('menu').waitFor({ state: 'detached' });
      await expect.poll(() => settings.getByTestId(cell).innerText()).toBe('Sadık');
    }
    await settings.getByRole('button', { name: 'Ayarları kaydet' }).click();
    await page.getByText('RFM ayarları kaydedildi.').waitFor();
    const saved = (await owner.get('/api/v1/analytics/rfm/settings')).body;
    expect(saved.grid[4][4]).toBe('loyal');
    expect(saved.grid[4][3]).toBe('loyal');
    expect(saved.windowMonths).toBe(12);

    // A second run moves the champions to loyal: the matrix shows who moved.
    await page.getByRole('button', { name: 'RFM’i şimdi hesapla' }).click();
    await page
      .getByTestId('rfm-run-done')
      .getByText(/^40 müşteri puanlandı, [1-9]\d* müşterinin segmenti değişti/)
      .waitFor();
    const migration = (await owner.get('/api/v1/analytics/rfm/migration')).body;
    const moved = migration.matrix.filter((c: { from: string; to: string }) => c.from !== c.to);
    const toLoyal = migration.matrix.find((c: { from: string; to: string }) => c.from === 'champions' && c.to === 'loyal');
    expect(toLoyal?.customers).toBeGreaterThan(0);
    const matrix = page.getByTestId('rfm-migration-matrix');
    await expect.poll(() => matrix.getByTestId('rfm-move-champions-loyal').innerText()).toBe(String(toLoyal.customers));
    await expect
      .poll(() => page.getByTestId('rfm-migration-moved').innerText())
      .toBe(`Segment değiştiren: ${moved.reduce((s: number, c: { customers: number }) => s + c.customers, 0)}`);
    // Reset to default puts the engine's grid back in the editor.
    await settings.getByRole('button', { name: 'Varsayılana dön' }).click();
    await expect.poll(() => settings.getByTestId('rfm-grid-5-5').innerText()).toBe('Şampiyonlar');
    await shot(page, 'rfm-1280-tr');
    for (const id of ['rfm-heatmap', 'rfm-migration', 'rfm-settings'])
      await page.getByTestId(id).screenshot({ path: `${SHOTS}${id}-1280-tr.png` });
    await page.context().close();
  });

  it('reads at 390 px without sideways scrolling', async () => {
    const page = await h.page(390);
    await signIn(page, OWNER);
    await open(page, 'RFM segmentleri');
    await page.getByTestId('rfm-heatmap').waitFor();
    await page.getByTestId('rfm-migration-matrix').waitFor();
    await page.getByTestId('rfm-sizes').locator('.recharts-bar-rectangle:visible').first().waitFor();
    await page.getByTestId('rfm-members').getByRole('link').first().waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, 'rfm-390-tr');
    for (const id of ['rfm-heatmap', 'rfm-migration', 'rfm-sizes', 'rfm-members'])
      await page.getByTestId(id).screenshot({ path: `${SHOTS}${id}-390-tr.png` });
    await page.context().close();
  });

  it('shows the CLV distribution and the planogram pairs', async () => {
    const fit = await owner.post('/api/v1/analytics/clv/fit', { timeUnit: 'week' });
    expect(fit.status, JSON.stringify(fit.body)).toBe(200);
    for (const width of [1280, 390]) {
      const page = await h.page(width);
      await signIn(page, OWNER);
      await open(page, 'Müşteri değeri (CLV)');
      await page.getByTestId('clv-distribution').locator('.recharts-bar-rectangle').first().waitFor();
      await page.getByTestId('clv-alive').locator('.recharts-bar-rectangle').first().waitFor();
      if (width < 600) await expectNoHorizontalScroll(page);
      await shot(page, `clv-distribution-${width}-tr`);
      await open(page, 'Sepet analizi');
      await page.getByLabel('En düşük destek (%)').fill('5');
      const pairs = page.getByTestId('basket-pairs');
      await pairs.getByTestId('pairs-found').waitFor();
      const api = (await owner.get('/api/v1/analytics/basket/pairs', { query: { minSupport: '0.05', minLift: '1.5' } })).body;
      expect(api.total).toBeGreaterThan(0);
      await pairs.getByText(`${api.pairs[0].a.name} + ${api.pairs[0].b.name}`).first().waitFor();
      if (width < 600) await expectNoHorizontalScroll(page);
      await pairs.screenshot({ path: `${SHOTS}basket-pairs-${width}-tr.png` });
      await page.context().close();
    }
  });
});
