/**
 * Wall-clock time in an org's time zone. Business days, date filters and imported dates are read
 * in the org's zone, not UTC: a receipt at 00:30 in Istanbul belongs to that Istanbul day.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA zone name this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

type Parts = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'weekday', string>;

// formatToParts is slow (tens of µs) and one request asks about the same second many times.
const lastParts = new Map<string, { second: number; parts: Parts }>();

function partsIn(at: Date, timeZone: string): Parts {
  const second = Math.floor(at.getTime() / 1000);
  const hit = lastParts.get(timeZone);
  if (hit?.second === second) return hit.parts;
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  ) as Parts;
  lastParts.set(timeZone, { second, parts });
  return parts;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
export function offsetAt(at: Date, timeZone: string): number {
  const p = partsIn(at, timeZone);
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wall - (at.getTime() - at.getUTCMilliseconds());
}

/** The instant a wall-clock time of the zone happens (a time skipped by a DST jump moves forward). */
export function zonedInstant(
  local: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0, local.second ?? 0);
  const first = wall - offsetAt(new Date(wall), timeZone);
  return new Date(wall - offsetAt(new Date(first), timeZone));
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight of a `YYYY-MM-DD` day in the zone; null when the text is not a real date. */
export function startOfDay(day: string, timeZone: string): Date | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const [year, month, date] = [+m[1], +m[2], +m[3]];
  const check = new Date(Date.UTC(year, month - 1, date));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null;
  return zonedInstant({ year, month, day: date }, timeZone);
}

/**
 * A filter bound: a `YYYY-MM-DD` day is that day's midnight in the zone, anything else an
 * instant with its own offset (validated before, by the `dayOrInstant` schema).
 */
export function boundOf(value: string, timeZone: string): Date {
  return startOfDay(value, timeZone) ?? new Date(value);
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface LocalTime {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:mm' */
  time: string;
  /** 'YYYY-MM-DDTHH:mm' (local date-times sort chronologically as strings) */
  stamp: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number;
}

/** The zone's wall clock at an instant. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const p = partsIn(at, timeZone);
  const date = `${p.year}-${p.month}-${p.day}`;
  const time = `${p.hour}:${p.minute}`;
  return { date, time, stamp: `${date}T${time}`, weekday: WEEKDAYS.indexOf(p.weekday) + 1 };
}

/** The zone's calendar day of an instant, `YYYY-MM-DD`. */
export function localDay(at: Date, timeZone: string): string {
  return localTime(at, timeZone).date;
}

/** A calendar day `YYYY-MM-DD` moved by n days (no zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The zone's wall clock at an instant: weekday (1 = Monday … 7 = Sunday), hour and minute. */
export function localClock(at: Date, timeZone: string): { weekday: number; hour: number; minute: number } {
  const p = partsIn(at, timeZone);
  return { weekday: WEEKDAYS.indexOf(p.weekday) + 1, hour: +p.hour, minute: +p.minute };
}
