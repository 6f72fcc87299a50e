import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PUBLIC_URL: z.url().optional(),
  MUHTAR_DEMO: bool.default(true),
  MUHTAR_OWNER_EMAIL: z.email().optional(),
  MUHTAR_OWNER_PASSWORD: z.string().min(10).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  API_KEY_RATE_LIMIT: z.coerce.number().int().positive().default(1200),
  API_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  publicUrl: string;
  demo: boolean;
  ownerEmail?: string;
  ownerPassword?: string;
  logLevel: string;
  trustProxy: boolean;
  apiKeyRateLimit: number;
  /** HTTP processes of `serve --role api` on PostgreSQL (one per core the API may use). */
  apiWorkers: number;
  bodyLimit: number;
}

export class ConfigError extends Error {}

/** Reads configuration from the environment; a wrong value stops the start with a clear list. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    demo: c.MUHTAR_DEMO,
    ownerEmail: c.MUHTAR_OWNER_EMAIL,
    ownerPassword: c.MUHTAR_OWNER_PASSWORD,
    logLevel: c.LOG_LEVEL,
    trustProxy: c.TRUST_PROXY,
    apiKeyRateLimit: c.API_KEY_RATE_LIMIT,
    apiWorkers: c.API_WORKERS,
    bodyLimit: c.BODY_LIMIT_BYTES,
  };
}
