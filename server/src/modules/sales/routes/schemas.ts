import { z } from 'zod';
import { isoDate } from '../../../platform/http/schemas';
import { zonedInstant } from '../../../platform/time';
import { ACTIVITY_TYPES } from '../activity';
import { CHANNEL, ORDER_STATUSES, PAYMENT_METHODS } from '../values';

/** Minor units (kuruş): a non-negative integer. A float or a negative amount is a 400. */
export const moneyInput = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const code = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/**
 * The till's clock: ISO 8601 with an offset (`2026-03-01T22:30:00Z`), or without one
 * (`2026-03-01T23:30:00`), then read in the org's time zone.
 */
export const tillTime = z.iso.datetime({ offset: true, local: true });

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/** A `tillTime` as an instant: with its own offset, or as wall-clock time of the org's zone. */
export function instantOf(text: string, timeZone: string): Date {
  const m = LOCAL.exec(text);
  if (!m) return new Date(text);
  return zonedInstant({ year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +(m[6] ?? 0) }, timeZone);
}

export const channelInput = z.string().trim().toLowerCase().regex(CHANNEL).describe('a lower-case slug: web, shopify, ideasoft, trendyol…');

export const discountSchema = z.object({ ruleId: code(100), label: code(200), amount: moneyInput }).strict();

export const lineInput = z
  .object({
    sku: code(64).nullable().optional().describe('SKU or barcode; absent for an ad-hoc line'),
    productName: optionalText(200).describe('for ad-hoc lines; a known SKU takes the catalog’s name'),
    categoryPath: z.array(code(100)).max(8).optional(),
    brand: optionalText(100),
    quantity: z.number().positive().max(999_999_999.999).describe('up to three decimals (weighed goods)'),
    unitPrice: moneyInput,
    lineDiscount: moneyInput.optional().describe('defaults to the sum of `discounts`'),
    discounts: z.array(discountSchema).max(20).optional(),
  })
  .strict();

