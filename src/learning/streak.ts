// Streaks: consecutive days, in the class's time zone, on which the student did their due
// reviews, passed a lab or answered the class's daily question. Today only breaks the streak
// once it is over: until midnight, yesterday's streak is still alive.
import type { ActivityDayRow } from '../store/learning';
import { addDays, weekday, type DayKey } from './days';

export type StreakReason = 'reviews' | 'lab' | 'daily';

export interface StreakDay {
  day: DayKey;
  counted: boolean;
  reasons: StreakReason[];
  /** Quiz answers given that day (counted or not). */
  answers: number;
}

export interface Streak {
  /** Days in a row up to today (or up to yesterday, while today can still count). */
  current: number;
  longest: number;
  todayCounted: boolean;
  /** The last day that counted, if any. */
  lastDay: DayKey | null;
}

export function reasonsOf(row: Pick<ActivityDayRow, 'reviewsDone' | 'labsPassed' | 'dailyAnswered'>): StreakReason[] {
  const reasons: StreakReason[] = [];
  if (row.reviewsDone) reasons.push('reviews');
  if (row.labsPassed > 0) reasons.push('lab');
  if (row.dailyAnswered) reasons.push('daily');
  return reasons;
}

/** The streak as of `today`, from a student's activity days (any order). */
export function streakOf(rows: readonly ActivityDayRow[], today: DayKey): Streak {
  const counted = [...new Set(rows.filter((row) => reasonsOf(row).length > 0 && row.day <= today).map((row) => row.day))].sort();
  const set = new Set(counted);
  let longest = 0;
  let run = 0;
  let previous: DayKey | undefined;
  for (const day of counted) {
    run = previous !== undefined && addDays(previous, 1) === day ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = day;
  }
  const todayCounted = set.has(today);
  let current = 0;
  for (let day = todayCounted ? today : addDays(today, -1); set.has(day); day = addDays(day, -1)) current++;
  return { current, longest, todayCounted, lastDay: counted.at(-1) ?? null };
}

/**
 * The calendar of the last `weeks` weeks, Sunday to Saturday, ending with the week of `today`
 * (days after today are left out).
 */
export function streakCalendar(rows: readonly ActivityDayRow[], today: DayKey, weeks: number): StreakDay[] {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const first = addDays(today, -weekday(today) - (weeks - 1) * 7);
  const days: StreakDay[] = [];
  for (let day = first; day <= today; day = addDays(day, 1)) {
    const row = byDay.get(day);
    const reasons = row ? reasonsOf(row) : [];
    days.push({ day, counted: reasons.length > 0, reasons, answers: row?.answers ?? 0 });
  }
  return days;
}
