import { describe, expect, it } from 'vitest';
import { localClock, localDay, startOfDay, zonedInstant } from './time';

describe('org time zone', () => {
  it('reads a day as midnight in the zone, not UTC', () => {
    expect(startOfDay('2026-03-02', 'Europe/Istanbul')?.toISOString()).toBe('2026-03-01T21:00:00.000Z');
    expect(startOfDay('2026-03-02', 'UTC')?.toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it('follows daylight saving time where the zone has it', () => {
    expect(startOfDay('2026-07-01', 'Europe/Berlin')?.toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfDay('2026-01-01', 'Europe/Berlin')?.toISOString()).toBe('2025-12-31T23:00:00.000Z');
    // 02:30 does not exist on 2026-03-29 in Berlin; it moves forward to 03:30 CEST.
    expect(zonedInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('rejects days that do not exist', () => {
    expect(startOfDay('2026-02-30', 'Europe/Istanbul')).toBeNull();
    expect(startOfDay('2026-2-3', 'Europe/Istanbul')).toBeNull();
    expect(startOfDay('yesterday', 'Europe/Istanbul')).toBeNull();
  });

  it('gives the local day, weekday and hour of an instant', () => {
    const late = new Date('2026-03-01T22:30:00Z'); // Monday 01:30 in Istanbul
    expect(localDay(late, 'Europe/Istanbul')).toBe('2026-03-02');
    expect(localDay(late, 'UTC')).toBe('2026-03-01');
    expect(localClock(late, 'Europe/Istanbul')).toEqual({ weekday: 1, hour: 1, minute: 30 });
    expect(localClock(late, 'UTC')).toEqual({ weekday: 7, hour: 22, minute: 30 });
  });
});
