import { eq } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/database';
import type { Locale } from '../../platform/i18n';
import { newId } from '../../platform/ids';
import { type AuditSource, recordAudit } from './audit';
import { forgetSettings } from './hot-settings';
import { orgs } from './schema';
import { createUser } from './users';

export type OrgSettings = Pick<
  typeof orgs.$inferSelect,
  'name' | 'timezone' | 'currency' | 'defaultLocale' | 'quietHoursStart' | 'quietHoursEnd'
>;

export async function getOrg(tx: Tx) {
  const [org] = await tx.select().from(orgs).where(eq(orgs.orgId, tx.orgId!));
  return { ...org, defaultLocale: org.defaultLocale as Locale };
}

export async function updateOrg(tx: Tx, source: AuditSource, patch: Partial<OrgSettings>) {
  const before = await getOrg(tx);
  if (Object.keys(patch).length === 0) return before;
  const [after] = await tx.update(orgs).set(patch).where(eq(orgs.orgId, tx.orgId!)).returning();
  const orgId = tx.orgId!;
  tx.afterCommit(() => forgetSettings(orgId));
  const changed = Object.fromEntries(
    Object.keys(patch).map((k) => [k, { from: before[k as keyof OrgSettings], to: after[k as keyof OrgSettings] }]),
  );
  await recordAudit(tx, source, 'org.update', { type: 'org', id: tx.orgId! }, changed);
  return getOrg(tx);
}

/** Creates an org and its first owner; the org id doubles as the tenant scope. */
export async function createOrg(db: Database, input: { name: string; owner: { email: string; name: string; password: string } }) {
  const orgId = newId();
  return db.tenant(orgId, async (tx) => {
    await tx.insert(orgs).values({ orgId, name: input.name });
    const { user } = await createUser(tx, { auth: null }, 'owner', { ...input.owner, role: 'owner' });
    await recordAudit(tx, { auth: null }, 'org.create', { type: 'org', id: orgId }, { name: input.name });
    return { orgId, owner: user };
  });
}

export async function listOrgClocks(db: Database) {
  return db.system((tx) => tx.select({ orgId: orgs.orgId, timezone: orgs.timezone }).from(orgs));
}
