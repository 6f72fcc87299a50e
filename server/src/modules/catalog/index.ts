import { registerImportKind } from '../../platform/imports';
import type { Module } from '../../platform/module';
import { seedCatalogDemo } from './demo';
import { productImport } from './import';
import { productRoutes } from './routes/products.routes';
import { supplierRoutes } from './routes/suppliers.routes';

export const catalogModule: Module = {
  name: 'catalog',
  setup() {
    registerImportKind(productImport);
  },
  routes(app) {
    productRoutes(app);
    supplierRoutes(app);
  },
  async seedDemo(tx) {
    await seedCatalogDemo(tx);
  },
};
