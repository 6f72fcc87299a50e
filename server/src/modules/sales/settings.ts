import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { type AuditSource, recordAudit } from '../access/audit';
import { salesSettings } from './schema';

export interface SalesSettings {
  /** What a receipt or order naming an SKU the catalog does not know gets: 422, or an ad-hoc line. */
  unknownSku: 'reject' | 'adhoc';
  /** Anonymous POS receipts get a claim code without the till asking for one. */
  claimAnonymous: boolean;
}

const DEFAULTS: SalesSettings = { unknownSku: 'reject', claimAnonymous: false };

/** The org's sales settings; the defaults until someone changes them. */
export async function getSettings(tx: Tx): Promise<SalesSettings> {
  const [row] = await tx.select().from(salesSettings).where(eq(salesSettings.orgId, tx.orgId!));
  return row ? { unknownSku: row.unknownSku as SalesSettings['unknownSku'], claimAnonymous: row.claimAnonymous } : { ...DEFAULTS };
}

export async function saveSettings(tx: Tx, source: AuditSource, patch: Partial<SalesSettings>): Promise<SalesSettings> {
  const next = { ...(await getSettings(tx)), ...patch };
  await tx
    .insert(salesSettings)
    .values({ orgId: tx.orgId!, ...next, updatedAt: new Date() })
    .onConflictDoUpdate({ target: salesSettings.orgId, set: { ...next, updatedAt: new Date() } });
  await recordAudit(tx, source, 'sales.settings', { type: 'sales_settings', id: tx.orgId! }, { ...patch });
  return next;
}
