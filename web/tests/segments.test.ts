import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../server/src/app';
import { upsertProducts } from '../../server/src/modules/catalog/service';
import { type Caller, TEST_PASSWORD } from '../../server/src/testing/app';
import { type BrowserHarness, expectNoHorizontalScroll, hasChromium, signIn, startBrowserHarness } from './harness';

const OWNER = 'sahip@segment-demo.example';
const SHOTS = new URL('../../scratch/shots/', import.meta.url).pathname;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

/** Picks an option of a Mantine select (searchable) by typing part of its label. */
async function pick(page: Page, input: Locator, search: string, option: string) {
  await input.click();
  if (search) await input.fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The live count once it shows `n` (it follows edits after a short pause). */
async function countIs(page: Page, n: number) {
  await expect.poll(async () => (await page.getByTestId('live-count').innerText()).trim(), { timeout: 10_000 }).toBe(String(n));
}

describe.skipIf(!hasChromium)('segment builder in a real browser', () => {
  let h: BrowserHarness;
  let owner: Caller;

  beforeAll(async () => {
    h = await startBrowserHarness();
    await bootstrap(h.t.app.ctx, { email: OWNER, password: TEST_PASSWORD }, { demo: true, customers: 0 });
    owner = await h.t.login(OWNER);
    const { rows } = await h.t.db.pool.query('select org_id from users where email = $1', [OWNER]);
    await h.t.db.tenant(rows[0].org_id, (tx) =>
      upsertProducts(tx, [
        { sku: 'BEZ-4', name: 'Bebek Bezi 4 Numara', categoryPath: ['Bebek', 'Bebek Bezi'], listPrice: 39_900 },
        { sku: 'MAMA-2', name: 'Devam Sütü 2', categoryPath: ['Bebek', 'Bebek Maması'], listPrice: 45_000 },
      ]),
    );
    const stores = await owner.get('/api/v1/stores');
    const storeCode = stores.body.items[0].code;
    const buyers: [string, string, string[][]][] = [
      ['Zeynep', '+905321110101', [['BEZ-4']]],
      ['Can', '+905321110102', [['BEZ-4'], ['MAMA-2']]],
      ['Elif', '+905321110103', []],
    ];
    let n = 0;
    for (const [firstName, phone, baskets] of buyers) {
      expect((await owner.post('/api/v1/customers', { firstName, lastName: 'Yıldız', phone, city: 'istanbul' })).status).toBe(201);
      for (const skus of baskets) {
        const res = await owner.post('/api/v1/sales/receipts', {
          storeCode,
          receiptNumber: `SEG-${++n}`,
          occurredAt: `${daysAgo(5 + n)}T10:00:00`,
          customerPhone: phone,
          lines: skus.map((sku) => ({ sku, quantity: 1, unitPrice: 39_900 })),
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
    }
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('builds "bought diapers last month but never formula" and sees the count change, then saves it', async () => {
    const page = await h.page(1280);
    await signIn(page, OWNER);
    await page.goto('/segments');
    await page.getByTestId('new-segment').click();
    await page.getByTestId('segment-name').fill('Bez alıp mama almayanlar');
    await countIs(page, 3);

    await page.getByTestId('add-condition').click();
    const first = page.getByTestId('rule-condition').nth(0);
    await pick(page, first.getByTestId('condition-field'), 'kategori', 'Aldığı kategori');
    const value = first.getByTestId('condition-value');
    await value.fill('Bebek Bezi');
    await value.press('Enter');
    await value.press('Escape');
    await first.getByTestId('param-withinDays').fill('30');
    await countIs(page, 2);

    await page.getByTestId('add-condition').first().click();
    const second = page.getByTestId('rule-condition').nth(1);
    await pick(page, second.getByTestId('condition-field'), 'kategori', 'Aldığı kategori');
    await pick(page, second.getByTestId('condition-operator'), '', 'hiçbirini');
    const formula = second.getByTestId('condition-value');
    await formula.fill('Bebek Maması');
    await formula.press('Enter');
    await formula.press('Escape');
    await countIs(page, 1);
    expect(await page.getByTestId('preview-sample').innerText()).toContain('Zeynep Yıldız');
    await shot(page, 'segments-builder-1280');

    await page.getByTestId('save-segment').click();
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
    await page.getByTestId('segment-members').getByText('Zeynep Yıldız').waitFor();
    expect(await page.getByTestId('member-count').innerText()).toContain('1');
    await page.context().close();
  });

  it('a NOT group turns the count around; the list and the editor fit 390 px', async () => {
    const page = await h.page(390);
    await signIn(page, OWNER);
    await page.goto('/segments');
    await page.getByText('Bez alıp mama almayanlar').click();
    await page.getByTestId('rule-condition').first().waitFor();
    await countIs(page, 1);
    await page.getByText('DEĞİL', { exact: true }).nth(1).click();
    // diapers and formula: Can instead of Zeynep (the count stays 1)
    await expect.poll(() => page.getByTestId('preview-sample').innerText(), { timeout: 10_000 }).toContain('Can Yıldız');
    await countIs(page, 1);
    await expectNoHorizontalScroll(page);
    await shot(page, 'segments-editor-390');
    await page.goto('/segments');
    await page.getByText('Bez alıp mama almayanlar').waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, 'segments-list-390');
    await page.context().close();
  });
});
