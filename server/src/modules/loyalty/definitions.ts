import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { isUniqueViolation } from '../../platform/db/errors';
import { conflict, invalidField, notFound } from '../../platform/http/problem';
import { newId } from '../../platform/ids';
import { type AuditSource, recordAudit } from '../access/audit';
import { listBrands } from '../access/stores';
import { bumpConfig, type TierSetup } from './config';
import type { CouponIssueRule, PointsProgram, Promotion, StampCard } from './engine';
import { loyaltyPrograms, promotions, receiptCouponRules, stampCards } from './schema';

/**
 * Definitions: points programs (with tiers), promotions, stamp cards and receipt-coupon rules.
 * Their JSON is validated with the engine's Zod schemas at the HTTP edge (400 with field errors);
 * every change bumps the org's config version in the same transaction (config.ts).
 */

async function checkBrand(tx: Tx, brandId: string | null | undefined, field = '/brandId') {
  if (!brandId) return;
  if (!(await listBrands(tx)).some((b) => b.id === brandId)) throw invalidField(field, 'unknown_brand', 'loyalty.unknown_brand');
}

// --- programs --------------------------------------------------------------------------------

export interface ProgramInput {
  name: string;
  brandId?: string | null;
  active?: boolean;
  definition: PointsProgram;
  tiers?: TierSetup | null;
  tierReview?: { month: number; day: number };
  expiryWarningDays?: number;
}

type ProgramRow = typeof loyaltyPrograms.$inferSelect;

