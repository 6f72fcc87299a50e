import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm } from '../../platform/imports/test-helpers';
import { type Caller, expectProblem, orgsAcrossTheDateLine, signedInAs, startTestApp, type TestApp } from '../../testing/app';
import { createCustomer, createProducts, createStore, mobile } from '../sales/test-helpers';
import { refreshOrg } from './refresh';
import { EXAMPLE_RULES } from './routes/schemas';

let t: TestApp;
let owner: Caller;
let orgId: string;
let store: { id: string; code: string };

/**
 * A local date-time `days` ago at `hh:mm` in the org zone (Europe/Istanbul, whose date runs ahead
 * of UTC's from 21:00), moved back to a weekday or a weekend day unless `day` is 'any'.
 */
function localAt(days: number, hhmm: string, day: 'weekday' | 'weekend' | 'any' = 'weekday'): string {
  const d = new Date(`${new Date(Date.now() - days * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/Istanbul' })}T00:00:00Z`);
  const isWeekday = () => d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
  while (day !== 'any' && isWeekday() !== (day === 'weekday')) d.setUTCDate(d.getUTCDate() - 1);
  return `${d.toISOString().slice(0, 10)}T${hhmm}:00`;
}

let receiptNo = 0;
async function buy(customerId: string, skus: string[], at: string) {
  const res = await owner.post('/api/v1/sales/receipts', {
    storeCode: store.code,
    receiptNumber: `R-${++receiptNo}`,
    occurredAt: at,
    customerId,
    lines: skus.map((sku) => ({ sku, quantity: 1, unitPrice: 10_000 })),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const grantSms = async (customerId: string) => {
  const res = await owner.post(`/api/v1/customers/${customerId}/consents`, {
    channels: ['sms'],
    status: 'granted',
    source: 'HS_FIZIKSEL_ORTAM',
  });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
};

const preview = (rule: unknown, caller = owner) => caller.post('/api/v1/segments/preview', { rule });
const ids = (res: { body: { sample: { customerId: string }[] } }) => res.body.sample.map((m) => m.customerId).sort();

const c: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ worker: true });
  ({ owner, orgId } = await t.newOrg());
  store = await createStore(owner, 'S1');
  await createProducts(t, orgId, [
    { sku: 'ORG-1', name: 'Organik Yumurta', categoryPath: ['Gıda', 'Organik'] },
    { sku: 'BEZ-1', name: 'Bebek Bezi 4 Numara', categoryPath: ['Bebek', 'Bebek Bezi'] },
    { sku: 'MAMA-1', name: 'Devam Sütü', categoryPath: ['Bebek', 'Bebek Maması'] },
    { sku: 'VEG-1', name: 'Vegan Köfte', categoryPath: ['Gıda', 'Vegan'] },
    { sku: 'VEG-2', name: 'Nohut Ezmesi', categoryPath: ['Gıda', 'Vegan'] },
    { sku: 'ET-1', name: 'Dana Kıyma', categoryPath: ['Gıda', 'Et'] },
  ]);
  for (const [key, city] of [
    ['ayse', 'istanbul'],
    ['mehmet', 'İSTANBUL'],
    ['zeynep', 'Ankara'],
    ['can', 'Ankara'],
    ['elif', 'İzmir'],
    ['vegan', 'İzmir'],
    ['mixed', 'Bursa'],
    ['nobuy', null],
  ] as const) {
    c[key] = (await createCustomer(owner, { firstName: key, lastName: 'Yılmaz', city })).id;
  }
  // weekday-morning organic buyer: two of three purchases on weekdays 09:00–11:00
  await buy(c.ayse, ['ORG-1'], localAt(3, '09:30'));
  await buy(c.ayse, ['ORG-1'], localAt(10, '10:15'));
  await buy(c.ayse, ['ORG-1'], localAt(20, '19:00'));
  // organic, but in the evening and at the weekend morning
  await buy(c.mehmet, ['ORG-1'], localAt(4, '18:00'));
  await buy(c.mehmet, ['ORG-1'], localAt(6, '10:00', 'weekend'));
  // diapers last month; Can also bought formula, Elif's diapers were two months ago
  await buy(c.zeynep, ['BEZ-1'], localAt(10, '12:00'));
  await buy(c.can, ['BEZ-1'], localAt(12, '12:00'));
  await buy(c.can, ['MAMA-1'], localAt(5, '12:00'));
  await buy(c.elif, ['BEZ-1'], localAt(60, '12:00'));
  // vegan-only buyer vs a mixed basket
  await buy(c.vegan, ['VEG-1'], localAt(8, '12:00'));
  await buy(c.vegan, ['VEG-2', 'VEG-1'], localAt(15, '12:00'));
  await buy(c.mixed, ['VEG-1', 'ET-1'], localAt(9, '12:00'));
  for (const k of ['vegan', 'mixed', 'nobuy', 'ayse']) await grantSms(c[k]);
}, 120_000);
afterAll(() => t.close());

