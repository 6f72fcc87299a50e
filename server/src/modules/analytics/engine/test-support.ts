import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Transaction } from './summary';

/** The shared reference data (see its README); clones without it skip the tests that need it. */
export const dataDir = path.resolve(process.cwd(), '../shared/data');
export const hasData = existsSync(dataDir);

const lines = (file: string) =>
  readFileSync(path.join(dataDir, file), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');

/** CDNOW_sample.txt: master id, sample id, YYYYMMDD, CDs, dollars. Customers by sample id, amounts in cents. */
export function cdnowTransactions(): Transaction[] {
  return lines('cdnow/CDNOW_sample.txt').map((l) => {
    const [, id, d, , dollars] = l.trim().split(/\s+/) as [string, string, string, string, string];
    return { customerId: Number(id), day: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, amount: Math.round(Number(dollars) * 100) };
  });
}

/** cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar (weeks, dollars, two decimals). */
export function cdnowPublishedSummary(): { id: number; x: number; tx: number; T: number; zbar: number }[] {
  return lines('cdnow/cdnow_customers_summary_with_transactions.csv')
    .slice(1)
    .map((l) => {
      const [id, x, tx, T, zbar] = l.split(',').map(Number) as [number, number, number, number, number];
      return { id, x, tx, T, zbar };
    });
}

/** groceries.csv: one basket a line, labels trimmed (two end in a space). */
export function groceryBaskets(): string[][] {
  return lines('groceries/groceries.csv').map((l) => l.split(',').map((s) => s.trim()));
}

/** The summary the published CDNOW figures were computed from: weeks, calibration to 1997-09-30. */
export const CDNOW_PERIODS = { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', unit: 'week' } as const;

/** Seeded PRNG (mulberry32): the same seed gives the same cases on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
