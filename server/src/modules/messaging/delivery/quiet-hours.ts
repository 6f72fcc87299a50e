import { localTime, zonedInstant } from '../../../platform/time';

/**
 * When a marketing message planned for `at` may leave: `at` itself outside quiet hours, else the
 * end of the quiet period in the org's zone. Quiet hours are local minutes since midnight; a start
 * after the end spans midnight (21:00–09:00); equal start and end mean none.
 */
export function afterQuietHours(at: Date, timeZone: string, quiet: { start: number; end: number }): Date {
  if (quiet.start === quiet.end) return at;
  const local = localTime(at, timeZone);
  const minute = Number(local.time.slice(0, 2)) * 60 + Number(local.time.slice(3, 5));
  const spansMidnight = quiet.start > quiet.end;
  const inQuiet = spansMidnight ? minute >= quiet.start || minute < quiet.end : minute >= quiet.start && minute < quiet.end;
  if (!inQuiet) return at;
  const [year, month, day] = local.date.split('-').map(Number);
  // Late evening of a period that spans midnight: it ends tomorrow morning.
  const nextDay = spansMidnight && minute >= quiet.start ? 1 : 0;
  const date = new Date(Date.UTC(year, month - 1, day + nextDay));
  return zonedInstant(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(quiet.end / 60),
      minute: quiet.end % 60,
    },
    timeZone,
  );
}
