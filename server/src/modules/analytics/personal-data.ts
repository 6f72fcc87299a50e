import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import type { PersonalDataHandler } from '../../platform/personal-data';
import { churnScores, clvFits, clvScores, rfmRuns, rfmScores } from './schema';

/**
 * KVKK access request: what analytics derived about the customer — CLV scores of the latest fit of
 * each scope, the RFM segment of every kept run (the segment history), the churn risk.
 */
async function exportAnalytics(tx: Tx, customerId: string) {
  const orgId = tx.orgId!;
  const clv = await tx
    .select({
      fitId: clvScores.fitId,
      brandId: clvFits.brandId,
      calibrationEnd: clvFits.calibrationEnd,
      x: clvScores.x,
      tx: clvScores.tx,
      t: clvScores.t,
      pAlive: clvScores.pAlive,
      expectedPurchases: clvScores.expectedPurchases,
      expectedAverageValue: clvScores.expectedAverageValue,
      clv: clvScores.clv,
    })
    .from(clvScores)
    .innerJoin(clvFits, and(eq(clvFits.orgId, clvScores.orgId), eq(clvFits.id, clvScores.fitId)))
    .where(and(eq(clvScores.orgId, orgId), eq(clvScores.customerId, customerId)))
    .orderBy(asc(clvScores.fitId));
  const rfm = await tx
    .select({
      runId: rfmScores.runId,
      brandId: rfmRuns.brandId,
      asOf: rfmRuns.asOf,
      recencyDays: rfmScores.recencyDays,
      frequency: rfmScores.frequency,
      monetary: rfmScores.monetary,
      r: rfmScores.r,
      f: rfmScores.f,
      m: rfmScores.m,
      segment: rfmScores.segment,
    })
    .from(rfmScores)
    .innerJoin(rfmRuns, and(eq(rfmRuns.orgId, rfmScores.orgId), eq(rfmRuns.id, rfmScores.runId)))
    .where(and(eq(rfmScores.orgId, orgId), eq(rfmScores.customerId, customerId)))
    .orderBy(asc(rfmRuns.asOf), asc(rfmScores.runId));
  const [churn] = await tx
    .select({
      score: churnScores.score,
      band: churnScores.band,
      signals: churnScores.signals,
      asOf: churnScores.asOf,
      computedAt: churnScores.computedAt,
    })
    .from(churnScores)
    .where(and(eq(churnScores.orgId, orgId), eq(churnScores.customerId, customerId)));
  return { clvScores: clv, rfmSegments: rfm, churn: churn ?? null };
}

/** KVKK erasure: the customer's scores go; runs and fits keep their totals (no one in them). */
async function eraseAnalytics(tx: Tx, customerId: string) {
  for (const table of [clvScores, rfmScores, churnScores]) {
    await tx.execute(sql`delete from ${table} where org_id = ${tx.orgId} and customer_id = ${customerId}`);
  }
}

export const analyticsPersonalData: PersonalDataHandler = { name: 'analytics', export: exportAnalytics, erase: eraseAnalytics };
