import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startTestApp, type TestApp } from '../../../testing/app';
import { closeProviders } from '../providers/registry';
import { fakeApi } from '../providers/testing/fake-api';
import { pollOrg } from './poll';
import { customerWith, rows } from './test-helpers';
import { drainOrg } from './worker';

let t: TestApp;
let owner: Caller;
let orgId: string;
let netgsm: Awaited<ReturnType<typeof fakeApi>>;
let reportCode = '00';

beforeAll(async () => {
  t = await startTestApp();
  ({ owner, orgId } = await t.newOrg());
  await owner.patch('/api/v1/messaging/settings', { quietHours: { start: '00:00', end: '00:00' } });
  // Netgsm as its documentation answers: a job id per send, reports by job id, RET in the inbox.
  netgsm = await fakeApi((req) => {
    if (req.url === '/sms/rest/v2/send') return { status: 200, json: { code: '00', jobid: `JOB-${JSON.parse(req.body).messages[0].no}` } };
    if (req.url === '/sms/rest/v2/report') {
      const ids: string[] = JSON.parse(req.body).jobids;
      return { status: 200, json: { code: reportCode, jobs: ids.map((jobid, i) => ({ jobid, status: i === 0 ? 1 : 0 })) } };
    }
    return {
      status: 200,
      json: { code: '00', messages: [{ message: 'Ret', sender: '905320000001', receiver: '8503020000', datetime: 'x' }] },
    };
  });
  const config = await owner.post('/api/v1/messaging/providers', {
    kind: 'netgsm',
    channel: 'sms',
    name: 'Netgsm',
    settings: { baseUrl: netgsm.url, usercode: '8503020000', msgheader: 'MAGAZA', timeoutMs: 1000 },
    secrets: { password: 'gizli' },
    isDefault: true,
  });
  expect(config.status, JSON.stringify(config.body)).toBe(201);
});
afterAll(async () => {
  await closeProviders();
  await netgsm.close();
  await t.close();
});

describe('polling a provider without webhooks', () => {
  it('applies the reports of messages still sent, and a RET reply revokes the consent', async () => {
    const a = await customerWith(owner, { consents: ['sms'] });
    const b = await customerWith(owner, { consents: ['sms'] });
    const ret = await owner.post('/api/v1/customers', { firstName: 'Deniz', phone: '+905320000001' });
    await owner.post(`/api/v1/customers/${ret.body.id}/consents`, { channels: ['sms'], status: 'granted', source: 'HS_WEB' });
    for (const c of [a, b]) {
      expect(
        (
          await owner.post(
            '/api/v1/messaging/messages',
            { customerId: c.id, channel: 'sms', purpose: 'transactional', text: 'Siparişiniz hazır.' },
            { headers: { 'idempotency-key': `poll-${c.id}` } },
          )
        ).status,
      ).toBe(201);
    }
    await drainOrg(t.app.ctx, orgId);
    const sent = await rows<{ provider_message_id: string; status: string }>(
      t,
      'select provider_message_id, status from messages where org_id = $1 order by queued_at',
      [orgId],
    );
    expect(sent.map((m) => m.status)).toEqual(['sent', 'sent']);

    // The provider is throttling: nothing changes, the next poll asks again.
    reportCode = '80';
    await pollOrg(t.app.ctx, orgId);
    expect((await rows(t, "select 1 from messages where org_id = $1 and status = 'sent'", [orgId])).length).toBe(2);

    reportCode = '00';
    await pollOrg(t.app.ctx, orgId);
    const after = await rows<{ status: string }>(t, 'select status from messages where org_id = $1 order by queued_at', [orgId]);
    expect(after.map((m) => m.status)).toEqual(['delivered', 'sent']);
    const consent = await owner.get(`/api/v1/customers/${ret.body.id}/consents`);
    expect(JSON.stringify(consent.body)).toContain('revoked');
    expect((await rows(t, "select 1 from message_suppressions where org_id = $1 and address = '+905320000001'", [orgId])).length).toBe(1);
  });
});
