/**
 * Wall-clock time in an org's time zone. Business days, date filters and imported dates are read
 * in the org's zone, not UTC: a receipt at 00:30 in Istanbul belongs to that Istanbul day.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(at: Date, timeZone: string) {
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
  return Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(at: Date, timeZone: string): number {
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

/** The zone's calendar day of an instant, `YYYY-MM-DD`. */
export function localDay(at: Date, timeZone: string): string {
  const p = partsIn(at, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The zone's wall clock at an instant: weekday (1 = Monday … 7 = Sunday), hour and minute. */
export function localClock(at: Date, timeZone: string): { weekday: number; hour: number; minute: number } {
  const p = partsIn(at, timeZone);
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday) + 1;
  return { weekday, hour: +p.hour, minute: +p.minute };
}
