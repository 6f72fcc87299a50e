import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

/** The ConfigError message of loading `env`, or a failure if it loads. */
function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has defaults that start a demo on port 3000 with an embedded database in ./data', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: resolve('./data'),
      databaseUrl: undefined,
      publicUrl: 'http://localhost:3000',
      demo: true,
      ownerEmail: undefined,
      ownerPassword: undefined,
      logLevel: 'info',
      trustProxy: false,
      apiKeyRateLimit: 1200,
      apiWorkers: 1,
      bodyLimit: 1_048_576,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATA_DIR: '/var/lib/muhtar',
      DATABASE_URL: 'postgresql://muhtar:secret@db.local:5432/muhtar',
      PUBLIC_URL: 'https://crm.example.com.tr/',
      MUHTAR_OWNER_EMAIL: 'patron@example.com.tr',
      MUHTAR_OWNER_PASSWORD: 'uzun-bir-şifre',
      TRUST_PROXY: 'yes',
      API_KEY_RATE_LIMIT: '60',
      API_WORKERS: '2',
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/var/lib/muhtar',
      databaseUrl: 'postgresql://muhtar:secret@db.local:5432/muhtar',
      publicUrl: 'https://crm.example.com.tr',
      ownerEmail: 'patron@example.com.tr',
      ownerPassword: 'uzun-bir-şifre',
      trustProxy: true,
      apiKeyRateLimit: 60,
      apiWorkers: 2,
    });
  });

  it('resolves a relative DATA_DIR and derives PUBLIC_URL from PORT', () => {
    const config = loadConfig({ DATA_DIR: 'var/muhtar', PORT: '4000' });
    expect(config.dataDir).toBe(resolve('var/muhtar'));
    expect(config.publicUrl).toBe('http://localhost:4000');
  });

  it.each([
    ['false', false],
    ['0', false],
    ['no', false],
    ['true', true],
    ['1', true],
  ])('reads MUHTAR_DEMO=%s as %s', (value, demo) => {
    expect(loadConfig({ MUHTAR_DEMO: value }).demo).toBe(demo);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', MUHTAR_DEMO: '' })).toMatchObject({ port: 3000, databaseUrl: undefined, demo: true });
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '-1' }],
    ['PORT', { PORT: '80.5' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['MUHTAR_OWNER_PASSWORD', { MUHTAR_OWNER_PASSWORD: 'short' }],
    ['MUHTAR_OWNER_EMAIL', { MUHTAR_OWNER_EMAIL: 'not-an-email' }],
    ['MUHTAR_DEMO', { MUHTAR_DEMO: 'maybe' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['API_KEY_RATE_LIMIT', { API_KEY_RATE_LIMIT: '0' }],
    ['API_WORKERS', { API_WORKERS: '0' }],
    ['API_WORKERS', { API_WORKERS: 'two' }],
    ['BODY_LIMIT_BYTES', { BODY_LIMIT_BYTES: 'lots' }],
  ])('refuses a bad %s with a ConfigError naming it', (field, env) => {
    expect(configError(env)).toMatch(new RegExp(`^Invalid configuration:\\n {2}${field}: `));
  });

  it('lists every bad variable at once', () => {
    const message = configError({ PORT: 'x', DATABASE_URL: 'mysql://x', MUHTAR_OWNER_PASSWORD: 'short' });
    expect(
      message
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(':')[0]),
    ).toEqual(['PORT', 'DATABASE_URL', 'MUHTAR_OWNER_PASSWORD']);
  });
});
