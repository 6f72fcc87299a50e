import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../server/src/app';
import { drainOrg } from '../../server/src/modules/messaging/delivery/worker';
import { type Caller, TEST_PASSWORD } from '../../server/src/testing/app';
import { type BrowserHarness, expectNoHorizontalScroll, hasChromium, signIn, startBrowserHarness } from './harness';

const OWNER = 'sahip@outbox-demo.example';
const SHOTS = new URL('../../scratch/shots/', import.meta.url).pathname;

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

describe.skipIf(!hasChromium)('the outbox in a real browser', () => {
  let h: BrowserHarness;
  let owner: Caller;
  let sent: { id: string };

  beforeAll(async () => {
    h = await startBrowserHarness();
    const { orgId } = await bootstrap(h.t.app.ctx, { email: OWNER, password: TEST_PASSWORD }, { demo: true, customers: 0 });
    owner = await h.t.login(OWNER);
    const ayse = await owner.post('/api/v1/customers', { firstName: 'Ayşe', lastName: 'Kayabaşı', phone: '+905321110101' });
    const mehmet = await owner.post('/api/v1/customers', { firstName: 'Mehmet', lastName: 'Demirtaş', phone: '+905321110102' });
    // The shopkeeper's one-tap SMS, from the API.
    const res = await owner.post(
      '/api/v1/messaging/messages',
      {
        customerId: ayse.body.id,
        channel: 'sms',
        purpose: 'transactional',
        text: 'Ayşe Hanım, siparişiniz hazır. Mağazamızdan alabilirsiniz.',
      },
      { headers: { 'idempotency-key': 'outbox-browser-1' } },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    sent = res.body;
    // The harness runs no job worker: send the queue now, through the built-in outbox provider.
    expect((await drainOrg(h.t.app.ctx, orgId)).sent).toBe(1);
    // Marketing without consent: kept as skipped, with its reason.
    const skipped = await owner.post('/api/v1/messaging/messages', {
      customerId: mehmet.body.id,
      channel: 'sms',
      purpose: 'marketing',
      text: 'Bu hafta %15 indirim!',
    });
    expect(skipped.body).toMatchObject({ status: 'skipped', skipReason: 'no_consent' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the one-tap message and a skipped one with its reason; opens the detail with its timeline at 390 px', async () => {
    const page = await h.page(390);
    await signIn(page, OWNER);
    await page.goto('/messaging/outbox');
    await page.getByText('Ayşe Hanım, siparişiniz hazır', { exact: false }).first().waitFor();
    await page.getByText('Bu kanal için izin yok').first().waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, 'outbox-390-tr');
    // The owner reads numbers unmasked, in national form.
    await page.getByRole('button', { name: '0532 111 01 01' }).click();
    const detail = page.getByTestId('message-detail');
    await detail.waitFor();
    await detail.getByText('Kuyruğa girdi').waitFor();
    await detail.getByText('Teslim edildi').first().waitFor();
    expect(await detail.innerText()).toContain('Bilgilendirme');
    // The drawer slides in: let it settle before the picture.
    await page.waitForTimeout(600);
    await expectNoHorizontalScroll(page);
    await shot(page, 'outbox-detail-390-tr');
    await page.context().close();
  });

  it('filters by status on a desktop screen', async () => {
    const page = await h.page(1280);
    await signIn(page, OWNER);
    await page.goto('/messaging/outbox?status=skipped');
    await page.getByText('Bu hafta %15 indirim!', { exact: false }).waitFor();
    expect(await page.getByText('Ayşe Hanım, siparişiniz hazır', { exact: false }).count()).toBe(0);
    await shot(page, 'outbox-1280-skipped');
    // A day picked in the calendar becomes the filter's YYYY-MM-DD; one after today hides every message.
    await page.goto('/messaging/outbox');
    await page.getByText('Bu hafta %15 indirim!', { exact: false }).waitFor();
    await page.getByLabel('Başlangıç').click();
    // The calendar's days are named "15 Kasım 2026".
    await page.getByRole('button', { name: /^15 \S+ \d{4}$/ }).click();
    await page.waitForURL(/from=\d{4}-\d{2}-15(&|$)/);
    await page.goto('/messaging/outbox?from=2099-01-01');
    await page.getByText('Filtrelere uyan mesaj yok').waitFor();
    expect(await page.getByText('Ayşe Hanım, siparişiniz hazır', { exact: false }).count()).toBe(0);
    await page.context().close();
    expect(sent.id).toBeTruthy();
  });

  it('changes quiet hours and adds an address to the suppression list at 390 px', async () => {
    const page = await h.page(390);
    await signIn(page, OWNER);
    await page.goto('/messaging/outbox');
    await page.getByRole('link', { name: 'Gönderim kuralları' }).click();
    await page.waitForURL('**/messaging/settings');
    await page.getByRole('heading', { name: 'Sessiz saatler' }).waitFor();
    await page.getByLabel('Başlangıç').fill('22:30');
    await page.getByLabel('Bitiş').fill('08:00');
    await page.getByRole('button', { name: 'Kaydet' }).click();
    await page.getByText('Gönderim kuralları kaydedildi.').waitFor();
    expect((await owner.get('/api/v1/messaging/settings')).body.quietHours).toEqual({ start: '22:30', end: '08:00' });
    await page.getByLabel('Telefon ya da e-posta').fill('0532 111 01 99');
    await page.getByRole('button', { name: 'Ekle' }).click();
    await page.getByText('+905321110199 engelleme listesine eklendi.').waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, 'outbox-settings-390-tr');
    await page.context().close();
  });
});
