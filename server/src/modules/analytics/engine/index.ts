/**
 * The analytics engine: pure functions, no I/O, no database. Customer-base models (BG/NBD, Pareto/NBD,
 * Gamma-Gamma, CLV) on per-customer summaries built from transactions, RFM scoring and segments, and
 * basket rules by FP-Growth. The analytics module's services read the data and store the results.
 * See docs/analytics-engine.md.
 */

export * from './bgnbd';
export * from './errors';
export * from './fpgrowth';
export * from './gamma-gamma';
export { compareIds, type FrequencyRecency } from './input';
export { type MinimizeOptions, type MinimizeResult, minimizePositive, nelderMead } from './optimize';
export * from './pareto-nbd';
export * from './rfm';
export * from './rules';
export * from './special';
export * from './summary';
