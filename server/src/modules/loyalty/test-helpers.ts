import { expect } from 'vitest';
import type { Caller, TestApp } from '../../testing/app';
import { upsertProducts } from '../catalog/service';

let seq = 0;
export const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

/** A fresh valid Turkish mobile number as a person types it, and its E.164 form. */
export function mobile(): { typed: string; e164: string } {
  const n = 1_000_000 + ((Date.now() + ++seq * 7919) % 8_999_999);
  const digits = `5${(30 + (seq % 9)).toString()}${String(n).slice(-7)}`;
  return { typed: `0${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 8)} ${digits.slice(8)}`, e164: `+90${digits}` };
}

export async function createStore(owner: Caller, code = uniq('M'), brandId?: string) {
  const res = await owner.post('/api/v1/stores', { code, name: `Mağaza ${code}`, ...(brandId ? { brandId } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; code: string };
}

export async function createCustomer(owner: Caller, body: object = {}) {
  const phone = mobile();
  const res = await owner.post('/api/v1/customers', { firstName: 'Deniz', lastName: 'Kaya', phone: phone.typed, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...(res.body as { id: string; phone: string }), typed: phone.typed };
}

/** A `pos` API key bound to the store. */
export async function posKey(t: TestApp, owner: Caller, storeCode: string): Promise<Caller> {
  const res = await owner.post('/api/v1/api-keys', { name: `Kasa ${storeCode}`, scopes: ['pos'], storeCode });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return t.asApiKey(res.body.key);
}

export const PRODUCTS = [
  {
    sku: 'CORAP-1',
    name: 'Patik Çorap',
    categoryPath: ['Aksesuar', 'Çorap'],
    brand: 'USPA',
    listPrice: 10_000,
    barcodes: ['8690000001019'],
  },
  { sku: 'NVR-1', name: 'Nevresim Takımı', categoryPath: ['Ev Tekstili', 'Nevresim'], brand: 'Evim', listPrice: 150_000 },
  { sku: 'HVL-1', name: 'Banyo Havlusu', categoryPath: ['Ev Tekstili', 'Havlu'], brand: 'Evim', listPrice: 40_000 },
  { sku: 'KAHVE-1', name: 'Filtre Kahve', categoryPath: ['Kahve'], brand: null, listPrice: 5_000 },
  { sku: 'TSHIRT-1', name: 'Tişört', categoryPath: ['Giyim', 'Üst'], brand: 'Mavi', listPrice: 50_000 },
  { sku: 'FIYATSIZ', name: 'Fiyatı olmayan ürün', categoryPath: ['Diğer'], brand: null, listPrice: null },
];

export async function createProducts(t: TestApp, orgId: string) {
  return t.db.tenant(orgId, (tx) => upsertProducts(tx, PRODUCTS));
}

/** 1 point per lira, 100 points = 1 lira (min 100, at most half the receipt), 12-month expiry, tiers on spend. */
export const PROGRAM = {
  name: 'Kulüp',
  definition: {
    earn: { rate: { points: 1, per: 100 } },
    burn: { points: 100, value: 100, minPoints: 100, maxSharePercent: 50 },
    expiry: { months: 12, monthEnd: false },
  },
  tiers: {
    metric: 'spend',
    windowMonths: 12,
    tiers: [
      { code: 'STANDART', name: 'Standart', threshold: 0 },
      { code: 'GUMUS', name: 'Gümüş', threshold: 300_000, benefits: { multiplier: 2 } },
      { code: 'ALTIN', name: 'Altın', threshold: 1_000_000, benefits: { multiplier: 3 } },
    ],
  },
};

export const CORAP_3AL2 = {
  id: 'corap-3al2',
  label: 'Çorapta 3 al 2 öde',
  kind: 'n_for_m',
  priority: 10,
  stackable: true,
  exclusive: false,
  target: { categories: [['Aksesuar', 'Çorap']] },
  n: 3,
  m: 2,
};

export const KAHVE_CARD = {
  id: 'kahve',
  name: '5 kahve 1 bedava',
  qualifying: { categories: [['Kahve']] },
  stampsNeeded: 5,
  per: 'unit',
  reward: {
    validity: { startsInDays: 0, days: 30 },
    effect: {
      id: 'kahve-hediye',
      label: 'Hediye kahve',
      kind: 'percent_off',
      priority: 100,
      stackable: false,
      exclusive: false,
      target: { categories: [['Kahve']] },
      percent: 100,
      maxDiscount: 5_000,
    },
  },
};

export const NEVRESIM_RULE = {
  id: 'nevresim-havlu',
  label: 'Nevresim alana havluda %20',
  trigger: { target: { categories: [['Ev Tekstili', 'Nevresim']] } },
  coupon: {
    validity: { startsInDays: 0, days: 14 },
    effect: {
      id: 'havlu-20',
      label: 'Havluda %20',
      kind: 'percent_off',
      priority: 0,
      stackable: true,
      exclusive: false,
      target: { categories: [['Ev Tekstili', 'Havlu']] },
      percent: 20,
    },
  },
};

/** A campaign effect: amount off above a threshold. */
export const amountOff = (id: string, amount: number, threshold = amount) => ({
  id,
  label: `${amount / 100} TL indirim`,
  kind: 'basket_threshold',
  priority: 0,
  stackable: true,
  exclusive: false,
  steps: [{ threshold, reward: { type: 'amount_off', amount } }],
});

export async function expectCreated(res: { status: number; body: unknown }, status = 201) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary shapes
  return res.body as any;
}

/** Rows of a table for one org. */
export async function count(t: TestApp, orgId: string, table: string, where = 'true', params: unknown[] = []) {
  const { rows } = await t.db.pool.query(`select count(*)::int as n from ${table} where org_id = $1 and ${where}`, [orgId, ...params]);
  return rows[0].n as number;
}

let key = 0;
export const idem = () => ({ headers: { 'idempotency-key': `test-${Date.now()}-${++key}` } });
