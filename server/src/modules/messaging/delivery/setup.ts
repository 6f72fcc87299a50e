import type { AppContext } from '../../../platform/context';
import { registerMessagePurger, registerPersonalData } from '../../../platform/personal-data';
import { DRAIN_JOB } from './enqueue';
import { messagingPersonalData, messagingPurger } from './personal-data';
import { POLL_JOB, pollOrg } from './poll';
import { drainOrg } from './worker';

// KVKK: the customer's messages are exported and blanked with the customer; retention blanks old bodies.
registerPersonalData(messagingPersonalData);
registerMessagePurger(messagingPurger);

/** Jobs and event subscribers of the sending queue. */
export function setupDelivery(ctx: AppContext) {
  // A drain that fails part-way leaves its claims to their lease; the next one picks them up.
  ctx.jobs.define<{ orgId: string }>(DRAIN_JOB, async ({ orgId }) => {
    await drainOrg(ctx, orgId);
  });
  // Every minute: messages released from quiet hours, retries whose backoff is over.
  ctx.jobs.defineOrgSchedule(DRAIN_JOB, '* * * * *');
  // Netgsm allows 10 report queries a minute; every 5 minutes per org stays well inside.
  ctx.jobs.define<{ orgId: string }>(POLL_JOB, ({ orgId }) => pollOrg(ctx, orgId));
  ctx.jobs.defineOrgSchedule(POLL_JOB, '*/5 * * * *');
}
