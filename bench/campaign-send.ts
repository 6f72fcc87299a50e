// `npm run bench -- campaign-send`: 100,000 customers with mixed consents (SMS granted, granted then
// revoked, never given; 1% of numbers suppressed, 2% without a phone) in one segment get a campaign's
// marketing SMS: the campaign's send job (audience split, rendering the template for each customer,
// enqueueMessages with every compliance check), then the worker drains the queue through the
// built-in outbox provider (claim, send-time re-check, send, record, events). Embedded PGlite.
// Target: ≥ 2,000 messages/s. Baseline, same run: the same 100,000 rows inserted into a copy of
// the messages table with the same JSON transport and no checks — the least a queue insert costs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createApp } from '../server/src/app';
import { createOrg } from '../server/src/modules/access/orgs';
import { runSend } from '../server/src/modules/campaigns/send';
import { createCampaign, sendCampaign } from '../server/src/modules/campaigns/service';
import { insertCustomers, type NewCustomer } from '../server/src/modules/customers/bulk';
import { saveSettings } from '../server/src/modules/messaging/delivery/settings';
import { suppress } from '../server/src/modules/messaging/delivery/suppressions';
import { drainOrg } from '../server/src/modules/messaging/delivery/worker';
import { createTemplate } from '../server/src/modules/messaging/templates/service';
import { type ConsentEntry, recordConsentsBulk } from '../server/src/modules/privacy/consents';
import { createSegment } from '../server/src/modules/segments/service';
import { loadConfig } from '../server/src/platform/config';
import { openDatabase } from '../server/src/platform/db/database';
import { newId } from '../server/src/platform/ids';
import { printTable } from './lib';

const N = Number(process.env.BENCH_ROWS ?? 100_000);
const TARGET = 2000;
const phoneOf = (i: number) => `+90532${String(i).padStart(7, '0')}`;

