import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../server/src/testing/app';
import { type BrowserHarness, expectNoHorizontalScroll, hasChromium, signIn, startBrowserHarness } from './harness';

const SHOTS = new URL('../../scratch/shots/', import.meta.url).pathname;

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

describe.skipIf(!hasChromium)('message templates in a real browser', () => {
  let h: BrowserHarness;
  let owner: Caller;
  let ownerEmail: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    ({ owner, ownerEmail } = await h.t.newOrg('Yıldız Butik'));
    const res = await owner.post('/api/v1/customers', { firstName: 'Ayşe', lastName: 'Yılmaz', phone: '0532 555 12 34' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('writes a Turkish SMS at 390 px: live counter, preview with a real customer, the server’s error on the field', async () => {
    const page = await h.page(390);
    await signIn(page, ownerEmail);
    await page.goto('/messaging/templates');
    await page.getByText('Henüz şablon yok').waitFor();
    await page.getByRole('link', { name: 'Yeni şablon' }).click();

    await page.getByLabel('Şablon adı').fill('Bahar indirimi');
    const text = page.getByTestId('text-tr');
    await text.click();
    await text.pressSequentially('Merhaba ');
    // The palette inserts at the caret; the focus stays in the field.
    await page.getByRole('button', { name: 'honorific', exact: true }).click();
    await text.press('End');
    await text.pressSequentially(', bahar indirimi başladı!');
    expect(await text.inputValue()).toBe('Merhaba {{honorific}}, bahar indirimi başladı!');
    // Turkish letters without the shift table (the outbox is no Netgsm): Unicode, 70 per SMS.
    const counter = page.getByTestId('sms-counter');
    await expect.poll(() => counter.innerText()).toContain('46 karakter · 1 SMS · 24 kaldı');
    expect(await counter.innerText()).toContain('Unicode (UCS-2)');
    await text.pressSequentially(' Şimdi gelin, sizi bekliyoruz.');
    await expect.poll(() => counter.innerText()).toContain('76 karakter · 2 SMS');

    // Preview with sample values first, then with the customer found by phone.
    const preview = page.getByTestId('preview-text');
    await expect.poll(() => preview.innerText()).toContain('Merhaba Ayşe Hanım, bahar indirimi');
    await page.getByRole('combobox', { name: 'Müşteri ile önizle' }).fill('0532 555');
    await page.getByRole('option', { name: /Ayşe Yılmaz/ }).click();
    await expect.poll(() => page.getByTestId('template-preview').innerText()).not.toContain('örnek değerler');
    await expect.poll(() => preview.innerText()).toBe('Merhaba Ayşe Hanım, bahar indirimi başladı! Şimdi gelin, sizi bekliyoruz.');
    await expect.poll(() => page.getByTestId('preview-sms').innerText()).toContain('2 SMS');
    await expectNoHorizontalScroll(page);
    await shot(page, 'templates-editor-390');

    // An unknown variable: the server's message under the field, nothing saved.
    await text.press('End');
    await text.pressSequentially(' Kodunuz: {{indirimKodu}}');
    await page.getByRole('button', { name: 'Şablonu oluştur' }).click();
    await page.getByText('content.tr.text alanında bilinmeyen değişken: indirimKodu').first().waitFor();
    expect(await text.getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'templates-editor-error-390');

    await text.fill('Merhaba {{honorific}}, kodunuz {{couponCode}}. {{#if points}}{{points}} puanınız var.{{/if}}');
    await page.getByRole('button', { name: 'Şablonu oluştur' }).click();
    await page.getByText('“Bahar indirimi” oluşturuldu.').waitFor();
    await page.waitForURL(/\/messaging\/templates\/[0-9a-f-]{36}$/);
    await page.goto('/messaging/templates');
    await page.getByRole('link', { name: 'Bahar indirimi' }).waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, 'templates-list-390');
    await page.context().close();
  });

  it('an e-mail template on a desktop: subject, HTML preview, English tab', async () => {
    const page = await h.page(1280);
    await signIn(page, ownerEmail);
    await page.goto('/messaging/templates/new');
    await page.getByRole('tab', { name: 'E-posta' }).click();
    await page.getByLabel('Şablon adı').fill('Sipariş hazır');
    await page.getByRole('textbox', { name: 'Konu' }).fill('{{firstName}}, siparişiniz hazır');
    await page.getByTestId('text-tr').fill('{{honorific}}, siparişinizi {{storeName}} şubemizden alabilirsiniz.');
    await page.getByLabel('HTML (isteğe bağlı)').fill('<h1>{{honorific}}</h1><p>Siparişiniz hazır.</p>');
    await expect.poll(() => page.getByTestId('preview-text').innerText()).toContain('Ayşe Hanım, siparişinizi Kadıköy Mağazası');
    await page.getByRole('switch', { name: 'İngilizce içerik' }).check({ force: true });
    await page.getByRole('tab', { name: 'İngilizce' }).click();
    await page.getByRole('textbox', { name: 'Konu' }).fill('{{firstName}}, your order is ready');
    await page.getByTestId('text-en').fill('{{honorific}}, your order is ready at {{storeName}}.');
    await page.getByTestId('template-preview').getByText('EN', { exact: true }).click();
    await expect.poll(() => page.getByTestId('preview-text').innerText()).toBe('Ms Yılmaz, your order is ready at Kadıköy store.');
    await shot(page, 'templates-email-1280');
    await page.getByRole('button', { name: 'Şablonu oluştur' }).click();
    await page.getByText('“Sipariş hazır” oluşturuldu.').waitFor();
    await page.context().close();
  });
});
