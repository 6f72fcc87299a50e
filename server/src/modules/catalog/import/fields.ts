import type { ImportField } from '../../../platform/imports';

/** What a product file may hold, with the headers Turkish and English files (and ERP exports) give each column. */
export const PRODUCT_IMPORT_FIELDS: ImportField[] = [
  {
    name: 'sku',
    required: true,
    synonyms: [
      'Stok Kodu',
      'Stok Kod',
      'Ürün Kodu',
      'Malzeme Kodu',
      'Model Kodu',
      'Kod',
      'SKU',
      'Product Code',
      'Item Code',
      'Article',
      'Item No',
    ],
  },
  {
    name: 'name',
    synonyms: [
      'Ürün Adı',
      'Ürün',
      'Stok Adı',
      'Malzeme Adı',
      'Açıklama',
      'Ad',
      'Product Name',
      'Product',
      'Item Name',
      'Title',
      'Description',
    ],
  },
  { name: 'barcode', synonyms: ['Barkod', 'Barkodlar', 'Barkod No', 'EAN', 'EAN13', 'GTIN', 'Barcode', 'Barcodes', 'UPC'] },
  {
    name: 'category',
    synonyms: [
      'Kategori',
      'Kategori Yolu',
      'Kategoriler',
      'Ürün Grubu',
      'Grup',
      'Category',
      'Category Path',
      'Categories',
      'Product Group',
    ],
  },
  { name: 'brand', synonyms: ['Marka', 'Brand', 'Make'] },
  {
    name: 'supplierCode',
    synonyms: ['Tedarikçi Kodu', 'Tedarikçi Kod', 'Firma Kodu', 'Cari Kodu', 'Supplier Code', 'Vendor Code', 'Vendor No'],
  },
  {
    name: 'supplierName',
    synonyms: ['Tedarikçi', 'Tedarikçi Adı', 'Üretici', 'Firma', 'Supplier', 'Supplier Name', 'Vendor', 'Vendor Name'],
  },
  {
    name: 'listPrice',
    synonyms: [
      'Liste Fiyatı',
      'Satış Fiyatı',
      'Fiyat',
      'Etiket Fiyatı',
      'Birim Fiyat',
      'List Price',
      'Price',
      'Retail Price',
      'Sales Price',
    ],
  },
  { name: 'colour', synonyms: ['Renk', 'Renk Adı', 'Colour', 'Color'] },
  { name: 'size', synonyms: ['Beden', 'Ölçü', 'Numara', 'Ebat', 'Size'] },
  { name: 'fit', synonyms: ['Kalıp', 'Kesim', 'Fit'] },
  { name: 'fabric', synonyms: ['Kumaş', 'Materyal', 'Malzeme', 'Fabric', 'Material'] },
  { name: 'packSize', synonyms: ['Paket Adedi', 'Koli İçi', 'Paket İçi Adet', 'Pack Size', 'Pack Qty', 'Units per Pack'] },
];

/** Import columns that land in `attributes` under the same key. */
export const ATTRIBUTE_FIELDS = ['colour', 'size', 'fit', 'fabric', 'packSize'] as const;
