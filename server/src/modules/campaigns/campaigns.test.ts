import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../app';
import { addDays } from '../../platform/time';
import {
  type Caller,
  expectProblem,
  orgsAcrossTheDateLine,
  signedInAs,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../../testing/app';
import { createProducts, mobile, uniq } from '../sales/test-helpers';
import { runDecide } from './send';
import { chooseWinner } from './winner';

let t: TestApp;
let owner: Caller;
let orgId: string;

/** Customers by what the test does with them. */
const people = { consented: [] as string[], noConsent: [] as string[], vegan: [] as string[] };
let segmentId: string;
let veganId: string;
let smsTemplate: string;

beforeAll(async () => {
  t = await startTestApp({ worker: true });
  ({ owner, orgId } = await t.newOrg());
  // Tests run at any hour: no quiet hours, and no weekly cap to reach.
  expect(
    (
      await owner.patch('/api/v1/messaging/settings', {
        quietHours: { start: '00:00', end: '00:00' },
        frequencyCap: { messages: 0, days: 7 },
      })
    ).status,
  ).toBe(200);
  await createProducts(t, orgId, [{ sku: 'SUT-1', name: 'Süt 1 L', categoryPath: ['Süt ürünleri'] }]);
  const add = async (tags: string[], consent: boolean) => {
    const res = await owner.post('/api/v1/customers', { firstName: 'Ayşe', lastName: 'Yılmaz', phone: mobile(), tags });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    if (consent) {
      const c = await owner.post(`/api/v1/customers/${res.body.id}/consents`, { channels: ['sms'], status: 'granted', source: 'HS_WEB' });
      expect(c.status, JSON.stringify(c.body)).toBe(201);
    }
    return res.body.id as string;
  };
  for (let i = 0; i < 30; i++) people.consented.push(await add(['kampanya'], true));
  for (let i = 0; i < 4; i++) people.noConsent.push(await add(['kampanya'], false));
  for (let i = 0; i < 2; i++) people.vegan.push(await add(['kampanya', 'vegan'], true));
  const segment = await owner.post('/api/v1/segments', {
    name: 'Kampanya listesi',
    kind: 'dynamic',
    rule: { op: 'and', rules: [{ field: 'tags', operator: 'any_of', value: ['kampanya'] }] },
  });
  expect(segment.status, JSON.stringify(segment.body)).toBe(201);
  segmentId = segment.body.id;
  const vegan = await owner.post('/api/v1/segments', {
    name: 'Veganlar',
    kind: 'dynamic',
    rule: { op: 'and', rules: [{ field: 'tags', operator: 'any_of', value: ['vegan'] }] },
  });
  veganId = vegan.body.id;
  const template = await owner.post('/api/v1/messaging/templates', {
    name: 'Hafta sonu',
    channel: 'sms',
    purpose: 'marketing',
    content: { tr: { text: '{{honorific}}, hafta sonu tüm sütlerde %20 indirim!' } },
  });
  expect(template.status, JSON.stringify(template.body)).toBe(201);
  smsTemplate = template.body.id;
}, 240_000);
afterAll(() => t.close());

const base = () => ({
  name: 'Hafta sonu süt',
  channel: 'sms' as const,
  includeSegments: [segmentId],
  excludeSegments: [veganId],
  variants: [{ key: 'A', templateId: smsTemplate, percent: 80 }],
  controlPercent: 20,
});

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const order = (customerId: string, amount: number) =>
  owner.post('/api/v1/sales/orders', {
    channel: 'web',
    orderNumber: uniq('SP'),
    placedAt: new Date().toISOString(),
    customerId,
    lines: [{ sku: 'SUT-1', quantity: 1, unitPrice: amount }],
  });

const messagesOf = async (campaignId: string) =>
  (
    await t.db.pool.query('select customer_id, status, skip_reason, variant from messages where org_id = $1 and campaign_id = $2', [
      orgId,
      campaignId,
    ])
  ).rows as { customer_id: string; status: string; skip_reason: string | null; variant: string }[];

describe('a campaign with a control group', () => {
  let id: string;

  it('is saved as a draft, estimated, sent by a job, and never messages the control group or the excluded', async () => {
    const created = await owner.post('/api/v1/campaigns', base());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', controlPercent: 20, attribution: { days: 7, model: 'last_touch' } });
    id = created.body.id;

    const estimate = await owner.post('/api/v1/campaigns/estimate', {
      channel: 'sms',
      includeSegments: [segmentId],
      excludeSegments: [veganId],
      controlPercent: 20,
    });
    expect(estimate.status, JSON.stringify(estimate.body)).toBe(200);
    expect(estimate.body).toMatchObject({ audience: 34, control: 7, sampled: 34, exact: false });
    // Scaled to the 27 messaged: 30 of 34 have consent.
    expect(estimate.body.reachable).toBe(Math.round(30 * (27 / 34)));
    expect(estimate.body.skipped).toEqual({ no_consent: Math.round(4 * (27 / 34)) });
    // The estimate leaves nothing behind.
    expect(await messagesOf(id)).toEqual([]);
    expect((await t.db.pool.query('select count(*)::int as n from messages where org_id = $1', [orgId])).rows[0].n).toBe(0);

    const sent = await owner.post(`/api/v1/campaigns/${id}/send`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body.runId).toBeTruthy();
    const done = await until(
      async () => (await owner.get(`/api/v1/campaigns/${id}`)).body,
      (c) => c.status === 'sent',
    );
    expect(done.status).toBe('sent');
    expect(done.counts.audience).toBe(34);
    expect(done.counts.groups.control + done.counts.groups.A).toBe(34);
    // The hash split lands near 20 % (7 of 34) but is random per campaign.
    expect(done.counts.groups.control).toBeGreaterThan(0);
    expect(done.counts.groups.control).toBeLessThan(17);

    const { rows: groups } = await t.db.pool.query(
      'select customer_id, group_key from campaign_recipients where org_id = $1 and campaign_id = $2',
      [orgId, id],
    );
    const control = new Set(groups.filter((g) => g.group_key === 'control').map((g) => g.customer_id));
    const messages = await messagesOf(id);
    expect(messages).toHaveLength(done.counts.groups.A);
    expect(messages.some((m) => control.has(m.customer_id))).toBe(false);
    expect(messages.some((m) => people.vegan.includes(m.customer_id))).toBe(false);
    const skipped = messages.filter((m) => m.status === 'skipped');
    expect(skipped.every((m) => m.skip_reason === 'no_consent' && people.noConsent.includes(m.customer_id))).toBe(true);
    expect(done.counts.skipped.no_consent ?? 0).toBe(skipped.length);
    expect(done.counts.queued).toBe(messages.length - skipped.length);
    const job = await owner.get(`/api/v1/jobs/${done.runId}`);
    expect(job.body).toMatchObject({ status: 'succeeded', done: done.counts.groups.A, total: done.counts.groups.A });
  });

  it('reports delivery, attributed purchases and the uplift against the control group', async () => {
    // The outbox delivers at once; wait for the worker.
    await until(
      () => messagesOf(id),
      (list) => list.every((m) => m.status === 'delivered' || m.status === 'skipped'),
    );
    const { rows: groups } = await t.db.pool.query(
      'select customer_id, group_key from campaign_recipients where org_id = $1 and campaign_id = $2',
      [orgId, id],
    );
    const treated = groups.filter((g) => g.group_key === 'A').map((g) => g.customer_id as string);
    const control = groups.filter((g) => g.group_key === 'control').map((g) => g.customer_id as string);
    const messaged = new Set((await messagesOf(id)).filter((m) => m.status === 'delivered').map((m) => m.customer_id));
    // Half the treated who got the message buy (two orders each), one control customer buys.
    const buyers = treated.filter((c) => messaged.has(c)).slice(0, Math.ceil(messaged.size / 2));
    for (const c of buyers) {
      expect((await order(c, 10_000)).status).toBe(201);
      expect((await order(c, 5_000)).status).toBe(201);
    }
    expect((await order(control[0], 7_500)).status).toBe(201);

    const report = await owner.get(`/api/v1/campaigns/${id}/report`, { headers: { 'accept-language': 'en' } });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const r = report.body;
    expect(r.totals).toMatchObject({
      audience: 34,
      control: control.length,
      delivered: messaged.size,
      sent: messaged.size,
      converted: buyers.length,
      revenue: buyers.length * 15_000,
      cost: 0,
    });
    expect(r.variants[0]).toMatchObject({
      key: 'A',
      recipients: treated.length,
      delivered: messaged.size,
      converted: buyers.length,
      purchases: buyers.length * 2,
    });
    expect(r.uplift.treated).toEqual({ customers: treated.length, converted: buyers.length, revenue: buyers.length * 15_000 });
    expect(r.uplift.control).toEqual({ customers: control.length, converted: 1, revenue: 7_500 });
    expect(r.uplift.treatmentRate).toBeCloseTo(buyers.length / treated.length, 10);
    expect(r.uplift.controlRate).toBeCloseTo(1 / control.length, 10);
    expect(r.uplift.differenceInterval.low).toBeLessThan(r.uplift.difference);
    expect(r.uplift.incrementalRevenue).toBe(
      Math.round(((15_000 * buyers.length) / treated.length) * treated.length - (7_500 / control.length) * treated.length),
    );
    expect(r.uplift.roi).toBeNull(); // the outbox costs nothing
    expect(r.daily).toEqual(
      expect.arrayContaining([
        { day: 0, control: false, converted: buyers.length },
        { day: 0, control: true, converted: 1 },
      ]),
    );
  });

  it('cannot be changed, sent again or deleted once started', async () => {
    expectProblem(await owner.request('PUT', `/api/v1/campaigns/${id}`, { body: base() }), 409, 'campaign_started');
    expectProblem(await owner.post(`/api/v1/campaigns/${id}/send`), 409, 'campaign_started');
    expectProblem(await owner.delete(`/api/v1/campaigns/${id}`), 409, 'campaign_started');
    expectProblem(await owner.post(`/api/v1/campaigns/${id}/cancel`), 409, 'campaign_not_cancellable');
  });
});

describe('an A/B test', () => {
  it('tries two variants on part of the audience and sends the winner to the rest', async () => {
    const b = await owner.post('/api/v1/messaging/templates', {
      name: 'Hafta sonu B',
      channel: 'sms',
      purpose: 'marketing',
      content: { tr: { text: 'Sütler bu hafta sonu %20 indirimde, {{firstName}}!' } },
    });
    const created = await owner.post('/api/v1/campaigns', {
      ...base(),
      name: 'A/B süt',
      controlPercent: 10,
      variants: [
        { key: 'A', templateId: smsTemplate, percent: 30 },
        { key: 'B', templateId: b.body.id, percent: 30 },
      ],
      abTest: { winnerMetric: 'conversions', decideAfterHours: 2 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect((await owner.post(`/api/v1/campaigns/${id}/send`)).status).toBe(202);
    const testing = await until(
      async () => (await owner.get(`/api/v1/campaigns/${id}`)).body,
      (c) => c.status === 'testing',
    );
    expect(testing.status).toBe('testing');
    const rest = testing.counts.groups.rest;
    expect(rest).toBeGreaterThan(0);
    const before = await messagesOf(id);
    expect(new Set(before.map((m) => m.variant))).toEqual(new Set(['A', 'B'].filter((k) => testing.counts.groups[k])));
    await until(
      () => messagesOf(id),
      (list) => list.every((m) => m.status === 'delivered' || m.status === 'skipped'),
    );
    // B's messaged customers buy; A's do not.
    const bDelivered = (await messagesOf(id)).filter((m) => m.variant === 'B' && m.status === 'delivered');
    for (const m of bDelivered.slice(0, 2)) expect((await order(m.customer_id, 3_000)).status).toBe(201);

    // The decision is a job due two hours after the start; run it now.
    await runDecide(t.app.ctx, { orgId, campaignId: id }, chooseWinner);
    const after = (await owner.get(`/api/v1/campaigns/${id}`)).body;
    expect(after).toMatchObject({ status: 'sent', winner: 'B' });
    const messages = await messagesOf(id);
    expect(messages.filter((m) => m.variant === 'B')).toHaveLength(testing.counts.groups.B + rest);
    const report = (await owner.get(`/api/v1/campaigns/${id}/report`)).body;
    expect(report.variants.find((v: { key: string }) => v.key === 'B').recipients).toBe(testing.counts.groups.B + rest);
    expect(report.totals.waiting).toBe(0);
  });
});

describe('presets', () => {
  it('prepares the seed’s campaigns as drafts with their segment, template and coupon', async () => {
    const list = await owner.get('/api/v1/campaigns/presets');
    expect(list.body.items.map((p: { key: string }) => p.key)).toEqual(['we_miss_you', 'vip_early_access', 'appointment_gap']);
    const res = await owner.post('/api/v1/campaigns/presets', { key: 'we_miss_you' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Sizi özledik %15',
      status: 'draft',
      controlPercent: 10,
      preset: 'we_miss_you',
      channel: 'sms',
    });
    expect(res.body.couponCampaignId).toBeTruthy();
    const segment = (await owner.get(`/api/v1/segments/${res.body.includeSegments[0]}`)).body;
    expect(segment.rule).toEqual({ op: 'and', rules: [{ field: 'rfm_segment', operator: 'in', value: ['at_risk'] }] });
    const template = (await owner.get(`/api/v1/messaging/templates/${res.body.variants[0].templateId}`)).body;
    expect(template.content.tr.text).toContain('{{couponCode}}');
    const coupon = (await owner.get(`/api/v1/loyalty/coupon-campaigns/${res.body.couponCampaignId}`)).body;
    expect(coupon).toMatchObject({ kind: 'personal' });
    expectProblem(await owner.post('/api/v1/campaigns/presets', { key: 'yok-boyle' }), 404, 'not_found');
  });

  it("give the coupon 30 days from the org's own day, not UTC's", async () => {
    for (const org of await orgsAcrossTheDateLine(t)) {
      const res = await org.owner.post('/api/v1/campaigns/presets', { key: 'we_miss_you' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const coupon = (await org.owner.get(`/api/v1/loyalty/coupon-campaigns/${res.body.couponCampaignId}`)).body;
      expect(coupon.terms.validUntil).toBe(addDays(org.today(), 30));
    }
  });

  it('come with the demo org as drafts whose RFM segments have members', async () => {
    await bootstrap(t.app.ctx, { email: 'demo@kampanya.example', password: TEST_PASSWORD }, { demo: true, customers: 300 });
    const demo = await t.login('demo@kampanya.example');
    const list = (await demo.get('/api/v1/campaigns')).body.items;
    expect(list.map((c: { preset: string }) => c.preset).sort()).toEqual(['vip_early_access', 'we_miss_you']);
    expect(list.every((c: { status: string }) => c.status === 'draft')).toBe(true);
    const members = await Promise.all(
      list.map(async (c: { includeSegments: string[] }) => (await demo.get(`/api/v1/segments/${c.includeSegments[0]}`)).body.memberCount),
    );
    expect(members.some((n: number) => n > 0)).toBe(true);
  }, 120_000);

  it('issues each messaged customer a personal code that the SMS carries', async () => {
    const res = await owner.post('/api/v1/campaigns/presets', { key: 'we_miss_you' });
    const id = res.body.id;
    // The RFM segment is empty in this org: point the draft at the test list instead.
    const edited = await owner.request('PUT', `/api/v1/campaigns/${id}`, {
      body: {
        ...base(),
        name: res.body.name,
        variants: [{ key: 'A', templateId: res.body.variants[0].templateId, percent: 100 }],
        controlPercent: 0,
        couponCampaignId: res.body.couponCampaignId,
      },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await owner.post(`/api/v1/campaigns/${id}/send`);
    await until(
      async () => (await owner.get(`/api/v1/campaigns/${id}`)).body,
      (c) => c.status === 'sent',
    );
    const { rows } = await t.db.pool.query(
      `select m.text, c.code from messages m join coupon_codes c on c.org_id = m.org_id and c.customer_id = m.customer_id and c.campaign_id = $3
       where m.org_id = $1 and m.campaign_id = $2 and m.status <> 'skipped'`,
      [orgId, id, res.body.couponCampaignId],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.text).toContain(r.code);
  });
});

describe('bad input', () => {
  it('names the field: split, segments, templates, schedule', async () => {
    const field = async (body: object, path: string, code: string) => {
      const res = await owner.post('/api/v1/campaigns', body, { headers: { 'accept-language': 'tr' } });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors[0]).toMatchObject({ field: path, code });
      expect(res.body.errors[0].detail).toMatch(/[a-zçğıöşü]/);
    };
    await field({ ...base(), controlPercent: 10 }, '/variants', 'split_not_100');
    await field(
      { ...base(), controlPercent: 60, variants: [{ key: 'A', templateId: smsTemplate, percent: 40 }] },
      '/controlPercent',
      'too_big',
    );
    await field(
      { ...base(), controlPercent: 12.345, variants: [{ key: 'A', templateId: smsTemplate, percent: 87.655 }] },
      '/variants/0/percent',
      'split_bad_percent',
    );
    await field({ ...base(), includeSegments: [] }, '/includeSegments', 'audience_empty');
    await field({ ...base(), includeSegments: ['019a0000-0000-7000-8000-000000000001'] }, '/includeSegments/0', 'unknown_segment');
    await field({ ...base(), channel: 'email' }, '/variants/0/templateId', 'template_channel');
    await field({ ...base(), scheduledAt: '2020-01-01T10:00:00+03:00' }, '/scheduledAt', 'schedule_in_past');
    await field({ ...base(), abTest: { winnerMetric: 'clicks', decideAfterHours: 4 } }, '/variants', 'split_no_rest');
    const transactional = await owner.post('/api/v1/messaging/templates', {
      name: 'Fiş',
      channel: 'sms',
      purpose: 'transactional',
      content: { tr: { text: 'Fişiniz hazır.' } },
    });
    await field(
      { ...base(), variants: [{ key: 'A', templateId: transactional.body.id, percent: 80 }] },
      '/variants/0/templateId',
      'template_purpose',
    );
    // Schema level: five variants, an injection string as a key, a huge name.
    expectProblem(
      await owner.post('/api/v1/campaigns', {
        ...base(),
        variants: ['A', 'B', 'C', 'D', 'E'].map((key) => ({ key, templateId: smsTemplate, percent: 16 })),
      }),
      400,
      'validation_failed',
    );
    expectProblem(await owner.post('/api/v1/campaigns', { ...base(), name: 'x'.repeat(5000) }), 400, 'validation_failed');
    const injected = await owner.post('/api/v1/campaigns', { ...base(), name: "'; drop table campaigns; --" });
    expect(injected.status).toBe(201);
    expect((await owner.get(`/api/v1/campaigns/${injected.body.id}`)).body.name).toBe("'; drop table campaigns; --");
  });

  it('refuses another org’s segments and templates, and hides its campaigns', async () => {
    const other = await t.newOrg();
    const theirSegment = await other.owner.post('/api/v1/segments', { name: 'Onların', kind: 'static' });
    const mine = await owner.post('/api/v1/campaigns', { ...base(), includeSegments: [theirSegment.body.id] });
    expectProblem(mine, 400, 'validation_failed');
    expect(mine.body.errors[0]).toMatchObject({ field: '/includeSegments/0', code: 'unknown_segment' });
    const created = await owner.post('/api/v1/campaigns', base());
    expectProblem(await other.owner.get(`/api/v1/campaigns/${created.body.id}`), 404, 'not_found');
    expectProblem(await other.owner.post(`/api/v1/campaigns/${created.body.id}/send`), 404, 'not_found');
  });

  it('lets only campaign managers send, and a scheduled campaign can be called back to draft', async () => {
    const analyst = await signedInAs(t, owner, 'analyst');
    const created = await owner.post('/api/v1/campaigns', { ...base(), scheduledAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await analyst.get(`/api/v1/campaigns/${created.body.id}`)).status).toBe(200);
    expectProblem(await analyst.post(`/api/v1/campaigns/${created.body.id}/send`), 403, 'forbidden');
    const scheduled = await owner.post(`/api/v1/campaigns/${created.body.id}/send`);
    expect(scheduled.body.status).toBe('scheduled');
    const back = await owner.post(`/api/v1/campaigns/${created.body.id}/cancel`);
    expect(back.body.status).toBe('draft');
    expect((await owner.delete(`/api/v1/campaigns/${created.body.id}`)).status).toBe(204);
  });

  it('sends once when two people press send together', async () => {
    const created = await owner.post('/api/v1/campaigns', { ...base(), name: 'Aynı anda' });
    const answers = await Promise.all([1, 2, 3].map(() => owner.post(`/api/v1/campaigns/${created.body.id}/send`)));
    expect(answers.filter((a) => a.status === 202)).toHaveLength(answers.filter((a) => a.status !== 409).length);
    await until(
      async () => (await owner.get(`/api/v1/campaigns/${created.body.id}`)).body,
      (c) => c.status === 'sent',
    );
    const { rows } = await t.db.pool.query(
      'select count(*)::int as n, count(distinct customer_id)::int as d from messages where org_id = $1 and campaign_id = $2',
      [orgId, created.body.id],
    );
    expect(rows[0].n).toBe(rows[0].d);
  });
});
