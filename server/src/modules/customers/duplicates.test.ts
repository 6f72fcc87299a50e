import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../app';
import { type Caller, expectProblem, signedInAs, startTestApp, TEST_PASSWORD, type TestApp } from '../../testing/app';
import { scanDuplicates } from './duplicates';

let t: TestApp;
let owner: Caller;
let orgId: string;
beforeAll(async () => {
  t = await startTestApp({ worker: true });
  ({ owner, orgId } = await t.newOrg());
});
afterAll(() => t.close());

let seq = 0;
/**
 * A fresh mobile number in E.164 ending in 0, at least two digits away from every other one
 * (steps of 1370 change the tens and the hundreds), so only `oneOff` makes near phones.
 */
const phone = () => `+90533${String(1_000_000 + ++seq * 1370).slice(-7)}`;
/** The same number with the digit at `at` (from the end) changed. */
const oneOff = (p: string, at = 1) => {
  const i = p.length - at;
  return `${p.slice(0, i)}${(Number(p[i]) + 1) % 10}${p.slice(i + 1)}`;
};

async function create(body: object, caller = owner) {
  const res = await caller.post('/api/v1/customers', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; phone: string | null };
}

async function query<T = Record<string, unknown>>(text: string, params: unknown[] = []) {
  return (await t.db.pool.query(text, [orgId, ...params])).rows as T[];
}

const pairOf = (x: string, y: string) => (x < y ? [x, y] : [y, x]);

async function candidate(x: string, y: string) {
  const [a, b] = pairOf(x, y);
  const [row] = await query<{ score: number; reasons: string[]; status: string }>(
    'select score, reasons, status from duplicate_candidates where org_id = $1 and customer_a = $2 and customer_b = $3',
    [a, b],
  );
  return row;
}

async function scanViaHttp(caller = owner) {
  const res = await caller.post('/api/v1/duplicates/scan');
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  let job = (await caller.get(`/api/v1/jobs/${res.body.jobId}`)).body;
  await expect
    .poll(
      async () => {
        job = (await caller.get(`/api/v1/jobs/${res.body.jobId}`)).body;
        return job.status;
      },
      { timeout: 30_000, interval: 200 },
    )
    .toBe('succeeded');
  return job;
}

