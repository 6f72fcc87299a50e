import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { emitEvents } from '../../platform/events/bus';
import { newId } from '../../platform/ids';
import { localDay, zonedInstant } from '../../platform/time';
import { getOrg } from '../access/orgs';
import { listStores } from '../access/stores';
import { demoProducts } from '../catalog/demo';
import { type ProductRef, resolveProducts } from '../catalog/service';
import { inactiveCustomerIds } from '../customers/service';
import { refreshCustomerFacts } from './customer-facts';
import { changeOrderStatus, upsertOrder } from './orders';
import { recordReturn } from './returns';
import { receiptLines, receiptPayments, receipts } from './schema';
import { grossOf, milliText, newClaimCode } from './values';

/** A small deterministic generator, so the demo org looks the same on every machine. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T,
  };
}

/** Used when the catalog has not seeded products: ad-hoc lines of a textile store. */
const FALLBACK: ProductRef[] = [
  ['Polo Yaka Tişört', 59990, 'Giyim'],
  ['Slim Fit Kot Pantolon', 89990, 'Giyim'],
  ['Pamuklu Gömlek', 74990, 'Giyim'],
  ['Nevresim Takımı Çift Kişilik', 129990, 'Ev Tekstili'],
  ['Havlu Seti', 49990, 'Ev Tekstili'],
  ['Kemer', 29990, 'Aksesuar'],
].map(([name, price, category]) => ({
  id: '',
  sku: '',
  name: name as string,
  categoryPath: [category as string],
  brand: null,
  supplierId: null,
  listPrice: price as number,
  attributes: {},
}));

async function allCustomers(tx: Tx): Promise<string[]> {
  const ids: string[] = [];
  const future = new Date(Date.now() + 86_400_000);
  for (;;) {
    const page = await inactiveCustomerIds(tx, future, 1000, ids[ids.length - 1]);
    ids.push(...page);
    if (page.length < 1000) return ids;
  }
}

interface DemoLine {
  product: ProductRef;
  quantityMilli: number;
  discount: number;
}

function linesFor(rnd: ReturnType<typeof random>, products: ProductRef[]): DemoLine[] {
  const n = 1 + rnd.int(3) + (rnd.next() < 0.2 ? 1 : 0);
  const out: DemoLine[] = [];
  for (let i = 0; i < n; i++) {
    const product = rnd.pick(products);
    const quantityMilli = (rnd.next() < 0.85 ? 1 : 2) * 1000;
    const gross = grossOf(quantityMilli, product.listPrice ?? 0);
    const discount = rnd.next() < 0.25 ? Math.round(gross / 10) : 0;
    out.push({ product, quantityMilli, discount });
  }
  return out;
}

const lineRow = (receiptId: string, k: number, l: DemoLine) => ({
  receipt_id: receiptId,
  line_no: k + 1,
  sku: l.product.sku || null,
  product_id: l.product.id || null,
  product_name: l.product.name,
  category_path: l.product.categoryPath,
  brand: l.product.brand,
  quantity: milliText(l.quantityMilli),
  unit_price: l.product.listPrice ?? 0,
  line_discount: l.discount,
  line_total: grossOf(l.quantityMilli, l.product.listPrice ?? 0) - l.discount,
  discounts: l.discount > 0 ? [{ ruleId: 'demo-sezon', label: 'Sezon indirimi %10', amount: l.discount }] : [],
});

/**
 * The sales part of the demo org: about six months of store receipts for the demo customers
 * (and about 35% anonymous ones) across the demo stores, some online orders (a few click &
 * collect), and a few returns, one of them an online order brought back to a store.
 */
