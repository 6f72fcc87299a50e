/**
 * Wall-clock helpers for the org's time zone. Promotion windows, weekdays, hours, coupon validity and
 * expiry dates are all read on the org's wall clock, never in UTC: 00:30 on a Saturday in Istanbul is a
 * Saturday even though it is still Friday in UTC.
 *
 * Local date-times are compared as strings: 'YYYY-MM-DD' and 'YYYY-MM-DDTHH:mm' sort chronologically.
 * The wall clock itself comes from platform/time.ts; this file adds calendar arithmetic.
 */
import { addDays, offsetAt } from '../../../platform/time';

export { addDays, isTimeZone, type LocalTime, localTime } from '../../../platform/time';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(date: string): { y: number; m: number; d: number } {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const fmt = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function isDate(date: string): boolean {
  const match = DATE.exec(date);
  if (!match) return false;
  const { y, m, d } = parseDate(date);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

/** Calendar months later; the day is clamped to the month's length (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parseDate(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return fmt(ny, nm, Math.min(d, daysIn(ny, nm)));
}

export function endOfMonth(date: string): string {
  const { y, m } = parseDate(date);
  return fmt(y, m, daysIn(y, m));
}

const dayStarts = new Map<string, number>();

/** The instant a local day starts (its midnight; if a DST jump skips midnight, the first instant after). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const key = `${timeZone} ${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    if (dayStarts.size >= 50_000) dayStarts.clear();
    start = computeStartOfLocalDay(date, timeZone);
    dayStarts.set(key, start);
  }
  return new Date(start);
}

function computeStartOfLocalDay(date: string, timeZone: string): number {
  const { y, m, d } = parseDate(date);
  const wall = Date.UTC(y, m - 1, d);
  const first = wall - offsetAt(new Date(wall), timeZone);
  const second = wall - offsetAt(new Date(first), timeZone);
  // In a spring-forward gap the two guesses disagree; the later one is the first real instant of the day.
  return Math.max(first, second);
}

/** 'HH:mm' → minutes since midnight ('24:00' → 1440). */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * A validity window of local date-times. A bare date as the start means that day's 00:00, as the end the
 * whole day inclusive; a date-time end is exclusive. Returns where `stamp` falls.
 */
export function windowPosition(stamp: string, from: string | undefined, until: string | undefined): 'before' | 'inside' | 'after' {
  if (from !== undefined && stamp < (from.length === 10 ? `${from}T00:00` : from)) return 'before';
  if (until !== undefined && stamp >= (until.length === 10 ? `${addDays(until, 1)}T00:00` : until)) return 'after';
  return 'inside';
}
