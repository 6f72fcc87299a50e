import { describe, expect, it } from 'vitest';
import { isUuid, newId } from './ids';

describe('newId', () => {
  it('returns a UUID of version 7 with the RFC variant', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isUuid(id)).toBe(true);
  });

  it('is unique and sorts in generation order over 10k calls', () => {
    const ids = Array.from({ length: 10_000 }, newId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('starts with the current Unix time in milliseconds', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    const ms = Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after);
  });
});

describe('isUuid', () => {
  it('accepts UUIDs of other versions and upper case', () => {
    expect(isUuid('f47ac10b-58cc-4372-a567-0e02b2c3d479')).toBe(true);
    expect(isUuid('018F3C1E-7B2A-7C4D-8E9F-0123456789AB')).toBe(true);
  });

  it('rejects malformed strings', () => {
    for (const s of [
      '',
      'not-a-uuid',
      '018f3c1e7b2a7c4d8e9f0123456789ab',
      '018f3c1e-7b2a-7c4d-8e9f-0123456789a',
      '018f3c1e-7b2a-7c4d-8e9f-0123456789abc',
      '018f3c1e-7b2a-7c4d-8e9f-0123456789ag',
      ' 018f3c1e-7b2a-7c4d-8e9f-0123456789ab',
      '018f3c1e-7b2a-7c4d-ce9f-0123456789ab',
    ]) {
      expect(isUuid(s), s).toBe(false);
    }
  });
});
