import type { AppContext } from '../../../platform/context';
import type { HttpServer } from '../../../platform/http/server';
import { outboxRoutes } from './outbox.routes';
import { publicRoutes } from './public.routes';
import { settingsRoutes } from './settings.routes';

export function deliveryRoutes(app: HttpServer, ctx: AppContext) {
  outboxRoutes(app, ctx);
  settingsRoutes(app, ctx);
  publicRoutes(app, ctx);
}
