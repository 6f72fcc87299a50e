import { sql } from 'drizzle-orm';
import type { Tx } from './db/database';

/**
 * Where personal data lives, for KVKK Art. 11 requests: every module that keeps data about a
 * customer registers how to export it (access requests) and how to erase it (erasure requests,
 * retention). Modules register at import time, so the registry is complete once the module list
 * is loaded.
 */
export interface PersonalDataHandler {
  name: string;
  export(tx: Tx, customerId: string): Promise<unknown>;
  erase(tx: Tx, customerId: string): Promise<void>;
}

/** A module that keeps message bodies purges them past the retention limit (messaging, later). */
export interface MessagePurger {
  name: string;
  /** Counts (dryRun) or blanks the bodies of messages sent before `cutoff`. */
  purgeBodies(tx: Tx, cutoff: Date, dryRun: boolean): Promise<number>;
}

const handlers = new Map<string, PersonalDataHandler>();
const purgers = new Map<string, MessagePurger>();

export function registerPersonalData(handler: PersonalDataHandler): void {
  handlers.set(handler.name, handler);
}

export function registerMessagePurger(purger: MessagePurger): void {
  purgers.set(purger.name, purger);
}

export const messagePurgers = (): MessagePurger[] => [...purgers.values()];

/** Everything the org holds about the customer, by module: the machine-readable export. */
export async function exportPersonalData(tx: Tx, customerId: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const h of handlers.values()) out[h.name] = await h.export(tx, customerId);
  return out;
}

/**
 * Erases the customer everywhere, in the caller's transaction. Stored idempotent answers (which
 * may repeat a profile) that name the customer go too: a replay must not bring the data back.
 */
export async function erasePersonalData(tx: Tx, customerId: string): Promise<void> {
  for (const h of [...handlers.values()].reverse()) await h.erase(tx, customerId);
  await tx.execute(sql`delete from idempotency_keys where org_id = ${tx.orgId} and strpos(body::text, ${customerId}) > 0`);
}
