import { and, desc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db/database';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { invalidField, Problem } from '../../platform/http/problem';
import { newId } from '../../platform/ids';
import { orgToday } from '../access/hot-settings';
import { getCustomerRow } from '../customers/service';
import { queueChurnAfterFit } from './churn/compute';
import {
  AnalyticsError,
  type BgNbdParams,
  bgNbdConditionalExpectedPurchases,
  bgNbdProbabilityAlive,
  customerLifetimeValue,
  expectedAverageValue,
  type FrequencyRecency,
  fitBgNbd,
  fitGammaGamma,
} from './engine';
import { clvFits, clvScores } from './schema';
import { resolveScope, type Scope, storeFilter } from './scope';

export const CLV_FIT_JOB = 'analytics.clv-fit';

export interface FitInput {
  calibrationEnd?: string;
  timeUnit: 'day' | 'week';
  brand?: string;
  /** months */
  horizon?: number;
  /** per month */
  discountRate?: number;
}

const UNIT_DAYS = { day: 1, week: 7 } as const;
const MONTH_DAYS = 365.25 / 12;
/** Spend parameters are fitted in major units (TL, $): the currencies we serve have two decimals. */
const MINOR_PER_MAJOR = 100;
const MIN_CUSTOMERS = 20;
const MIN_REPEATERS = 10;
/** Customer-days above which a fit runs as a job instead of inside the request. */
export const INLINE_ROWS = 100_000;
const WRITE_CHUNK = 5_000;
/**
 * Simplex steps per model: CDNOW needs ~450. Data a model cannot describe (spend that does not
 * differ between customers) sends the search along a ridge forever; it stops here, and the fit
 * is stored flagged `converged: false`, which the screen warns about.
 */
const MAX_FIT_ITERATIONS = 4_000;
/** The holdout chart stops after this many periods (two years of weeks). */
const MAX_HOLDOUT_PERIODS = 104;

interface SummaryRow {
  customerId: string;
  x: number;
  txDays: number;
  tDays: number;
  /** mean repeat-day value, minor units */
  mbar: number;
}

/** A customer's purchase days in scope (stores merged: one purchase a day) and their first day. */
const daysOf = (tx: Tx, scope: Scope, calibrationEnd: string) => sql`
  days as (
    select customer_id, business_date as day, sum(net_amount) as amount
    from sales_customer_days
    where org_id = ${tx.orgId} ${storeFilter(scope)}
    group by customer_id, business_date),
  births as (
    select customer_id, min(day) as birth from days group by customer_id having min(day) <= ${calibrationEnd}::date)`;

/** The calibration summary (x, t_x, T, mean repeat value) of every customer, in one statement. */
async function summaryOf(tx: Tx, scope: Scope, calibrationEnd: string): Promise<SummaryRow[]> {
  const { rows } = await tx.execute(sql`
    with ${daysOf(tx, scope, calibrationEnd)}
    select d.customer_id as "customerId",
      (count(*) filter (where d.day > b.birth and d.day <= ${calibrationEnd}::date))::int as x,
      max(d.day) filter (where d.day <= ${calibrationEnd}::date) - b.birth as "txDays",
      ${calibrationEnd}::date - b.birth as "tDays",
      coalesce(avg(d.amount) filter (where d.day > b.birth and d.day <= ${calibrationEnd}::date), 0)::float8 as mbar
    from days d join births b using (customer_id)
    group by d.customer_id, b.birth
    order by d.customer_id`);
  return rows as unknown as SummaryRow[];
}

/** Repeat purchase days after the calibration, per period (0-based), of the customers fitted. */
async function holdoutCounts(tx: Tx, scope: Scope, calibrationEnd: string, unitDays: number) {
  const { rows } = await tx.execute(sql`
    with ${daysOf(tx, scope, calibrationEnd)}
    select ((d.day - ${calibrationEnd}::date - 1) / ${unitDays})::int as period, count(*)::int as n, max(d.day)::text as last
    from days d join births b using (customer_id)
    where d.day > ${calibrationEnd}::date
    group by 1 order by 1`);
  return rows as { period: number; n: number; last: string }[];
}

/** Bounded count of the customer-days in scope: enough to decide between inline and a job. */
export async function fitSize(tx: Tx, scope: Scope): Promise<number> {
  const { rows } = await tx.execute(sql`
    select count(*)::int as n from (select 1 from sales_customer_days where org_id = ${tx.orgId} ${storeFilter(scope)} limit ${INLINE_ROWS + 1}) s`);
  return (rows[0] as { n: number }).n;
}

/** Checks the request and resolves its scope before anything runs (4xx early, also for a job). */
export async function prepareFit(tx: Tx, input: FitInput) {
  const today = await orgToday(tx);
  if (input.calibrationEnd && input.calibrationEnd > today)
    throw invalidField('/calibrationEnd', 'in_future', 'analytics.calibration_in_future', { today });
  const scope = await resolveScope(tx, null, { brand: input.brand });
  return { scope, calibrationEnd: input.calibrationEnd ?? today };
}

/**
 * Fits BG/NBD and Gamma-Gamma on the org's (or a brand's) purchases up to `calibrationEnd` and
 * scores every customer: reads the sales module's `sales_customer_days` view only, writes nothing.
 */
export async function computeFit(tx: Tx, input: FitInput, prepared?: Awaited<ReturnType<typeof prepareFit>>) {
  const started = performance.now();
  const { scope, calibrationEnd } = prepared ?? (await prepareFit(tx, input));
  const unitDays = UNIT_DAYS[input.timeUnit];
  const horizonMonths = input.horizon ?? 12;
  const discountRate = input.discountRate ?? 0.01;

  const summary = await summaryOf(tx, scope, calibrationEnd);
  const counts = await holdoutCounts(tx, scope, calibrationEnd, unitDays);
  const summaryMs = performance.now() - started;
  const repeaters = summary.filter((c) => c.x > 0 && c.mbar > 0);
  if (summary.length < MIN_CUSTOMERS)
    throw new Problem(422, 'not_enough_customers', 'analytics.not_enough_customers', { count: summary.length, min: MIN_CUSTOMERS });
  if (repeaters.length < MIN_REPEATERS)
    throw new Problem(422, 'not_enough_repeaters', 'analytics.not_enough_repeaters', { count: repeaters.length, min: MIN_REPEATERS });

  const histories = summary.map((c) => ({ x: c.x, tx: c.txDays / unitDays, T: c.tDays / unitDays }));
  const fitStarted = performance.now();
  const { bgnbd, gammaGamma } = modelsOf(histories, repeaters);
  const fitMs = performance.now() - fitStarted;

  // Customers with the same (x, t_x, T) get the same predictions: compute each once.
  const scoreStarted = performance.now();
  const horizon = (horizonMonths * MONTH_DAYS) / unitDays;
  const clvOptions = { periods: horizonMonths, periodLength: MONTH_DAYS / unitDays, discountRate };
  const memo = new Map<string, { pAlive: number; expected: number; discounted: number }>();
  const scores = summary.map((c, i) => {
    const key = `${c.x}|${c.txDays}|${c.tDays}`;
    let m = memo.get(key);
    if (!m) {
      const h = histories[i];
      m = {
        pAlive: bgNbdProbabilityAlive(bgnbd, h),
        expected: bgNbdConditionalExpectedPurchases(bgnbd, h, horizon),
        // CLV is linear in the average value: the discounted purchases are worth v each.
        discounted: customerLifetimeValue(bgnbd, h, 1, clvOptions),
      };
      memo.set(key, m);
    }
    const value = expectedAverageValue(gammaGamma, { x: c.mbar > 0 ? c.x : 0, mbar: c.mbar / MINOR_PER_MAJOR }) * MINOR_PER_MAJOR;
    return { c, h: histories[i], ...m, value: Math.round(value), clv: Math.round(value * m.discounted) };
  });
  const holdout = holdoutOf(bgnbd, histories, counts, calibrationEnd, unitDays);
  const scoreMs = performance.now() - scoreStarted;
  return {
    fit: {
      brandId: scope.brandId,
      timeUnit: input.timeUnit,
      calibrationEnd,
      holdoutEnd: holdout?.end ?? null,
      horizonMonths,
      discountRate,
      customers: summary.length,
      repeaters: repeaters.length,
      bgnbd,
      gammaGamma,
      holdout: holdout && { periods: holdout.periods },
      totals: {
        expectedPurchases: scores.reduce((s, x) => s + x.expected, 0),
        expectedAlive: scores.reduce((s, x) => s + x.pAlive, 0),
        clv: scores.reduce((s, x) => s + x.clv, 0),
      },
    },
    scores,
    timings: { summaryMs, fitMs, scoreMs, started },
  };
}

type ComputedFit = Awaited<ReturnType<typeof computeFit>>;

/** Stores a computed fit and its scores (set-based, in chunks); older scores of its scope go. */
export async function storeFit(tx: Tx, { fit, scores, timings }: ComputedFit, createdBy?: string) {
  const writeStarted = performance.now();
  const id = newId();
  const ms = (v: number) => Math.round(v);
  await tx.execute(sql`
    delete from ${clvScores} s using ${clvFits} f
    where s.org_id = ${tx.orgId} and f.org_id = s.org_id and f.id = s.fit_id and f.brand_id is not distinct from ${fit.brandId}::uuid`);
  const [row] = await tx
    .insert(clvFits)
    .values({ orgId: tx.orgId!, id, ...fit, timings: {}, createdBy })
    .returning();
  for (let from = 0; from < scores.length; from += WRITE_CHUNK) {
    const chunk = scores.slice(from, from + WRITE_CHUNK);
    const col = <T>(f: (s: (typeof scores)[number]) => T) => sql.param(chunk.map(f));
    await tx.execute(sql`
      insert into ${clvScores} (org_id, fit_id, customer_id, x, tx, t, mean_repeat_value, p_alive, expected_purchases, expected_average_value, clv)
      select ${tx.orgId}, ${id}, * from unnest(${col((s) => s.c.customerId)}::uuid[], ${col((s) => s.c.x)}::int[],
        ${col((s) => s.h.tx)}::float8[], ${col((s) => s.h.T)}::float8[], ${col((s) => s.c.mbar)}::float8[],
        ${col((s) => s.pAlive)}::float8[], ${col((s) => s.expected)}::float8[], ${col((s) => s.value)}::bigint[], ${col((s) => s.clv)}::bigint[])`);
  }
  const done = {
    summaryMs: ms(timings.summaryMs),
    fitMs: ms(timings.fitMs),
    scoreMs: ms(timings.scoreMs),
    writeMs: ms(performance.now() - writeStarted),
    totalMs: ms(performance.now() - timings.started),
  };
  await tx
    .update(clvFits)
    .set({ timings: done })
    .where(and(eq(clvFits.orgId, tx.orgId!), eq(clvFits.id, id)));
  return fitView({ ...row, timings: done });
}

/** Both models, or a 422 that says why they cannot be used on this data. */
function modelsOf(histories: FrequencyRecency[], repeaters: SummaryRow[]) {
  try {
    const bg = fitBgNbd(histories, { maxIterations: MAX_FIT_ITERATIONS });
    const gg = fitGammaGamma(
      repeaters.map((c) => ({ x: c.x, mbar: c.mbar / MINOR_PER_MAJOR })),
      { maxIterations: MAX_FIT_ITERATIONS },
    );
    const bgnbd = { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b, logLikelihood: bg.logLikelihood, converged: bg.converged };
    const gammaGamma = { p: gg.p, q: gg.q, gamma: gg.gamma, logLikelihood: gg.logLikelihood, converged: gg.converged };
    if (![...Object.values(bgnbd), ...Object.values(gammaGamma)].every((v) => typeof v === 'boolean' || Number.isFinite(v)))
      throw new AnalyticsError('invalid_input', 'non-finite parameters');
    // The population mean spend pγ/(q − 1) exists only for q > 1.
    if (!(gammaGamma.q > 1)) throw new AnalyticsError('undefined_mean', 'q ≤ 1');
    return { bgnbd, gammaGamma };
  } catch (err) {
    if (!(err instanceof AnalyticsError)) throw err;
    if (err.code === 'undefined_mean') throw new Problem(422, 'spend_model_undefined', 'analytics.spend_model_undefined');
    throw new Problem(422, 'fit_failed', 'analytics.fit_failed');
  }
}

/**
 * The holdout diagnostic: per period after the calibration, the repeat purchases the fitted
 * customers made against Σ E[Y(k)] − E[Y(k − 1)] of the model (conditional on each history).
 */
function holdoutOf(
  params: BgNbdParams,
  histories: FrequencyRecency[],
  counts: { period: number; n: number; last: string }[],
  calibrationEnd: string,
  unitDays: number,
) {
  if (counts.length === 0) return null;
  const end = counts.reduce((m, c) => (c.last > m ? c.last : m), calibrationEnd);
  const days = (Date.parse(end) - Date.parse(calibrationEnd)) / 86_400_000;
  const length = days / unitDays;
  const periods = Math.min(Math.ceil(length), MAX_HOLDOUT_PERIODS);
  const groups = new Map<string, { h: FrequencyRecency; n: number }>();
  for (const h of histories) {
    const key = `${h.x}|${h.tx}|${h.T}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { h, n: 1 });
  }
  const cumulative = (t: number) => {
    let sum = 0;
    for (const { h, n } of groups.values()) sum += n * bgNbdConditionalExpectedPurchases(params, h, t);
    return sum;
  };
  const actual = new Map(counts.map((c) => [c.period, c.n]));
  const out = [];
  let before = 0;
  for (let k = 1; k <= periods; k++) {
    const upTo = cumulative(Math.min(k, length));
    out.push({ period: k, actual: actual.get(k - 1) ?? 0, predicted: upTo - before });
    before = upTo;
  }
  return { end, periods: out };
}

type FitRow = typeof clvFits.$inferSelect;

const fitView = (f: FitRow) => ({
  id: f.id,
  brandId: f.brandId,
  timeUnit: f.timeUnit as FitInput['timeUnit'],
  calibrationEnd: f.calibrationEnd,
  holdoutEnd: f.holdoutEnd,
  horizonMonths: f.horizonMonths,
  discountRate: f.discountRate,
  customers: f.customers,
  repeaters: f.repeaters,
  bgnbd: f.bgnbd as { r: number; alpha: number; a: number; b: number; logLikelihood: number; converged: boolean },
  gammaGamma: f.gammaGamma as { p: number; q: number; gamma: number; logLikelihood: number; converged: boolean },
  holdout: f.holdout as { periods: { period: number; actual: number; predicted: number }[] } | null,
  totals: f.totals as { expectedPurchases: number; expectedAlive: number; clv: number },
  timings: f.timings as Record<string, number>,
  createdAt: f.createdAt,
});

export type ClvFit = ReturnType<typeof fitView>;

/** Fits of the org, latest first (ids are time-ordered). */
export async function listFits(tx: Tx, f: { limit: number; cursor?: string }) {
  const rows = await tx
    .select()
    .from(clvFits)
    .where(and(eq(clvFits.orgId, tx.orgId!), afterCursor([clvFits.id], f.cursor, 'desc')))
    .orderBy(desc(clvFits.id))
    .limit(f.limit + 1);
  const page = toPage(rows, f.limit, (r) => [r.id]);
  return { items: page.items.map(fitView), nextCursor: page.nextCursor };
}

/** A customer's scores from the latest fit of each scope (org-wide and per brand), for the 360. */
export async function customerScores(tx: Tx, customerId: string) {
  await getCustomerRow(tx, customerId);
  const rows = await tx
    .select({ s: clvScores, f: clvFits })
    .from(clvScores)
    .innerJoin(clvFits, and(eq(clvFits.orgId, clvScores.orgId), eq(clvFits.id, clvScores.fitId)))
    .where(and(eq(clvScores.orgId, tx.orgId!), eq(clvScores.customerId, customerId)))
    .orderBy(desc(clvFits.id));
  return {
    customerId,
    scores: rows.map(({ s, f }) => ({
      fitId: f.id,
      brandId: f.brandId,
      timeUnit: f.timeUnit as FitInput['timeUnit'],
      calibrationEnd: f.calibrationEnd,
      horizonMonths: f.horizonMonths,
      fittedAt: f.createdAt,
      x: s.x,
      tx: s.tx,
      t: s.t,
      meanRepeatValue: Math.round(s.meanRepeatValue),
      pAlive: s.pAlive,
      expectedPurchases: s.expectedPurchases,
      expectedAverageValue: s.expectedAverageValue,
      clv: s.clv,
    })),
  };
}

/**
 * The job behind a large fit: read and fit in one transaction, store in another. Progress is
 * reported between them, outside any transaction (embedded PGlite serves one at a time).
 */
export async function runFitJob(ctx: AppContext, job: { orgId: string; runId: string; input: FitInput; createdBy?: string }) {
  const { orgId, runId } = job;
  await ctx.jobs.updateRun(orgId, runId, { status: 'running', done: 0, total: 2 });
  try {
    const computed = await ctx.db.tenant(orgId, (tx) => computeFit(tx, job.input));
    await ctx.jobs.updateRun(orgId, runId, { done: 1 });
    const fit = await ctx.db.tenant(orgId, async (tx) => {
      const stored = await storeFit(tx, computed, job.createdBy);
      await queueChurnAfterFit(ctx, tx, stored);
      return stored;
    });
    await ctx.jobs.updateRun(orgId, runId, { status: 'succeeded', done: 2, result: { fitId: fit.id, customers: fit.customers } });
  } catch (err) {
    // A fit the data cannot support fails the run with its reason; retrying would not help.
    await ctx.jobs.updateRun(orgId, runId, { status: 'failed', error: err instanceof Problem ? err.code : String(err) });
    if (!(err instanceof Problem)) throw err;
  }
}
