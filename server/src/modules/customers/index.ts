import type { Module } from '../../platform/module';
import { seedCustomersDemo } from './demo';
import { customFieldRoutes } from './routes/custom-fields.routes';
import { customerRoutes } from './routes/customers.routes';

export const customersModule: Module = {
  name: 'customers',
  routes(app) {
    customerRoutes(app);
    customFieldRoutes(app);
  },
  async seedDemo(tx, _ctx, { customers }) {
    await seedCustomersDemo(tx, customers);
  },
};
