import type pg from 'pg';
import { type LedgerEntry, verifyLedger } from './engine';

/**
 * The ledger invariants, checked over a whole database (the test helper runs this when it closes
 * every test database, so every suite is checked): for every account, balance = sum of its ledger
 * entries and balance ≥ 0; every ledger has an account; and no prefix of a ledger (in time, id
 * order) goes negative (engine verifyLedger). Read as the connection's own user, across orgs.
 */
export async function loyaltyInvariantViolations(pool: pg.Pool | pg.PoolClient): Promise<string[]> {
  const { rows: exists } = await pool.query<{ t: string | null }>(`select to_regclass('public.points_ledger')::text as t`);
  if (!exists[0]?.t) return [];
  const problems: string[] = [];
  const { rows: sums } = await pool.query<{
    org_id: string;
    program_id: string;
    customer_id: string;
    balance: number | null;
    total: string | null;
  }>(`
    select coalesce(a.org_id, l.org_id) as org_id, coalesce(a.program_id, l.program_id) as program_id,
           coalesce(a.customer_id, l.customer_id) as customer_id, a.balance, l.total::text as total
    from loyalty_accounts a
    full join (select org_id, program_id, customer_id, sum(points) as total from points_ledger group by 1, 2, 3) l
      on l.org_id = a.org_id and l.program_id = a.program_id and l.customer_id = a.customer_id
    where a.balance is null or a.balance < 0 or a.balance <> coalesce(l.total, 0)
    limit 20`);
  for (const r of sums) {
    const where = `org ${r.org_id} program ${r.program_id} customer ${r.customer_id}`;
    if (r.balance === null) problems.push(`${where}: ledger sum ${r.total} without an account row`);
    else if (r.balance < 0) problems.push(`${where}: negative balance ${r.balance}`);
    else problems.push(`${where}: balance ${r.balance} ≠ ledger sum ${r.total ?? 0}`);
  }
  const { rows } = await pool.query<{
    org_id: string;
    program_id: string;
    customer_id: string;
    id: string;
    kind: string;
    points: number;
    occurred_at: Date;
  }>(`
    select org_id, program_id, customer_id, id, kind, points, occurred_at from points_ledger
    order by org_id, program_id, customer_id, occurred_at, id`);
  let key = '';
  let list: LedgerEntry[] = [];
  const check = () => {
    if (list.length === 0) return;
    const verdict = verifyLedger(list);
    if (!verdict.ok) problems.push(`${key}: the ledger goes negative at entry ${verdict.negativeAt}`);
  };
  for (const r of rows) {
    const k = `org ${r.org_id} program ${r.program_id} customer ${r.customer_id}`;
    if (k !== key) {
      check();
      key = k;
      list = [];
    }
    list.push({ id: r.id, type: 'adjust', points: r.points, occurredAt: r.occurred_at } as LedgerEntry);
  }
  check();
  return problems;
}

export class LoyaltyInvariantError extends Error {
  constructor(readonly problems: string[]) {
    super(`loyalty ledger invariant broken:\n${problems.join('\n')}`);
  }
}

/** Throws a LoyaltyInvariantError when any invariant is broken, naming the accounts. */
export async function assertLoyaltyInvariant(pool: pg.Pool | pg.PoolClient): Promise<void> {
  const problems = await loyaltyInvariantViolations(pool);
  if (problems.length > 0) throw new LoyaltyInvariantError(problems);
}
