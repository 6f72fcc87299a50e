import type { ImportField } from '../../../platform/imports';

/** The sales file's fields (the names), with the headers Turkish and English files give them. */
export const SALES_IMPORT_FIELDS: ImportField[] = [
  {
    name: 'receiptNumber',
    required: true,
    synonyms: [
      'Fiş No',
      'Fiş Numarası',
      'Fiş',
      'Belge No',
      'Fatura No',
      'Receipt No',
      'Receipt Number',
      'Receipt',
      'Invoice No',
      'Transaction Id',
    ],
  },
  {
    name: 'occurredAt',
    required: true,
    synonyms: ['Tarih', 'Fiş Tarihi', 'Satış Tarihi', 'İşlem Tarihi', 'Tarih Saat', 'Date', 'Sale Date', 'Transaction Date', 'Occurred At'],
  },
  { name: 'storeCode', synonyms: ['Mağaza Kodu', 'Mağaza', 'Şube Kodu', 'Şube', 'Store Code', 'Store'] },
  { name: 'customerPhone', synonyms: ['Cep Telefonu', 'Telefon', 'GSM', 'Müşteri Telefonu', 'Phone', 'Mobile', 'Customer Phone'] },
  { name: 'customerEmail', synonyms: ['E-posta', 'Eposta', 'Mail', 'Email', 'E-mail', 'Customer Email'] },
  {
    name: 'customerExternalId',
    synonyms: ['Müşteri No', 'Müşteri Kodu', 'Cari Kod', 'Kart No', 'Customer Id', 'Customer No', 'External Id', 'Customer'],
  },
  { name: 'sku', synonyms: ['Ürün Kodu', 'Stok Kodu', 'Stok Kod', 'SKU', 'Product Code', 'Item Code'] },
  { name: 'productName', synonyms: ['Ürün Adı', 'Ürün', 'Stok Adı', 'Açıklama', 'Product Name', 'Product', 'Item', 'Description'] },
  { name: 'category', synonyms: ['Kategori', 'Ürün Grubu', 'Reyon', 'Category', 'Product Category'] },
  { name: 'brand', synonyms: ['Marka', 'Brand'] },
  { name: 'quantity', synonyms: ['Miktar', 'Adet', 'Quantity', 'Qty', 'Units'] },
  { name: 'unitPrice', synonyms: ['Birim Fiyat', 'Birim Fiyatı', 'Fiyat', 'Unit Price', 'Price'] },
  { name: 'lineTotal', synonyms: ['Satır Tutarı', 'Tutar', 'Toplam', 'Net Tutar', 'Line Total', 'Amount', 'Total', 'Value'] },
];
