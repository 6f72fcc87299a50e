import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../testing/app';

let t: TestApp;
let owner: Caller;
let orgId: string;
beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
});
afterAll(() => t.close());

let seq = 0;
/** A fresh valid Turkish mobile number, as a person would type it. */
const mobile = () =>
  `0532 ${String(1000000 + ++seq * 7919).slice(-7, -4)} ${String(seq).padStart(4, '0').slice(0, 2)} ${String(seq).padStart(4, '0').slice(2)}`;
const e164 = (typed: string) => `+90${typed.replace(/\D/g, '').slice(1)}`;

async function create(body: object, caller = owner) {
  const res = await caller.post('/api/v1/customers', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function count(table: string, where = 'true', params: unknown[] = []) {
  const { rows } = await t.db.pool.query(`select count(*)::int as n from ${table} where org_id = $1 and ${where}`, [orgId, ...params]);
  return rows[0].n as number;
}

describe('profiles', () => {
  it('are created with normalised fields, identities and a quality score, and read back', async () => {
    const phone = mobile();
    const c = await create({
      firstName: 'AYŞE',
      lastName: 'yılmaz',
      phone,
      email: 'Ayse.Yilmaz@Gmail.com',
      birthday: '--05-17',
      gender: 'female',
      city: 'istanbul',
      sizes: { top: 'M', shoe: '38' },
      tags: ['VIP', 'vip', ' Yeni '],
      cards: ['mht 123 456'],
      externalIds: ['Shopify:123'],
    });
    expect(c).toMatchObject({
      firstName: 'Ayşe',
      lastName: 'Yılmaz',
      phone: e164(phone),
      email: 'ayse.yilmaz@gmail.com',
      birthday: '--05-17',
      city: 'İstanbul',
      tags: ['VIP', 'Yeni'],
      createdVia: 'store',
      status: 'active',
      masked: false,
    });
    expect(c.identities).toEqual(
      expect.arrayContaining([
        { kind: 'phone', value: e164(phone) },
        { kind: 'email', value: 'ayse.yilmaz@gmail.com' },
        { kind: 'card', value: 'MHT123456' },
        { kind: 'external', value: 'shopify:123' },
      ]),
    );
    expect(c.quality.issues).toEqual(expect.arrayContaining(['consent_missing', 'store_missing']));
    expect(c.quality.score).toBeLessThan(100);
    const read = await owner.get(`/api/v1/customers/${c.id}`);
    expect(read.body).toEqual(c);
  });

  it('refuses invalid and landline phones with 400 INVALID_PHONE and writes nothing', async () => {
    const before = await count('customers');
    for (const phone of ['12345', '0224 223 45 67', '+90 532 123 45 67 ext. 5', "'; drop table customers; --"]) {
      const body = expectProblem(await owner.post('/api/v1/customers', { firstName: 'Kötü', phone }), 400, 'INVALID_PHONE');
      expect(body.errors?.[0].field).toBe('/phone');
    }
    expect(await count('customers')).toBe(before);
  });

  it('answers a duplicate phone with 409 and the existing id, in any format', async () => {
    const phone = mobile();
    const c = await create({ firstName: 'Mehmet', phone });
    const digits = e164(phone).slice(3);
    for (const typed of [
      `0${digits}`,
      digits,
      `+90 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`,
      `90${digits}`,
    ]) {
      const res = await owner.post('/api/v1/customers', { firstName: 'Mehmet', phone: typed });
      expectProblem(res, 409, 'customer_exists');
      expect(res.body.existingId).toBe(c.id);
    }
  });

  it('keeps one customer per phone under concurrent creates', async () => {
    const phone = mobile();
    const results = await Promise.all(Array.from({ length: 6 }, () => owner.post('/api/v1/customers', { firstName: 'Eş', phone })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await count('customers', 'phone = $2', [e164(phone)])).toBe(1);
  });

  it('validates birthday, e-mail, gender, unknown fields and huge payloads', async () => {
    expectProblem(await owner.post('/api/v1/customers', { firstName: 'A', birthday: '1990-02-30' }), 400, 'validation_failed');
    expectProblem(await owner.post('/api/v1/customers', { firstName: 'A', email: 'not-an-email' }), 400, 'validation_failed');
    expectProblem(await owner.post('/api/v1/customers', { firstName: 'A', gender: 'x' }), 400, 'validation_failed');
    expectProblem(await owner.post('/api/v1/customers', { firstName: 'A', role: 'admin' }), 400, 'validation_failed');
    expectProblem(await owner.post('/api/v1/customers', { firstName: 'x'.repeat(5000) }), 400, 'validation_failed');
    expectProblem(await owner.post('/api/v1/customers', { firstName: 'A', cards: ['!!'] }), 400, 'validation_failed');
    expectProblem(await owner.post('/api/v1/customers', { firstName: 'A', externalIds: ['no-colon'] }), 400, 'validation_failed');
  });

  it('are edited; a new phone replaces the old identity and a taken one is a 409', async () => {
    const a = await create({ firstName: 'Can', phone: mobile() });
    const otherPhone = mobile();
    const b = await create({ firstName: 'Cem', phone: otherPhone });
    const newPhone = mobile();
    const edited = await owner.patch(`/api/v1/customers/${a.id}`, { phone: newPhone, lastName: 'Öztürk', city: null });
    expect(edited.status).toBe(200);
    expect(edited.body.phone).toBe(e164(newPhone));
    expect(edited.body.identities.filter((i: { kind: string }) => i.kind === 'phone')).toEqual([{ kind: 'phone', value: e164(newPhone) }]);
    const taken = await owner.patch(`/api/v1/customers/${a.id}`, { phone: otherPhone });
    expectProblem(taken, 409, 'identity_taken');
    expect(taken.body.existingId).toBe(b.id);
    expectProblem(await owner.patch(`/api/v1/customers/${a.id}`, { phone: 'abc' }), 400, 'INVALID_PHONE');
  });
});

describe('identity resolution (upsert)', () => {
  it('matches by phone, then e-mail, card and external id, and never duplicates', async () => {
    const phone = mobile();
    const first = await owner.post('/api/v1/customers/upsert', { phone, firstName: 'Zeynep', externalIds: ['ideasoft:456'] });
    expect([first.status, first.body.created, first.body.matchedBy]).toEqual([201, true, null]);
    const id = first.body.customer.id;

    const byPhone = await owner.post('/api/v1/customers/upsert', {
      phone: e164(phone).slice(1),
      lastName: 'Kaya',
      email: 'zeynep@example.com',
    });
    expect([byPhone.status, byPhone.body.created, byPhone.body.matchedBy, byPhone.body.customer.id]).toEqual([200, false, 'phone', id]);
    expect(byPhone.body.customer).toMatchObject({ firstName: 'Zeynep', lastName: 'Kaya', email: 'zeynep@example.com' });

    const byEmail = await owner.post('/api/v1/customers/upsert', { email: 'ZEYNEP@example.com', cards: ['C-9001'] });
    expect([byEmail.body.matchedBy, byEmail.body.customer.id]).toEqual(['email', id]);
    const byCard = await owner.post('/api/v1/customers/upsert', { cards: ['c-9001'], city: 'Bursa' });
    expect([byCard.body.matchedBy, byCard.body.customer.id, byCard.body.customer.city]).toEqual(['card', id, 'Bursa']);
    const byExternal = await owner.post('/api/v1/customers/upsert', { externalIds: ['ideasoft:456'], tags: ['Web'] });
    expect([byExternal.body.matchedBy, byExternal.body.customer.id]).toEqual(['external', id]);

    // A second phone for a known customer becomes another identity; the primary one stays.
    const second = mobile();
    const extra = await owner.post('/api/v1/customers/upsert', { email: 'zeynep@example.com', phone: second });
    expect(extra.body.customer.phone).toBe(e164(phone));
    expect(extra.body.customer.identities).toContainEqual({ kind: 'phone', value: e164(second) });
    expect((await owner.get(`/api/v1/customers/lookup?kind=phone&value=${encodeURIComponent(second)}`)).body.id).toBe(id);
    expect(await count('customers', 'id = $2', [id])).toBe(1);
  });

  it('rejects identities of two different customers with 409 and both ids', async () => {
    const a = await create({ firstName: 'Ali', phone: mobile() });
    const b = await create({ firstName: 'Veli', email: `veli${seq}@example.com` });
    const res = await owner.post('/api/v1/customers/upsert', { phone: a.phone, email: b.email, firstName: 'Karışık' });
    expectProblem(res, 409, 'identity_conflict');
    expect(res.body.customerIds.sort()).toEqual([a.id, b.id].sort());
    expect((await owner.get(`/api/v1/customers/${a.id}`)).body.firstName).toBe('Ali');
  });

  it('needs at least one identity, and is safe under concurrent duplicates', async () => {
    expectProblem(await owner.post('/api/v1/customers/upsert', { firstName: 'Kimsesiz' }), 400, 'validation_failed');
    const phone = mobile();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => owner.post('/api/v1/customers/upsert', { phone, tags: [`t${i}`] })),
    );
    expect(results.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.customer.id)).size).toBe(1);
    expect(await count('customers', 'phone = $2', [e164(phone)])).toBe(1);
  });

  it('replays a retried request with the same Idempotency-Key', async () => {
    const phone = mobile();
    const key = `upsert-${seq}`;
    const first = await owner.post('/api/v1/customers/upsert', { phone, firstName: 'Tekrar' }, { headers: { 'idempotency-key': key } });
    const again = await owner.post('/api/v1/customers/upsert', { phone, firstName: 'Tekrar' }, { headers: { 'idempotency-key': key } });
    expect(again.status).toBe(first.status);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });
});