export function programView(r: ProgramRow) {
  return {
    id: r.id,
    brandId: r.brandId,
    name: r.name,
    active: r.active,
    definition: r.definition as PointsProgram,
    tiers:
      r.tiers && r.tierMetric
        ? { metric: r.tierMetric as TierSetup['metric'], windowMonths: r.tierWindowMonths ?? 12, tiers: r.tiers as TierSetup['tiers'] }
        : null,
    tierReview: { month: r.tierReviewMonth, day: r.tierReviewDay },
    expiryWarningDays: r.expiryWarningDays,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const programConflict = () => conflict('program_exists', 'loyalty.program_exists');

function checkReviewDay(review: { month: number; day: number } | undefined) {
  if (!review) return;
  // A day every year has (no 29 February): the review must happen every year.
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][review.month - 1] ?? 0;
  if (review.day > days) throw invalidField('/tierReview/day', 'invalid_day', 'loyalty.invalid_review_day');
}

export async function createProgram(tx: Tx, source: AuditSource, input: ProgramInput) {
  await checkBrand(tx, input.brandId);
  checkReviewDay(input.tierReview);
  const id = newId();
  try {
    const [row] = await tx
      .insert(loyaltyPrograms)
      .values({
        orgId: tx.orgId!,
        id,
        brandId: input.brandId ?? null,
        name: input.name.trim(),
        active: input.active ?? true,
        definition: input.definition,
        tierMetric: input.tiers?.metric ?? null,
        tierWindowMonths: input.tiers?.windowMonths ?? null,
        tiers: input.tiers?.tiers ?? null,
        tierReviewMonth: input.tierReview?.month ?? 1,
        tierReviewDay: input.tierReview?.day ?? 1,
        expiryWarningDays: input.expiryWarningDays ?? 30,
      })
      .returning();
    await bumpConfig(tx);
    await recordAudit(tx, source, 'loyalty.program.create', { type: 'loyalty_program', id }, { name: row.name, brandId: row.brandId });
    return programView(row);
  } catch (err) {
    if (isUniqueViolation(err, 'loyalty_programs_active_key')) throw programConflict();
    throw err;
  }
}

export async function listPrograms(tx: Tx) {
  const rows = await tx
    .select()
    .from(loyaltyPrograms)
    .where(eq(loyaltyPrograms.orgId, tx.orgId!))
    .orderBy(desc(loyaltyPrograms.active), asc(loyaltyPrograms.name));
  return rows.map(programView);
}

export async function getProgramRow(tx: Tx, id: string): Promise<ProgramRow> {
  const [row] = await tx
    .select()
    .from(loyaltyPrograms)
    .where(and(eq(loyaltyPrograms.orgId, tx.orgId!), eq(loyaltyPrograms.id, id)));
  if (!row) throw notFound();
  return row;
}

export async function updateProgram(tx: Tx, source: AuditSource, id: string, patch: Partial<ProgramInput>) {
  await getProgramRow(tx, id);
  if (patch.brandId !== undefined) await checkBrand(tx, patch.brandId);
  checkReviewDay(patch.tierReview);
  const set: Partial<typeof loyaltyPrograms.$inferInsert> = {};
  if (patch.name !== undefined) set.name = patch.name.trim();
  if (patch.brandId !== undefined) set.brandId = patch.brandId;
  if (patch.active !== undefined) set.active = patch.active;
  if (patch.definition !== undefined) set.definition = patch.definition;
  if (patch.tiers !== undefined) {
    set.tierMetric = patch.tiers?.metric ?? null;
    set.tierWindowMonths = patch.tiers?.windowMonths ?? null;
    set.tiers = patch.tiers?.tiers ?? null;
  }
  if (patch.tierReview !== undefined) {
    set.tierReviewMonth = patch.tierReview.month;
    set.tierReviewDay = patch.tierReview.day;
  }
  if (patch.expiryWarningDays !== undefined) set.expiryWarningDays = patch.expiryWarningDays;
  try {
    const [row] = await tx
      .update(loyaltyPrograms)
      .set({ ...set, version: sql`${loyaltyPrograms.version} + 1`, updatedAt: new Date() })
      .where(and(eq(loyaltyPrograms.orgId, tx.orgId!), eq(loyaltyPrograms.id, id)))
      .returning();
    await bumpConfig(tx);
    await recordAudit(tx, source, 'loyalty.program.update', { type: 'loyalty_program', id }, { fields: Object.keys(patch) });
    return programView(row);
  } catch (err) {
    if (isUniqueViolation(err, 'loyalty_programs_active_key')) throw programConflict();
    throw err;
  }
}

// --- promotions, stamp cards, receipt-coupon rules: a definition with its own id as `code` ----

type DefinitionTable = typeof promotions | typeof stampCards | typeof receiptCouponRules;

interface Kind<D> {
  table: DefinitionTable;
  codeKey: string;
  audit: string;
  brand: boolean;
  /** What the engine gets: the definition as stored. */
  cast: (v: unknown) => D;
}

const PROMOTION: Kind<Promotion> = {
  table: promotions,
  codeKey: 'promotions_code_key',
  audit: 'loyalty.promotion',
  brand: true,
  cast: (v) => v as Promotion,
};
const STAMP_CARD: Kind<StampCard> = {
  table: stampCards,
  codeKey: 'stamp_cards_code_key',
  audit: 'loyalty.stamp_card',
  brand: false,
  cast: (v) => v as StampCard,
};
const RULE: Kind<CouponIssueRule> = {
  table: receiptCouponRules,
  codeKey: 'receipt_coupon_rules_code_key',
  audit: 'loyalty.receipt_coupon_rule',
  brand: false,
  cast: (v) => v as CouponIssueRule,
};

export interface DefinitionView<D> {
  id: string;
  code: string;
  brandId?: string | null;
  active: boolean;
  definition: D;
  createdAt: Date;
  updatedAt: Date;
}

function view<D>(kind: Kind<D>, r: Record<string, unknown>): DefinitionView<D> {
  return {
    id: r.id as string,
    code: r.code as string,
    ...(kind.brand ? { brandId: (r.brandId as string | null) ?? null } : {}),
    active: r.active as boolean,
    definition: kind.cast(r.definition),
    createdAt: r.createdAt as Date,
    updatedAt: r.updatedAt as Date,
  };
}

const codeTaken = (code: string) => conflict('code_exists', 'loyalty.code_exists', { code: code.slice(0, 100) });

async function createDefinition<D extends { id: string }>(
  tx: Tx,
  kind: Kind<D>,
  source: AuditSource,
  input: { definition: D; active?: boolean; brandId?: string | null },
): Promise<DefinitionView<D>> {
  if (kind.brand) await checkBrand(tx, input.brandId);
  const id = newId();
  const code = input.definition.id.trim();
  try {
    const [row] = await tx
      .insert(kind.table)
      .values({
        orgId: tx.orgId!,
        id,
        code,
        active: input.active ?? true,
        definition: input.definition,
        ...(kind.brand ? { brandId: input.brandId ?? null } : {}),
      })
      .returning();
    await bumpConfig(tx);
    await recordAudit(tx, source, `${kind.audit}.create`, { type: kind.audit.replace('loyalty.', ''), id }, { code });
    return view(kind, row as Record<string, unknown>);
  } catch (err) {
    if (isUniqueViolation(err, kind.codeKey)) throw codeTaken(code);
    throw err;
  }
}

async function listDefinitions<D>(tx: Tx, kind: Kind<D>, filter: { active?: boolean } = {}) {
  const t = kind.table;
  const rows = await tx
    .select()
    .from(t)
    .where(and(eq(t.orgId, tx.orgId!), filter.active === undefined ? undefined : eq(t.active, filter.active)))
    .orderBy(desc(t.active), asc(t.code))
    .limit(1000);
  return rows.map((r) => view(kind, r as Record<string, unknown>));
}

async function getDefinition<D>(tx: Tx, kind: Kind<D>, id: string) {
  const t = kind.table;
  const [row] = await tx
    .select()
    .from(t)
    .where(and(eq(t.orgId, tx.orgId!), eq(t.id, id)));
  if (!row) throw notFound();
  return view(kind, row as Record<string, unknown>);
}

async function updateDefinition<D extends { id: string }>(
  tx: Tx,
  kind: Kind<D>,
  source: AuditSource,
  id: string,
  patch: { definition?: D; active?: boolean; brandId?: string | null },
) {
  await getDefinition(tx, kind, id);
  if (kind.brand && patch.brandId !== undefined) await checkBrand(tx, patch.brandId);
  const t = kind.table;
  const set: Record<string, unknown> = { updatedAt: new Date() };
  if (patch.definition !== undefined) {
    set.definition = patch.definition;
    set.code = patch.definition.id.trim();
  }
  if (patch.active !== undefined) set.active = patch.active;
  if (kind.brand && patch.brandId !== undefined) set.brandId = patch.brandId;
  try {
    const [row] = await tx
      .update(t)
      .set(set)
      .where(and(eq(t.orgId, tx.orgId!), eq(t.id, id)))
      .returning();
    await bumpConfig(tx);
    await recordAudit(tx, source, `${kind.audit}.update`, { type: kind.audit.replace('loyalty.', ''), id }, { fields: Object.keys(patch) });
    return view(kind, row as Record<string, unknown>);
  } catch (err) {
    if (isUniqueViolation(err, kind.codeKey)) throw codeTaken(String(set.code));
    throw err;
  }
}

async function deleteDefinition<D>(tx: Tx, kind: Kind<D>, source: AuditSource, id: string) {
  const t = kind.table;
  const rows = await tx
    .delete(t)
    .where(and(eq(t.orgId, tx.orgId!), eq(t.id, id)))
    .returning({ code: t.code });
  if (rows.length === 0) throw notFound();
  await bumpConfig(tx);
  await recordAudit(tx, source, `${kind.audit}.delete`, { type: kind.audit.replace('loyalty.', ''), id }, { code: rows[0].code });
}

export const createPromotion = (tx: Tx, s: AuditSource, i: { definition: Promotion; active?: boolean; brandId?: string | null }) =>
  createDefinition(tx, PROMOTION, s, i);
export const listPromotions = (tx: Tx, f?: { active?: boolean }) => listDefinitions(tx, PROMOTION, f);
export const getPromotion = (tx: Tx, id: string) => getDefinition(tx, PROMOTION, id);
export const updatePromotion = (
  tx: Tx,
  s: AuditSource,
  id: string,
  p: { definition?: Promotion; active?: boolean; brandId?: string | null },
) => updateDefinition(tx, PROMOTION, s, id, p);
export const deletePromotion = (tx: Tx, s: AuditSource, id: string) => deleteDefinition(tx, PROMOTION, s, id);

export const createStampCard = (tx: Tx, s: AuditSource, i: { definition: StampCard; active?: boolean }) =>
  createDefinition(tx, STAMP_CARD, s, i);
export const listStampCards = (tx: Tx, f?: { active?: boolean }) => listDefinitions(tx, STAMP_CARD, f);
export const getStampCard = (tx: Tx, id: string) => getDefinition(tx, STAMP_CARD, id);
export const updateStampCard = (tx: Tx, s: AuditSource, id: string, p: { definition?: StampCard; active?: boolean }) =>
  updateDefinition(tx, STAMP_CARD, s, id, p);

export const createRule = (tx: Tx, s: AuditSource, i: { definition: CouponIssueRule; active?: boolean }) =>
  createDefinition(tx, RULE, s, i);
export const listRules = (tx: Tx, f?: { active?: boolean }) => listDefinitions(tx, RULE, f);
export const getRule = (tx: Tx, id: string) => getDefinition(tx, RULE, id);
export const updateRule = (tx: Tx, s: AuditSource, id: string, p: { definition?: CouponIssueRule; active?: boolean }) =>
  updateDefinition(tx, RULE, s, id, p);
export const deleteRule = (tx: Tx, s: AuditSource, id: string) => deleteDefinition(tx, RULE, s, id);
