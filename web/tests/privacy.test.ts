import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../server/src/app';
import { TEST_PASSWORD } from '../../server/src/testing/app';
import { type BrowserHarness, expectNoHorizontalScroll, hasChromium, signIn, startBrowserHarness } from './harness';

const OWNER = 'kvkk-sahip@demo-tekstil.example';

describe.skipIf(!hasChromium)('KVKK requests and consents in a real browser', () => {
  let h: BrowserHarness;
  let orgId: string;
  let customer: { id: string; first_name: string; phone: string };
  beforeAll(async () => {
    h = await startBrowserHarness();
    ({ orgId } = await bootstrap(h.t.app.ctx, { email: OWNER, password: TEST_PASSWORD }, { demo: true, customers: 20 }));
    const { rows } = await h.t.db.pool.query(
      `select id, first_name, phone from customers where org_id = $1 and phone is not null and first_name is not null order by id limit 1`,
      [orgId],
    );
    customer = rows[0];
    // A request received 40 days ago is overdue and must lead the queue.
    await h.t.db.pool.query(
      `insert into privacy_requests (org_id, id, customer_id, type, received_at, due_at)
       values ($1, gen_random_uuid(), $2, 'rectification', now() - interval '40 days', now() - interval '10 days')`,
      [orgId, customer.id],
    );
  });
  afterAll(() => h?.close());

  it('creates an access request, records a consent on its page, carries it out — on a 390 px phone', async () => {
    const page = await h.page(390);
    await signIn(page, OWNER);
    await page.goto('/privacy/requests');
    await page.getByRole('heading', { name: 'KVKK başvuruları' }).waitFor();
    await page.getByText('Süresi geçti').first().waitFor();
    await expectNoHorizontalScroll(page);
    await h.screenshot(page, 'privacy-requests-390-tr');

    await page.getByRole('button', { name: 'Yeni başvuru' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Müşteri', { exact: true }).fill(customer.phone.slice(3));
    await page
      .getByRole('option', { name: new RegExp(customer.first_name) })
      .first()
      .click();
    await dialog.getByRole('button', { name: 'Oluştur' }).click();
    await page.getByRole('heading', { name: 'Başvuru: Erişim (veri dökümü)' }).waitFor();

    // The consent panel of the request's customer: record SMS and e-mail consent at the counter.
    const panel = page.getByTestId('consent-panel');
    await panel.getByRole('checkbox', { name: 'SMS' }).check();
    await panel.getByRole('checkbox', { name: 'E-posta' }).check();
    await panel.getByLabel('Gösterilen metin sürümü').fill('KVKK-2026/1');
    await panel.getByRole('button', { name: 'Kaydet' }).click();
    await panel.getByTestId('consent-sms').getByText('Onaylı').waitFor();
    await panel.getByTestId('consent-email').getByText('Fiziksel ortam (mağaza)', { exact: false }).waitFor();
    const { rows } = await h.t.db.pool.query(
      `select channel, status, source, text_version from consents where org_id = $1 and customer_id = $2 order by channel`,
      [orgId, customer.id],
    );
    expect(rows).toEqual([
      { channel: 'email', status: 'granted', source: 'HS_FIZIKSEL_ORTAM', text_version: 'KVKK-2026/1' },
      { channel: 'sms', status: 'granted', source: 'HS_FIZIKSEL_ORTAM', text_version: 'KVKK-2026/1' },
    ]);
    await expectNoHorizontalScroll(page);
    await h.screenshot(page, 'privacy-request-detail-390-tr');

    await page.getByRole('button', { name: 'Uygula' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Uygula' }).click();
    await page.getByRole('button', { name: 'Veri dökümünü indir' }).waitFor();
    await page.getByText('Bu başvuru kapatıldı.', { exact: false }).waitFor();
    const [request] = (
      await h.t.db.pool.query(
        `select status, export_data is not null as exported from privacy_requests where org_id = $1 and type = 'access'`,
        [orgId],
      )
    ).rows;
    expect(request).toEqual({ status: 'done', exported: true });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Veri dökümünü indir' }).click();
    expect((await download).suggestedFilename()).toMatch(/^kvkk-export-.*\.json$/);
    await h.screenshot(page, 'privacy-request-done-390-tr');
    await page.context().close();
  });

  it('refuses a first revocation with the server’s message', async () => {
    const { rows } = await h.t.db.pool.query(`select id from customers where org_id = $1 and id <> $2 order by id limit 1`, [
      orgId,
      customer.id,
    ]);
    const other = rows[0].id;
    await h.t.db.pool.query(
      `insert into privacy_requests (org_id, id, customer_id, type, received_at, due_at) values ($1, gen_random_uuid(), $2, 'objection', now(), now() + interval '30 days') returning id`,
      [orgId, other],
    );
    const [r] = (await h.t.db.pool.query(`select id from privacy_requests where org_id = $1 and customer_id = $2`, [orgId, other])).rows;
    const page = await h.page(1280);
    await signIn(page, OWNER);
    await page.goto(`/privacy/requests/${r.id}`);
    const panel = page.getByTestId('consent-panel');
    await panel.getByRole('checkbox', { name: 'Arama' }).check();
    await panel.getByText('Ret', { exact: true }).click();
    await panel.getByRole('button', { name: 'Kaydet' }).click();
    await page.getByText('ilk kayıt ret olamaz', { exact: false }).waitFor();
    await h.screenshot(page, 'privacy-first-revocation-1280-tr');
    await page.context().close();
  });
});
