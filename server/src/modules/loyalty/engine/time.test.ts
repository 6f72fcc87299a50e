import { describe, expect, it } from 'vitest';
import { checkSchedule } from './conditions';
import { addDays, addMonths, endOfMonth, localTime, startOfLocalDay, windowPosition } from './time';

describe('wall-clock helpers', () => {
  it('reads the Istanbul day, time and weekday of an instant', () => {
    expect(localTime(new Date('2025-03-07T21:00:00Z'), 'Europe/Istanbul')).toEqual({
      date: '2025-03-08',
      time: '00:00',
      stamp: '2025-03-08T00:00',
      weekday: 6,
    });
    expect(localTime(new Date('2025-03-09T20:59:59Z'), 'Europe/Istanbul').weekday).toBe(7);
  });

  it('finds local midnight, also on DST days and when DST skips midnight', () => {
    expect(startOfLocalDay('2025-03-08', 'Europe/Istanbul')).toEqual(new Date('2025-03-07T21:00:00Z'));
    expect(startOfLocalDay('2025-03-31', 'Europe/Berlin')).toEqual(new Date('2025-03-30T22:00:00Z')); // CEST
    expect(startOfLocalDay('2025-03-30', 'Europe/Berlin')).toEqual(new Date('2025-03-29T23:00:00Z')); // CET
    // Chile moved its clocks from 24:00 to 01:00 on 8 September 2024: the day starts at 01:00 (-03)
    expect(startOfLocalDay('2024-09-08', 'America/Santiago')).toEqual(new Date('2024-09-08T04:00:00Z'));
  });

  it('does calendar arithmetic on local dates', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-03-15', 12)).toBe('2026-03-15');
    expect(addMonths('2025-03-15', -12)).toBe('2024-03-15');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(endOfMonth('2024-02-10')).toBe('2024-02-29');
  });

  it('places a local stamp in a validity window', () => {
    expect(windowPosition('2025-03-31T23:59', '2025-03-01', '2025-03-31')).toBe('inside');
    expect(windowPosition('2025-04-01T00:00', '2025-03-01', '2025-03-31')).toBe('after');
    expect(windowPosition('2025-02-28T23:59', '2025-03-01', undefined)).toBe('before');
    expect(windowPosition('2025-03-12T18:00', undefined, '2025-03-12T18:00')).toBe('after');
  });

  it('handles several hour windows and a window running to 24:00', () => {
    const at = (date: string, time: string, weekday: number) => ({ date, time, stamp: `${date}T${time}`, weekday });
    const rule = {
      hours: [
        { from: '08:00', to: '10:00' },
        { from: '22:00', to: '24:00' },
      ],
    };
    expect(checkSchedule(at('2025-03-12', '09:00', 3), rule)).toBeNull();
    expect(checkSchedule(at('2025-03-12', '12:00', 3), rule)).toBe('outside_hours');
    expect(checkSchedule(at('2025-03-12', '23:59', 3), rule)).toBeNull();
    expect(checkSchedule(at('2025-03-12', '00:00', 3), rule)).toBe('outside_hours');
  });
});
