import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../testing/database';
import type { Database } from '../db/database';
import { newId } from '../ids';
import { type DeliveredEvent, EventBus } from './bus';

let db: Database;
let bus: EventBus;
const orgId = newId();
const seen: { subscriber: string; event: DeliveredEvent }[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  db = await openTestDatabase();
  await db.system((tx) => tx.execute(sql`insert into orgs (org_id, name) values (${orgId}, 'Events')`));
  bus = new EventBus(db, { error() {} });
  bus.subscribe('recorder', '*', async (event) => {
    seen.push({ subscriber: 'recorder', event });
  });
  bus.subscribe('flaky', ['flaky.thing'], async (event) => {
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new Error('temporarily down');
    }
    seen.push({ subscriber: 'flaky', event });
  });
});
afterAll(async () => {
  await bus.stop();
  await db.close();
});

const deliveries = (type: string, subscriber?: string) =>
  seen.filter((s) => s.event.type === type && (!subscriber || s.subscriber === subscriber));

describe('transactional outbox', () => {
  it('delivers an event written with a committed change, once', async () => {
    await db.tenant(orgId, (tx) =>
      bus.emit(tx, { type: 'store.created', subjectType: 'store', subjectId: 'S1', payload: { code: 'İST-01' } }),
    );
    await bus.drain();
    await bus.drain();
    expect(deliveries('store.created')).toHaveLength(1);
    expect(deliveries('store.created')[0].event).toMatchObject({ orgId, subjectId: 'S1', payload: { code: 'İST-01' } });
  });

  it('never delivers an event whose transaction rolled back', async () => {
    await expect(
      db.tenant(orgId, async (tx) => {
        await bus.emit(tx, { type: 'ghost.created' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await bus.drain();
    expect(deliveries('ghost.created')).toHaveLength(0);
  });

  it('retries a failed subscriber without re-delivering to the ones that succeeded', async () => {
    failuresLeft = 1;
    await db.tenant(orgId, (tx) => bus.emit(tx, { type: 'flaky.thing' }));
    await bus.drain();
    expect(deliveries('flaky.thing', 'recorder')).toHaveLength(1);
    expect(deliveries('flaky.thing', 'flaky')).toHaveLength(0);
    // The retry is scheduled with a backoff; make it due now.
    await db.system((tx) => tx.execute(sql`update events set next_attempt_at = now() where dispatched_at is null`));
    await bus.drain();
    expect(deliveries('flaky.thing', 'flaky')).toHaveLength(1);
    expect(deliveries('flaky.thing', 'recorder')).toHaveLength(1);
    const [row] = (await db.system((tx) => tx.execute(sql`select dispatched_at, attempts from events where type = 'flaky.thing'`))).rows;
    expect(row.dispatched_at).not.toBeNull();
    expect(row.attempts).toBe(2);
  });

  it('wakes the dispatcher on commit when running', async () => {
    bus.start();
    await db.tenant(orgId, (tx) => bus.emit(tx, { type: 'live.event' }));
    await expect.poll(() => deliveries('live.event').length, { timeout: 5000 }).toBe(1);
  });
});
