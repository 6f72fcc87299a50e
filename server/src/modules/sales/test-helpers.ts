import { expect } from 'vitest';
import type { Caller, TestApp } from '../../testing/app';
import { upsertProducts } from '../catalog/service';

let seq = 0;
/** A fresh valid Turkish mobile number. */
export const mobile = () =>
  `0533 ${String(200 + (++seq % 700)).padStart(3, '0')} ${String(Date.now() % 100).padStart(2, '0')} ${String(seq % 100).padStart(2, '0')}`;

export const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

/** A store of the org (created through the API). */
export async function createStore(owner: Caller, code = uniq('M')) {
  const res = await owner.post('/api/v1/stores', { code, name: `Mağaza ${code}` });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; code: string };
}

/** Catalog products, through the catalog's service (the sales module only reads them). */
export async function createProducts(
  t: TestApp,
  orgId: string,
  items: { sku: string; name: string; categoryPath?: string[]; brand?: string; barcodes?: string[]; listPrice?: number }[],
) {
  return t.db.tenant(orgId, (tx) => upsertProducts(tx, items));
}

export async function createCustomer(owner: Caller, body: object = {}) {
  const res = await owner.post('/api/v1/customers', { firstName: 'Deniz', phone: mobile(), ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; phone: string };
}

/** Counts one org's rows of a table. */
export async function countRows(t: TestApp, orgId: string, table: string, where = 'true', params: unknown[] = []) {
  const { rows } = await t.db.pool.query(`select count(*)::int as n from ${table} where org_id = $1 and ${where}`, [orgId, ...params]);
  return rows[0].n as number;
}
