import { z } from 'zod';
import { savepoint, type Tx } from '../../../platform/db/database';
import { type EventInput, emitEvents } from '../../../platform/events/bus';
import { bulkItem, bulkItemError, renderIssues } from '../../../platform/http/bulk';
import { Problem } from '../../../platform/http/problem';
import type { HttpServer } from '../../../platform/http/server';
import type { Locale } from '../../../platform/i18n';
import { normalizePhone } from '../../../platform/phone';
import { orgClock } from '../../access/hot-settings';
import { sourceOf } from '../../access/routes/common';
import { storeIdsByCode } from '../../access/stores';
import { resolveProducts } from '../../catalog/service';
import { findByIdentities } from '../../customers/identities';
import { addReceiptsToFacts } from '../customer-facts';
import { prepareLines, skusOf } from '../lines';
import {
  type PreparedReceipt,
  prepareReceiptAtKnownStore,
  type RecordOptions,
  recordReceiptAtKnownStore,
  writeReceipts,
} from '../receipts';
import { actorOf, storeIdOf } from './receipts.routes';
import { instantOf, receiptInput } from './schemas';

export const RECEIPT_BATCH_MAX = 500;

const batchInput = z
  .object({
    receipts: z
      .array(z.unknown())
      .min(1)
      .max(RECEIPT_BATCH_MAX)
      .describe('ReceiptInput items (as for POST /sales/receipts); each is validated on its own'),
  })
  .strict()
  .meta({ id: 'ReceiptBatch' });

const batchResult = z
  .object({
    created: z.number().int(),
    repeats: z.number().int(),
    failed: z.number().int(),
    items: z.array(
      z.object({
        index: z.number().int(),
        storeCode: z.string().nullable(),
        receiptNumber: z.string().nullable(),
        status: z.enum(['created', 'repeat', 'failed']).describe('repeat: recorded before with the same content, nothing written'),
        id: z.uuid().nullable(),
        error: bulkItemError.nullable(),
      }),
    ),
  })
  .meta({ id: 'ReceiptBatchResult' });

type Item = z.infer<typeof batchResult>['items'][number];

function settle(item: Item, outcome: { ok: { receipt: { id: string }; created: boolean } } | { error: Item['error'] }) {
  if ('error' in outcome) item.error = outcome.error;
  else {
    item.id = outcome.ok.receipt.id;
    item.status = outcome.ok.created ? 'created' : 'repeat';
  }
}

/**
 * Records a batch of receipts (an offline till catching up, a nightly ERP push) in one transaction:
 * the stores, products and customers' phones of the whole batch are looked up once, the receipts
 * written in one statement and the events together; each receipt is checked by the same service as
 * a single one, so one bad receipt never blocks the others and nothing of it is half written.
 * Idempotent per receipt on (store, receipt number).
 */
