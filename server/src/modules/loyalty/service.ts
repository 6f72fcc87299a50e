/**
 * The loyalty module's public door: other modules call these and never read the loyalty tables.
 * Every function runs in the caller's tenant transaction (`tx.orgId`).
 */
export { type EvaluateInput, evaluateBasket, evaluationView, type PosCaller, prepareBasket } from './basket';
export { adjustPoints, awardReceipt, customerLedger, customerLoyalty, mergeLoyalty, stampManually } from './customer';
export { type CommitInput, commitReceipt, identify, refundReceipt, undoReturn } from './pos';
