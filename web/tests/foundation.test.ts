import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../../server/src/app';
import { TEST_PASSWORD } from '../../server/src/testing/app';
import { type BrowserHarness, hasChromium, startBrowserHarness } from './harness';

const OWNER = 'sahip@demo-tekstil.example';

/** The page must never scroll sideways: the 390 px rule for shopkeepers' phones. */
async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function signIn(page: Page, email: string, password = TEST_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('E-posta').fill(email);
  await page.getByLabel('Şifre').fill(password);
  await page.getByRole('button', { name: 'Giriş yap' }).click();
}

describe.skipIf(!hasChromium)('the foundation in a real browser', () => {
  let h: BrowserHarness;
  let orgId: string;
  beforeAll(async () => {
    h = await startBrowserHarness();
    ({ orgId } = await bootstrap(h.t.app.ctx, { email: OWNER, password: TEST_PASSWORD }, { demo: true }));
  });
  afterAll(() => h?.close());
  // Each test starts from the owner's default language, whatever the previous one chose.
  beforeEach(async () => {
    await h.t.db.pool.query('update users set locale = null where email = $1', [OWNER]);
  });

  const navLink = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

  it('refuses a wrong password with the server’s message, then signs in in Turkish', async () => {
    const page = await h.page();
    await signIn(page, OWNER, 'yanlış-şifre-123');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('E-posta veya şifre hatalı.');
    await signIn(page, OWNER);
    await page.getByRole('heading', { name: 'Hoş geldiniz, Demo Sahibi' }).waitFor();
    await h.screenshot(page, 'home-1280-tr');
    await page.context().close();
  });

  it('switches to English and keeps it for the user across reloads and devices', async () => {
    const page = await h.page();
    await signIn(page, OWNER);
    await page.getByRole('button', { name: 'Kullanıcı menüsü' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await navLink(page, 'Stores').waitFor();
    await page.reload();
    await navLink(page, 'Stores').waitFor();
    const other = await h.page(390);
    await signIn(other, OWNER);
    await other.getByRole('heading', { name: 'Welcome, Demo Sahibi' }).waitFor();
    // Back to Turkish for the other tests.
    await page.getByRole('button', { name: 'User menu' }).click();
    await page.getByRole('menuitem', { name: 'Türkçe' }).click();
    await navLink(page, 'Mağazalar').waitFor();
    const [row] = (await h.t.db.pool.query('select locale from users where email = $1', [OWNER])).rows;
    expect(row.locale).toBe('tr');
    await page.context().close();
    await other.context().close();
  });

  it('creates a store: a bad phone number shows the server’s field error, a good one is saved as E.164', async () => {
    const page = await h.page();
    await signIn(page, OWNER);
    await page.getByRole('heading', { name: 'Hoş geldiniz, Demo Sahibi' }).waitFor();
    await page.goto('/settings/stores');
    await page.getByRole('button', { name: 'Mağaza ekle' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel(/^Kod/).fill('BRS-09');
    await drawer.getByLabel(/^Ad( \*)?$/).fill('Bursa Nilüfer Özlüce');
    await drawer.getByLabel('Telefon').fill('12345');
    await drawer.getByRole('button', { name: 'Kaydet' }).click();
    await drawer.getByText('Geçerli bir telefon numarası girin.').waitFor();
    await drawer.getByLabel('Telefon').fill('0224 444 55 66');
    await drawer.getByRole('button', { name: 'Kaydet' }).click();
    await page.getByRole('cell', { name: 'BRS-09' }).waitFor();
    const { rows } = await h.t.db.pool.query('select name, phone from stores where org_id = $1 and code = $2', [orgId, 'BRS-09']);
    expect(rows).toEqual([{ name: 'Bursa Nilüfer Özlüce', phone: '+902244445566' }]);
    await h.screenshot(page, 'stores-1280-tr');
    await page.context().close();
  });

  it('invites a store manager, who sets a password through the link and sees only what the role allows', async () => {
    const page = await h.page();
    await signIn(page, OWNER);
    await page.getByRole('heading', { name: 'Hoş geldiniz, Demo Sahibi' }).waitFor();
    await page.goto('/settings/users');
    await page.getByRole('button', { name: 'Kullanıcı davet et' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('E-posta').fill('fatma.yildiz@demo-tekstil.example');
    await dialog.getByLabel('Ad soyad').fill('Fatma Yıldız');
    await dialog.getByLabel(/^Rol/).click();
    await page.getByRole('option', { name: 'Mağaza müdürü' }).click();
    await dialog.getByLabel(/^Mağazalar/).click();
    await page.getByRole('option', { name: /BRS-01/ }).click();
    await page.keyboard.press('Tab'); // closes the store picker's dropdown
    await h.screenshot(page, 'invite-form-1280-tr');
    await dialog.getByRole('button', { name: 'Davet oluştur' }).click();
    const link = await page.getByRole('dialog', { name: 'Davet bağlantısı' }).locator('pre, code').first().textContent();
    const token = String(link).trim().split('/').pop();
    expect(token).toMatch(/^[\w-]{20,}$/);
    await h.screenshot(page, 'invite-link-1280-tr');

    const invitee = await h.page(390);
    await invitee.goto(`/invite/${token}`);
    await invitee.getByText('Fatma Yıldız').first().waitFor();
    await invitee.getByLabel('Yeni şifre', { exact: true }).fill('Fatma-Bursa-2026');
    await invitee.getByLabel('Yeni şifre (tekrar)').fill('Fatma-Bursa-2026');
    await invitee.getByRole('button', { name: 'Şifreyi kaydet' }).click();
    await invitee.getByRole('button', { name: 'Giriş yap' }).waitFor();
    await signIn(invitee, 'fatma.yildiz@demo-tekstil.example', 'Fatma-Bursa-2026');
    await invitee.getByRole('heading', { name: 'Hoş geldiniz, Fatma Yıldız' }).waitFor();
    await invitee.goto('/settings/stores');
    await invitee.getByText('BRS-01').first().waitFor();
    expect(await invitee.getByText('IST-01').count()).toBe(0);
    await expectNoHorizontalScroll(invitee);
    await h.screenshot(invitee, 'stores-390-tr-store-manager');
    await page.context().close();
    await invitee.context().close();
  });

  it.each([1280, 390])('renders every settings page at %i px without sideways scrolling', async (width) => {
    const page = await h.page(width);
    await signIn(page, OWNER);
    await page.getByRole('heading', { name: 'Hoş geldiniz, Demo Sahibi' }).waitFor();
    for (const path of [
      '/',
      '/settings/org',
      '/settings/stores',
      '/settings/brands',
      '/settings/users',
      '/settings/api-keys',
      '/settings/audit-log',
    ]) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await expectNoHorizontalScroll(page);
      await h.screenshot(page, `${path === '/' ? 'home' : path.split('/').pop()}-${width}-tr`);
    }
    await page.goto('/no-such-page');
    await page.getByText('404').first().waitFor();
    await page.context().close();
  });
});
