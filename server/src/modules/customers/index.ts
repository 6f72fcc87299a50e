import { registerImportKind } from '../../platform/imports';
import type { Module } from '../../platform/module';
import { registerPersonalData } from '../../platform/personal-data';
import { seedCustomersDemo } from './demo';
import { defineDuplicateScan } from './duplicates';
import { customerPersonalData } from './erasure';
import { customerImport } from './import';
import { customFieldRoutes } from './routes/custom-fields.routes';
import { customerRoutes } from './routes/customers.routes';
import { duplicateRoutes } from './routes/duplicates.routes';
import { exportRoutes } from './routes/export.routes';
import { qualityRoutes } from './routes/quality.routes';
import { registerCustomerSegmentFields } from './segment-fields';

registerPersonalData(customerPersonalData);

export const customersModule: Module = {
  name: 'customers',
  setup(ctx) {
    registerCustomerSegmentFields();
    defineDuplicateScan(ctx);
    registerImportKind(customerImport);
  },
  routes(app, ctx) {
    customerRoutes(app);
    customFieldRoutes(app);
    duplicateRoutes(app, ctx);
    qualityRoutes(app);
    exportRoutes(app);
  },
  async seedDemo(tx, _ctx, { customers }) {
    await seedCustomersDemo(tx, customers);
  },
};
