/**
 * Test helpers: the public reference data sets (../shared/data, outside the repository) turned
 * into sales files with our field names, so the import is checked on real data.
 */
import { existsSync, readFileSync } from 'node:fs';

const DATA = new URL('../../../../../../shared/data/', import.meta.url).pathname;
const CDNOW = `${DATA}cdnow/CDNOW_sample.txt`;
const GROCERIES = `${DATA}groceries/groceries.csv`;

export const hasReferenceData = existsSync(CDNOW) && existsSync(GROCERIES);

/**
 * CDNOW (Fader, Hardie & Lee): one receipt per transaction row. Columns: master customer id
 * (→ customerExternalId), sample id, YYYYMMDD (→ occurredAt), CDs (→ quantity), dollars
 * (→ lineTotal); receiptNumber is synthetic (`CD-<row>`). 6,919 receipts of 2,357 customers.
 */
export function cdnowCsv(): string {
  const rows = readFileSync(CDNOW, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      const [customer, , date, quantity, value] = l.split(/\s+/);
      return `CD-${i + 1},${customer},${date},${quantity},${value}`;
    });
  return `receiptNumber,customerExternalId,occurredAt,quantity,lineTotal\n${rows.join('\n')}\n`;
}

/**
 * Groceries (arules): one basket per line → one receipt, one row per item (sku = productName =
 * the trimmed label), spread over one month. 9,835 receipts, 169 products.
 */
export function groceriesCsv(): string {
  const out = ['receiptNumber,occurredAt,sku,productName'];
  readFileSync(GROCERIES, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .forEach((line, i) => {
      const day = String((i % 30) + 1).padStart(2, '0');
      for (const raw of line.split(',')) {
        const item = raw.trim();
        if (item) out.push(`G-${i + 1},2024-04-${day} 12:00,"${item}","${item}"`);
      }
    });
  return `${out.join('\n')}\n`;
}