export async function seedSalesDemo(tx: Tx, customerCount: number) {
  const org = await getOrg(tx);
  const stores = (await listStores(tx, null, { limit: 200 })).items;
  if (stores.length === 0) return;
  const found = await resolveProducts(
    tx,
    demoProducts().map((p) => p.sku),
  );
  const products = [...found.values()].filter((p) => (p.listPrice ?? 0) > 0);
  const catalog = products.length > 0 ? products : FALLBACK;
  const customers = await allCustomers(tx);
  const rnd = random(20_260_301 + customerCount);
  const now = Date.now();
  const days = 182;

  // Who buys when: each customer a few visits, a third of all receipts anonymous.
  const visits: { customerId: string | null; at: Date; store: (typeof stores)[number] }[] = [];
  const home = new Map<string, (typeof stores)[number]>();
  for (const c of customers) {
    home.set(c, rnd.pick(stores));
    const n = rnd.next() < 0.15 ? 0 : 1 + rnd.int(4);
    for (let i = 0; i < n; i++) visits.push({ customerId: c, at: new Date(0), store: rnd.next() < 0.8 ? home.get(c)! : rnd.pick(stores) });
  }
  const anonymous = Math.round((visits.length * 35) / 65);
  for (let i = 0; i < anonymous; i++) visits.push({ customerId: null, at: new Date(0), store: rnd.pick(stores) });
  for (const v of visits) {
    const day = new Date(now - (1 + rnd.int(days)) * 86_400_000);
    const local = localDay(day, org.timezone).split('-').map(Number);
    v.at = zonedInstant(
      { year: local[0], month: local[1], day: local[2], hour: 10 + rnd.int(12), minute: rnd.int(60), second: rnd.int(60) },
      org.timezone,
    );
  }
  visits.sort((a, b) => a.at.getTime() - b.at.getTime());

  const perStore = new Map<string, number>();
  const headers: Record<string, unknown>[] = [];
  const lines: Record<string, unknown>[] = [];
  const payments: Record<string, unknown>[] = [];
  for (const v of visits) {
    const id = newId();
    const seq = (perStore.get(v.store.id) ?? 0) + 1;
    perStore.set(v.store.id, seq);
    const basket = linesFor(rnd, catalog);
    const rows = basket.map((l, k) => lineRow(id, k, l));
    const subtotal = basket.reduce((s, l) => s + grossOf(l.quantityMilli, l.product.listPrice ?? 0), 0);
    const discount = basket.reduce((s, l) => s + l.discount, 0);
    const recent = now - v.at.getTime() < 20 * 86_400_000;
    headers.push({
      id,
      store_id: v.store.id,
      register: `K${1 + (seq % 3)}`,
      cashier_code: `P${100 + (seq % 7)}`,
      receipt_number: `${v.store.code}-${String(seq).padStart(6, '0')}`,
      occurred_at: v.at.toISOString(),
      business_date: localDay(v.at, org.timezone),
      customer_id: v.customerId,
      subtotal,
      discount_total: discount,
      total: subtotal - discount,
      source: 'pos',
      claim_code: !v.customerId && recent && rnd.next() < 0.3 ? newClaimCode() : null,
    });
    lines.push(...rows);
    payments.push({ receipt_id: id, seq: 1, method: rnd.next() < 0.7 ? 'card' : 'cash', amount: subtotal - discount });
  }

  for (let i = 0; i < headers.length; i += 2000) {
    const part = headers.slice(i, i + 2000);
    await tx.execute(sql`
      insert into ${receipts} (org_id, id, store_id, register, cashier_code, receipt_number, occurred_at, business_date, customer_id,
                               currency, subtotal, discount_total, total, source, content_hash, claim_code, created_at)
      select ${tx.orgId}, r.id, r.store_id, r.register, r.cashier_code, r.receipt_number, r.occurred_at, r.business_date, r.customer_id,
             ${org.currency}, r.subtotal, r.discount_total, r.total, r.source, 'demo', r.claim_code,
             case when r.claim_code is null then r.occurred_at else now() end
      from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as r(id uuid, store_id uuid, register text, cashier_code text,
             receipt_number text, occurred_at timestamptz, business_date date, customer_id uuid, subtotal bigint,
             discount_total bigint, total bigint, source text, claim_code text)`);
    await emitEvents(
      tx,
      part.map((h) => ({
        type: 'sale.receipt_recorded',
        subjectType: 'receipt',
        subjectId: h.id as string,
        customerId: (h.customer_id as string | null) ?? undefined,
        occurredAt: new Date(h.occurred_at as string),
        payload: {
          receiptId: h.id,
          storeId: h.store_id,
          receiptNumber: h.receipt_number,
          businessDate: h.business_date,
          currency: org.currency,
          subtotal: h.subtotal,
          discountTotal: h.discount_total,
          total: h.total,
          source: 'pos',
        },
      })),
    );
  }
  for (let i = 0; i < lines.length; i += 4000) {
    await tx.execute(sql`
      insert into ${receiptLines} (org_id, receipt_id, line_no, sku, product_id, product_name, category_path, brand, quantity,
                                   unit_price, line_discount, line_total, discounts)
      select ${tx.orgId}, r.receipt_id, r.line_no, r.sku, r.product_id, r.product_name, r.category_path, r.brand, r.quantity,
             r.unit_price, r.line_discount, r.line_total, r.discounts
      from jsonb_to_recordset(${JSON.stringify(lines.slice(i, i + 4000))}::jsonb) as r(receipt_id uuid, line_no int, sku text,
             product_id uuid, product_name text, category_path text[], brand text, quantity numeric, unit_price bigint,
             line_discount bigint, line_total bigint, discounts jsonb)`);
  }
  for (let i = 0; i < payments.length; i += 4000) {
    await tx.execute(sql`
      insert into ${receiptPayments} (org_id, receipt_id, seq, method, amount)
      select ${tx.orgId}, r.receipt_id, r.seq, r.method, r.amount
      from jsonb_to_recordset(${JSON.stringify(payments.slice(i, i + 4000))}::jsonb) as r(receipt_id uuid, seq int, method text, amount bigint)`);
  }

  // Written straight into the tables above, so the customers' purchase facts are computed once here.
  await refreshCustomerFacts(tx, customers);
  await seedOrders(tx, rnd, customers, stores, catalog);
  // A few store returns of receipts with a customer.
  const returnable = headers.filter((h) => h.customer_id && now - new Date(h.occurred_at as string).getTime() > 3 * 86_400_000);
  const step = Math.max(1, Math.floor(returnable.length / 12));
  for (let i = 0; i < returnable.length && i < 12 * step; i += step) {
    const h = returnable[i];
    await recordReturn(tx, {
      receiptId: h.id as string,
      lines: [{ lineNo: 1, quantity: 1 }],
      reason: rnd.pick(['Beden uymadı', 'Renk beğenilmedi', 'Kusurlu ürün']),
      occurredAt: new Date(new Date(h.occurred_at as string).getTime() + 2 * 86_400_000),
    });
  }
}

