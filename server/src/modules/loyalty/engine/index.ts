/**
 * The loyalty engine: pure functions, no I/O, no clock. Everything it needs (the basket with its instant
 * and the org time zone, definitions, balances, usage counts) is passed in; the same input always gives
 * the same output. The loyalty module's services persist definitions and ledgers around it.
 * See docs/loyalty-engine.md.
 */

export { allocateCapped, lineGross } from './arith';
export * from './codes';
export type { ConditionReason } from './conditions';
export * from './coupons';
export * from './expiry';
export * from './messages';
export * from './points';
export * from './promotions/evaluate';
export type { PromotionRejectReason } from './promotions/types';
export * from './schemas';
export * from './stamps';
export * from './tiers';
