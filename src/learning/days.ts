// Calendar days in a class's time zone. Streaks, daily caps and "due today" are about the day
// a student lives in, not UTC: a review at 23:30 in São Paulo belongs to that evening, even
// though it is already the next day in UTC.

/** The class time zone when a server has not chosen one. */
export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';

/** A calendar day, `YYYY-MM-DD`. */
export type DayKey = string;

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    formatters.delete(timeZone);
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** The time zone's offset from UTC at `ms`, in milliseconds (São Paulo: -3 h). */
export function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (ms % 1000));
}

export function dayKey(ms: number, timeZone: string): DayKey {
  const w = wallClock(ms, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

function parseDay(day: DayKey): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y!, m!, d!];
}

/** The day `n` days after `day` (negative goes back). Pure calendar arithmetic. */
export function addDays(day: DayKey, n: number): DayKey {
  const [y, m, d] = parseDay(day);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: DayKey, b: DayKey): number {
  const [ay, am, ad] = parseDay(a);
  const [by, bm, bd] = parseDay(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday, for calendar pictures. */
export function weekday(day: DayKey): number {
  const [y, m, d] = parseDay(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/**
 * The instant the day starts in the time zone. Offsets change with daylight saving, so the
 * guess made with the offset at UTC midnight is corrected once with the offset found there.
 */
export function startOfDay(day: DayKey, timeZone: string): number {
  const [y, m, d] = parseDay(day);
  const utcMidnight = Date.UTC(y, m - 1, d);
  let guess = utcMidnight - offsetAt(utcMidnight, timeZone);
  const corrected = utcMidnight - offsetAt(guess, timeZone);
  if (corrected !== guess) guess = corrected;
  // A zone that skips midnight (DST at 00:00) starts the day at the first instant that exists.
  if (dayKey(guess, timeZone) !== day) guess += 3_600_000;
  return guess;
}

/** Today in the time zone, with its bounds: [start, end). */
export interface DayWindow {
  day: DayKey;
  start: number;
  end: number;
}

export function dayWindow(ms: number, timeZone: string): DayWindow {
  const day = dayKey(ms, timeZone);
  return { day, start: startOfDay(day, timeZone), end: startOfDay(addDays(day, 1), timeZone) };
}