describe('search', () => {
  it('finds a phone typed in any common form, and names Turkish-insensitively', async () => {
    const phone = mobile();
    const c = await create({ firstName: 'Işık', lastName: 'YILMAZ', phone });
    const digits = e164(phone).slice(3);
    const forms = [
      `0${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 8)} ${digits.slice(8)}`,
      digits,
      `+90 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`,
      `90${digits}`,
    ];
    for (const q of forms) {
      const res = await owner.get(`/api/v1/customers?q=${encodeURIComponent(q)}`);
      expect(
        res.body.items.map((x: { id: string }) => x.id),
        q,
      ).toEqual([c.id]);
    }
    for (const q of ['yilmaz', 'YILMAZ', 'Yılmaz', 'ISIK', 'işık yıl']) {
      const res = await owner.get(`/api/v1/customers?q=${encodeURIComponent(q)}`);
      expect(
        res.body.items.map((x: { id: string }) => x.id),
        q,
      ).toContain(c.id);
    }
    expect((await owner.get(`/api/v1/customers?q=${encodeURIComponent("%' or 1=1 --")}`)).body.items).toEqual([]);
  });

  it('filters by tag, city, store, custom field and creation time, and paginates', async () => {
    const field = await owner.post('/api/v1/custom-fields', {
      key: 'meslek',
      label: 'Meslek',
      type: 'select',
      options: ['Öğretmen', 'Doktor'],
    });
    expect(field.status).toBe(201);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (await create({ firstName: `Filtre${i}`, city: 'Bursa', tags: ['Sayfa'], custom: { meslek: i % 2 ? 'Doktor' : 'Öğretmen' } })).id,
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await owner.get(
        `/api/v1/customers?tag=Sayfa&city=bursa&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((x) => x.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const doctors = await owner.get(`/api/v1/customers?tag=Sayfa&custom=${encodeURIComponent('meslek:Doktor')}`);
    expect(doctors.body.items.map((x: { id: string }) => x.id).sort()).toEqual([ids[1], ids[3]].sort());
    expectProblem(await owner.get('/api/v1/customers?custom=yok:1'), 400, 'validation_failed');
    expectProblem(await owner.patch(`/api/v1/customers/${ids[0]}`, { custom: { meslek: 'Pilot' } }), 400, 'validation_failed');
    const future = await owner.get(`/api/v1/customers?createdFrom=${new Date(Date.now() + 60_000).toISOString()}`);
    expect(future.body.items).toEqual([]);
    expectProblem(await owner.get('/api/v1/customers?createdFrom=2026-02-30'), 400, 'validation_failed');
    expectProblem(await owner.get('/api/v1/customers?createdTo=dün'), 400, 'validation_failed');
  });

  it('reads day filters in the org time zone and matches any of several multi-select options', async () => {
    await owner.post('/api/v1/custom-fields', { key: 'ilgi', label: 'İlgi', type: 'multi_select', options: ['Spor', 'Kitap', 'Müzik'] });
    const sport = await create({ firstName: 'Sporcu', tags: ['Çoklu'], custom: { ilgi: ['Spor'] } });
    const reader = await create({ firstName: 'Okur', tags: ['Çoklu'], custom: { ilgi: ['Kitap', 'Müzik'] } });
    await create({ firstName: 'Hiçbiri', tags: ['Çoklu'], custom: { ilgi: [] } });
    const either = await owner.get(`/api/v1/customers?tag=Çoklu&custom=${encodeURIComponent('ilgi:Spor|Müzik')}`);
    expect(either.body.items.map((x: { id: string }) => x.id).sort()).toEqual([sport.id, reader.id].sort());

    // Created just now: "today" in Istanbul is the day of now + 3 h, whatever UTC says.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Istanbul' }).format(new Date());
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const todays = await owner.get(`/api/v1/customers?tag=Çoklu&createdFrom=${today}&createdTo=${tomorrow}`);
    expect(todays.body.items).toHaveLength(3);
    expect((await owner.get(`/api/v1/customers?tag=Çoklu&createdFrom=${tomorrow}`)).body.items).toEqual([]);
    expectProblem(await owner.get('/api/v1/customers?cursor=bogus'), 400, 'invalid_cursor');
  });
});

describe('masking, audit, notes and timeline', () => {
  it('masks contact details for roles without personal-data access and audits full views', async () => {
    const phone = mobile();
    const c = await create({ firstName: 'Gizli', phone, email: 'gizli@gmail.com', birthday: '1988-03-04' });
    const marketer = await signedInAs(t, owner, 'marketer');
    const masked = await marketer.get(`/api/v1/customers/${c.id}`);
    const digits = e164(phone).slice(3);
    expect(masked.body).toMatchObject({
      masked: true,
      email: 'g***@gmail.com',
      birthday: '--03-04',
      phone: `+90 ${digits.slice(0, 3)} *** ** ${digits.slice(8)}`,
    });
    expect(JSON.stringify(masked.body)).not.toContain(digits);
    const listed = await marketer.get(`/api/v1/customers?q=${digits}`);
    expect(listed.body.items[0].phone).toContain('***');
    expectProblem(await marketer.post('/api/v1/customers', { firstName: 'X' }), 403, 'forbidden');

    const audits = () => count('audit_log', "action = 'customer.view' and target_id = $2", [c.id]);
    const before = await audits();
    await owner.get(`/api/v1/customers/${c.id}`);
    expect(await audits()).toBe(before + 1);
    await marketer.get(`/api/v1/customers/${c.id}`);
    expect(await audits()).toBe(before + 1);
  });

  it('keeps notes with their author and shows every event on the timeline, newest first', async () => {
    const c = await create({ firstName: 'Zaman', phone: mobile() });
    const note = await owner.post(`/api/v1/customers/${c.id}/notes`, { body: 'Lacivert ceket sordu, 50 beden gelince aranacak.' });
    expect(note.status).toBe(201);
    await owner.patch(`/api/v1/customers/${c.id}`, { tags: ['Ceket'] });
    const notes = await owner.get(`/api/v1/customers/${c.id}/notes`);
    expect(notes.body.items[0]).toMatchObject({ body: 'Lacivert ceket sordu, 50 beden gelince aranacak.', authorName: expect.any(String) });
    const timeline = await owner.get(`/api/v1/customers/${c.id}/timeline`);
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual([
      'customer.updated',
      'customer.note_added',
      'customer.created',
    ]);
    const onlyNotes = await owner.get(`/api/v1/customers/${c.id}/timeline?type=customer.note_added`);
    expect(onlyNotes.body.items).toHaveLength(1);
    expectProblem(await owner.post(`/api/v1/customers/${c.id}/notes`, { body: '   ' }), 400, 'validation_failed');
  });

  it('adds and removes identities, and looks customers up by any of them', async () => {
    const c = await create({ firstName: 'Kart', phone: mobile() });
    const added = await owner.post(`/api/v1/customers/${c.id}/identities`, { kind: 'card', value: '4000 1234' });
    expect(added.body.identities).toContainEqual({ kind: 'card', value: '40001234' });
    expect((await owner.get('/api/v1/customers/lookup?kind=card&value=40001234')).body.id).toBe(c.id);
    expectProblem(await owner.get('/api/v1/customers/lookup?kind=card&value=99999999'), 404, 'not_found');
    expectProblem(await owner.get('/api/v1/customers/lookup?kind=phone&value=123'), 400, 'validation_failed');
    expect((await owner.delete(`/api/v1/customers/${c.id}/identities/card/40001234`)).status).toBe(200);
    expectProblem(await owner.get('/api/v1/customers/lookup?kind=card&value=40001234'), 404, 'not_found');
    expectProblem(
      await owner.delete(`/api/v1/customers/${c.id}/identities/phone/${encodeURIComponent(c.phone)}`),
      400,
      'validation_failed',
    );
  });
});
