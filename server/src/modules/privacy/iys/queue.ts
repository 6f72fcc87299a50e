import type { Tx } from '../../../platform/db/database';
import type { Jobs } from '../../../platform/jobs/jobs';

export const IYS_PUSH_JOB = 'privacy.iys-push';

let jobs: Jobs | undefined;

/** Set by the module's setup: consent writers queue the push without holding the context. */
export function setJobs(j: Jobs) {
  jobs = j;
}

/**
 * Queues one push of the org's pending consents in the caller's transaction (gone on rollback).
 * One job per org at a time; the pending rows themselves are the queue, so nothing is lost if a
 * job is skipped — the scheduled push picks them up.
 */
export async function queueIysPush(tx: Tx) {
  await jobs?.send(IYS_PUSH_JOB, { orgId: tx.orgId }, { tx, singletonKey: `${IYS_PUSH_JOB}:${tx.orgId}`, singletonSeconds: 10 });
}
