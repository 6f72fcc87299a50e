import type { AppContext } from '../../../platform/context';
import type { HttpServer } from '../../../platform/http/server';

export function deliveryRoutes(_app: HttpServer, _ctx: AppContext) {}
