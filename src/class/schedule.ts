// When a class's daily prompt is due and when it closes, as instants, from the wall-clock time
// and time zone the instructor chose. Pure: the clock comes in as an argument.
import { addDays, dayKey, dayWindow, offsetAt, type DayKey } from '../learning/days';

/** What the schedule needs of a class's settings. */
export interface PromptSchedule {
  /** `HH:MM`, 24-hour, in `timeZone`. */
  promptTime: string;
  timeZone: string;
  /** Minutes a prompt stays open; null: until just before the next prompt. */
  windowMinutes: number | null;
}

/** By default a prompt is revealed this long before the next one goes out. */
export const CLOSE_BEFORE_NEXT_MS = 60_000;
/** A prompt posted late, or by hand, stays open at least this long. */
export const MIN_OPEN_MS = 10 * 60_000;
export const MAX_WINDOW_MINUTES = 24 * 60 - 1;

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export function parsePromptTime(text: string): { hour: number; minute: number } | undefined {
  const match = TIME.exec(text.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

/** `9:5` is not a time; `9:05` becomes `09:05`. */
export function normalizePromptTime(text: string): string | undefined {
  const time = parsePromptTime(text);
  return time && `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/**
 * The instant a wall-clock time happens on `day` in `timeZone`. On a daylight-saving day a
 * time that does not exist (the clocks jump over it) gives the first instant after the jump,
 * as cron does; a time that happens twice gives the first of the two.
 */
export function wallTimeAt(day: DayKey, hour: number, minute: number, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, hour, minute);
  const candidates = new Set<number>();
  for (const probe of [asUtc - 36 * 3_600_000, asUtc, asUtc + 36 * 3_600_000]) candidates.add(asUtc - offsetAt(probe, timeZone));
  const matching = [...candidates].filter((at) => asUtc === at + offsetAt(at, timeZone)).sort((a, b) => a - b);
  if (matching.length > 0) return matching[0]!;
  // In the gap: the clocks jump over this time; find the jump (offsets change on the minute).
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  const offsetBefore = offsetAt(lo, timeZone);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (offsetAt(mid, timeZone) === offsetBefore) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** When the prompt of `day` is due. */
export function promptTimeOn(day: DayKey, schedule: PromptSchedule): number {
  const time = parsePromptTime(schedule.promptTime);
  if (!time) throw new Error(`not a prompt time: ${schedule.promptTime}`);
  return wallTimeAt(day, time.hour, time.minute, schedule.timeZone);
}

/** The class day `at` falls on. */
export function classDay(at: number, timeZone: string): DayKey {
  return dayKey(at, timeZone);
}

/** The instant the class day ends (the next midnight in its time zone). */
export function endOfClassDay(day: DayKey, timeZone: string): number {
  return dayWindow(wallTimeAt(day, 12, 0, timeZone), timeZone).end;
}

/** The first scheduled prompt strictly after `after`, leaving out days in `skipDays`. */
export function nextPromptAfter(after: number, schedule: PromptSchedule, skipDays: ReadonlySet<DayKey> = new Set()): number {
  let day = classDay(after, schedule.timeZone);
  for (let i = 0; i < 4; i++, day = addDays(day, 1)) {
    if (skipDays.has(day)) continue;
    const at = promptTimeOn(day, schedule);
    if (at > after) return at;
  }
  return promptTimeOn(day, schedule);
}

/**
 * When a prompt opened at `openedAt` closes: after the class's window, or by default just
 * before the next prompt (the day of `postedDay` is taken, so its own time is not "next"). It
 * never closes sooner than MIN_OPEN_MS after it opened, nor later than the next prompt.
 */
export function closingTime(openedAt: number, postedDay: DayKey, schedule: PromptSchedule): number {
  const next = nextPromptAfter(openedAt, schedule, new Set([postedDay]));
  const byDefault = next - CLOSE_BEFORE_NEXT_MS;
  const wanted = schedule.windowMinutes !== null ? Math.min(openedAt + schedule.windowMinutes * 60_000, byDefault) : byDefault;
  return Math.max(wanted, openedAt + MIN_OPEN_MS);
}