async function seedOrders(
  tx: Tx,
  rnd: ReturnType<typeof random>,
  customers: string[],
  stores: { id: string; code: string }[],
  catalog: ProductRef[],
) {
  if (customers.length === 0) return;
  const count = Math.min(150, Math.max(5, Math.round(customers.length / 20)));
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const placedAt = new Date(now - (1 + rnd.int(170)) * 86_400_000 - rnd.int(86_400) * 1000);
    const clickCollect = rnd.next() < 0.25;
    const basket = linesFor(rnd, catalog);
    const { order } = await upsertOrder(
      tx,
      {
        channel: rnd.next() < 0.7 ? 'web' : 'trendyol',
        orderNumber: `SP-${String(100_000 + i)}`,
        customerId: rnd.pick(customers),
        clickCollectStoreId: clickCollect ? rnd.pick(stores).id : null,
        placedAt,
        shippingTotal: clickCollect ? 0 : 4_990,
        lines: basket.map((l) => ({
          sku: l.product.sku || null,
          productName: l.product.name,
          categoryPath: l.product.categoryPath,
          quantity: l.quantityMilli / 1000,
          unitPrice: l.product.listPrice ?? 0,
          lineDiscount: l.discount,
        })),
      },
      { unknownSku: 'adhoc' },
    );
    const age = now - placedAt.getTime();
    const hour = 3_600_000;
    const path: ('paid' | 'shipped' | 'delivered' | 'cancelled')[] =
      i % 17 === 0 ? ['cancelled'] : clickCollect ? ['paid', 'delivered'] : ['paid', 'shipped', 'delivered'];
    let at = placedAt.getTime();
    let reached: string = order.status;
    for (const status of path) {
      at += (status === 'delivered' ? 48 : 6) * hour;
      if (at > now || (age < 2 * 86_400_000 && status === 'delivered')) break;
      await changeOrderStatus(tx, order.id, status, { at: new Date(at) });
      reached = status;
    }
    // The acid test: some delivered online orders are brought back to a store.
    if (i % 10 === 3 && reached === 'delivered') {
      await recordReturn(tx, {
        orderId: order.id,
        storeId: order.clickCollectStoreId ?? rnd.pick(stores).id,
        lines: [{ lineNo: 1, quantity: 1 }],
        reason: 'Mağazada iade',
        occurredAt: new Date(Math.min(now, at + 24 * hour)),
      });
    }
  }
}
