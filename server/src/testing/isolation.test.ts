import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app';
import { sweepRoutes } from './isolation';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('keeps every route of every module inside its org and behind its permission', async () => {
  const result = await sweepRoutes(t);
  // The sweep must really have covered the API, not an empty route list.
  expect(result.checkedCrossTenant.length).toBeGreaterThan(20);
  expect(result.checkedPermissions.length).toBeGreaterThan(20);
}, 180_000);
