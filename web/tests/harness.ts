import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../server/src/testing/app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

export const SCREENSHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;
const WEB_DIST = new URL('../dist/index.html', import.meta.url).pathname;

/** Builds the web app when missing, as `npm start` does. */
async function ensureWebBuilt() {
  if (existsSync(WEB_DIST)) return;
  const { build } = await import('vite');
  await build({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}

export interface BrowserHarness {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh page (own cookies) of the given width. */
  page(width?: number): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startBrowserHarness(): Promise<BrowserHarness> {
  await ensureWebBuilt();
  const t = await startTestApp();
  await t.app.http!.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.http!.server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async page(width = 1280) {
      const context = await browser.newContext({
        viewport: { width, height: width < 600 ? 844 : 800 },
        locale: 'tr-TR',
        baseURL: `http://127.0.0.1:${port}`,
      });
      return context.newPage();
    },
    async screenshot(page, name) {
      await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Signs in through the login page and waits for the home page. */
export async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('E-posta').fill(email);
  await page.getByLabel('Şifre').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Giriş yap' }).click();
  await page.getByRole('heading', { name: /Hoş geldiniz/ }).waitFor();
}

/** The page must never scroll sideways: the 390 px rule for phones at the counter. */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}
