import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../server/src/app';
import { closeProviders } from '../../server/src/modules/messaging/providers/registry';
import { decodeWords, fakeSmtp, headerOf } from '../../server/src/modules/messaging/providers/testing/fake-smtp';
import { type Caller, TEST_PASSWORD } from '../../server/src/testing/app';
import { type BrowserHarness, expectNoHorizontalScroll, hasChromium, signIn, startBrowserHarness } from './harness';

const OWNER = 'sahip@servisler.example';
const SHOTS = new URL('../../scratch/shots/', import.meta.url).pathname;

/** Waits until no transition runs (a drawer or modal sliding in), then takes a full-page shot. */
async function shot(page: Page, name: string) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

/** The table row (desktop) or card (phone) of a provider. */
const rowOf = (page: Page, name: string): Locator =>
  page.locator('tr, .mantine-Card-root').filter({ has: page.getByTestId(`provider-${name}`) });

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe.skipIf(!hasChromium)('message providers in a real browser', () => {
  let h: BrowserHarness;
  let owner: Caller;
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;

  beforeAll(async () => {
    h = await startBrowserHarness();
    smtp = await fakeSmtp({ reject: /yok@/ });
    await bootstrap(h.t.app.ctx, { email: OWNER, password: TEST_PASSWORD }, { demo: true, customers: 0 });
    owner = await h.t.login(OWNER);
  });
  afterAll(async () => {
    await closeProviders();
    await smtp?.close();
    await h?.close();
  });

  it('adds an SMTP provider from the form, makes it the default and sends a test e-mail', async () => {
    const page = await h.page(1280);
    await signIn(page, OWNER);
    await page.goto('/messaging/providers');
    await page.getByText('Henüz servis eklenmedi').waitFor();
    await shot(page, 'providers-empty-1280-tr');

    await page.getByRole('button', { name: 'Servis ekle' }).click();
    const form = page.getByTestId('provider-form');
    await pick(page, 'Servis türü', 'SMTP e-posta');
    await form.getByRole('textbox', { name: 'Ad', exact: true }).fill('Posta sunucusu');
    await form.getByLabel('SMTP sunucusu').fill(smtp.host);
    await form.getByRole('textbox', { name: 'Port', exact: true }).fill(String(smtp.port));
    await form.getByLabel('Gönderen adresi').fill('bulten@servisler.example');
    await form.getByLabel('Gönderen adı').fill('Çiçek Mağazası');
    await form.getByLabel('Mesaj başı ücret (₺)').fill('0,05');
    await form.getByRole('switch', { name: 'Bu kanalın varsayılan servisi' }).check({ force: true });
    await shot(page, 'providers-form-smtp-1280-tr');
    await form.getByRole('button', { name: 'Kaydet' }).click();
    await form.waitFor({ state: 'detached' });

    const row = rowOf(page, 'Posta sunucusu');
    await row.getByTestId('default-badge').waitFor();
    expect(await row.innerText()).toContain('₺0,05');
    const saved = (await owner.get('/api/v1/messaging/providers')).body.items[0];
    expect(saved).toMatchObject({
      kind: 'smtp',
      channel: 'email',
      isDefault: true,
      costPerPart: 5,
      settings: { host: smtp.host, port: smtp.port },
    });

    await row.getByRole('button', { name: 'Deneme gönder' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('E-posta adresi').fill('ayse@ornek.com.tr');
    await dialog.getByRole('button', { name: 'Gönder' }).click();
    await expect.poll(async () => dialog.getByTestId('test-result').innerText()).toContain('Servis kabul etti');
    expect(smtp.received.map((m) => m.to)).toEqual([['ayse@ornek.com.tr']]);
    expect(decodeWords(headerOf(smtp.received[0].raw, 'Subject')!)).toBe('Muhtar deneme mesajı');
    await shot(page, 'providers-test-ok-1280-tr');

    // A refusal is shown as the server gave it.
    await dialog.getByLabel('E-posta adresi').fill('yok@ornek.com.tr');
    await dialog.getByRole('button', { name: 'Gönder' }).click();
    await expect.poll(async () => dialog.getByTestId('test-result').innerText()).toContain('Böyle bir posta kutusu yok');
    expect(await dialog.getByTestId('test-result').innerText()).toContain('Servis kabul etmedi');
    await shot(page, 'providers-test-refused-1280-tr');
    await page.context().close();
  });

  it('keeps secrets write-only, shows the webhook URL, switches a provider off', async () => {
    const twilio = await owner.post('/api/v1/messaging/providers', {
      kind: 'twilio',
      channel: 'sms',
      name: 'Twilio yedek',
      settings: { accountSid: `AC${'c3'.repeat(16)}`, from: '+15005550006' },
      secrets: { authToken: 'twilio-gizli-anahtar' },
      isDefault: true,
    });
    expect(twilio.status, JSON.stringify(twilio.body)).toBe(201);
    const page = await h.page(1280);
    await signIn(page, OWNER);
    await page.goto('/messaging/providers');
    const row = rowOf(page, 'Twilio yedek');
    await row.getByTestId('default-badge').waitFor();
    await row.getByRole('button', { name: 'Düzenle' }).click();
    await page.getByRole('menuitem', { name: 'Düzenle' }).click();
    const form = page.getByTestId('provider-form');
    await form.getByText('kayıtlı — değiştirmek için yazın').first().waitFor();
    expect(await form.getByLabel('Auth token').inputValue()).toBe('');
    expect(await page.content()).not.toContain('twilio-gizli-anahtar');
    expect(await form.getByTestId('webhook-url').inputValue()).toBe(twilio.body.webhookUrl);
    await shot(page, 'providers-form-twilio-1280-tr');
    await form.getByTestId('webhook-url').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}providers-form-twilio-webhook-1280-tr.png` });
    // Saving without typing the token keeps it.
    await form.getByRole('textbox', { name: 'Ad', exact: true }).fill('Twilio yedek hat');
    await form.getByRole('button', { name: 'Kaydet' }).click();
    await form.waitFor({ state: 'detached' });
    const after = (await owner.get(`/api/v1/messaging/providers/${twilio.body.id}`)).body;
    expect(after).toMatchObject({ name: 'Twilio yedek hat', secretsSet: ['authToken'] });

    await rowOf(page, 'Twilio yedek hat').getByRole('switch').click({ force: true });
    await expect.poll(async () => (await owner.get(`/api/v1/messaging/providers/${twilio.body.id}`)).body.enabled).toBe(false);
    await rowOf(page, 'Twilio yedek hat').getByRole('button', { name: 'Varsayılan yap' }).waitFor();
    await page.context().close();
  });

  it('works at 390 px: the list as cards, the test dialog, no sideways scroll', async () => {
    await owner.post('/api/v1/messaging/providers', { kind: 'outbox', channel: 'sms', name: 'Giden kutusu SMS' });
    const page = await h.page(390);
    await signIn(page, OWNER);
    await page.goto('/messaging/providers');
    const card = rowOf(page, 'Giden kutusu SMS');
    await card.waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, 'providers-list-390-tr');
    await card.getByRole('button', { name: 'Deneme gönder' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Telefon numarası').fill('0532 123 45 67');
    await dialog.getByRole('button', { name: 'Gönder' }).click();
    await expect.poll(async () => dialog.getByTestId('test-result').innerText()).toContain('Servis kabul etti');
    await expectNoHorizontalScroll(page);
    await shot(page, 'providers-test-390-tr');
    await dialog.getByRole('button', { name: 'Vazgeç' }).click();
    await page.getByRole('button', { name: 'Servis ekle' }).click();
    await page.getByTestId('provider-form').waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, 'providers-form-390-tr');
    await page.context().close();
  });
});