export const receiptInput = z
  .object({
    storeCode: code(50),
    register: code(50).optional(),
    cashierCode: code(50).optional().describe("the cashier's staff code"),
    receiptNumber: code(64),
    occurredAt: tillTime.describe('when the till printed it; without an offset it is read in the org time zone'),
    customerId: z.uuid().nullable().optional().describe('absent or null (and no `customerPhone`): an anonymous receipt'),
    customerPhone: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .describe('instead of `customerId`: the customer’s mobile in any typed form; an unknown number registers the customer'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    source: z.enum(['pos', 'api']).default('api'),
    lines: z.array(lineInput).min(1).max(500),
    payments: z
      .array(z.object({ method: z.enum(PAYMENT_METHODS), amount: moneyInput }).strict())
      .max(20)
      .optional()
      .describe('must add up to the total'),
    withClaimCode: z.boolean().optional().describe('give the receipt a claim code to print as a QR'),
  })
  .strict();

export const saleLineSchema = z
  .object({
    lineNo: z.number().int(),
    sku: z.string().nullable(),
    productId: z.uuid().nullable(),
    productName: z.string().nullable(),
    categoryPath: z.array(z.string()),
    brand: z.string().nullable(),
    quantity: z.number(),
    unitPrice: z.number().int(),
    lineDiscount: z.number().int(),
    lineTotal: z.number().int().describe('round(quantity × unitPrice) − lineDiscount'),
    discounts: z.array(z.object({ ruleId: z.string(), label: z.string(), amount: z.number().int() })),
    returnedQuantity: z.number(),
  })
  .meta({ id: 'SaleLine' });

const receiptHeader = {
  id: z.uuid(),
  storeId: z.uuid().nullable(),
  register: z.string().nullable(),
  cashierCode: z.string().nullable(),
  receiptNumber: z.string(),
  occurredAt: isoDate,
  businessDate: z.string().describe('the day it counts on, in the org time zone'),
  customerId: z.uuid().nullable(),
  currency: z.string(),
  subtotal: z.number().int(),
  discountTotal: z.number().int(),
  total: z.number().int(),
  source: z.enum(['pos', 'api', 'import']),
  claimCode: z.string().nullable(),
  claimExpiresAt: isoDate.nullable(),
  claimedAt: isoDate.nullable(),
  createdAt: isoDate,
};

export const receiptSummarySchema = z.object(receiptHeader).meta({ id: 'ReceiptSummary' });

export const returnLineSchema = z
  .object({
    lineNo: z.number().int(),
    sourceLineNo: z.number().int(),
    sku: z.string().nullable(),
    productId: z.uuid().nullable(),
    productName: z.string().nullable(),
    quantity: z.number(),
    refundAmount: z.number().int(),
  })
  .meta({ id: 'ReturnLine' });

export const returnSchema = z
  .object({
    id: z.uuid(),
    returnNumber: z.string().nullable(),
    receiptId: z.uuid().nullable(),
    orderId: z.uuid().nullable(),
    storeId: z.uuid().nullable(),
    channel: z.string().nullable(),
    customerId: z.uuid().nullable(),
    currency: z.string(),
    refundTotal: z.number().int(),
    reason: z.string().nullable(),
    exchangeReceiptId: z.uuid().nullable(),
    occurredAt: isoDate,
    businessDate: z.string(),
    createdAt: isoDate,
    lines: z.array(returnLineSchema),
  })
  .meta({ id: 'Return' });

export const paymentSchema = z.object({ seq: z.number().int(), method: z.enum(PAYMENT_METHODS), amount: z.number().int() });

export const receiptSchema = z
  .object({ ...receiptHeader, lines: z.array(saleLineSchema), payments: z.array(paymentSchema), returns: z.array(returnSchema) })
  .meta({ id: 'Receipt' });

export const recordedReceiptSchema = z
  .object({
    created: z.boolean().describe('false: this receipt was recorded before (a retry)'),
    receipt: receiptSchema,
  })
  .meta({ id: 'RecordedReceipt' });

export const orderInput = z
  .object({
    channel: channelInput,
    orderNumber: code(64),
    status: z.enum(ORDER_STATUSES).optional().describe('new orders default to `created`; for a known order a transition'),
    customerId: z.uuid().nullable().optional(),
    clickCollectStoreCode: code(50).nullable().optional().describe('click & collect: the store the customer picks it up in'),
    placedAt: tillTime,
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    shippingTotal: moneyInput.optional(),
    lines: z.array(lineInput).min(1).max(500),
  })
  .strict();

const orderHeader = {
  id: z.uuid(),
  channel: z.string(),
  orderNumber: z.string(),
  status: z.enum(ORDER_STATUSES),
  customerId: z.uuid().nullable(),
  clickCollectStoreId: z.uuid().nullable(),
  placedAt: isoDate,
  businessDate: z.string(),
  currency: z.string(),
  subtotal: z.number().int(),
  discountTotal: z.number().int(),
  shippingTotal: z.number().int(),
  total: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
};

export const orderSummarySchema = z.object(orderHeader).meta({ id: 'OrderSummary' });

export const orderSchema = z
  .object({
    ...orderHeader,
    lines: z.array(saleLineSchema),
    history: z.array(
      z.object({ seq: z.number().int(), fromStatus: z.enum(ORDER_STATUSES).nullable(), toStatus: z.enum(ORDER_STATUSES), at: isoDate }),
    ),
    returns: z.array(returnSchema),
  })
  .meta({ id: 'Order' });

export const returnInput = z
  .object({
    receiptId: z.uuid().optional(),
    orderId: z.uuid().optional(),
    receiptNumber: code(64).optional().describe('with `receiptStoreCode` (or `storeCode`): the original receipt'),
    receiptStoreCode: code(50).optional().describe('the store of the original receipt, when it is not where the goods come back'),
    channel: channelInput.optional().describe('with `orderNumber`: the original online order'),
    orderNumber: code(64).optional(),
    storeCode: code(50).optional().describe('where the goods came back; default: the caller’s store, else the receipt’s store'),
    returnChannel: channelInput.optional().describe('an online return (instead of a store)'),
    returnNumber: code(64).optional().describe('the returning till’s number: a natural key per store'),
    lines: z
      .array(z.object({ lineNo: z.number().int().positive(), quantity: z.number().positive().max(999_999_999.999) }).strict())
      .min(1)
      .max(500),
    reason: optionalText(500),
    exchangeReceiptId: z.uuid().optional(),
    occurredAt: tillTime.optional(),
  })
  .strict();

export const recordedReturnSchema = z.object({ created: z.boolean(), return: returnSchema }).meta({ id: 'RecordedReturn' });

export const returnableSchema = z
  .object({
    kind: z.enum(['receipt', 'order']),
    id: z.uuid(),
    number: z.string(),
    storeId: z.uuid().nullable(),
    channel: z.string().nullable(),
    status: z.enum(ORDER_STATUSES).nullable(),
    returnable: z.boolean().describe('false for an order that has not shipped'),
    occurredAt: isoDate,
    customerId: z.uuid().nullable(),
    currency: z.string(),
    total: z.number().int(),
    lines: z.array(saleLineSchema.extend({ available: z.number().describe('quantity that may still be returned') })),
  })
  .meta({ id: 'Returnable' });

export const activityInput = z
  .object({
    type: z.enum(ACTIVITY_TYPES),
    customerId: z.uuid().optional(),
    phone: code(40).optional(),
    email: code(254).optional(),
    externalId: code(140).optional().describe('`system:id`, or an id of the channel’s system'),
    sku: code(64).optional(),
    skus: z.array(code(64)).max(100).optional(),
    cartValue: moneyInput.optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    channel: channelInput.optional(),
    sessionId: code(100).optional(),
    at: tillTime.optional(),
  })
  .strict();

export const pageDates = {
  from: z.iso.date().optional().describe('first business day (org time zone), inclusive'),
  to: z.iso.date().optional().describe('last business day, inclusive'),
};

export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
