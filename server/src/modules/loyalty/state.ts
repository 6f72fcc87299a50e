import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { cachedConfig, loadConfig, type OrgLoyaltyConfig, type ProgramConfig, programFor } from './config';
import { tierWindow } from './engine';
import { type AccountRow, lockAccount, metricSince, readAccount } from './ledger';
import { loyaltyAccounts, loyaltyConfig, stampProgress } from './schema';
import type { Progress } from './stamps';

/**
 * What the till reads about a customer on every identify and evaluate, in one round trip: the org's
 * config version (to validate the cached definitions), the customer's account in the program the
 * cached definitions choose, and the stamp progress. Only when the definitions changed meanwhile does
 * it cost more (reload, and the account again if the program changed).
 */
export async function customerState(
  tx: Tx,
  brandId: string | null,
  customerId: string,
): Promise<{ config: OrgLoyaltyConfig; program: ProgramConfig | null; account: AccountRow | null; progress: Map<string, Progress> }> {
  const cached = cachedConfig(tx.orgId!);
  const guess = cached ? programFor(cached, brandId) : null;
  const { rows } = await tx.execute<{
    version: number;
    account: Record<string, string | number | null> | null;
    progress: { card_id: string; stamps: number; total_stamps: number; rewards: number }[];
  }>(sql`
    select coalesce((select version from ${loyaltyConfig} where org_id = ${tx.orgId}), 0) as version,
      (select row_to_json(a) from ${loyaltyAccounts} a
        where a.org_id = ${tx.orgId} and a.program_id = ${guess?.id ?? null}::uuid and a.customer_id = ${customerId}) as account,
      (select coalesce(json_agg(json_build_object('card_id', p.card_id, 'stamps', p.stamps, 'total_stamps', p.total_stamps, 'rewards', p.rewards)), '[]'::json)
        from ${stampProgress} p where p.org_id = ${tx.orgId} and p.customer_id = ${customerId}) as progress`);
  const row = rows[0];
  const config = await loadConfig(tx, Number(row.version));
  const program = programFor(config, brandId);
  const progress = new Map<string, Progress>(
    row.progress.map((p) => [p.card_id, { stamps: p.stamps, totalStamps: p.total_stamps, rewards: p.rewards }]),
  );
  let account: AccountRow | null = null;
  if (program && program.id === guess?.id) account = row.account ? toAccount(row.account) : null;
  else if (program) account = await readAccount(tx, program.id, customerId);
  return { config, program, account, progress };
}

/** The tier window the commit's upgrade check sums over, when the program has tiers. */
const windowOf = (program: ProgramConfig, timeZone: string) =>
  program.tiers ? { tiers: program.tiers, from: tierWindow(new Date(), timeZone, program.tiers.windowMonths).from } : undefined;

/**
 * What the commit needs before it writes, in one round trip: the config version check and the
 * customer's account in the program the cached definitions choose, locked (created if missing)
 * with its rolling tier metric. The lock is taken only if the cache is current; otherwise the
 * definitions are read again and the right program's account is locked after.
 */
export async function lockedState(
  tx: Tx,
  brandId: string | null,
  customerId: string,
  timeZone: string,
): Promise<{ config: OrgLoyaltyConfig; program: ProgramConfig | null; account: (AccountRow & { metric?: number }) | null }> {
  const cached = cachedConfig(tx.orgId!);
  const guess = cached ? programFor(cached, brandId) : null;
  let config: OrgLoyaltyConfig;
  if (cached && guess) {
    const window = windowOf(guess, timeZone);
    const { rows } = await tx.execute<{ version: number; account: Record<string, string | number | null> | null }>(sql`
      with v as (select coalesce((select version from ${loyaltyConfig} where org_id = ${tx.orgId}), 0) as version),
      a as (
        insert into ${loyaltyAccounts} (org_id, program_id, customer_id)
        select ${tx.orgId}, ${guess.id}, ${customerId} from v where v.version = ${cached.version}
        on conflict (org_id, program_id, customer_id) do update set updated_at = ${loyaltyAccounts}.updated_at
        returning *, ${metricSince(tx, guess.id, customerId, window)} as metric)
      select v.version, (select row_to_json(a) from a) as account from v`);
    const { version, account } = rows[0];
    if (account)
      return {
        config: cached,
        program: guess,
        account: { ...toAccount(account), metric: window ? Number(account.metric ?? 0) : undefined },
      };
    config = await loadConfig(tx, Number(version));
  } else {
    config = await loadConfig(tx);
  }
  const program = programFor(config, brandId);
  return { config, program, account: program ? await lockAccount(tx, program.id, customerId, windowOf(program, timeZone)) : null };
}

const date = (v: string | number | null) => (v === null ? null : new Date(v));

function toAccount(a: Record<string, string | number | null>): AccountRow {
  return {
    orgId: a.org_id as string,
    programId: a.program_id as string,
    customerId: a.customer_id as string,
    balance: Number(a.balance),
    tierCode: a.tier_code as string | null,
    tierSince: date(a.tier_since),
    birthdayBonusMonth: a.birthday_bonus_month as string | null,
    expiryWarnedThrough: date(a.expiry_warned_through),
    createdAt: date(a.created_at) as Date,
    updatedAt: date(a.updated_at) as Date,
  };
}
