import type { Module } from '../../platform/module';
import { seedAccessDemo } from './demo';
import { listOrgClocks } from './orgs';
import { apiKeyRoutes } from './routes/api-keys.routes';
import { auditRoutes } from './routes/audit.routes';
import { authRoutes } from './routes/auth.routes';
import { orgRoutes } from './routes/org.routes';
import { storeRoutes } from './routes/stores.routes';
import { userRoutes } from './routes/users.routes';

export const accessModule: Module = {
  name: 'access',
  setup(ctx) {
    ctx.jobs.setOrgClocks(() => listOrgClocks(ctx.db));
  },
  routes(app, ctx) {
    authRoutes(app, ctx);
    orgRoutes(app);
    storeRoutes(app);
    userRoutes(app, ctx);
    apiKeyRoutes(app);
    auditRoutes(app);
  },
  async seedDemo(tx) {
    await seedAccessDemo(tx);
  },
};
