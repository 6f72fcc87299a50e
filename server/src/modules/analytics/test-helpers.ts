import { expect } from 'vitest';
import { finishedJob, startImport } from '../../platform/imports/test-helpers';
import type { Caller } from '../../testing/app';

/** One purchase: a customer (external id), a business day, an amount in kuruş, a store code. */
export interface Sale {
  customer: string;
  day: string;
  amount: number;
  store?: string;
}

/** Sales through the real historical import, one receipt a sale numbered `<prefix>-<i>`. */
export async function importSales(caller: Caller, sales: Sale[], prefix: string) {
  const rows = sales.map((s, i) => `${prefix}-${i},${s.customer},${s.day} 12:00,${(s.amount / 100).toFixed(2)},${s.store ?? ''}`);
  const csv = `receiptNumber,customerExternalId,occurredAt,lineTotal,storeCode\n${rows.join('\n')}\n`;
  const jobId = await startImport(
    caller,
    { name: `${prefix}.csv`, data: csv },
    {
      receiptNumber: 'receiptNumber',
      customerExternalId: 'customerExternalId',
      occurredAt: 'occurredAt',
      lineTotal: 'lineTotal',
      storeCode: 'storeCode',
    },
    { kind: 'sales' },
  );
  expect((await finishedJob(caller, jobId, 60_000)).status).toBe('succeeded');
}
