import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, expectProblem, signedInAs, startTestApp, type TestApp } from '../../../testing/app';
import { count, createCustomer, idem, PROGRAM } from '../../loyalty/test-helpers';
import { getTemplate, renderForCustomers } from './service';

let t: TestApp;
let owner: Caller;
let orgId: string;

beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg('Yılmaz Tekstil'));
});
afterAll(() => t.close());

let n = 0;
const sms = (text: string, over: Record<string, unknown> = {}) => ({
  channel: 'sms',
  purpose: 'marketing',
  name: `SMS ${++n}`,
  content: { tr: { text } },
  ...over,
});
const email = (content: Record<string, unknown>) => ({
  channel: 'email',
  purpose: 'transactional',
  name: `E-posta ${++n}`,
  content: { tr: { subject: 'Merhaba {{firstName}}', text: 'Merhaba', ...content } },
});

async function create(body: unknown) {
  const res = await owner.post('/api/v1/messaging/templates', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; name: string };
}

describe('CRUD', () => {
  it('creates, reads, lists with filters, replaces and deletes a template', async () => {
    const created = await create(sms('{{honorific}}, {{#if points}}{{points}} puanınız var{{else}}kulübe katılın{{/if}}.'));
    expect((await owner.get(`/api/v1/messaging/templates/${created.id}`)).body).toMatchObject({
      channel: 'sms',
      status: 'active',
      usedAt: null,
    });
    const mail = await create(email({ html: '<p>{{fullName}}</p>' }));
    const list = await owner.get('/api/v1/messaging/templates', { query: { channel: 'sms' } });
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(created.id);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(mail.id);
    const byName = await owner.get('/api/v1/messaging/templates', { query: { q: 'e-POSTA', purpose: 'transactional' } });
    expect(byName.body.items.map((i: { id: string }) => i.id)).toEqual([mail.id]);
    const winter = await create(sms('Kış', { name: "KIŞ İNDİRİMİ '; drop table message_templates; --" }));
    for (const q of ['kış indirimi', 'KIS INDIRIMI', "'; drop"]) {
      const found = await owner.get('/api/v1/messaging/templates', { query: { q } });
      expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([winter.id]);
    }
    expect((await owner.get(`/api/v1/messaging/templates/${winter.id}`)).body.name).toBe(
      "KIŞ İNDİRİMİ '; drop table message_templates; --",
    );

    const put = await owner.request('PUT', `/api/v1/messaging/templates/${created.id}`, {
      body: sms('Yeni: {{firstName}}', {
        name: created.name,
        content: { tr: { text: 'Yeni {{firstName}}' }, en: { text: 'New {{firstName}}' } },
      }),
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ version: 2, content: { en: { text: 'New {{firstName}}' } } });

    expect((await owner.delete(`/api/v1/messaging/templates/${created.id}`)).body).toEqual({ result: 'deleted' });
    expectProblem(await owner.get(`/api/v1/messaging/templates/${created.id}`), 404, 'not_found');
  });

  it('archives instead of deleting a template that was sent, and refuses to edit it', async () => {
    const created = await create(sms('Merhaba {{firstName}}'));
    const customer = await createCustomer(owner);
    await t.db.tenant(orgId, async (tx) => renderForCustomers(tx, await getTemplate(tx, created.id), [customer.id]));
    expect((await owner.delete(`/api/v1/messaging/templates/${created.id}`)).body).toEqual({ result: 'archived' });
    const archived = await owner.get(`/api/v1/messaging/templates/${created.id}`);
    expect(archived.body).toMatchObject({ status: 'archived', usedAt: expect.any(String) });
    const listed = await owner.get('/api/v1/messaging/templates', { query: { status: 'archived' } });
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(created.id);
    expectProblem(await owner.request('PUT', `/api/v1/messaging/templates/${created.id}`, { body: sms('x') }), 409, 'template_archived');
  });

  it('one live name per channel, also when two saves race', async () => {
    const body = sms('Merhaba', { name: 'Bayram kutlaması' });
    const results = await Promise.all([0, 1, 2].map(() => owner.post('/api/v1/messaging/templates', body)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expectProblem(await owner.post('/api/v1/messaging/templates', { ...body, name: 'BAYRAM KUTLAMASI' }), 409, 'template_name_taken');
    // Another channel may use the name.
    expect((await owner.post('/api/v1/messaging/templates', { ...email({}), name: 'Bayram kutlaması' })).status).toBe(201);
  });
});

describe('bad input', () => {
  const fieldOf = (body: { errors?: { field: string }[] }) => body.errors?.map((e) => e.field);

  it('an unknown variable is a 400 naming it and the field; nothing is written', async () => {
    const before = await count(t, orgId, 'message_templates');
    const res = await owner.post('/api/v1/messaging/templates', sms('Merhaba {{firstname}}'));
    const problem = expectProblem(res, 400, 'template_unknown_variable');
    expect(res.body).toMatchObject({ field: 'content.tr.text', name: 'firstname' });
    expect(problem.detail).toBe('content.tr.text alanında bilinmeyen değişken: firstname');
    expect(fieldOf(problem)).toEqual(['/content/tr/text']);
    const en = await owner.post('/api/v1/messaging/templates', email({ subject: 'Hi {{customer.name}}' }), {
      headers: { 'accept-language': 'en' },
    });
    expect(expectProblem(en, 400, 'template_unknown_variable').detail).toBe('Unknown variable in content.tr.subject: customer.name');
    const param = await owner.post('/api/v1/messaging/templates', {
      channel: 'whatsapp',
      purpose: 'marketing',
      name: 'WA',
      content: { tr: { templateName: 'kampanya_1', language: 'tr', parameters: ['{{firstName}}', '{{puan}}'], text: 'x' } },
    });
    expect(expectProblem(param, 400, 'template_unknown_variable') && param.body.field).toBe('content.tr.parameters.1');
    expect(await count(t, orgId, 'message_templates')).toBe(before);
  });

  it('helpers other than if/unless, paths, partials and prototype tricks are refused', async () => {
    for (const [text, code] of [
      ['{{lookup this "constructor"}}', 'template_unknown_variable'],
      ['{{#each points}}x{{/each}}', 'template_unknown_variable'],
      ['{{#with firstName}}x{{/with}}', 'template_unknown_variable'],
      ['{{constructor.constructor}}', 'template_unknown_variable'],
      ['{{__proto__}}', 'template_unknown_variable'],
      ['{{../firstName}}', 'template_unknown_variable'],
      ['{{@root.firstName}}', 'template_unknown_variable'],
      ['{{this}}', 'template_unknown_variable'],
      ['{{firstName x=1}}', 'template_unknown_variable'],
      ['{{> header}}', 'template_unsupported'],
      ['{{#if (lookup points "x")}}a{{/if}}', 'template_unknown_variable'],
      ['{{#if}}a{{/if}}', 'template_syntax'],
    ]) {
      expectProblem(await owner.post('/api/v1/messaging/templates', sms(text)), 400, code);
    }
  });

  it('a syntax error is a 400 with the line', async () => {
    const res = await owner.post('/api/v1/messaging/templates', sms('Merhaba\n{{#if points}}\npuan'));
    expectProblem(res, 400, 'template_syntax');
    expect(res.body).toMatchObject({ field: 'content.tr.text', line: expect.any(Number) });
    const unclosed = await owner.post('/api/v1/messaging/templates', sms('Satır bir\nSatır iki {{firstName'));
    expect(unclosed.body).toMatchObject({ code: 'template_syntax', line: 2 });
  });

  it('schema errors: unknown fields, wrong channel shape, missing Turkish, huge text', async () => {
    expectProblem(await owner.post('/api/v1/messaging/templates', { ...sms('x'), extra: 1 }), 400, 'validation_failed');
    expectProblem(await owner.post('/api/v1/messaging/templates', { ...sms('x'), channel: 'email' }), 400, 'validation_failed');
    expectProblem(
      await owner.post('/api/v1/messaging/templates', { ...sms('x'), content: { en: { text: 'x' } } }),
      400,
      'validation_failed',
    );
    expectProblem(await owner.post('/api/v1/messaging/templates', sms('x'.repeat(2001))), 400, 'validation_failed');
    expectProblem(
      await owner.post(
        '/api/v1/messaging/templates',
        sms('x', { name: "'; drop table message_templates; --", brandId: crypto.randomUUID() }),
      ),
      400,
      'validation_failed',
    );
    expectProblem(await owner.post('/api/v1/messaging/templates', email({ html: '{{{firstName}}}' })), 400, 'template_unsupported');
  });

  it('permissions: analysts cannot read templates; a read key cannot preview a real customer', async () => {
    const analyst = await signedInAs(t, owner, 'analyst');
    expectProblem(await analyst.get('/api/v1/messaging/templates'), 403, 'forbidden');
    const key = await owner.post('/api/v1/api-keys', { name: 'Okuma', scopes: ['read'] });
    const reader = t.asApiKey(key.body.key);
    expect((await reader.get('/api/v1/messaging/templates')).status).toBe(200);
    expectProblem(await reader.post('/api/v1/messaging/templates', sms('x')), 403, 'forbidden');
    const customer = await createCustomer(owner);
    expectProblem(
      await reader.post('/api/v1/messaging/templates/preview', {
        template: { channel: 'sms', content: { tr: { text: 'x' } } },
        customerId: customer.id,
      }),
      403,
      'forbidden',
    );
  });

  it('another org’s template and customer are 404', async () => {
    const mine = await create(sms('Merhaba'));
    const other = await t.newOrg();
    expectProblem(await other.owner.get(`/api/v1/messaging/templates/${mine.id}`), 404, 'not_found');
    expectProblem(await other.owner.request('PUT', `/api/v1/messaging/templates/${mine.id}`, { body: sms('x') }), 404, 'not_found');
    expectProblem(await other.owner.delete(`/api/v1/messaging/templates/${mine.id}`), 404, 'not_found');
    expectProblem(await other.owner.post('/api/v1/messaging/templates/preview', { templateId: mine.id }), 404, 'not_found');
    const customer = await createCustomer(owner);
    expectProblem(
      await other.owner.post('/api/v1/messaging/templates/preview', {
        template: { channel: 'sms', content: { tr: { text: 'x' } } },
        customerId: customer.id,
      }),
      404,
      'not_found',
    );
  });
});

describe('preview and rendering', () => {
  it('lists the variable registry in the request language', async () => {
    const res = await owner.get('/api/v1/messaging/templates/variables', { headers: { 'accept-language': 'en' } });
    expect(res.body.items).toContainEqual({ name: 'honorific', label: expect.stringContaining('Form of address'), sample: 'Ms Yılmaz' });
    expect(res.body.sms).toEqual({ turkishShift: false });
  });

  it('previews with sample values, with the SMS length of the rendered text', async () => {
    const res = await owner.post('/api/v1/messaging/templates/preview', {
      template: { channel: 'sms', content: { tr: { text: '{{honorific}}, {{points}} puanınız var. {{orgName}}' } } },
      locale: 'tr',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ locale: 'tr', text: 'Ayşe Hanım, 1250 puanınız var. Yılmaz Tekstil', customer: null });
    expect(res.body.sms).toMatchObject({ encoding: 'ucs2', parts: 1, characters: 45 });
    // English asked, none written: Turkish is rendered and said so.
    const en = await owner.post('/api/v1/messaging/templates/preview', {
      template: { channel: 'sms', content: { tr: { text: 'x' } } },
      locale: 'en',
    });
    expect(en.body.locale).toBe('tr');
    expectProblem(await owner.post('/api/v1/messaging/templates/preview', { locale: 'tr' }), 400, 'template_source_required');
    expectProblem(
      await owner.post('/api/v1/messaging/templates/preview', { template: { channel: 'sms', content: { tr: { text: '{{nope}}' } } } }),
      400,
      'template_unknown_variable',
    );
  });

  it('previews with a real customer: their honorific, points and tier; the read is audited', async () => {
    expect((await owner.post('/api/v1/loyalty/programs', PROGRAM)).status).toBe(201);
    const customer = await createCustomer(owner, { firstName: 'ŞÜKRÜ', lastName: 'ÇELİK' });
    expect((await owner.post(`/api/v1/loyalty/customers/${customer.id}/adjust`, { points: 40, reason: 'Hoş geldin' }, idem())).status).toBe(
      201,
    );
    // Tiers move on receipts and the nightly review; set one directly to see its name rendered.
    await t.db.tenant(orgId, (tx) => tx.execute(sql`update loyalty_accounts set tier_code = 'GUMUS' where customer_id = ${customer.id}`));
    const res = await owner.post('/api/v1/messaging/templates/preview', {
      template: {
        channel: 'sms',
        content: {
          tr: { text: '{{honorific}}: {{#if points}}{{points}} puan{{else}}puan yok{{/if}}, {{tier}}' },
          en: { text: 'Dear {{firstName}}' },
        },
      },
      customerId: customer.id,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ text: 'Şükrü Bey: 40 puan, Gümüş', customer: { id: customer.id } });
    const audits = await t.db.tenant(orgId, (tx) =>
      tx.execute(sql`select count(*)::int as n from audit_log where action = 'customer.view' and target_id = ${customer.id}`),
    );
    expect((audits.rows[0] as { n: number }).n).toBe(1);
  });

  it('escapes values in e-mail HTML but not in text', async () => {
    const customer = await createCustomer(owner, { firstName: '<script>alert(1)</script>', lastName: 'Ali & Veli' });
    const res = await owner.post('/api/v1/messaging/templates/preview', {
      template: {
        channel: 'email',
        content: { tr: { subject: '{{firstName}}', text: '{{lastName}}', html: '<p>{{firstName}} {{lastName}}</p>' } },
      },
      customerId: customer.id,
    });
    expect(res.body.html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; Ali &amp; Veli</p>');
    expect(res.body.text).toBe('Ali & Veli');
    expect(res.body.subject).toBe('<script>alert(1)</script>');
  });

  it('renders for many customers with a fixed number of queries, each in their language, with coupon codes', async () => {
    const ids: string[] = [];
    for (const firstName of ['Ahmet', 'Ayşe', 'Deniz']) ids.push((await createCustomer(owner, { firstName, lastName: 'Yılmaz' })).id);
    const template = await create({
      channel: 'whatsapp',
      purpose: 'marketing',
      name: 'WA kupon',
      content: {
        tr: {
          templateName: 'kupon_v1',
          language: 'tr',
          parameters: ['{{honorific}}', '{{couponCode}}'],
          text: '{{honorific}}, kuponunuz {{couponCode}}',
        },
        en: {
          templateName: 'kupon_v1',
          language: 'en',
          parameters: ['{{honorific}}', '{{couponCode}}'],
          text: '{{honorific}}, your coupon {{couponCode}}',
        },
      },
    });
    const many = Array.from({ length: 300 }, () => crypto.randomUUID()); // unknown ids are left out
    const coupons = new Map(ids.map((id, i) => [id, `KOD-${i}`]));
    // The statements a render sends, counted on the transaction's connection: the same for 1 or 303 ids.
    const render = (customerIds: string[]) =>
      t.db.tenant(orgId, async (tx) => {
        const row = await getTemplate(tx, template.id);
        const query = tx.client.query.bind(tx.client);
        let statements = 0;
        (tx.client as { query: unknown }).query = (...args: Parameters<typeof query>) => {
          statements++;
          return query(...args);
        };
        const rendered = await renderForCustomers(tx, row, customerIds, { couponCodes: coupons });
        return { rendered, statements };
      });
    const one = await render([ids[0]]);
    const { rendered: result, statements } = await render([...ids, ...many]);
    expect(statements).toBe(one.statements);
    expect(statements).toBeLessThanOrEqual(6);
    expect(result.size).toBe(3);
    expect(result.get(ids[0])).toMatchObject({
      locale: 'tr',
      text: 'Ahmet Bey, kuponunuz KOD-0',
      whatsappTemplate: { name: 'kupon_v1', language: 'tr', parameters: ['Ahmet Bey', 'KOD-0'] },
    });
    expect(result.get(ids[2])?.text).toBe('Sayın Deniz Yılmaz, kuponunuz KOD-2');
    const en = await t.db.tenant(orgId, async (tx) =>
      renderForCustomers(tx, await getTemplate(tx, template.id), [ids[1]], { locale: 'en' }),
    );
    expect(en.get(ids[1])).toMatchObject({ locale: 'en', text: 'Ms Yılmaz, your coupon ' });
  });
});
