import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database';
import { newId } from '../../platform/ids';
import { openTestDatabase } from '../../testing/database';
import { createOrg } from '../access/orgs';
import { assertLoyaltyInvariant, LoyaltyInvariantError, loyaltyInvariantViolations } from './invariant';

/**
 * The invariant check every suite runs when it closes its database (testing/database.ts) must be
 * able to fail: a copy of the template is corrupted on purpose, the check must throw, and the copy is
 * repaired so that its own closing check passes.
 */

let db: Database;
let orgId: string;
const program = newId();
const customer = newId();

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId } = await createOrg(db, {
    name: 'Bozuk defter',
    owner: { email: `inv.${Date.now()}@test.muhtar.local`, name: 'Sahip', password: 'correct-horse-battery' },
  }));
  await db.pool.query(`insert into loyalty_programs (org_id, id, name, definition) values ($1, $2, 'P', '{}')`, [orgId, program]);
});
afterAll(() => db.close());

const entry = (points: number, kind: string, at: string) =>
  db.pool.query(
    `insert into points_ledger (org_id, id, program_id, customer_id, kind, points, occurred_at) values ($1, $2, $3, $4, $5, $6, $7)`,
    [orgId, newId(), program, customer, kind, points, at],
  );

it('passes on a consistent ledger', async () => {
  await db.pool.query(`insert into loyalty_accounts (org_id, program_id, customer_id, balance) values ($1, $2, $3, 150)`, [
    orgId,
    program,
    customer,
  ]);
  await entry(100, 'earn', '2026-01-01T10:00:00Z');
  await entry(50, 'earn', '2026-01-02T10:00:00Z');
  await expect(assertLoyaltyInvariant(db.pool)).resolves.toBeUndefined();
});

it('fails when the balance is not the sum of the ledger', async () => {
  await db.pool.query(`update loyalty_accounts set balance = 120 where org_id = $1`, [orgId]);
  await expect(assertLoyaltyInvariant(db.pool)).rejects.toThrow(LoyaltyInvariantError);
  expect(await loyaltyInvariantViolations(db.pool)).toEqual([expect.stringContaining('balance 120 ≠ ledger sum 150')]);
  await db.pool.query(`update loyalty_accounts set balance = 150 where org_id = $1`, [orgId]);
});

it('fails when a prefix of the ledger goes negative although the total does not', async () => {
  // A burn recorded before the points it spends: the sum is right, the order is not.
  await entry(-120, 'burn', '2025-12-31T10:00:00Z');
  await entry(120, 'adjust', '2026-01-03T10:00:00Z');
  expect(await loyaltyInvariantViolations(db.pool)).toEqual([expect.stringContaining('the ledger goes negative')]);
  await db.pool.query(`delete from points_ledger where org_id = $1 and occurred_at in ('2025-12-31T10:00:00Z', '2026-01-03T10:00:00Z')`, [
    orgId,
  ]);
  await expect(assertLoyaltyInvariant(db.pool)).resolves.toBeUndefined();
});

it('fails on a ledger without an account and on a negative balance', async () => {
  const stray = newId();
  await db.pool.query(
    `insert into points_ledger (org_id, id, program_id, customer_id, kind, points, occurred_at) values ($1, $2, $3, $4, 'earn', 10, now())`,
    [orgId, newId(), program, stray],
  );
  expect(await loyaltyInvariantViolations(db.pool)).toEqual([expect.stringContaining('without an account row')]);
  await db.pool.query(`delete from points_ledger where org_id = $1 and customer_id = $2`, [orgId, stray]);
  // The table's CHECK refuses a negative balance outright.
  await expect(db.pool.query(`update loyalty_accounts set balance = -1 where org_id = $1`, [orgId])).rejects.toThrow(/balance_check/);
  await expect(assertLoyaltyInvariant(db.pool)).resolves.toBeUndefined();
});

it('makes closing a corrupted test database fail (the hook every suite goes through)', async () => {
  const copy = await openTestDatabase();
  const { orgId: other } = await createOrg(copy, {
    name: 'Kopya',
    owner: { email: `inv2.${Date.now()}@test.muhtar.local`, name: 'Sahip', password: 'correct-horse-battery' },
  });
  const p = newId();
  await copy.pool.query(`insert into loyalty_programs (org_id, id, name, definition) values ($1, $2, 'P', '{}')`, [other, p]);
  await copy.pool.query(`insert into loyalty_accounts (org_id, program_id, customer_id, balance) values ($1, $2, $3, 7)`, [
    other,
    p,
    newId(),
  ]);
  await expect(copy.close()).rejects.toThrow(LoyaltyInvariantError);
});