async function recordBatch(tx: Tx, locale: Locale, raw: unknown[], opts: RecordOptions) {
  const items: Item[] = raw.map((_, index) => ({ index, storeCode: null, receiptNumber: null, status: 'failed', id: null, error: null }));
  const valid: { index: number; input: z.infer<typeof receiptInput> }[] = [];
  raw.forEach((value, index) => {
    const parsed = receiptInput.safeParse(value, { reportInput: true });
    if (parsed.success) {
      items[index].storeCode = parsed.data.storeCode;
      items[index].receiptNumber = parsed.data.receiptNumber;
      valid.push({ index, input: parsed.data });
    } else {
      items[index].error = renderIssues(locale, parsed.error.issues);
      // Named back when they can be, so the till knows which of its receipts failed.
      const { storeCode, receiptNumber } = (value ?? {}) as Record<string, unknown>;
      if (typeof storeCode === 'string') items[index].storeCode = storeCode.slice(0, 64);
      if (typeof receiptNumber === 'string') items[index].receiptNumber = receiptNumber.slice(0, 64);
    }
  });
  const stores = await storeIdsByCode(tx, [...new Set(valid.map((v) => v.input.storeCode))]);
  const skus = new Set<string>();
  for (const v of valid) {
    try {
      for (const s of skusOf(prepareLines(v.input.lines))) skus.add(s);
    } catch {
      // A bad line is reported by the receipt's own recording below.
    }
  }
  const products = skus.size > 0 ? await resolveProducts(tx, [...skus]) : new Map();
  const phones = new Set<string>();
  for (const v of valid) {
    const phone = v.input.customerPhone === undefined ? null : normalizePhone(v.input.customerPhone);
    if (phone) phones.add(phone);
  }
  const found = await findByIdentities(
    tx,
    [...phones].map((value) => ({ kind: 'phone' as const, value })),
  );
  const phoneCustomers = new Map([...phones].flatMap((p) => (found.has(`phone:${p}`) ? [[p, found.get(`phone:${p}`)!] as const] : [])));
  const events: EventInput[] = [];
  const { timezone } = await orgClock(tx);
  const itemOpts: RecordOptions = { ...opts, products, phoneCustomers, collectEvent: (e) => events.push(e), factsLater: true };
  // Receipts are checked and resolved one by one, then written in one statement. One that
  // registers an unknown phone is recorded alone in a savepoint: the registration is the only
  // write that comes before a receipt can still fail.
  const ready: { index: number; receipt: PreparedReceipt }[] = [];
  for (const { index, input } of valid) {
    const { storeCode, occurredAt, ...rest } = input;
    const resolved = async () => ({
      ...rest,
      storeId: stores.get(storeCode) ?? (await storeIdOf(tx, storeCode)),
      occurredAt: instantOf(occurredAt, timezone),
    });
    const phone = input.customerPhone === undefined ? null : normalizePhone(input.customerPhone);
    if (phone && !phoneCustomers.has(phone)) {
      const outcome = await bulkItem(locale, () => savepoint(tx, async () => recordReceiptAtKnownStore(tx, await resolved(), itemOpts)));
      settle(items[index], outcome);
      continue;
    }
    const outcome = await bulkItem(locale, async () => prepareReceiptAtKnownStore(tx, await resolved(), itemOpts));
    if ('error' in outcome) items[index].error = outcome.error;
    else if ('repeat' in outcome.ok) settle(items[index], { ok: { receipt: outcome.ok.repeat, created: false } });
    else ready.push({ index, receipt: outcome.ok.ready });
  }
  const written =
    ready.length > 0
      ? await writeReceipts(
          tx,
          ready.map((r) => r.receipt),
          itemOpts,
        )
      : [];
  for (const [k, answer] of written.entries()) {
    settle(
      items[ready[k].index],
      await bulkItem(locale, async () => {
        if (answer instanceof Problem) throw answer;
        return answer;
      }),
    );
  }
  if (events.length > 0) await emitEvents(tx, events);
  // Once for the batch, in customer order: concurrent batches of the same customers cannot deadlock.
  await addReceiptsToFacts(
    tx,
    items.filter((i) => i.status === 'created').map((i) => i.id!),
  );
  const count = (s: Item['status']) => items.filter((i) => i.status === s).length;
  return { created: count('created'), repeats: count('repeat'), failed: count('failed'), items };
}

export function receiptBatchRoutes(app: HttpServer) {
  app.post(
    '/api/v1/sales/receipts/batch',
    {
      bodyLimit: 8 * 1024 * 1024,
      config: { permission: 'sales.write', idempotent: true, prepared: true },
      schema: {
        tags: ['sales'],
        summary: `Record up to ${RECEIPT_BATCH_MAX} store receipts at once; each succeeds, repeats or fails on its own`,
        description:
          'Each item is a receipt as for `POST /api/v1/sales/receipts` and is recorded exactly as that would (idempotent on store + receipt number): `created`, `repeat` (the same content was recorded before) or `failed` with the error the single call would give (e.g. `unknown_sku`, `receipt_number_conflict`, `payments_mismatch`). The answer is 200 whatever the items’ outcomes; a retry of the whole batch records nothing twice.',
        body: batchInput,
        response: { 200: batchResult },
      },
    },
    (req) =>
      req.tenant((tx) =>
        recordBatch(tx, req.locale, req.body.receipts, { scope: req.auth!.storeIds, actor: actorOf(req), source: sourceOf(req) }),
      ),
  );
}
