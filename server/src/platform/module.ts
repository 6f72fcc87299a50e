import type { AppContext } from './context';
import type { Tx } from './db/database';
import type { HttpServer } from './http/server';

/**
 * A business module: its routes, its event subscribers and jobs, and its part of the demo org.
 * Modules reach each other only through exported service functions and events.
 */
export interface Module {
  name: string;
  /** Subscribes to events and defines jobs; runs before the job worker starts. */
  setup?(ctx: AppContext): void;
  routes?(app: HttpServer, ctx: AppContext): void;
  /** Adds this module's demo data to a new demo org (inside its tenant transaction). */
  seedDemo?(tx: Tx, ctx: AppContext, options: { customers: number }): Promise<void>;
  /** Releases what the module holds outside the database (connections to providers) when the app stops. */
  close?(): Promise<void>;
}
