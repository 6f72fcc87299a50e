import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db/database';
import { erasePersonalData, messagePurgers } from '../../platform/personal-data';
import { type AuditSource, recordAudit } from '../access/audit';
import { inactiveCustomerIds } from '../customers/service';
import { retentionPolicies } from './schema';

export const RETENTION_JOB = 'privacy.retention';

export type RetentionPolicy = Omit<typeof retentionPolicies.$inferSelect, 'orgId'>;

const DEFAULT_POLICY: RetentionPolicy = {
  enabled: false,
  inactiveYears: null,
  messageDays: null,
  lastRunAt: null,
  lastResult: null,
  updatedAt: new Date(0),
};

export async function getPolicy(tx: Tx): Promise<RetentionPolicy> {
  const [row] = await tx.select().from(retentionPolicies).where(eq(retentionPolicies.orgId, tx.orgId!));
  if (!row) return DEFAULT_POLICY;
  const { orgId: _org, ...policy } = row;
  return policy;
}

export async function savePolicy(
  tx: Tx,
  source: AuditSource,
  patch: Partial<Pick<RetentionPolicy, 'enabled' | 'inactiveYears' | 'messageDays'>>,
): Promise<RetentionPolicy> {
  const set = { ...patch, updatedAt: new Date() };
  await tx
    .insert(retentionPolicies)
    .values({ orgId: tx.orgId!, ...set })
    .onConflictDoUpdate({ target: retentionPolicies.orgId, set });
  await recordAudit(tx, source, 'privacy.retention.update', undefined, patch);
  return getPolicy(tx);
}

export interface RetentionReport {
  cutoff: { customers: Date | null; messages: Date | null };
  customers: number;
  /** Up to ten customer ids that would be (or were) anonymised. */
  sample: string[];
  messages: number;
  /** Message purging needs a module that stores messages; none is registered yet. */
  messagePurgers: string[];
}

const BATCH = 500;
const yearsAgo = (n: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - n);
  return d;
};

/**
 * Applies (or, with dryRun, only counts) the org's policy: customers with no activity since the
 * cutoff are anonymised through the personal-data registry, a batch per transaction so a large
 * run never holds one long transaction; message bodies are purged by the registered purgers.
 */
export async function applyRetention(ctx: AppContext, orgId: string, dryRun: boolean, policy: RetentionPolicy): Promise<RetentionReport> {
  const customersCutoff = policy.inactiveYears ? yearsAgo(policy.inactiveYears) : null;
  const messagesCutoff = policy.messageDays ? new Date(Date.now() - policy.messageDays * 86_400_000) : null;
  const report: RetentionReport = {
    cutoff: { customers: customersCutoff, messages: messagesCutoff },
    customers: 0,
    sample: [],
    messages: 0,
    messagePurgers: messagePurgers().map((p) => p.name),
  };
  if (customersCutoff) {
    let after: string | undefined;
    for (;;) {
      const ids = await ctx.db.tenant(orgId, async (tx) => {
        const batch = await inactiveCustomerIds(tx, customersCutoff, BATCH, dryRun ? after : undefined);
        if (!dryRun) for (const id of batch) await erasePersonalData(tx, id);
        return batch;
      });
      report.customers += ids.length;
      report.sample.push(...ids.slice(0, 10 - report.sample.length));
      if (ids.length < BATCH) break;
      after = ids[ids.length - 1];
    }
  }
  if (messagesCutoff) {
    for (const purger of messagePurgers()) {
      report.messages += await ctx.db.tenant(orgId, (tx) => purger.purgeBodies(tx, messagesCutoff, dryRun));
    }
  }
  return report;
}

/** The scheduled and the manual run: applies the policy when it is on and remembers the result. */
export async function runRetention(ctx: AppContext, orgId: string): Promise<RetentionReport | null> {
  const policy = await ctx.db.tenant(orgId, getPolicy);
  if (!policy.enabled) return null;
  const report = await applyRetention(ctx, orgId, false, policy);
  await ctx.db.tenant(orgId, (tx) =>
    tx
      .update(retentionPolicies)
      .set({ lastRunAt: new Date(), lastResult: { ...report } })
      .where(eq(retentionPolicies.orgId, orgId)),
  );
  return report;
}
