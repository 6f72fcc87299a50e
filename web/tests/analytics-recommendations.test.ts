import { mkdirSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../server/src/testing/app';
import { type BrowserHarness, expectNoHorizontalScroll, hasChromium, signIn, startBrowserHarness } from './harness';

const SHOTS = new URL('../../scratch/shots/', import.meta.url).pathname;

const polo = ['Erkek', 'Üst Giyim', 'Polo Tişört'];
const catalog = {
  A: {
    sku: 'POLO-LAC-M',
    name: 'Polo Tişört Lacivert M',
    categoryPath: polo,
    brand: 'U.S. Polo Assn.',
    attributes: { colour: 'Lacivert', fit: 'Slim', size: 'M' },
  },
  B: {
    sku: 'POLO-LAC-L',
    name: 'Polo Tişört Lacivert L',
    categoryPath: polo,
    brand: 'U.S. Polo Assn.',
    attributes: { colour: 'Lacivert', fit: 'Slim', size: 'L' },
  },
  C: {
    sku: 'POLO-BEY-M',
    name: 'Polo Tişört Beyaz M',
    categoryPath: polo,
    brand: 'U.S. Polo Assn.',
    attributes: { colour: 'Beyaz', fit: 'Regular', size: 'M' },
  },
  D: {
    sku: 'TSH-LAC-M',
    name: 'Tişört Lacivert M',
    categoryPath: ['Erkek', 'Üst Giyim', 'Tişört'],
    brand: 'Cacharel',
    attributes: { colour: 'Lacivert', size: 'M' },
  },
  E: { sku: 'KEMER-01', name: 'Deri Kemer', categoryPath: ['Erkek', 'Aksesuar', 'Kemer'], brand: 'Pierre Cardin', attributes: {} },
  F: {
    sku: 'CHINO-32',
    name: 'Chino Pantolon Bej',
    categoryPath: ['Erkek', 'Alt Giyim', 'Pantolon'],
    brand: 'Cacharel',
    attributes: { colour: 'Bej', fit: 'Slim', size: '32' },
  },
  H: {
    sku: 'NEV-CIFT',
    name: 'Ranforce Nevresim Takımı Çift Kişilik Beyaz',
    categoryPath: ['Ev Tekstili', 'Nevresim'],
    brand: 'Taç',
    attributes: {},
  },
  I: { sku: 'CORAP-3', name: 'Çorap 3lü', categoryPath: ['Erkek', 'Aksesuar', 'Çorap'], brand: 'Pierre Cardin', attributes: {} },
} as const;
type Key = keyof typeof catalog;

/** Scrolls the card's top below the fixed header, so its screenshot shows the title. */
async function clearOfHeader(card: Locator) {
  await card.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80));
}

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul' }).format(new Date());
const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!hasChromium)('the recommendations card on the customer 360', () => {
  let h: BrowserHarness;
  let owner: Caller;
  let ownerEmail: string;
  let buyer: string;
  let newcomer: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    h = await startBrowserHarness();
    ({ owner, ownerEmail } = await h.t.newOrg('Öneri Tekstil'));
    expect((await owner.post('/api/v1/stores', { code: 'BRS-01', name: 'Bursa Merkez' })).status).toBe(201);
    for (const p of Object.values(catalog)) {
      const res = await owner.post('/api/v1/catalog/products', { ...p, listPrice: 89_990 });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const customer = async (firstName: string, phone: string) => {
      const res = await owner.post('/api/v1/customers', { firstName, lastName: 'Yılmaz', phone });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    buyer = await customer('Ayşe', '+905321110001');
    newcomer = await customer('Mehmet', '+905321110002');
    let n = 0;
    const receipt = async (ago: number, keys: Key[], customerId?: string) => {
      const res = await owner.post('/api/v1/sales/receipts', {
        storeCode: 'BRS-01',
        receiptNumber: `W${++n}`,
        occurredAt: `${daysAgo(ago)}T12:00:00`,
        customerId,
        lines: keys.map((k) => ({ sku: catalog[k].sku, quantity: 1, unitPrice: 89_990 })),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    };
    await receipt(70, ['A'], buyer);
    await receipt(5, ['E'], buyer);
    for (const basket of [
      ['A', 'F'],
      ['A', 'F'],
      ['A', 'F', 'H'],
      ['A', 'H'],
      ['E', 'I'],
      ['E', 'I'],
      ['H'],
      ['H'],
      ['H'],
      ['H'],
      ['D'],
    ] as Key[][])
      await receipt(10, basket);
  });
  afterAll(() => h?.close());

  for (const width of [1280, 390]) {
    it(`lists the recommended products with their reasons at ${width} px, five at a time`, async () => {
      const page = await h.page(width);
      await signIn(page, ownerEmail);
      await page.goto(`/customers/${buyer}`);
      const card = page.getByTestId('recommendations-card');
      await card.getByText('Önerilen ürünler').waitFor();
      const items = card.getByTestId('reco-item');
      await expect.poll(() => items.count()).toBe(5);
      // Bought together with the belt (2 of its 3 baskets) and of the same brand.
      await expect.poll(() => items.nth(0).innerText()).toContain('Çorap 3lü');
      const first = await items.nth(0).innerText();
      expect(first).toContain('Deri Kemer ile birlikte alınıyor: onun olduğu sepetlerin %67 kadarında bu da var.');
      expect(first).toContain('Deri Kemer ile aynı marka (Pierre Cardin).');
      expect(first).toContain('₺899,90');
      expect(await items.nth(1).innerText()).toContain('Chino Pantolon Bej');
      const polo = await items.nth(2).innerText();
      expect(polo).toContain('Polo Tişört Beyaz M');
      expect(polo).toContain('Müşterinin bedeni: M.');
      const texts = await items.allInnerTexts();
      // Bought 5 days ago, and another size than theirs: not recommended.
      expect(texts.join('\n')).not.toContain('Deri Kemer\n');
      expect(texts.join('\n')).not.toContain('Polo Tişört Lacivert L');
      if (width < 600) await expectNoHorizontalScroll(page);
      await clearOfHeader(card);
      await card.screenshot({ path: `${SHOTS}reco-card-${width}.png` });
      // Five shown, so there may be more: the next page finds none beyond these five.
      await card.getByRole('button', { name: 'Daha fazla göster' }).click();
      await expect.poll(() => items.count()).toBe(5);
      await expect.poll(() => card.getByRole('button', { name: 'Daha fazla göster' }).count()).toBe(0);
      if (width < 600) await expectNoHorizontalScroll(page);
      await page.context().close();
    });
  }

  it('shows best sellers to a customer who has not bought yet, saying so', async () => {
    const page = await h.page(390);
    await signIn(page, ownerEmail);
    await page.goto(`/customers/${newcomer}`);
    const card = page.getByTestId('recommendations-card');
    await card.getByTestId('reco-cold-start').getByText('Henüz alışverişi yok: çok satanlar gösteriliyor.').waitFor();
    await expect.poll(() => card.getByTestId('reco-item').first().innerText()).toContain('Ranforce Nevresim');
    expect(await card.getByTestId('reco-item').first().innerText()).toContain('Çok satan: sepetlerin %46 kadarında var.');
    await expectNoHorizontalScroll(page);
    await clearOfHeader(card);
    await card.screenshot({ path: `${SHOTS}reco-card-cold-390.png` });
    await page.context().close();
  });
});