describe('duplicate detection', () => {
  it('finds the same person typed twice and explains why, with stable reason codes', async () => {
    const base = { birthday: '1990-05-17', city: 'istanbul', district: 'Kadıköy' };
    const p = phone();
    const ayse = await create({ firstName: 'Ayşe', lastName: 'Yılmaz', phone: p, ...base });
    const ayseAgain = await create({ firstName: 'AYSE', lastName: 'YILMAZ', phone: oneOff(p), ...base });
    // Two neighbouring digits swapped at the till.
    const q = `+90542${String(10_000 + ++seq).slice(-5)}12`;
    const swapped = `${q.slice(0, -2)}21`;
    const mehmet = await create({ firstName: 'Mehmet', lastName: 'Kaya', phone: q });
    const mehmetAgain = await create({ firstName: 'Mehmet', lastName: 'Kaya', phone: swapped });
    // Same mailbox name at another provider, surname misspelt.
    const zeynep = await create({ firstName: 'Zeynep', lastName: 'Demirtaş', email: 'zeynep.demirtas@gmail.com' });
    const zeynepAgain = await create({ firstName: 'Zeynep', lastName: 'Demirtas', email: 'Zeynep.Demirtas@hotmail.com' });
    const typo = await create({ firstName: 'Hüseyin', lastName: 'Karagöz', birthday: '1985-02-03', city: 'Bursa', district: 'Nilüfer' });
    const typoAgain = await create({
      firstName: 'Huseyn',
      lastName: 'Karagoz',
      birthday: '1985-02-03',
      city: 'Bursa',
      district: 'Nilüfer',
    });
    // The same common name in the same district is not evidence enough.
    const namesake1 = await create({ firstName: 'Ali', lastName: 'Çelik', district: 'Kadıköy', city: 'İstanbul', phone: phone() });
    const namesake2 = await create({ firstName: 'Ali', lastName: 'Çelik', district: 'Kadıköy', city: 'İstanbul', phone: phone() });
    // Hostile input is only data.
    await create({ firstName: "'; drop table customers; --", lastName: '%_\\', birthday: '1990-05-17', district: 'Kadıköy' });
    await create({ firstName: "'; drop table customers; --", lastName: '%_\\', birthday: '1990-05-17', district: 'Kadıköy' });

    const job = await scanViaHttp();
    expect(job).toMatchObject({ status: 'succeeded', progress: 100 });
    expect(job.result.open).toBeGreaterThanOrEqual(5);

    expect(await candidate(ayse.id, ayseAgain.id)).toMatchObject({
      score: 100,
      reasons: ['name_same', 'birthday_same', 'district_same', 'phone_near'],
    });
    expect(await candidate(mehmet.id, mehmetAgain.id)).toMatchObject({ score: 65, reasons: ['name_same', 'phone_near'] });
    expect(await candidate(zeynep.id, zeynepAgain.id)).toMatchObject({ reasons: ['name_same', 'email_local_same'] });
    const similar = await candidate(typo.id, typoAgain.id);
    expect(similar?.reasons).toEqual(['name_similar', 'birthday_same', 'district_same']);
    expect(await candidate(namesake1.id, namesake2.id)).toBeUndefined();
    expect((await query('select count(*)::int as n from customers where org_id = $1'))[0].n).toBeGreaterThan(10);
  });

  it('lists open pairs by score with both customers, pages, and refuses roles without customers.merge', async () => {
    const first = await owner.get('/api/v1/duplicates', { query: { limit: '2' } });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].score).toBeGreaterThanOrEqual(first.body.items[1].score);
    expect(first.body.items[0].customerA).toMatchObject({ id: expect.any(String), status: 'active', masked: false });
    expect(first.body.items[0].customerA.id < first.body.items[0].customerB.id).toBe(true);
    const rest = await owner.get('/api/v1/duplicates', { query: { limit: '200', cursor: first.body.nextCursor } });
    const seen = [...first.body.items, ...rest.body.items].map((i) => `${i.customerA.id}:${i.customerB.id}`);
    expect(new Set(seen).size).toBe(seen.length);
    expectProblem(await owner.get('/api/v1/duplicates', { query: { cursor: 'bm90LWEtY3Vyc29y' } }), 400, 'invalid_cursor');
    const marketer = await signedInAs(t, owner, 'marketer');
    expectProblem(await marketer.get('/api/v1/duplicates'), 403, 'forbidden');
    expectProblem(await marketer.post('/api/v1/duplicates/scan'), 403, 'forbidden');
  });

  it('keeps dismissed pairs dismissed on rescans, and drops pairs that no longer match', async () => {
    const p = phone();
    const x = await create({ firstName: 'Elif', lastName: 'Şahin', phone: p, birthday: '--07-09' });
    const y = await create({ firstName: 'Elif', lastName: 'Sahin', phone: oneOff(p), birthday: '--07-09' });
    const p2 = phone();
    const u = await create({ firstName: 'Emre', lastName: 'Arslan', phone: p2 });
    const v = await create({ firstName: 'Emre', lastName: 'Arslan', phone: oneOff(p2) });
    await scanDuplicates(t.db, orgId);
    expect((await candidate(x.id, y.id))?.status).toBe('open');

    const dismissed = await owner.post('/api/v1/duplicates/dismiss', { customerA: y.id, customerB: x.id });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toEqual({ customerA: pairOf(x.id, y.id)[0], customerB: pairOf(x.id, y.id)[1], status: 'dismissed' });
    // Somebody fixes v's surname: the pair no longer matches and leaves the queue.
    expect((await owner.patch(`/api/v1/customers/${v.id}`, { firstName: 'Kemal', lastName: 'Sunal' })).status).toBe(200);
    await scanDuplicates(t.db, orgId);
    expect((await candidate(x.id, y.id))?.status).toBe('dismissed');
    expect(await candidate(u.id, v.id)).toBeUndefined();
    const listed = (await owner.get('/api/v1/duplicates', { query: { limit: '200' } })).body.items.map(
      (i: { customerA: { id: string } }) => i.customerA.id,
    );
    expect(listed).not.toContain(pairOf(x.id, y.id)[0]);
  });

  it('dismisses a pair never detected, refuses the same id twice and other orgs’ customers', async () => {
    const x = await create({ firstName: 'Gökçe', phone: phone() });
    const y = await create({ firstName: 'Barış', phone: phone() });
    expect((await owner.post('/api/v1/duplicates/dismiss', { customerA: x.id, customerB: y.id })).status).toBe(200);
    expect((await owner.post('/api/v1/duplicates/dismiss', { customerA: x.id, customerB: y.id })).status).toBe(200);
    expect((await candidate(x.id, y.id))?.status).toBe('dismissed');
    expectProblem(await owner.post('/api/v1/duplicates/dismiss', { customerA: x.id, customerB: x.id.toUpperCase() }), 400, 'merge_self');
    const other = await t.newOrg();
    const theirs = await create({ firstName: 'Yabancı', phone: phone() }, other.owner);
    expectProblem(await owner.post('/api/v1/duplicates/dismiss', { customerA: x.id, customerB: theirs.id }), 404, 'not_found');
    expectProblem(await owner.post('/api/v1/duplicates/dismiss', { customerA: x.id, customerB: "1' or '1'='1" }), 400, 'validation_failed');
    expectProblem(await owner.post('/api/v1/duplicates/dismiss', { customerA: x.id }), 400, 'validation_failed');
  });

  it('never pairs customers of two orgs', async () => {
    const other = await t.newOrg();
    const p = phone();
    const mine = await create({ firstName: 'Tuğba', lastName: 'Güneş', phone: p, birthday: '1992-12-12', district: 'Osmangazi' });
    const theirs = await create(
      { firstName: 'Tuğba', lastName: 'Güneş', phone: p, birthday: '1992-12-12', district: 'Osmangazi' },
      other.owner,
    );
    await scanDuplicates(t.db, orgId);
    await scanDuplicates(t.db, other.orgId);
    const { rows } = await t.db.pool.query(
      'select count(*)::int as n from duplicate_candidates where (customer_a = $1 and customer_b = $2) or (customer_a = $2 and customer_b = $1)',
      [mine.id, theirs.id],
    );
    expect(rows[0].n).toBe(0);
  });

  it('recalls the duplicates planted in the demo seed', async () => {
    const demo = await bootstrap(
      t.app.ctx,
      { email: 'recall@test.muhtar.local', password: TEST_PASSWORD },
      { demo: true, customers: 3000 },
    );
    const started = Date.now();
    const result = await scanDuplicates(t.db, demo.orgId);
    const seconds = (Date.now() - started) / 1000;
    // What seedDemo plants: the same folded name, birth date and district, typed again later.
    const { rows } = await t.db.pool.query(
      `select count(*)::int as planted,
              count(*) filter (where exists (select 1 from duplicate_candidates d where d.org_id = $1
                 and d.customer_a = least(x.id, y.id) and d.customer_b = greatest(x.id, y.id)))::int as found
         from customers x join customers y on y.org_id = x.org_id and x.id < y.id and x.name_key = y.name_key
          and x.birth_month = y.birth_month and x.birth_day = y.birth_day and x.birth_year is not distinct from y.birth_year
          and x.district = y.district
        where x.org_id = $1 and x.status = 'active' and y.status = 'active'`,
      [demo.orgId],
    );
    const { planted, found } = rows[0];
    console.info(`demo 3000: ${planted} planted pairs, ${found} found, ${result.open} open candidates, scan ${seconds.toFixed(1)} s`);
    expect(planted).toBeGreaterThan(50);
    expect(found / planted).toBeGreaterThanOrEqual(0.95);
    // Precision: most candidates are planted pairs, not namesakes.
    expect(result.open).toBeLessThan(planted * 1.5);
  }, 120_000);
});

