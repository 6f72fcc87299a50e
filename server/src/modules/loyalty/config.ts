import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { forgetSettings } from '../access/hot-settings';

export { orgClock, storeByCode, storeById } from '../access/hot-settings';

import type { CouponIssueRule, PointsProgram, Promotion, StampCard, Tier } from './engine';
import { loyaltyConfig, loyaltyPrograms, promotions, receiptCouponRules, stampCards } from './schema';

/**
 * The org's loyalty definitions, kept in memory per process. Every POS request checks them with
 * one primary-key read of `loyalty_config.version`, which every definition change bumps in its own
 * transaction; on a different version the definitions are read again (four small queries). Balances,
 * coupon uses and stamp progress are never cached.
 */

export interface TierSetup {
  metric: 'spend' | 'points';
  windowMonths: number;
  tiers: Tier[];
}

export interface ProgramConfig {
  id: string;
  brandId: string | null;
  name: string;
  definition: PointsProgram;
  tiers: TierSetup | null;
  expiryWarningDays: number;
}

export interface OrgLoyaltyConfig {
  version: number;
  /** Active programs only. */
  programs: ProgramConfig[];
  promotions: { id: string; code: string; brandId: string | null; definition: Promotion }[];
  stampCards: { id: string; code: string; definition: StampCard }[];
  rules: { id: string; code: string; definition: CouponIssueRule }[];
}

const configs = new Map<string, OrgLoyaltyConfig>();

/** Marks the org's definitions changed (call in the transaction that changes them). */
export async function bumpConfig(tx: Tx): Promise<void> {
  await tx.execute(sql`
    insert into ${loyaltyConfig} (org_id, version, updated_at) values (${tx.orgId}, 1, now())
    on conflict (org_id) do update set version = ${loyaltyConfig.version} + 1, updated_at = now()`);
}

export function toProgramConfig(r: typeof loyaltyPrograms.$inferSelect): ProgramConfig {
  return {
    id: r.id,
    brandId: r.brandId,
    name: r.name,
    definition: r.definition as PointsProgram,
    tiers:
      r.tiers && r.tierMetric
        ? { metric: r.tierMetric as TierSetup['metric'], windowMonths: r.tierWindowMonths ?? 12, tiers: r.tiers as Tier[] }
        : null,
    expiryWarningDays: r.expiryWarningDays,
  };
}

/** The org's definitions as last loaded by this process, unchecked (see customerState). */
export function cachedConfig(orgId: string): OrgLoyaltyConfig | undefined {
  return configs.get(orgId);
}

/** The org's active definitions (cached, checked against the version row). */
export async function loadConfig(tx: Tx, knownVersion?: number): Promise<OrgLoyaltyConfig> {
  const orgId = tx.orgId!;
  let version = knownVersion;
  if (version === undefined) {
    const [row] = await tx.select({ version: loyaltyConfig.version }).from(loyaltyConfig).where(eq(loyaltyConfig.orgId, orgId));
    version = row?.version ?? 0;
  }
  const cached = configs.get(orgId);
  if (cached && cached.version === version) return cached;
  const [programRows, promotionRows, cardRows, ruleRows] = [
    await tx
      .select()
      .from(loyaltyPrograms)
      .where(and(eq(loyaltyPrograms.orgId, orgId), eq(loyaltyPrograms.active, true))),
    await tx
      .select({ id: promotions.id, code: promotions.code, brandId: promotions.brandId, definition: promotions.definition })
      .from(promotions)
      .where(and(eq(promotions.orgId, orgId), eq(promotions.active, true))),
    await tx
      .select({ id: stampCards.id, code: stampCards.code, definition: stampCards.definition })
      .from(stampCards)
      .where(and(eq(stampCards.orgId, orgId), eq(stampCards.active, true))),
    await tx
      .select({ id: receiptCouponRules.id, code: receiptCouponRules.code, definition: receiptCouponRules.definition })
      .from(receiptCouponRules)
      .where(and(eq(receiptCouponRules.orgId, orgId), eq(receiptCouponRules.active, true))),
  ];
  const config: OrgLoyaltyConfig = {
    version,
    programs: programRows.map(toProgramConfig),
    promotions: promotionRows.map((p) => ({ ...p, definition: p.definition as Promotion })),
    stampCards: cardRows.map((c) => ({ ...c, definition: c.definition as StampCard })),
    rules: ruleRows.map((r) => ({ ...r, definition: r.definition as CouponIssueRule })),
  };
  configs.set(orgId, config);
  return config;
}

/** A brand's active program, else the org-wide one. */
export function programFor(config: OrgLoyaltyConfig, brandId: string | null): ProgramConfig | null {
  return (
    (brandId ? config.programs.find((p) => p.brandId === brandId) : undefined) ?? config.programs.find((p) => p.brandId === null) ?? null
  );
}

/** Promotions of every brand (brand_id null) and of the store's brand. */
export function promotionsFor(config: OrgLoyaltyConfig, brandId: string | null): Promotion[] {
  return config.promotions.filter((p) => p.brandId === null || p.brandId === brandId).map((p) => p.definition);
}

/** Forgets cached copies (tests that change an org's settings). */
export function forgetCaches(): void {
  configs.clear();
  forgetSettings();
}
