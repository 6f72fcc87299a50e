import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../server/src/app';
import { campaignsModule } from '../../server/src/modules/campaigns';
import { messagingModule } from '../../server/src/modules/messaging';
import { Jobs } from '../../server/src/platform/jobs/jobs';
import { type Caller, TEST_PASSWORD } from '../../server/src/testing/app';
import { type BrowserHarness, expectNoHorizontalScroll, hasChromium, signIn, startBrowserHarness } from './harness';

const OWNER = 'sahip@kampanya-demo.example';
const SHOTS = new URL('../../scratch/shots/', import.meta.url).pathname;

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

describe.skipIf(!hasChromium)('campaigns in a real browser', () => {
  let h: BrowserHarness;
  let owner: Caller;
  let worker: Jobs;

  beforeAll(async () => {
    h = await startBrowserHarness();
    await bootstrap(h.t.app.ctx, { email: OWNER, password: TEST_PASSWORD }, { demo: true, customers: 0 });
    owner = await h.t.login(OWNER);
    await owner.patch('/api/v1/messaging/settings', { quietHours: { start: '00:00', end: '00:00' } });
    for (let i = 0; i < 24; i++) {
      const res = await owner.post('/api/v1/customers', {
        firstName: i % 2 ? 'Ayşe' : 'Mehmet',
        lastName: 'Kaya',
        phone: `+90532444${String(1000 + i)}`,
        tags: ['bahar'],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      // Four customers never gave consent: the review and the report count them as skipped.
      if (i >= 4)
        await owner.post(`/api/v1/customers/${res.body.id}/consents`, {
          channels: ['sms'],
          status: 'granted',
          source: 'HS_FIZIKSEL_ORTAM',
        });
    }
    const segment = await owner.post('/api/v1/segments', {
      name: 'Bahar listesi',
      kind: 'dynamic',
      rule: { op: 'and', rules: [{ field: 'tags', operator: 'any_of', value: ['bahar'] }] },
    });
    expect(segment.status, JSON.stringify(segment.body)).toBe(201);
    const template = await owner.post('/api/v1/messaging/templates', {
      name: 'Bahar indirimi',
      channel: 'sms',
      purpose: 'marketing',
      content: { tr: { text: '{{honorific}}, bahar ürünlerinde %20 indirim bu hafta sonu!' } },
    });
    expect(template.status, JSON.stringify(template.body)).toBe(201);
    // The harness serves HTTP only; a worker runs the send job and the sending queue, as `--role worker` would.
    worker = new Jobs(h.t.db, { work: true, pollSeconds: 0.5 });
    for (const m of [messagingModule, campaignsModule]) m.setup?.({ ...h.t.app.ctx, jobs: worker });
    await worker.start();
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await h?.close();
  });

  it('builds a campaign in the wizard, reviews the compliance counts, sends it and shows the report', async () => {
    const page = await h.page();
    await signIn(page, OWNER);
    await page.goto('/campaigns');
    await page.getByTestId('preset-we_miss_you').waitFor();
    await page.getByRole('link', { name: 'Yeni kampanya' }).click();

    await page.getByLabel('Kampanya adı').fill('Bahar SMS');
    await page.getByTestId('include-segments').click();
    await page.getByRole('option', { name: /Bahar listesi/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'İleri' }).click();

    await page.getByTestId('variant-A-template').click();
    await page.getByRole('option', { name: 'Bahar indirimi' }).click();
    await page.getByRole('button', { name: 'İleri' }).click();

    await page.getByTestId('control-percent').fill('25');
    await page.getByTestId('variant-A-percent').fill('80');
    expect(await page.getByTestId('split-total').innerText()).toContain('105');
    await page.getByTestId('variant-A-percent').fill('75');
    expect(await page.getByTestId('split-total').innerText()).toContain('100');
    await page.getByRole('button', { name: 'İleri' }).click();
    await page.getByRole('button', { name: 'İleri' }).click();

    const estimate = page.getByTestId('estimate');
    await estimate.getByTestId('estimate-audience').getByText('24').waitFor();
    // 18 of the 24 are messaged (25 % held out): 4 of 24 without consent, scaled.
    expect(await estimate.getByTestId('estimate-reachable').innerText()).toBe('15');
    expect(await estimate.getByTestId('estimate-skipped').innerText()).toContain('İzin yok: 3');
    await shot(page, 'campaign-review-1280');

    await page.getByRole('button', { name: 'Gönder' }).click();
    await page.getByRole('heading', { name: 'Bahar SMS' }).waitFor();
    await page.getByText('Gönderildi', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByTestId('report-audience').getByText('24').waitFor({ timeout: 30_000 });
    const control = Number(await page.getByTestId('report-control').innerText());
    expect(control).toBeGreaterThan(0);
    // Every messaged customer with consent gets the outbox's delivery (the report refreshes while it arrives).
    await page.getByTestId('report-skipped').getByText('İzin yok').waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=report-delivered]')?.textContent) > 0, null, {
      timeout: 30_000,
    });
    await page.getByTestId('report-uplift').getByTestId('uplift-text').waitFor();
    await shot(page, 'campaign-report-1280');
    await page.context().close();
  });

  it('prepares a ready-made campaign and shows the report at 390 px without sideways scrolling', async () => {
    const page = await h.page(390);
    await signIn(page, OWNER);
    await page.goto('/campaigns');
    await page.getByTestId('preset-vip_early_access').getByRole('button').click();
    await page.getByRole('heading', { name: 'Kampanyayı düzenle' }).waitFor();
    expect(await page.getByLabel('Kampanya adı').inputValue()).toBe('Şampiyonlara erken erişim');
    await expectNoHorizontalScroll(page);
    await shot(page, 'campaign-preset-390');

    await page.goto('/campaigns');
    await page.getByRole('link', { name: 'Bahar SMS' }).click();
    await page.getByTestId('report-funnel').waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, 'campaign-report-390');
    await page.context().close();
  });
});
