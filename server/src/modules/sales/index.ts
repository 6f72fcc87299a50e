import { registerImportKind } from '../../platform/imports';
import type { Module } from '../../platform/module';
import { registerPersonalData } from '../../platform/personal-data';
import { moveCustomerSales, salesPersonalData } from './customer-data';
import { seedSalesDemo } from './demo';
import { salesImport } from './import';
import { activityRoutes } from './routes/activity.routes';
import { orderRoutes } from './routes/orders.routes';
import { receiptBatchRoutes } from './routes/receipt-batch.routes';
import { receiptRoutes } from './routes/receipts.routes';
import { returnRoutes } from './routes/returns.routes';
import { registerSalesSegmentFields } from './segment-fields';

registerPersonalData(salesPersonalData);

export const salesModule: Module = {
  name: 'sales',
  setup(ctx) {
    registerSalesSegmentFields();
    registerImportKind(salesImport);
    // A merge (customers module) moves the merged customer's purchases to the survivor.
    ctx.events.subscribe('sales.merge', ['customer.merged'], async (event) => {
      const { survivorId, mergedId } = event.payload as { survivorId?: string; mergedId?: string };
      if (!survivorId || !mergedId) return;
      await ctx.db.tenant(event.orgId, (tx) => moveCustomerSales(tx, mergedId, survivorId));
    });
  },
  routes(app) {
    receiptRoutes(app);
    receiptBatchRoutes(app);
    orderRoutes(app);
    returnRoutes(app);
    activityRoutes(app);
  },
  async seedDemo(tx, _ctx, { customers }) {
    await seedSalesDemo(tx, customers);
  },
};
