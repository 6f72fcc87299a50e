import type { Schema } from '../../../app/api/types';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];
export type TimeRange = [string, string];
/** Every weekday with its opening ranges; an empty list means closed that day. */
export type WeekHours = Record<Day, TimeRange[]>;

/** The API allows up to four ranges a day (e.g. a lunch break splits the day in two). */
export const MAX_RANGES = 4;
export const DEFAULT_RANGE: TimeRange = ['09:00', '18:00'];

/** A usual shop week, offered when a store's hours are first entered. */
export const defaultWeek = (): WeekHours => ({
  mon: [DEFAULT_RANGE],
  tue: [DEFAULT_RANGE],
  wed: [DEFAULT_RANGE],
  thu: [DEFAULT_RANGE],
  fri: [DEFAULT_RANGE],
  sat: [DEFAULT_RANGE],
  sun: [],
});

/** The API's record, where a missing day is a closed day, as a full week. */
export function toWeek(hours: Schema<'Store'>['openingHours']): WeekHours {
  return Object.fromEntries(DAYS.map((day) => [day, hours?.[day] ?? []])) as WeekHours;
}

/** Errors for ranges that do not end after they start, keyed by form path (`openingHours.mon.0`). */
export function rangeErrors(week: WeekHours, message: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const day of DAYS) {
    week[day].forEach(([from, to], i) => {
      if (!from || !to || from >= to) errors[`openingHours.${day}.${i}`] = message;
    });
  }
  return errors;
}