describe('merge', () => {
  async function pair() {
    const p = phone();
    const survivor = await create({
      firstName: 'Fatma',
      lastName: 'Öztürk',
      phone: p,
      birthday: '--03-08',
      city: 'Bursa',
      tags: ['VIP'],
      colours: ['Lacivert'],
      cards: [`MRG${seq}A`],
    });
    const merged = await create({
      firstName: 'FATMA',
      lastName: 'Ozturk',
      phone: oneOff(p),
      email: `fatma${seq}@example.com`,
      birthday: '1980-03-08',
      district: 'Nilüfer',
      city: 'Bursa',
      tags: ['Sadık', 'vip'],
      colours: ['Bordo'],
      cards: [`MRG${seq}B`],
    });
    return { survivor, merged };
  }

  it('keeps the chosen values, unites lists and moves identities, notes and history to the survivor', async () => {
    const { survivor, merged } = await pair();
    expect((await owner.post(`/api/v1/customers/${merged.id}/notes`, { body: 'Eski kayıttaki not' })).status).toBe(201);
    const res = await owner.post(`/api/v1/customers/${survivor.id}/merge`, {
      mergedId: merged.id,
      fields: { phone: 'merged', lastName: 'survivor', birthday: 'merged' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = res.body.survivor;
    expect(s).toMatchObject({
      id: survivor.id,
      firstName: 'Fatma',
      lastName: 'Öztürk',
      phone: merged.phone,
      email: `fatma${seq}@example.com`, // the survivor had none
      birthday: '1980-03-08',
      district: 'Nilüfer',
      tags: ['VIP', 'Sadık'],
      colours: ['Lacivert', 'Bordo'],
    });
    expect(s.identities).toEqual(
      expect.arrayContaining([
        { kind: 'phone', value: survivor.phone },
        { kind: 'phone', value: merged.phone },
        { kind: 'card', value: `MRG${seq}A` },
        { kind: 'card', value: `MRG${seq}B` },
      ]),
    );
    expect(res.body.fields.phone).toEqual({ from: survivor.phone, to: merged.phone });
    expect(res.body.fields.lastName).toBeUndefined();

    const tomb = (await owner.get(`/api/v1/customers/${merged.id}`)).body;
    expect(tomb).toMatchObject({ status: 'merged', mergedInto: survivor.id, phone: null, email: null, identities: [] });
    const found = await owner.get('/api/v1/customers/lookup', { query: { kind: 'phone', value: merged.phone! } });
    expect(found.body.id).toBe(survivor.id);
    const notes = (await owner.get(`/api/v1/customers/${survivor.id}/notes`)).body.items;
    expect(notes.map((n: { body: string }) => n.body)).toContain('Eski kayıttaki not');
    const timeline = (await owner.get(`/api/v1/customers/${survivor.id}/timeline`, { query: { limit: '50' } })).body.items;
    expect(timeline[0]).toMatchObject({
      type: 'customer.merged',
      payload: { survivorId: survivor.id, mergedId: merged.id, mergeId: res.body.mergeId },
    });
    expect(timeline.filter((e: { type: string }) => e.type === 'customer.note_added')).toHaveLength(1);
    expect(timeline.filter((e: { type: string }) => e.type === 'customer.created')).toHaveLength(2);
    expect(await candidate(survivor.id, merged.id)).toMatchObject({ status: 'merged' });
    const audit = await query(
      "select count(*)::int as n from audit_log where org_id = $1 and action = 'customer.merge' and target_id = $2",
      [survivor.id],
    );
    expect(audit[0].n).toBe(1);
  });

  it('returns the same merge on a retry and refuses to merge a merged customer elsewhere', async () => {
    const { survivor, merged } = await pair();
    const third = await create({ firstName: 'Üçüncü', phone: phone() });
    const first = await owner.post(`/api/v1/customers/${survivor.id}/merge`, { mergedId: merged.id });
    const again = await owner.post(`/api/v1/customers/${survivor.id}/merge`, { mergedId: merged.id });
    expect(again.status).toBe(200);
    expect(again.body.mergeId).toBe(first.body.mergeId);
    const keyed = { headers: { 'idempotency-key': `merge-${seq}` } };
    const k1 = await owner.post(`/api/v1/customers/${survivor.id}/merge`, { mergedId: merged.id }, keyed);
    const k2 = await owner.post(`/api/v1/customers/${survivor.id}/merge`, { mergedId: merged.id }, keyed);
    expect(k2.body).toEqual(k1.body);
    expectProblem(await owner.post(`/api/v1/customers/${third.id}/merge`, { mergedId: merged.id }), 409, 'already_merged');
    expectProblem(await owner.post(`/api/v1/customers/${merged.id}/merge`, { mergedId: third.id }), 409, 'customer_not_active');
    expect((await query('select count(*)::int as n from customer_merges where org_id = $1 and merged_id = $2', [merged.id]))[0].n).toBe(1);
  });

  it('refuses itself, other orgs, unknown fields and bad input, and leaves both customers as they were', async () => {
    const { survivor, merged } = await pair();
    expectProblem(await owner.post(`/api/v1/customers/${survivor.id}/merge`, { mergedId: survivor.id }), 400, 'merge_self');
    const other = await t.newOrg();
    const theirs = await create({ firstName: 'Yabancı', phone: phone() }, other.owner);
    expectProblem(await owner.post(`/api/v1/customers/${survivor.id}/merge`, { mergedId: theirs.id }), 404, 'not_found');
    expectProblem(await owner.post(`/api/v1/customers/${theirs.id}/merge`, { mergedId: survivor.id }), 404, 'not_found');
    const unknown = expectProblem(
      await owner.post(`/api/v1/customers/${survivor.id}/merge`, { mergedId: merged.id, fields: { passwordHash: 'merged' } }),
      400,
      'validation_failed',
    );
    expect(unknown.errors?.[0]).toMatchObject({ field: '/fields/passwordHash', code: 'unknown_field' });
    expectProblem(
      await owner.post(`/api/v1/customers/${survivor.id}/merge`, { mergedId: merged.id, fields: { phone: 'both' } }),
      400,
      'validation_failed',
    );
    expectProblem(
      await owner.post(`/api/v1/customers/${survivor.id}/merge`, {
        mergedId: merged.id,
        fields: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`custom.${'ş'.repeat(60)}${i}`, 'merged'])),
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await owner.post(`/api/v1/customers/${survivor.id}/merge`, { mergedId: "'; drop table customers; --" }),
      400,
      'validation_failed',
    );
    const agent = await signedInAs(t, owner, 'agent');
    expectProblem(await agent.post(`/api/v1/customers/${survivor.id}/merge`, { mergedId: merged.id }), 403, 'forbidden');
    expect((await owner.get(`/api/v1/customers/${merged.id}`)).body.status).toBe('active');
    expect((await owner.get(`/api/v1/customers/${survivor.id}`)).body.identities).toHaveLength(2);
  });

  it('serialises two concurrent merges of the same pair into one', async () => {
    const { survivor, merged } = await pair();
    const results = await Promise.all([
      owner.post(`/api/v1/customers/${survivor.id}/merge`, { mergedId: merged.id }),
      owner.post(`/api/v1/customers/${survivor.id}/merge`, { mergedId: merged.id }),
      owner.post(`/api/v1/customers/${merged.id}/merge`, { mergedId: survivor.id }),
    ]);
    const ok = results.filter((r) => r.status === 200);
    expect(new Set(ok.map((r) => r.body.mergeId)).size).toBe(1);
    for (const r of results.filter((x) => x.status !== 200)) expect([409]).toContain(r.status);
    const rows = await query<{ status: string }>('select status from customers where org_id = $1 and id in ($2, $3)', [
      survivor.id,
      merged.id,
    ]);
    expect(rows.map((r) => r.status).sort()).toEqual(['active', 'merged']);
    expect(
      (
        await query('select count(*)::int as n from customer_merges where org_id = $1 and merged_id in ($2, $3)', [survivor.id, merged.id])
      )[0].n,
    ).toBe(1);
  });

  it('loses no write when a PATCH races the merge', async () => {
    const { survivor, merged } = await pair();
    const email = `yarisan${seq}@example.com`;
    const [merge, patchSurvivor, patchMerged] = await Promise.all([
      owner.post(`/api/v1/customers/${survivor.id}/merge`, { mergedId: merged.id }),
      // Before the merge the survivor has no district (the merge would fill it); after it, the edit replaces it.
      owner.patch(`/api/v1/customers/${survivor.id}`, { district: 'Osmangazi' }),
      owner.patch(`/api/v1/customers/${merged.id}`, { email }),
    ]);
    expect(merge.status).toBe(200);
    expect(patchSurvivor.status).toBe(200);
    const final = (await owner.get(`/api/v1/customers/${survivor.id}`)).body;
    expect(final.district).toBe('Osmangazi');
    expect(final.tags).toEqual(['VIP', 'Sadık']);
    if (patchMerged.status === 200) {
      // The edit landed first: the new e-mail moved to the survivor with the rest.
      expect(final.identities).toContainEqual({ kind: 'email', value: email });
    } else {
      expectProblem(patchMerged, 409, 'customer_not_active');
    }
    const stray = await query('select count(*)::int as n from customer_identities where org_id = $1 and customer_id = $2', [merged.id]);
    expect(stray[0].n).toBe(0);
  });
});

describe('data-quality report', () => {
  it('groups by store and staff with averages and issues worst first, and scopes store roles', async () => {
    const q = await t.newOrg('Kalite');
    const stores: string[] = [];
    for (const code of ['K1', 'K2']) {
      const res = await q.owner.post('/api/v1/stores', { code, name: `Mağaza ${code}`, city: 'Bursa' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      stores.push(res.body.id);
    }
    await create({ firstName: 'Müşteri', storeId: stores[0] }, q.owner);
    await create(
      { firstName: 'Derya', lastName: 'Koç', phone: phone(), email: 'derya@gmail.com', birthday: '1988-01-02', storeId: stores[0] },
      q.owner,
    );
    await create({ firstName: 'Onur', lastName: 'Bulut', phone: phone(), storeId: stores[1] }, q.owner);

    const res = await q.owner.get('/api/v1/quality/report', { query: { groupBy: 'store' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.totals.total).toBe(3);
    const k1 = res.body.groups.find((g: { key: string }) => g.key === stores[0]);
    expect(k1).toMatchObject({ name: 'Mağaza K1', total: 2 });
    expect(k1.issues[0]).toMatchObject({ issue: 'consent_missing', count: 2, percent: 100 });
    expect(k1.issues).toContainEqual({ issue: 'phone_missing', count: 1, percent: 50 });
    const counts = k1.issues.map((i: { count: number }) => i.count);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    expect(res.body.groups[0].averageScore).toBeLessThanOrEqual(res.body.groups[1].averageScore);

    const staff = (await q.owner.get('/api/v1/quality/report', { query: { groupBy: 'staff' } })).body;
    expect(staff.groups).toHaveLength(1);
    expect(staff.groups[0]).toMatchObject({ name: 'Owner', total: 3 });

    const future = await q.owner.get('/api/v1/quality/report', { query: { from: '2999-01-01' } });
    expect(future.body).toMatchObject({ totals: { total: 0, issues: [] }, groups: [] });
    expectProblem(
      await q.owner.get('/api/v1/quality/report', { query: { from: '2026-02-01', to: '2026-01-01' } }),
      400,
      'validation_failed',
    );
    expectProblem(await q.owner.get('/api/v1/quality/report', { query: { groupBy: "store' --" } }), 400, 'validation_failed');

    const manager = await signedInAs(t, q.owner, 'store_manager', [stores[1]]);
    const scoped = (await manager.get('/api/v1/quality/report')).body;
    expect(scoped.totals.total).toBe(1);
    expect(scoped.groups.map((g: { key: string }) => g.key)).toEqual([stores[1]]);
    const associate = await signedInAs(t, q.owner, 'associate', [stores[1]]);
    expectProblem(await associate.get('/api/v1/quality/report'), 403, 'forbidden');
  });
});
