import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { segments } from './schema';
import { refreshSegment } from './service';

export const REFRESH_JOB = 'segments.refresh';

/** Events after which dynamic segments may have changed: purchases, profiles, consents, scores, messages, carts. */
export const REFRESH_EVENTS = [
  'sale.receipt_recorded',
  'sale.order_created',
  'sale.order_status_changed',
  'sale.returned',
  'customer.created',
  'customer.updated',
  'customer.merged',
  'customer.anonymized',
  'consent.changed',
  'loyalty.tier_changed',
  'loyalty.points_earned',
  'loyalty.points_adjusted',
  'loyalty.points_expired',
  'loyalty.points_reversed',
  'rfm.segment_changed',
  'message.delivered',
  'message.opened',
  'message.clicked',
  'cart.updated',
  'checkout.started',
];

/** Events are collected in memory this long, then one job per dirty org is queued. */
export const DEBOUNCE_MS = 5_000;
/**
 * At most one queued refresh per org per slot, starting when the slot ends: an event that
 * arrives after its slot's job was queued is still covered, since that job has not run yet.
 */
export const SLOT_SECONDS = 20;

/** Re-evaluates every dynamic segment of an org, each in its own transaction; one failing does not stop the rest. */
export async function refreshOrg(ctx: AppContext, orgId: string): Promise<number> {
  const ids = await ctx.db.tenant(orgId, (tx) =>
    tx
      .select({ id: segments.id })
      .from(segments)
      .where(and(eq(segments.orgId, orgId), eq(segments.kind, 'dynamic')))
      .orderBy(asc(segments.id)),
  );
  let refreshed = 0;
  for (const { id } of ids) {
    try {
      await ctx.db.tenant(orgId, (tx) => refreshSegment(tx, id));
      refreshed++;
    } catch (err) {
      ctx.log.error({ err, orgId, segmentId: id }, 'segment refresh failed');
    }
  }
  return refreshed;
}

/**
 * The refresh job (every 15 minutes in each org's zone, which also covers time passing:
 * "within 30 days" moves every day) and the event path: events only mark their org dirty here;
 * after DEBOUNCE_MS one job per dirty org is queued (a singleton per org and slot), never one per event.
 */
export function defineRefresh(ctx: AppContext): void {
  ctx.jobs.define<{ orgId: string }>(REFRESH_JOB, async ({ orgId }) => {
    await refreshOrg(ctx, orgId);
  });
  ctx.jobs.defineOrgSchedule(REFRESH_JOB, '*/15 * * * *');
  const dirty = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = async () => {
    timer = undefined;
    const orgs = [...dirty];
    dirty.clear();
    for (const orgId of orgs) {
      await ctx.jobs
        .send(REFRESH_JOB, { orgId }, { singletonKey: `${REFRESH_JOB}:${orgId}`, singletonSeconds: SLOT_SECONDS, startAfter: SLOT_SECONDS })
        .catch((err) => ctx.log.error({ err, orgId }, 'segment refresh not queued'));
    }
  };
  ctx.events.subscribe('segments.refresh', REFRESH_EVENTS, async (event) => {
    dirty.add(event.orgId);
    if (!timer) {
      timer = setTimeout(flush, DEBOUNCE_MS);
      timer.unref();
    }
  });
}
