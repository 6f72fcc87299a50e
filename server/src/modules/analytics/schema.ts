import {
  bigint,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgIdColumn, tenantPolicy } from '../../platform/db/tenant-table';
import { orgs } from '../access/schema';
import type { RfmGrid } from './engine';

/**
 * One CLV model fit (BG/NBD + Gamma-Gamma) of an org, or of one brand's stores: what it was fitted
 * on, the parameters, the holdout diagnostic and how long each step took. The parameters are in the
 * fit's time unit; Gamma-Gamma's γ in major currency units (TL), as published figures are.
 */
export const clvFits = pgTable(
  'analytics_clv_fits',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    /** null: the whole org */
    brandId: uuid('brand_id'),
    /** day | week */
    timeUnit: text('time_unit').notNull(),
    calibrationEnd: date('calibration_end', { mode: 'string' }).notNull(),
    /** the last purchase day after calibrationEnd (null: no holdout) */
    holdoutEnd: date('holdout_end', { mode: 'string' }),
    horizonMonths: smallint('horizon_months').notNull(),
    /** per month */
    discountRate: doublePrecision('discount_rate').notNull(),
    customers: integer('customers').notNull(),
    repeaters: integer('repeaters').notNull(),
    bgnbd: jsonb('bgnbd').notNull(),
    gammaGamma: jsonb('gamma_gamma').notNull(),
    /** predicted vs actual repeat purchases per period of the holdout */
    holdout: jsonb('holdout'),
    totals: jsonb('totals').notNull(),
    timings: jsonb('timings').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    tenantPolicy('analytics_clv_fits'),
  ],
);

/**
 * A customer's scores from the latest fit of each scope (org, brand): older fits of the same scope
 * lose their scores when a new one is stored. Money in minor units (kuruş). Like the other
 * per-customer score tables, no foreign keys: rows are written in bulk with their fit, in one
 * transaction, and a key check per row cost more than the scoring (bench/rfm.ts, 1M customers).
 */
export const clvScores = pgTable(
  'analytics_clv_scores',
  {
    orgId: orgIdColumn(),
    customerId: uuid('customer_id').notNull(),
    fitId: uuid('fit_id').notNull(),
    /** repeat purchase days in the calibration period */
    x: integer('x').notNull(),
    /** first to last calibration purchase, in the fit's time unit */
    tx: doublePrecision('tx').notNull(),
    /** first purchase to calibration end, in the fit's time unit */
    t: doublePrecision('t').notNull(),
    /** mean value of the repeat purchase days, minor units */
    meanRepeatValue: doublePrecision('mean_repeat_value').notNull(),
    pAlive: doublePrecision('p_alive').notNull(),
    expectedPurchases: doublePrecision('expected_purchases').notNull(),
    expectedAverageValue: bigint('expected_average_value', { mode: 'number' }).notNull(),
    clv: bigint('clv', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.customerId, t.fitId] }),
    index('analytics_clv_scores_fit_idx').on(t.orgId, t.fitId),
    tenantPolicy('analytics_clv_scores'),
  ],
);

/** The org's RFM settings (one row, created on first change): the R × FM grid and the window. */
export const rfmSettings = pgTable(
  'analytics_rfm_settings',
  {
    orgId: orgIdColumn(),
    /** null: the engine's default grid */
    grid: jsonb('grid').$type<RfmGrid>(),
    windowMonths: smallint('window_months').notNull().default(12),
    /** days (purchase days) | receipts */
    frequency: text('frequency').notNull().default('days'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    tenantPolicy('analytics_rfm_settings'),
  ],
);

/** One RFM run (a snapshot) of the org or a brand, with the settings it used. */
export const rfmRuns = pgTable(
  'analytics_rfm_runs',
  {
    orgId: orgIdColumn(),
    id: uuid('id').notNull(),
    brandId: uuid('brand_id'),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    windowMonths: smallint('window_months').notNull(),
    frequency: text('frequency').notNull(),
    grid: jsonb('grid').$type<RfmGrid>().notNull(),
    customers: integer('customers').notNull(),
    /** customers per segment, kept when the run's scores are pruned */
    segments: jsonb('segments').$type<Record<string, number>>().notNull(),
    /** customers whose segment differs from the previous run of the scope */
    changed: integer('changed').notNull(),
    ms: integer('ms').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.orgId] }),
    tenantPolicy('analytics_rfm_runs'),
  ],
);

/**
 * Per-customer scores of a run. Kept for the latest runs of a scope and the first run of each
 * month (migration charts); older runs keep only their totals.
 */
export const rfmScores = pgTable(
  'analytics_rfm_scores',
  {
    orgId: orgIdColumn(),
    runId: uuid('run_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    recencyDays: integer('recency_days').notNull(),
    frequency: integer('frequency').notNull(),
    /** minor units, net of returns */
    monetary: bigint('monetary', { mode: 'number' }).notNull(),
    r: smallint('r').notNull(),
    f: smallint('f').notNull(),
    m: smallint('m').notNull(),
    segment: text('segment').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.runId, t.customerId] }), tenantPolicy('analytics_rfm_scores')],
);

/**
 * The latest churn risk of every customer who has bought (churn/compute.ts): the score 0..100, its
 * band and the signals measured for the customer, strongest contribution first. Only the latest
 * computation is kept: each run replaces the org's rows.
 */
export const churnScores = pgTable(
  'analytics_churn_scores',
  {
    orgId: orgIdColumn(),
    customerId: uuid('customer_id').notNull(),
    score: smallint('score').notNull(),
    /** low | medium | high */
    band: text('band').notNull(),
    /** [{ key, weight, strength, values }] of the signals measured, by weight × strength desc, key */
    signals: jsonb('signals').$type<{ key: string; weight: number; strength: number; values: Record<string, number> }[]>().notNull(),
    /** the day the signals were measured on (org time zone) */
    asOf: date('as_of', { mode: 'string' }).notNull(),
    /** the CLV fit whose P(alive) was used (null: none yet) */
    fitId: uuid('fit_id'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.customerId] }),
    index('analytics_churn_scores_rank_idx').on(t.orgId, t.score.desc(), t.customerId),
    tenantPolicy('analytics_churn_scores'),
  ],
);
