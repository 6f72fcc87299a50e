import { readFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app';

// The web client's types come from the server's OpenAPI document; both are committed so the web
// app builds without a running server. Regenerate with `npm run api:client`.
const committedJson = new URL('../../../web/src/app/api/openapi.json', import.meta.url);
const committedTypes = new URL('../../../web/src/app/api/schema.d.ts', import.meta.url);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('keeps the committed OpenAPI document and web client types current (npm run api:client)', async () => {
  const live = t.app.http!.swagger();
  expect(JSON.parse(readFileSync(committedJson, 'utf8')), 'web/src/app/api/openapi.json is stale').toEqual(
    JSON.parse(JSON.stringify(live)),
  );
  const types = `${COMMENT_HEADER}${astToString(await openapiTS(JSON.parse(JSON.stringify(live))))}`;
  expect(readFileSync(committedTypes, 'utf8') === types, 'web/src/app/api/schema.d.ts is stale').toBe(true);
});

it('documents every API route', () => {
  const documented = new Set(
    Object.entries(live().paths ?? {}).flatMap(([path, ops]) =>
      Object.keys(ops ?? {}).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    ),
  );
  const routes = t.app.http!.routeList.filter((r) => r.url.startsWith('/api/v1') || r.url === '/api/health' || r.url === '/api/ready');
  expect(routes.length).toBeGreaterThan(20);
  for (const r of routes) expect(documented.has(`${r.method} ${r.url}`), `${r.method} ${r.url}`).toBe(true);
});

const live = () => t.app.http!.swagger() as { paths?: Record<string, Record<string, unknown>> };
