import type { AppContext } from '../../../platform/context';
import type { HttpServer } from '../../../platform/http/server';

export function templateRoutes(_app: HttpServer, _ctx: AppContext) {}
