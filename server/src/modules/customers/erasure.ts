import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { emitEvent } from '../../platform/events/bus';
import { customerTimeline, scrubCustomerEvents } from '../../platform/events/timeline';
import type { PersonalDataHandler } from '../../platform/personal-data';
import { identitiesOf } from './identities';
import { formatBirthday } from './profile';
import { customerIdentities, customerMerges, customerNotes, customers } from './schema';
import { getCustomerRow } from './service';

/** Every page of the customer's timeline, oldest last (an export is read rarely and whole). */
async function allEvents(tx: Tx, customerId: string) {
  const out = [];
  let cursor: string | undefined;
  do {
    const page = await customerTimeline(tx, customerId, { limit: 200, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

async function exportCustomer(tx: Tx, customerId: string) {
  const { orgId: _org, nameKey: _key, qualityScore: _score, qualityIssues: _issues, ...profile } = await getCustomerRow(tx, customerId);
  const notes = await tx
    .select({ body: customerNotes.body, authorName: customerNotes.authorName, createdAt: customerNotes.createdAt })
    .from(customerNotes)
    .where(and(eq(customerNotes.orgId, tx.orgId!), eq(customerNotes.customerId, customerId)));
  return {
    profile: { ...profile, birthday: formatBirthday(profile) },
    identities: (await identitiesOf(tx, [customerId])).get(customerId) ?? [],
    notes,
    timeline: await allEvents(tx, customerId),
  };
}

/** The customer and the merge tombstones folded into it: the same person under older ids. */
async function withTombstones(tx: Tx, customerId: string): Promise<string[]> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    with recursive folded(id) as (
      select ${customerId}::uuid
      union
      select c.id from ${customers} c join folded f on c.org_id = ${tx.orgId} and c.merged_into = f.id
    )
    select id::text from folded`);
  return rows.map((r) => r.id);
}

/**
 * KVKK erasure by anonymisation: the row and its id stay (sales and loyalty aggregates keep
 * pointing at it), every personal column is blanked, identities and notes are deleted, merge
 * records lose the values they copied, and the events keep no personal payload.
 */
async function eraseCustomer(tx: Tx, customerId: string) {
  const ids = await withTombstones(tx, customerId);
  await tx.delete(customerIdentities).where(and(eq(customerIdentities.orgId, tx.orgId!), inArray(customerIdentities.customerId, ids)));
  await tx.delete(customerNotes).where(and(eq(customerNotes.orgId, tx.orgId!), inArray(customerNotes.customerId, ids)));
  await tx
    .update(customerMerges)
    .set({ fields: {} })
    .where(and(eq(customerMerges.orgId, tx.orgId!), or(inArray(customerMerges.survivorId, ids), inArray(customerMerges.mergedId, ids))));
  await tx
    .update(customers)
    .set({
      firstName: null,
      lastName: null,
      nameKey: '',
      phone: null,
      email: null,
      birthYear: null,
      birthMonth: null,
      birthDay: null,
      gender: null,
      city: null,
      district: null,
      sizeTop: null,
      sizeBottom: null,
      sizeShoe: null,
      colours: [],
      styles: [],
      tags: [],
      custom: {},
      qualityScore: 0,
      qualityIssues: [],
      updatedAt: new Date(),
      version: sql`${customers.version} + 1`,
    })
    .where(and(eq(customers.orgId, tx.orgId!), inArray(customers.id, ids)));
  // Tombstones stay 'merged' (they still point at the survivor); the person's own row is anonymised.
  await tx
    .update(customers)
    .set({ status: 'anonymized' })
    .where(and(eq(customers.orgId, tx.orgId!), eq(customers.id, customerId)));
  for (const id of ids) await scrubCustomerEvents(tx, id);
  await emitEvent(tx, { type: 'customer.anonymized', subjectType: 'customer', subjectId: customerId, customerId });
}

export const customerPersonalData: PersonalDataHandler = { name: 'customers', export: exportCustomer, erase: eraseCustomer };
