import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { type Channel, IYS_TYPE } from './channels';
import { currentConsents, recordConsents } from './consents';
import { enabledScopes } from './iys/settings';

/**
 * What the sending queue (messaging) asks before a marketing message: one statement for any number
 * of customers. Answers the customers whose current consent for the channel is granted, each with
 * whether İYS has it (pulled from İYS, or pushed and accepted there).
 */
export async function grantedConsents(tx: Tx, customerIds: string[], channel: Channel): Promise<Map<string, { iysAccepted: boolean }>> {
  const out = new Map<string, { iysAccepted: boolean }>();
  if (customerIds.length === 0) return out;
  const { rows } = await tx.execute<{ customer_id: string; status: string; iys_ok: boolean }>(sql`
    select distinct on (c.customer_id) c.customer_id, c.status, (c.origin = 'iys' or s.status = 'accepted') as iys_ok
    from consents c
    left join consent_iys_sync s on s.org_id = c.org_id and s.consent_id = c.id
    where c.org_id = ${tx.orgId} and c.channel = ${channel} and c.customer_id = any(${sql.param(customerIds)}::uuid[])
    order by c.customer_id, c.consent_at desc, c.id desc`);
  for (const r of rows) if (r.status === 'granted') out.set(r.customer_id, { iysAccepted: r.iys_ok === true });
  return out;
}

/** True when marketing on the channel must be registered in İYS first: sync is on for the brand or the org. */
export async function iysRequired(tx: Tx, channel: Channel, brandId: string | null, scopes?: Set<string>): Promise<boolean> {
  if (!IYS_TYPE[channel]) return false;
  const enabled = scopes ?? (await enabledScopes(tx));
  return enabled.has('org') || (brandId !== null && enabled.has(brandId));
}

/**
 * The customer withdrew consent for a channel through a message (an unsubscribe link, an SMS "RET"):
 * recorded with the İYS source of that channel, and no actor — the customer did it. A channel with
 * no granted consent has nothing to revoke. Answers whether a revocation was recorded.
 */
export async function revokeByCustomer(tx: Tx, customerId: string, channel: Channel): Promise<boolean> {
  const current = (await currentConsents(tx, customerId)).find((c) => c.channel === channel);
  if (current?.status !== 'granted') return false;
  const source = channel === 'email' ? 'HS_EPOSTA' : 'HS_MESAJ';
  await recordConsents(tx, { auth: null }, customerId, { channels: [channel], status: 'revoked', source }, null);
  return true;
}
