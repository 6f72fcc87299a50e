import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../server/src/app';
import { demoProducts } from '../../server/src/modules/catalog/demo';
import { type Caller, TEST_PASSWORD } from '../../server/src/testing/app';
import { type BrowserHarness, expectNoHorizontalScroll, hasChromium, signIn, startBrowserHarness } from './harness';

const OWNER = 'sahip@churn-demo.example';
const DAY = 86_400_000;
const SHOTS = new URL('../../scratch/shots/', import.meta.url).pathname;

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

const product = demoProducts().find((p) => p.active !== false && p.listPrice)!;
/** Days are counted in UTC; receipts at 09:00 UTC fall on the same day in Istanbul. */
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.parse(today) - n * DAY).toISOString().slice(0, 10);

describe.skipIf(!hasChromium)('churn risk in a real browser', () => {
  let h: BrowserHarness;
  let owner: Caller;
  const ids: Record<string, string> = {};

  async function customerWith(key: string, firstName: string, lastName: string, phone: string, days: number[]) {
    const res = await owner.post('/api/v1/customers', { firstName, lastName, phone });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = res.body.id;
    for (const [i, d] of days.entries()) {
      const receipt = await owner.post('/api/v1/sales/receipts', {
        storeCode: 'BRS-01',
        receiptNumber: `CHURN-${key}-${i}`,
        occurredAt: `${daysAgo(d)}T09:00:00Z`,
        customerPhone: phone,
        lines: [{ sku: product.sku, quantity: 1, unitPrice: product.listPrice! }],
      });
      expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    }
  }

  beforeAll(async () => {
    h = await startBrowserHarness();
    await bootstrap(h.t.app.ctx, { email: OWNER, password: TEST_PASSWORD }, { demo: true, customers: 0 });
    owner = await h.t.login(OWNER);
    // Every 10 days, the last 41 days ago: the rhythm is broken (score 80, high).
    await customerWith('late', 'Ayşe', 'Kayabaşı', '+905321110001', [71, 61, 51, 41]);
    // Every 10 days up to 5 days ago: no sign of leaving.
    await customerWith('steady', 'Mehmet', 'Demirtaş', '+905321110002', [35, 25, 15, 5]);
    const run = await owner.post('/api/v1/analytics/churn/run', { asOf: today });
    expect(run.body, JSON.stringify(run.body)).toMatchObject({ customers: 2, bands: { high: 1, low: 1, medium: 0 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the score, band and reasons on the customer card at 390 px', async () => {
    const page = await h.page(390);
    await signIn(page, OWNER);
    await page.goto(`/customers/${ids.late}`);
    const churn = page.getByTestId('value-card').getByTestId('churn');
    await churn.waitFor();
    expect(await churn.getByTestId('churn-score').innerText()).toBe('80');
    // The badge shows the band's text (upper-cased by CSS).
    expect((await churn.getByTestId('churn-band').textContent())?.trim()).toBe('Yüksek risk');
    await churn.getByTestId('churn-reasons').getByText('Genelde 10 günde bir alışveriş yapıyor; 41 gündür yok.').waitFor();
    // No CLV fit yet: P(alive) is named as not measured.
    expect(await churn.getByTestId('churn-unmeasured').innerText()).toContain('Aktif kalma olasılığı');
    await expectNoHorizontalScroll(page);
    await shot(page, 'churn-card-390-tr');
    await page.getByTestId('value-card').screenshot({ path: `${SHOTS}churn-card-390-detail.png` });

    await page.goto(`/customers/${ids.steady}`);
    await page.getByTestId('churn').getByText('Ayrılma belirtisi yok.').waitFor();
    await page.context().close();
  });

  it('lists customers at risk on the CLV page at 390 px, filters by band and opens the customer', async () => {
    const page = await h.page(390);
    await signIn(page, OWNER);
    await page.goto('/analytics/clv');
    const list = page.getByTestId('churn-list');
    await list.getByRole('link', { name: 'Ayşe Kayabaşı' }).waitFor();
    const names = await list.getByRole('link').allInnerTexts();
    expect(names).toEqual(['Ayşe Kayabaşı', 'Mehmet Demirtaş']);
    await list.getByText('Genelde 10 günde bir alışveriş yapıyor; 41 gündür yok.').waitFor();
    // The band chart exports its numbers.
    await page.getByTestId('churn-bands-csv').waitFor();
    await page.getByTestId('churn-bands').locator('.recharts-bar-rectangle').first().waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, 'churn-clv-390-tr');

    await list.locator('.mantine-SegmentedControl-root').getByText('Düşük', { exact: true }).click();
    await expect.poll(async () => list.getByRole('link').allInnerTexts()).toEqual(['Mehmet Demirtaş']);
    await list.locator('.mantine-SegmentedControl-root').getByText('Tümü').click();
    await list.getByRole('link', { name: 'Ayşe Kayabaşı' }).click();
    await page.waitForURL(`**/customers/${ids.late}`);
    await page.context().close();
  });

  it('shows the section at desktop width', async () => {
    const page = await h.page(1280);
    await signIn(page, OWNER);
    await page.goto('/analytics/clv');
    await page.getByTestId('churn-list').getByRole('link', { name: 'Ayşe Kayabaşı' }).waitFor();
    await page.getByTestId('churn-bands').locator('.recharts-bar-rectangle').first().waitFor();
    await shot(page, 'churn-clv-1280-tr');
    await page.goto(`/customers/${ids.late}`);
    await page.getByTestId('churn-reasons').waitFor();
    await shot(page, 'churn-card-1280-tr');
    await page.context().close();
  });
});
