import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import type { Database } from './db/database';
import type { EventBus } from './events/bus';
import type { Jobs } from './jobs/jobs';

/** What every module receives: the platform services, created once per process. */
export interface AppContext {
  config: Config;
  db: Database;
  events: EventBus;
  jobs: Jobs;
  log: FastifyBaseLogger;
}
