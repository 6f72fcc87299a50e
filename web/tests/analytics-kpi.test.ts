import { copyFileSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertProducts } from '../../server/src/modules/catalog/service';
import { type Caller, TEST_PASSWORD } from '../../server/src/testing/app';
import { type BrowserHarness, expectNoHorizontalScroll, hasChromium, SCREENSHOTS, signIn, startBrowserHarness } from './harness';

const SHOTS = new URL('../../scratch/shots/', import.meta.url).pathname;
const DAY = 86_400_000;
/** A day of the org's calendar (Europe/Istanbul), as the presets count them. */
const isoDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul' }).format(new Date(ms));

async function shot(h: BrowserHarness, page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await h.screenshot(page, name);
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(`${SCREENSHOTS}${name}.png`, `${SHOTS}${name}.png`);
}

describe.skipIf(!hasChromium)('the KPI dashboard, leaderboard and co-op report in a real browser', () => {
  let h: BrowserHarness;
  let owner: Caller;
  let ownerEmail: string;
  let managerEmail: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    const org = await h.t.newOrg('KPI Market');
    owner = org.owner;
    ownerEmail = org.ownerEmail;
    const stores = [];
    for (const code of ['KAD-01', 'BES-02']) stores.push((await owner.post('/api/v1/stores', { code, name: `Market ${code}` })).body);
    expect((await owner.post('/api/v1/catalog/suppliers', { code: 'SUTAS', name: 'Sütaş' })).status).toBe(201);
    await h.t.db.tenant(org.orgId, (tx) =>
      upsertProducts(tx, [
        { sku: 'SUT', name: 'Süt 1 L', categoryPath: ['Gıda', 'Süt'], brand: 'Sütaş', supplierCode: 'SUTAS' },
        { sku: 'BEZ', name: 'Bebek bezi', categoryPath: ['Bebek', 'Bez'], brand: 'Prima' },
      ]),
    );
    // The last 14 days: store 1 recognises most customers, store 2 few; two cashiers each.
    let n = 0;
    for (let d = 13; d >= 0; d--) {
      for (let k = 0; k < 4; k++) {
        const store = stores[k % 2];
        const recognised = store.code === 'KAD-01' ? k !== 2 || d % 3 === 0 : d % 4 === 0;
        const res = await owner.post('/api/v1/sales/receipts', {
          storeCode: store.code,
          receiptNumber: `F-${++n}`,
          cashierCode: `${store.code === 'KAD-01' ? 'AYSE' : 'MEHMET'}-${k < 2 ? 1 : 2}`,
          occurredAt: new Date(Date.now() - d * DAY).toISOString(),
          ...(recognised ? { customerPhone: `+90532${1_000_000 + ((n * 7) % 23)}` } : {}),
          lines: [{ sku: k % 2 ? 'BEZ' : 'SUT', quantity: 1 + (d % 3), unitPrice: k % 2 ? 24_990 : 3_490 }],
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
    }
    managerEmail = `mudur.${Date.now()}@kpi.example`;
    const invite = await owner.post('/api/v1/users', {
      email: managerEmail,
      name: 'Mağaza Müdürü',
      role: 'store_manager',
      storeIds: [stores[1].id],
    });
    expect(invite.status, JSON.stringify(invite.body)).toBe(201);
    const token = invite.body.invite.url.split('/').pop();
    expect((await h.t.anonymous.post(`/api/v1/auth/tokens/${token}`, { password: TEST_PASSWORD })).status).toBe(204);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('shows the owner the dashboard at 1280 px: tiles with the change, charts, stores and cashiers', async () => {
    const page = await h.page();
    await signIn(page, ownerEmail);
    await page.goto('/analytics');
    const api = (await owner.get('/api/v1/analytics/kpis', { query: { from: isoDay(Date.now() - 29 * DAY), to: isoDay(Date.now()) } }))
      .body;
    const tiles = page.getByTestId('kpi-tiles');
    await expect.poll(() => tiles.getByTestId('kpi-receipts').innerText()).toContain(String(api.current.receipts));
    expect(await tiles.getByTestId('kpi-recognisedRatio').innerText()).toContain('Tanınan müşteri oranı');
    await page.getByTestId('chart-ratio').locator('.recharts-line').first().waitFor();
    await page.getByTestId('chart-volume').locator('.recharts-line').first().waitFor();
    await page.getByTestId('chart-new-returning').locator('.recharts-bar').first().waitFor();
    await page.getByTestId('store-comparison').getByText('Mağaza karşılaştırması').waitFor();
    await page.getByTestId('cashier-chart').locator('.recharts-bar').first().waitFor();
    await page.getByTestId('chart-ratio-csv').waitFor();
    await page.getByTestId('kpi-preset').click();
    await page.getByRole('option', { name: 'Son 7 gün' }).click();
    const week = (await owner.get('/api/v1/analytics/kpis', { query: { from: isoDay(Date.now() - 6 * DAY), to: isoDay(Date.now()) } }))
      .body;
    await expect.poll(() => page.getByTestId('kpi-receipts').innerText()).toContain(String(week.current.receipts));
    await shot(h, page, 'analytics-kpi-1280-tr');
    await page.context().close();
  });

  it('shows a store manager their store only at 390 px, and the leaderboard', async () => {
    const page = await h.page(390);
    await signIn(page, managerEmail);
    await page.goto('/analytics');
    await page.getByTestId('kpi-tiles').waitFor();
    await page.getByTestId('chart-ratio').locator('.recharts-line').first().waitFor();
    expect(await page.getByTestId('store-comparison').count()).toBe(0);
    await expectNoHorizontalScroll(page);
    await shot(h, page, 'analytics-kpi-390-manager');
    await page.goto('/analytics/cashiers');
    await page.getByTestId('cashier-chart').locator('.recharts-bar').first().waitFor();
    await page
      .getByText('1. MEHMET-1', { exact: false })
      .or(page.getByText('1. MEHMET-2', { exact: false }))
      .first()
      .waitFor();
    expect(await page.getByText('AYSE-', { exact: false }).count()).toBe(0);
    await expectNoHorizontalScroll(page);
    await shot(h, page, 'analytics-cashiers-390-manager');
    await page.context().close();
  });

  it('builds a co-op report from the form at 390 px', async () => {
    const page = await h.page(390);
    await signIn(page, ownerEmail);
    const q = {
      supplier: 'SUTAS',
      campaignFrom: isoDay(Date.now() - 6 * DAY),
      campaignTo: isoDay(Date.now()),
      baselineFrom: isoDay(Date.now() - 13 * DAY),
      baselineTo: isoDay(Date.now() - 7 * DAY),
      rate: '10',
    };
    await page.goto(`/analytics/coop?${new URLSearchParams(q)}`);
    await page.getByRole('button', { name: 'Raporu hazırla' }).click();
    const api = (await owner.get('/api/v1/analytics/coop', { query: q })).body;
    const invoice = (api.totals.invoice / 100).toLocaleString('tr-TR', { minimumFractionDigits: 2 });
    await expect.poll(() => page.getByTestId('coop-invoice').innerText()).toContain(invoice);
    await page.getByTestId('coop-chart').locator('.recharts-line').first().waitFor();
    await page.getByTestId('coop-csv').waitFor();
    await expectNoHorizontalScroll(page);
    await shot(h, page, 'analytics-coop-390-tr');
    await page.goto('/analytics/assortment');
    await page.getByTestId('assortment-chart').locator('.recharts-bar').first().waitFor();
    await expectNoHorizontalScroll(page);
    await shot(h, page, 'analytics-assortment-390-tr');
    await page.context().close();
  });
});
