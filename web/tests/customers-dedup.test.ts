import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../server/src/app';
import { defineDuplicateScan } from '../../server/src/modules/customers/duplicates';
import { Jobs } from '../../server/src/platform/jobs/jobs';
import { type Caller, TEST_PASSWORD } from '../../server/src/testing/app';
import { type BrowserHarness, expectNoHorizontalScroll, hasChromium, signIn, startBrowserHarness } from './harness';

const OWNER = 'sahip@demo-tekstil.example';

describe.skipIf(!hasChromium)('duplicate review and the data-quality report in a real browser', () => {
  let h: BrowserHarness;
  let owner: Caller;
  let worker: Jobs;
  let orgId: string;
  const ids: string[] = [];
  beforeAll(async () => {
    h = await startBrowserHarness();
    ({ orgId } = await bootstrap(h.t.app.ctx, { email: OWNER, password: TEST_PASSWORD }, { demo: true, customers: 40 }));
    owner = await h.t.login(OWNER);
    // The harness serves HTTP only; a worker process on the same database runs the scan job.
    worker = new Jobs(h.t.db, { work: true, pollSeconds: 0.5 });
    defineDuplicateScan({ ...h.t.app.ctx, jobs: worker });
    await worker.start();
    for (const body of [
      {
        firstName: 'Seda',
        lastName: 'Aksoy',
        phone: '0532 765 43 20',
        email: 'seda.aksoy@gmail.com',
        birthday: '1991-04-23',
        district: 'Nilüfer',
        city: 'Bursa',
      },
      { firstName: 'SEDA', lastName: 'AKSOY', phone: '0532 765 43 21', birthday: '1991-04-23', district: 'Osmangazi', city: 'Bursa' },
    ]) {
      const res = await owner.post('/api/v1/customers', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }
  });
  afterAll(async () => {
    await worker?.stop();
    await h?.close();
  });

  it('scans, shows the pair with its reasons, and merges it keeping a value picked from each record', async () => {
    const page = await h.page();
    await signIn(page, OWNER);
    await page.getByRole('navigation').getByRole('link', { name: 'Mükerrer kayıtlar' }).click();
    await page.getByRole('heading', { name: 'Mükerrer kayıtlar' }).waitFor();
    await page.getByRole('button', { name: 'Şimdi tara' }).click();
    await page.getByText(/Tarama bitti: \d+ olası mükerrer kayıt çifti\./).waitFor({ timeout: 30_000 });

    const card = page.getByTestId('duplicate-pair').filter({ hasText: 'Seda Aksoy' });
    await card.getByText('Telefon bir rakam farklı').waitFor();
    await expect.poll(() => card.getByText('Aynı doğum günü').count()).toBe(1);
    await card.getByRole('button', { name: 'Karşılaştır' }).click();
    await card.getByRole('button', { name: 'Birleştir' }).waitFor();
    // Keep the first record, but take the district of the second.
    const district = card.getByRole('radio', { name: 'İlçe: Osmangazi' });
    await district.check();
    await expect.poll(() => district.isChecked()).toBe(true);
    await h.screenshot(page, 'duplicates-compare-1280-tr');
    await card.getByRole('button', { name: 'Birleştir' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Bu işlem geri alınamaz.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Birleştir' }).click();
    await page.getByText('Kayıtlar birleştirildi.').waitFor();
    await expect.poll(() => page.getByTestId('duplicate-pair').filter({ hasText: 'Seda Aksoy' }).count()).toBe(0);

    const { rows } = await h.t.db.pool.query(
      'select id, status, district, phone, merged_into from customers where org_id = $1 and id = any($2)',
      [orgId, ids],
    );
    const survivor = rows.find((r) => r.status === 'active');
    const merged = rows.find((r) => r.status === 'merged');
    expect(survivor).toMatchObject({ district: 'Osmangazi' });
    expect(merged).toMatchObject({ merged_into: survivor.id, phone: null });
    const profile = (await owner.get(`/api/v1/customers/${survivor.id}`)).body;
    expect(profile.email).toBe('seda.aksoy@gmail.com');
    expect(profile.identities.filter((i: { kind: string }) => i.kind === 'phone')).toHaveLength(2);
    await page.context().close();
  });

  it('lays out the review queue on a 390 px phone', async () => {
    const p1 = await owner.post('/api/v1/customers', {
      firstName: 'Kerem',
      lastName: 'Tunç',
      phone: '0535 111 22 30',
      birthday: '--09-14',
    });
    const p2 = await owner.post('/api/v1/customers', {
      firstName: 'Kerem',
      lastName: 'Tunc',
      phone: '0535 111 22 03',
      birthday: '--09-14',
    });
    expect([p1.status, p2.status]).toEqual([201, 201]);
    const { jobId } = (await owner.post('/api/v1/duplicates/scan')).body;
    await expect.poll(async () => (await owner.get(`/api/v1/jobs/${jobId}`)).body.status, { timeout: 30_000 }).toBe('succeeded');
    const page = await h.page(390);
    await signIn(page, OWNER);
    await page.goto('/customers/duplicates');
    const card = page.getByTestId('duplicate-pair').filter({ hasText: 'Kerem Tunç' });
    await card.waitFor({ timeout: 30_000 });
    await card.getByRole('button', { name: 'Karşılaştır' }).click();
    await card
      .getByRole('radio', { name: /^Telefon: / })
      .first()
      .waitFor();
    await expectNoHorizontalScroll(page);
    await h.screenshot(page, 'duplicates-compare-390-tr');
    await card.getByRole('button', { name: 'Farklı kişiler' }).click();
    await page.getByText('Çift listeden çıkarıldı', { exact: false }).waitFor();
    await page.context().close();
  });

  it('opens the data-quality report per store and staff, with links to fix each problem', async () => {
    for (const width of [1280, 390]) {
      const page = await h.page(width);
      await signIn(page, OWNER);
      await page.goto('/customers/quality');
      await page.getByRole('heading', { name: 'Veri kalitesi raporu' }).waitFor();
      const totals = page.getByTestId('quality-totals');
      await totals.getByText('Tüm kuruluş').waitFor();
      const fix = totals.getByRole('link', { name: 'Düzelt' }).first();
      expect(await fix.getAttribute('href')).toMatch(/^\/customers\?issue=[a-z_]+$/);
      const byStaff = page.waitForResponse((r) => r.url().includes('/api/v1/quality/report?groupBy=staff') && r.ok());
      await page.getByText('Çalışana göre').click();
      await byStaff;
      await totals.getByText('Tüm kuruluş').waitFor();
      if (width === 390) await expectNoHorizontalScroll(page);
      await h.screenshot(page, `quality-report-${width}-tr`);
      if (width === 1280) {
        await fix.click();
        await page.waitForURL(/\/customers\?issue=/);
      }
      await page.context().close();
    }
  });
});