describe("the seed's three segments", () => {
  it('weekday-morning (09:00–11:00) organic buyers', async () => {
    const res = await preview(EXAMPLE_RULES.weekdayMorningOrganic);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.count).toBe(1);
    expect(ids(res)).toEqual([c.ayse]);
    // the share alone, and its negation: a customer without purchases has no share, so only NOT holds for them
    const share = { field: 'weekday_hours_share', operator: 'gte', value: 50, from: '09:00', to: '11:00', withinDays: 90 };
    const morning = ids(await preview(share));
    expect(morning).toContain(c.ayse);
    expect(morning).not.toContain(c.nobuy);
    const everyone = ids(await preview({ field: 'created', operator: 'within_last', value: 1 }));
    expect(ids(await preview({ op: 'not', rule: share }))).toEqual(everyone.filter((id) => !morning.includes(id)));
  });

  it('bought diapers last month but never formula', async () => {
    const res = await preview(EXAMPLE_RULES.diapersNotFormula);
    expect(res.body.count).toBe(1);
    expect(ids(res)).toEqual([c.zeynep]);
  });

  it('a meat promotion to SMS-consenting customers, vegan-only buyers excluded', async () => {
    const res = await preview(EXAMPLE_RULES.meatPromotionWithoutVegans);
    expect(ids(res)).toEqual([c.ayse, c.mixed, c.nobuy].sort());
    // the vegan-only buyer is exactly the one `only` finds
    const only = await preview({ field: 'bought_category', operator: 'only', value: ['Vegan'], withinDays: 180 });
    expect(ids(only)).toEqual([c.vegan]);
  });

  it('samples show the last purchase and mask phones without pii.read', async () => {
    const full = await preview({ field: 'bought_category', operator: 'any_of', value: ['Vegan'] });
    const mine = full.body.sample.find((m: { customerId: string }) => m.customerId === c.vegan);
    expect(mine).toMatchObject({ name: 'Vegan Yılmaz', city: 'İzmir', lastPurchase: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
    expect(mine.phone).toMatch(/^\+90\d{10}$/);
    const analyst = await signedInAs(t, owner, 'analyst');
    const masked = await preview({ field: 'bought_category', operator: 'any_of', value: ['Vegan'] }, analyst);
    expect(masked.body.sample[0].phone).not.toMatch(/^\+90\d{10}$/);
    expect(masked.body.sample[0].phone).toContain('*');
  });
});

describe('rules', () => {
  it('fold Turkish case for cities: İSTANBUL, istanbul and İstanbul are one city', async () => {
    for (const city of ['İSTANBUL', 'istanbul', 'İstanbul']) {
      const res = await preview({ field: 'city', operator: 'in', value: [city] });
      expect(ids(res), city).toEqual([c.ayse, c.mehmet].sort());
    }
    // not in İstanbul: customers with no city count too (unknown is not İstanbul)
    const not = await preview({ op: 'not', rule: { field: 'city', operator: 'in', value: ['istanbul'] } });
    expect(not.body.count).toBe(6);
  });

  it('match injection strings literally', async () => {
    const evil = "'; drop table customers; --";
    for (const rule of [
      { field: 'city', operator: 'in', value: [evil] },
      { field: 'tags', operator: 'any_of', value: [evil, "x') or ('1'='1"] },
      { field: 'bought_category', operator: 'any_of', value: [evil] },
    ]) {
      const res = await preview(rule);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.count).toBe(0);
    }
    expect((await preview({ op: 'and', rules: [] })).body.count).toBe(8);
  });

  it('nest and, or and not', async () => {
    const res = await preview({
      op: 'or',
      rules: [
        {
          op: 'and',
          rules: [
            { field: 'city', operator: 'in', value: ['Ankara'] },
            { op: 'not', rule: { field: 'bought_category', operator: 'any_of', value: ['Bebek Maması'] } },
          ],
        },
        { field: 'city', operator: 'in', value: ['Bursa'] },
      ],
    });
    expect(ids(res)).toEqual([c.zeynep, c.mixed].sort());
  });

  it('count purchases and spend within a window', async () => {
    expect(ids(await preview({ field: 'purchase_count', operator: 'gte', value: 3 }))).toEqual([c.ayse]);
    expect(ids(await preview({ field: 'purchase_amount', operator: 'gte', value: 20_000, withinDays: 30 }))).toEqual(
      [c.ayse, c.can, c.mehmet, c.mixed, c.vegan].sort(),
    );
    expect(
      (await preview({ field: 'last_purchase', operator: 'is_not_set' })).body.sample.map((m: { customerId: string }) => m.customerId),
    ).toEqual([c.nobuy]);
  });

  it('count a customer without purchases as 0 purchases and 0 spend, with or without NOT and windows', async () => {
    const fewer = [c.zeynep, c.elif, c.mixed, c.nobuy].sort();
    for (const rule of [
      { field: 'purchase_count', operator: 'lte', value: 1 },
      { field: 'purchase_count', operator: 'between', value: [0, 1] },
      { op: 'not', rule: { field: 'purchase_count', operator: 'gte', value: 2 } },
      { field: 'purchase_count', operator: 'lte', value: 1, withinDays: 3650 },
    ]) {
      expect(ids(await preview(rule)), JSON.stringify(rule)).toEqual(fewer);
    }
    expect(ids(await preview({ field: 'purchase_count', operator: 'eq', value: 0 }))).toEqual([c.nobuy]);
    expect(ids(await preview({ field: 'purchase_amount', operator: 'lte', value: 10_000 }))).toEqual([c.zeynep, c.elif, c.nobuy].sort());
    // the facts (no window) and the history (a window reaching back past every purchase) agree
    const twice = [c.ayse, c.mehmet, c.can, c.vegan].sort();
    expect(ids(await preview({ field: 'purchase_count', operator: 'gte', value: 2 }))).toEqual(twice);
    expect(ids(await preview({ field: 'purchase_count', operator: 'gte', value: 2, withinDays: 3650 }))).toEqual(twice);
    expect(ids(await preview({ field: 'last_purchase', operator: 'not_within_last', value: 30 }))).toEqual([c.elif]);
    expect(ids(await preview({ op: 'not', rule: { field: 'first_purchase', operator: 'within_last', value: 30 } }))).toEqual(
      [c.elif, c.nobuy].sort(),
    );
    expect(ids(await preview({ field: 'bought_category', operator: 'none_of', value: ['Bebek'], withinDays: 30 }))).toEqual(
      [c.ayse, c.mehmet, c.elif, c.vegan, c.mixed, c.nobuy].sort(),
    );
    // beside a facts column, bought category/brand key on the facts row: no row still means "never bought"
    const both = async (...rules: object[]) => ids(await preview({ op: 'and', rules }));
    const atMostOnce = { field: 'purchase_count', operator: 'lte', value: 1 };
    expect(await both(atMostOnce, { field: 'bought_category', operator: 'none_of', value: ['Bebek'], withinDays: 30 })).toEqual(
      [c.elif, c.mixed, c.nobuy].sort(),
    );
    const vegan = ids(await preview({ field: 'bought_category', operator: 'any_of', value: ['Vegan'] }));
    expect(vegan.length).toBeGreaterThan(0);
    expect(
      await both(
        { field: 'purchase_count', operator: 'gte', value: 2 },
        { field: 'bought_category', operator: 'any_of', value: ['Vegan'] },
      ),
    ).toEqual(vegan.filter((id) => twice.includes(id)));
  });

  it("read a registration date in the org's time zone", async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul' }).format(new Date());
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul' }).format(new Date(Date.now() - 86_400_000));
    expect((await preview({ field: 'created', operator: 'after', value: yesterday })).body.count).toBe(8);
    expect((await preview({ field: 'created', operator: 'before', value: today })).body.count).toBe(0);
    expect((await preview({ field: 'created', operator: 'within_last', value: 1 })).body.count).toBe(8);
    expect((await preview({ field: 'created', operator: 'not_within_last', value: 1 })).body.count).toBe(0);
  });

  it('refuse an unknown field, a wrong operator or value type, unknown keys and oversize trees with the path', async () => {
    const cases: [unknown, string, string][] = [
      [
        {
          op: 'and',
          rules: [
            { field: 'city', operator: 'in', value: ['x'] },
            { field: 'shoe_size', operator: 'eq', value: 1 },
          ],
        },
        'rules[1].field',
        'unknown_field',
      ],
      [
        { op: 'and', rules: [{ op: 'or', rules: [{ field: 'city', operator: 'gte', value: 1 }] }] },
        'rules[0].rules[0].operator',
        'unknown_operator',
      ],
      [
        { op: 'and', rules: [{ op: 'not', rule: { field: 'purchase_count', operator: 'gte', value: 'three' } }] },
        'rules[0].rule.value',
        'invalid_value',
      ],
      [{ field: 'rfm_segment', operator: 'in', value: ['vips'] }, 'value', 'invalid_value'],
      [{ field: 'bought_category', operator: 'any_of', value: ['Vegan'], withinDay: 3 }, 'withinDay', 'unknown_key'],
      [{ field: 'weekday_hours_share', operator: 'gte', value: 50, from: '9:00', to: '11:00' }, 'from', 'invalid_param'],
      [{ field: 'weekday_hours_share', operator: 'gte', value: 50, from: '09:00' }, 'to', 'missing_param'],
      [{ op: 'xor', rules: [] }, 'op', 'unknown_op'],
      [{ op: 'or', rules: [{ field: 'has_email', operator: 'is_true' }, 5] }, 'rules[1]', 'not_object'],
    ];
    for (const [rule, path, reason] of cases) {
      const body = expectProblem(await preview(rule), 400, 'segment_invalid_rule') as { path?: string; reason?: string; detail: string };
      expect(body, JSON.stringify(rule)).toMatchObject({ path, reason });
      expect(body.detail).toContain(path);
    }
    const deep = Array.from({ length: 7 }).reduce<unknown>((r) => ({ op: 'not', rule: r }), { field: 'has_email', operator: 'is_true' });
    expect(expectProblem(await preview(deep), 400, 'segment_invalid_rule')).toMatchObject({ reason: 'too_deep' });
    const many = { op: 'or', rules: Array.from({ length: 51 }, () => ({ field: 'has_email', operator: 'is_true' })) };
    expect(expectProblem(await preview(many), 400, 'segment_invalid_rule')).toMatchObject({ path: 'rules[50]', reason: 'too_many' });
    const en = await owner.post(
      '/api/v1/segments/preview',
      { rule: { field: 'nope', operator: 'eq' } },
      { headers: { 'accept-language': 'en' } },
    );
    expect(en.body.detail).toContain('no such segment field');
  });

  it('find the favourite store (most purchases, a tie to the latest) and the stores shopped at, also negated', async () => {
    const o = await t.newOrg();
    const [f1, f2] = [await createStore(o.owner, 'F1'), await createStore(o.owner, 'F2')];
    await createProducts(t, o.orgId, [{ sku: 'P-1', name: 'Çay', categoryPath: ['Gıda'] }]);
    const who: Record<string, string> = {};
    for (const key of ['a', 'b', 'n']) who[key] = (await createCustomer(o.owner, { firstName: key, lastName: 'Öz' })).id;
    let n = 0;
    const sale = async (customerId: string, storeCode: string, days: number) => {
      const res = await o.owner.post('/api/v1/sales/receipts', {
        storeCode,
        receiptNumber: `F-${++n}`,
        occurredAt: localAt(days, '12:00', 'any'),
        customerId,
        lines: [{ sku: 'P-1', quantity: 1, unitPrice: 5_000 }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    };
    await sale(who.a, 'F1', 20);
    await sale(who.a, 'F1', 15);
    await sale(who.a, 'F2', 2);
    await sale(who.b, 'F1', 10);
    await sale(who.b, 'F2', 3);
    const count = async (rule: unknown) => ids(await preview(rule, o.owner));
    const favourite = (store: string) => ({ field: 'favourite_store', operator: 'in', value: [store] });
    expect(await count(favourite(f1.id))).toEqual([who.a]);
    expect(await count(favourite(f2.id))).toEqual([who.b]);
    expect(await count({ op: 'not', rule: favourite(f1.id) })).toEqual([who.b, who.n].sort());
    const shopped = { field: 'shopped_at_store', operator: 'any_of', value: [f2.id], withinDays: 5 };
    expect(await count(shopped)).toEqual([who.a, who.b].sort());
    expect(await count({ op: 'not', rule: shopped })).toEqual([who.n]);
    expect(await count({ field: 'shopped_at_store', operator: 'none_of', value: [f1.id], withinDays: 12 })).toEqual([who.a, who.n].sort());
  });

  it("refuse another org's stores and brands", async () => {
    const other = await t.newOrg();
    const foreign = await createStore(other.owner, 'X1');
    const res = await preview({ op: 'and', rules: [{ field: 'shopped_at_store', operator: 'any_of', value: [store.id, foreign.id] }] });
    expect(expectProblem(res, 400, 'segment_invalid_rule')).toMatchObject({ path: 'rules[0].value' });
    expect((await preview({ field: 'shopped_at_store', operator: 'any_of', value: [store.id] })).body.count).toBe(7);
    const segment = await other.owner.post('/api/v1/segments', { name: 'Başkası', rule: { op: 'and', rules: [] } });
    expect(segment.status).toBe(201);
    expectProblem(await owner.get(`/api/v1/segments/${segment.body.id}`), 404, 'not_found');
    expectProblem(await owner.get(`/api/v1/segments/${segment.body.id}/members`), 404, 'not_found');
    expectProblem(
      await owner.post('/api/v1/segments', { name: 'x', rule: { op: 'and', rules: [] }, brandId: crypto.randomUUID() }),
      400,
      'unknown_brand',
    );
  });

  it('refuse unknown body fields and a huge payload', async () => {
    expectProblem(
      await owner.post('/api/v1/segments', { name: 'x', rule: { op: 'and', rules: [] }, colour: 'red' }),
      400,
      'validation_failed',
    );
    const huge = { field: 'city', operator: 'in', value: Array.from({ length: 100_000 }, (_, i) => `Şehir ${i}`) };
    expect([400, 413]).toContain((await preview(huge)).status);
  });

  it('lists fields by group in the request language, with options', async () => {
    const res = await owner.get('/api/v1/segments/fields', { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(200);
    const byKey = new Map(res.body.items.map((f: { key: string }) => [f.key, f]));
    for (const key of [
      'city',
      'tags',
      'consent',
      'rfm_segment',
      'clv',
      'churn_band',
      'p_alive',
      'tier',
      'points_balance',
      'bought_category',
      'weekday_hours_share',
      'cart_abandoned',
      'message_opened',
      'birthday',
      'custom',
    ]) {
      expect(byKey.has(key), key).toBe(true);
    }
    expect(byKey.get('rfm_segment')).toMatchObject({
      group: 'analytics',
      label: 'RFM segment',
      options: expect.arrayContaining([{ value: 'champions', label: 'Champions' }]),
    });
    expect(byKey.get('bought_category')).toMatchObject({ options: expect.arrayContaining([{ value: 'Vegan', label: 'Vegan' }]) });
    expect(byKey.get('city')).toMatchObject({ options: expect.arrayContaining([{ value: 'İstanbul', label: 'İstanbul' }]) });
  });
});

describe('segments', () => {
  const eventsOf = async (segmentId: string, type: string) => {
    const { rows } = await t.db.pool.query('select customer_id from events where org_id = $1 and subject_id = $2 and type = $3', [
      orgId,
      segmentId,
      type,
    ]);
    return rows.map((r) => r.customer_id as string).sort();
  };

  it('dynamic: evaluated at creation, refreshed by diff with entered / exited events', async () => {
    const created = await owner.post('/api/v1/segments', {
      name: 'Ankara',
      kind: 'dynamic',
      rule: { field: 'city', operator: 'in', value: ['ANKARA'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ memberCount: 2, kind: 'dynamic', refreshedAt: expect.any(String) });
    expect(await eventsOf(id, 'segment.entered')).toEqual([]); // filling a new segment is silent
    expect((await owner.patch(`/api/v1/customers/${c.elif}`, { city: 'ankara' })).status).toBe(200);
    expect((await owner.patch(`/api/v1/customers/${c.can}`, { city: 'Konya' })).status).toBe(200);
    const refreshed = await owner.post(`/api/v1/segments/${id}/refresh`);
    expect(refreshed.body).toMatchObject({ entered: 1, exited: 1, members: 2 });
    expect(await eventsOf(id, 'segment.entered')).toEqual([c.elif]);
    expect(await eventsOf(id, 'segment.exited')).toEqual([c.can]);
    expect((await owner.post(`/api/v1/segments/${id}/refresh`)).body).toMatchObject({ entered: 0, exited: 0 });
    const members = await owner.get(`/api/v1/segments/${id}/members`, { query: { limit: '1' } });
    expect(members.body.items).toHaveLength(1);
    const rest = await owner.get(`/api/v1/segments/${id}/members`, { query: { limit: '1', cursor: members.body.nextCursor } });
    expect([members.body.items[0].customerId, rest.body.items[0].customerId].sort()).toEqual([c.zeynep, c.elif].sort());
    expect(rest.body.nextCursor).toBeNull();
    expectProblem(await owner.get(`/api/v1/segments/${id}/members`, { query: { cursor: 'bm9wZQ' } }), 400, 'invalid_cursor');

    // freeze: a static copy that does not follow later changes
    const frozen = await owner.post(`/api/v1/segments/${id}/freeze`, { name: 'Ankara — kasım' });
    expect(frozen.status).toBe(201);
    expect(frozen.body).toMatchObject({ kind: 'static', frozenFrom: id, memberCount: 2 });
    expectProblem(await owner.post(`/api/v1/segments/${frozen.body.id}/refresh`), 409, 'segment_static');
    expectProblem(await owner.patch(`/api/v1/segments/${frozen.body.id}`, { rule: { op: 'and', rules: [] } }), 409, 'segment_static');

    // a bad rule in a patch changes nothing
    expectProblem(
      await owner.patch(`/api/v1/segments/${id}`, { name: 'Yeni ad', rule: { field: 'nope', operator: 'eq' } }),
      400,
      'segment_invalid_rule',
    );
    expect((await owner.get(`/api/v1/segments/${id}`)).body.name).toBe('Ankara');
    const list = await owner.get('/api/v1/segments');
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([id, frozen.body.id]));
    expect((await owner.delete(`/api/v1/segments/${frozen.body.id}`)).status).toBe(204);
    expectProblem(await owner.get(`/api/v1/segments/${frozen.body.id}`), 404, 'not_found');
  });

  it('dynamic: refreshed after relevant events, once per org', async () => {
    const created = await owner.post('/api/v1/segments', { name: 'Bursa', rule: { field: 'city', operator: 'in', value: ['Bursa'] } });
    const id = created.body.id;
    expect(created.body.memberCount).toBe(1);
    expect((await owner.patch(`/api/v1/customers/${c.nobuy}`, { city: 'Bursa' })).status).toBe(200);
    await t.app.ctx.events.drain();
    const deadline = Date.now() + 50_000;
    let members = 0;
    while (Date.now() < deadline && members !== 2) {
      await new Promise((r) => setTimeout(r, 500));
      members = (await owner.get(`/api/v1/segments/${id}`)).body.memberCount;
    }
    expect(members).toBe(2);
    expect(await eventsOf(id, 'segment.entered')).toEqual([c.nobuy]);
  }, 60_000);

  it('concurrent refreshes record each change once', async () => {
    const created = await owner.post('/api/v1/segments', { name: 'Konya', rule: { field: 'city', operator: 'in', value: ['Konya'] } });
    const id = created.body.id;
    expect((await owner.patch(`/api/v1/customers/${c.mehmet}`, { city: 'Konya' })).status).toBe(200);
    const both = await Promise.all([owner.post(`/api/v1/segments/${id}/refresh`), owner.post(`/api/v1/segments/${id}/refresh`)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    // (the event-driven job may have got there first: then neither request saw the change)
    expect(both[0].body.entered + both[1].body.entered).toBeLessThanOrEqual(1);
    expect(await eventsOf(id, 'segment.entered')).toEqual([c.mehmet]);
  });

  it('the refresh job re-evaluates every dynamic segment of the org', async () => {
    expect(await refreshOrg(t.app.ctx, orgId)).toBeGreaterThanOrEqual(2);
  });

  it('static lists from uploaded phones: matched, unknown and invalid counted', async () => {
    const list = await owner.post('/api/v1/segments', { name: 'Fuar listesi', kind: 'static' });
    expect(list.body).toMatchObject({ kind: 'static', memberCount: 0, rule: null });
    const { rows } = await t.db.pool.query('select phone from customers where org_id = $1 and id = any($2)', [orgId, [c.ayse, c.vegan]]);
    const [p1, p2] = rows.map((r) => r.phone as string);
    const national = `0${p1.slice(3, 6)} ${p1.slice(6, 9)} ${p1.slice(9)}`;
    const csv = `Telefon;Ad\n${national};Ayşe\n${p2};Vegan\n${p2};tekrar\n${mobile()};bilinmeyen\n123;kötü\n'; drop table customers; --;x\n`;
    const res = await postForm(owner, `/api/v1/segments/${list.body.id}/upload`, { file: { name: 'liste.csv', data: csv } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ rows: 6, matched: 2, unknown: 1, invalid: 2, duplicates: 1, members: 2 });
    const json = await owner.post(`/api/v1/segments/${list.body.id}/upload`, { phones: [national], replace: true });
    expect(json.body).toMatchObject({ matched: 1, members: 1 });
    expectProblem(await owner.post(`/api/v1/segments/${list.body.id}/upload`, { phones: 'x' }), 400, 'validation_failed');
    const dynamic = (await owner.get('/api/v1/segments', { query: { kind: 'dynamic' } })).body.items[0].id;
    expectProblem(await owner.post(`/api/v1/segments/${dynamic}/upload`, { phones: [national] }), 409, 'segment_dynamic');
  });

  it('a dynamic segment needs a rule; the analyst may read but the read key may not manage', async () => {
    expectProblem(await owner.post('/api/v1/segments', { name: 'kuralsız' }), 400, 'segment_rule_required');
    const key = await owner.post('/api/v1/api-keys', { name: 'okuma', scopes: ['read'] });
    const reader = t.asApiKey(key.body.key);
    expect((await reader.get('/api/v1/segments')).status).toBe(200);
    expectProblem(await reader.post('/api/v1/segments', { name: 'x', rule: { op: 'and', rules: [] } }), 403, 'forbidden');
  });

  it('segment.entered events carry the customer and the segment', async () => {
    const { rows } = await t.db.tenant(orgId, (tx) =>
      tx.execute(sql`select customer_id, payload from events where org_id = ${orgId} and type = 'segment.entered' limit 1`),
    );
    expect(rows[0]).toMatchObject({
      customer_id: expect.any(String),
      payload: { segmentId: expect.any(String), segmentName: expect.any(String) },
    });
  });

  it("names an unnamed frozen copy with the org's own day, not UTC's", async () => {
    for (const org of await orgsAcrossTheDateLine(t)) {
      const created = await org.owner.post('/api/v1/segments', { name: 'Herkes', kind: 'dynamic', rule: { op: 'and', rules: [] } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const frozen = await org.owner.post(`/api/v1/segments/${created.body.id}/freeze`, {});
      expect(frozen.status, JSON.stringify(frozen.body)).toBe(201);
      expect(frozen.body.name).toBe(`Herkes (${org.today()})`);
    }
  });
});