const dataDir = mkdtempSync(join(tmpdir(), 'muhtar-bench-send-'));
try {
  const db = await openDatabase({ dataDir });
  // The API role: no job worker, the bench drains by itself and times it.
  const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir }), { db, role: 'api', logger: false });
  try {
    const { orgId } = await createOrg(db, {
      name: 'Bench',
      owner: { email: 'bench@bench.local', name: 'Bench', password: 'bench-password-1' },
    });
    let started = performance.now();
    const ids = await db.tenant(orgId, async (tx) => {
      const list: NewCustomer[] = Array.from({ length: N }, (_, i) => ({
        columns: { firstName: 'Ayşe', lastName: `Yılmaz ${i}`, phone: i % 50 === 7 ? null : phoneOf(i), tags: ['bench'] },
        identities: i % 50 === 7 ? [] : [{ kind: 'phone', value: phoneOf(i) }],
        createdVia: 'import',
        storeId: null,
      }));
      const created = await insertCustomers(tx, list, 5000);
      const hourAgo = new Date(Date.now() - 3_600_000);
      const entries: ConsentEntry[] = created.flatMap((customerId, i): ConsentEntry[] => {
        const grant = { customerId, channel: 'sms' as const, status: 'granted' as const, source: 'HS_WEB', recordedAt: hourAgo };
        if (i % 10 < 7) return [grant];
        if (i % 10 === 7) return [grant, { ...grant, status: 'revoked', recordedAt: new Date(hourAgo.getTime() + 1000) }];
        return [];
      });
      await recordConsentsBulk(tx, entries);
      await suppress(
        tx,
        created.flatMap((_, i) =>
          i % 100 === 3 ? [{ channel: 'sms' as const, address: phoneOf(i), reason: 'manual' as const, source: 'bench' }] : [],
        ),
      );
      // Any hour of the day: quiet hours would hold every message until morning.
      await saveSettings(tx, { quietHours: { start: '00:00', end: '00:00' } });
      return created;
    });
    const setupS = (performance.now() - started) / 1000;
    const text = '{{honorific}}, bu hafta tüm ürünlerde %15 indirim! Mağazamıza bekleriz. RET yazıp 3XXX’e gönderin.';
    const source = { auth: null };
    const campaignId = await db.tenant(orgId, async (tx) => {
      const segment = await createSegment(
        tx,
        { name: 'Bench', kind: 'dynamic', rule: { field: 'tags', operator: 'any_of', value: ['bench'] } },
        null,
      );
      const template = await createTemplate(tx, source, { name: 'Bench', channel: 'sms', purpose: 'marketing', content: { tr: { text } } });
      const campaign = await createCampaign(tx, source, {
        name: 'Bench',
        channel: 'sms',
        includeSegments: [segment.id],
        variants: [{ key: 'A', templateId: template.id, percent: 100 }],
      });
      await sendCampaign(tx, app.ctx, source, campaign.id);
      return campaign.id;
    });

    // Baseline: the same rows with the same JSON transport into a copy of the table, no checks.
    await db.pool.query('create table bench_messages (like messages including defaults)');
    started = performance.now();
    await db.tenant(orgId, async (tx) => {
      for (let from = 0; from < N; from += 5000) {
        const rows = ids.slice(from, from + 5000).map((customerId, i) => ({
          id: newId(),
          customer_id: customerId,
          channel: 'sms',
          to: phoneOf(from + i),
          purpose: 'marketing',
          text,
          status: 'queued',
        }));
        await tx.execute(sql`
          insert into bench_messages (org_id, id, customer_id, channel, "to", purpose, text, status)
          select ${orgId}, r.* from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as r(id uuid, customer_id uuid, channel text, "to" text, purpose text, text text, status text)`);
      }
    });
    const baselineS = (performance.now() - started) / 1000;

    started = performance.now();
    await runSend(app.ctx, { orgId, campaignId });
    const { rows: counted } = await db.pool.query<{ counts: { queued: number; skipped: Record<string, number> } }>(
      'select counts from campaigns where org_id = $1 and id = $2',
      [orgId, campaignId],
    );
    const result = counted[0].counts;
    const enqueueS = (performance.now() - started) / 1000;

    started = performance.now();
    const drained = await drainOrg(app.ctx, orgId);
    const drainS = (performance.now() - started) / 1000;

    const { rows: statuses } = await db.pool.query<{ status: string; n: string }>(
      'select status, count(*) as n from messages where org_id = $1 group by status order by status',
      [orgId],
    );
    console.log(`\nsetup (customers, consents, suppressions): ${setupS.toFixed(1)} s`);
    console.log(
      'skipped by reason:',
      result.skipped,
      '\nmessages by status:',
      Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
    );
    printTable(`campaign-send on embedded PGlite: ${N.toLocaleString('en')} marketing SMS recipients, all checks, outbox provider`, [
      {
        step: 'baseline: plain insert of the rows',
        seconds: baselineS.toFixed(2),
        'messages/s': Math.round(N / baselineS),
        'time ÷ baseline': '1.00',
      },
      {
        step: `campaign send job: split, render, enqueue with checks (${result.queued} queued)`,
        seconds: enqueueS.toFixed(2),
        'messages/s': Math.round(N / enqueueS),
        'time ÷ baseline': (enqueueS / baselineS).toFixed(2),
        target: `≥ ${TARGET}/s: ${N / enqueueS >= TARGET ? 'met' : 'MISSED'}`,
      },
      {
        step: `drain through the outbox (${drained.sent} sent)`,
        seconds: drainS.toFixed(2),
        'messages/s': Math.round(drained.sent / drainS),
        'time ÷ baseline': (drainS / baselineS).toFixed(2),
        target: `≥ ${TARGET}/s: ${drained.sent / drainS >= TARGET ? 'met' : 'MISSED'}`,
      },
      {
        step: 'end to end',
        seconds: (enqueueS + drainS).toFixed(2),
        'messages/s': Math.round(N / (enqueueS + drainS)),
        'time ÷ baseline': ((enqueueS + drainS) / baselineS).toFixed(2),
        target: `≥ ${TARGET}/s: ${N / (enqueueS + drainS) >= TARGET ? 'met' : 'MISSED'}`,
      },
    ]);
  } finally {
    await app.close();
    await db.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
