import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database';
import { invalidField } from '../../../platform/http/problem';
import { open, seal } from '../../../platform/secret-box';
import { type AuditSource, recordAudit } from '../../access/audit';
import { listBrands } from '../../access/stores';
import { iysSettings } from '../schema';

export type IysSettingsRow = typeof iysSettings.$inferSelect;

export interface SettingsInput {
  enabled?: boolean;
  baseUrl?: string;
  iysCode?: string | null;
  brandCode?: string | null;
  username?: string | null;
  /** Write-only: a new password, or null to forget it. */
  password?: string | null;
}

/** The settings as the API shows them: never the password, only whether one is stored. */
export function viewSettings(row: IysSettingsRow) {
  const { passwordEnc, orgId: _org, pullAfter: _after, ...rest } = row;
  return { ...rest, hasPassword: passwordEnc !== null };
}

export async function listSettings(tx: Tx): Promise<IysSettingsRow[]> {
  return tx.select().from(iysSettings).where(eq(iysSettings.orgId, tx.orgId!)).orderBy(iysSettings.scope);
}

/** The scopes ('org' or brand ids) whose İYS sync is on. */
export async function enabledScopes(tx: Tx): Promise<Set<string>> {
  const rows = await tx
    .select({ scope: iysSettings.scope })
    .from(iysSettings)
    .where(and(eq(iysSettings.orgId, tx.orgId!), eq(iysSettings.enabled, true)));
  return new Set(rows.map((r) => r.scope));
}

async function checkScope(tx: Tx, scope: string) {
  if (scope !== 'org' && !(await listBrands(tx)).some((b) => b.id === scope)) {
    throw invalidField('/scope', 'unknown_brand', 'privacy.unknown_brand');
  }
}

/** Creates or changes the settings of a scope; turning sync on needs complete credentials. */
export async function saveSettings(tx: Tx, source: AuditSource, dataDir: string, scope: string, input: SettingsInput) {
  await checkScope(tx, scope);
  const [current] = await tx
    .select()
    .from(iysSettings)
    .where(and(eq(iysSettings.orgId, tx.orgId!), eq(iysSettings.scope, scope)));
  const { password, ...plain } = input;
  const next = {
    ...plain,
    ...(password !== undefined ? { passwordEnc: password === null ? null : seal(dataDir, password) } : {}),
    updatedAt: new Date(),
  };
  const merged = { ...current, ...next };
  if (merged.enabled && (!merged.iysCode || !merged.brandCode || !merged.username || !merged.passwordEnc)) {
    throw invalidField('/enabled', 'iys_incomplete', 'privacy.iys_incomplete');
  }
  const [row] = await tx
    .insert(iysSettings)
    .values({ orgId: tx.orgId!, scope, ...next })
    .onConflictDoUpdate({ target: [iysSettings.orgId, iysSettings.scope], set: next })
    .returning();
  // What changed, never the values of credentials.
  await recordAudit(tx, source, 'privacy.iys_settings', { type: 'iys_settings', id: scope }, { fields: Object.keys(input) });
  return row;
}

export interface IysCredentials {
  scope: string;
  baseUrl: string;
  iysCode: string;
  brandCode: string;
  username: string;
  password: string;
  /** The `after` cursor of the last pull of changes. */
  pullAfter: string | null;
}

/** Decrypted credentials of every enabled scope (the sync jobs only). */
export async function enabledCredentials(tx: Tx, dataDir: string): Promise<IysCredentials[]> {
  const rows = await tx
    .select()
    .from(iysSettings)
    .where(and(eq(iysSettings.orgId, tx.orgId!), eq(iysSettings.enabled, true)));
  return rows.map((r) => ({
    scope: r.scope,
    baseUrl: r.baseUrl,
    iysCode: r.iysCode!,
    brandCode: r.brandCode!,
    username: r.username!,
    password: open(dataDir, r.passwordEnc!),
    pullAfter: r.pullAfter,
  }));
}

export async function recordPull(tx: Tx, scope: string, patch: { pullAfter?: string | null; lastPullError: string | null }) {
  await tx
    .update(iysSettings)
    .set({ ...patch, lastPullAt: new Date() })
    .where(and(eq(iysSettings.orgId, tx.orgId!), eq(iysSettings.scope, scope)));
}
