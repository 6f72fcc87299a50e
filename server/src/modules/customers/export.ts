import ExcelJS from 'exceljs';
import type { Tx } from '../../platform/db/database';
import type { Locale } from '../../platform/i18n';
import type { Cell } from '../../platform/imports/parse';
import { neutralizeFormula, toCsv } from '../../platform/imports/spreadsheet';
import { type AuditSource, recordAudit } from '../access/audit';
import { orgToday } from '../access/hot-settings';
import { identitiesOf } from './identities';
import { type CustomerView, toCustomer } from './profile';
import { type CustomerFilter, searchCustomers } from './search';

export const EXPORT_MAX_ROWS = 100_000;
const PAGE = 5000;

export type ExportFormat = 'csv' | 'xlsx';
export type ExportFilter = Omit<CustomerFilter, 'limit' | 'cursor'>;

const COLUMNS: { key: string; tr: string; en: string; value: (c: CustomerView) => Cell }[] = [
  { key: 'id', tr: 'Müşteri ID', en: 'Customer ID', value: (c) => c.id },
  { key: 'firstName', tr: 'Ad', en: 'First name', value: (c) => c.firstName },
  { key: 'lastName', tr: 'Soyad', en: 'Last name', value: (c) => c.lastName },
  { key: 'phone', tr: 'Cep Telefonu', en: 'Mobile phone', value: (c) => c.phone },
  { key: 'email', tr: 'E-posta', en: 'E-mail', value: (c) => c.email },
  { key: 'birthday', tr: 'Doğum Tarihi', en: 'Birthday', value: (c) => c.birthday },
  { key: 'gender', tr: 'Cinsiyet', en: 'Gender', value: (c) => c.gender },
  { key: 'city', tr: 'İl', en: 'City', value: (c) => c.city },
  { key: 'district', tr: 'İlçe', en: 'District', value: (c) => c.district },
  { key: 'tags', tr: 'Etiketler', en: 'Tags', value: (c) => c.tags.join(', ') },
  {
    key: 'identities',
    tr: 'Kart ve Dış Kimlikler',
    en: 'Cards and external ids',
    value: (c) =>
      c.identities
        .filter((i) => i.kind === 'card' || i.kind === 'external')
        .map((i) => `${i.kind}:${i.value}`)
        .join(', '),
  },
  { key: 'createdVia', tr: 'Kayıt Kanalı', en: 'Created via', value: (c) => c.createdVia },
  { key: 'quality', tr: 'Veri Kalitesi', en: 'Data quality', value: (c) => c.quality.score },
  { key: 'createdAt', tr: 'Kayıt Tarihi', en: 'Created at', value: (c) => c.createdAt },
];

/** Pages through the customer search: the same filters as the list, at most EXPORT_MAX_ROWS. */
async function exportRows(tx: Tx, filter: ExportFilter, masked: boolean) {
  const rows: Cell[][] = [];
  let cursor: string | undefined;
  let truncated = false;
  do {
    const page = await searchCustomers(tx, { ...filter, limit: Math.min(PAGE, EXPORT_MAX_ROWS - rows.length), cursor });
    const ids = await identitiesOf(
      tx,
      page.items.map((c) => c.id),
    );
    for (const c of page.items) {
      const view = toCustomer(c, ids.get(c.id) ?? [], masked);
      rows.push(COLUMNS.map((col) => col.value(view)));
    }
    cursor = page.nextCursor ?? undefined;
    truncated = cursor !== undefined && rows.length >= EXPORT_MAX_ROWS;
  } while (cursor && !truncated);
  return { rows, truncated };
}

async function toXlsx(headers: string[], rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Customers');
  ws.addRow(headers);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((c) => (typeof c === 'string' ? neutralizeFormula(c) : c)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The customers matching the list's filters as CSV (UTF-8 with BOM, for Excel) or XLSX, masked
 * for callers without pii.read, and written to the audit log (KVKK accountability).
 */
export async function exportCustomers(
  tx: Tx,
  source: AuditSource,
  request: { filter: ExportFilter; format: ExportFormat; masked: boolean; locale: Locale },
) {
  const { filter, format, masked, locale } = request;
  const { rows, truncated } = await exportRows(tx, filter, masked);
  const headers = COLUMNS.map((c) => c[locale]);
  const content = format === 'csv' ? toCsv(headers, rows) : await toXlsx(headers, rows);
  await recordAudit(tx, source, 'customer.export', undefined, { filters: filter, count: rows.length, format, masked, truncated });
  const day = await orgToday(tx);
  return { content, truncated, count: rows.length, fileName: `${locale === 'tr' ? 'müşteriler' : 'customers'}-${day}.${format}` };
}
