// What an instructor sees of a class, computed from a few whole-class queries (never one query
// per student, so 300 students stay fast): mastery per fact across the class, the leaderboard,
// inactive students and the CSV export rows.
import type { StudentRow } from '../store/students';
import type { ActivityDayRow, LabProgressRow, MemoryCard } from '../store/learning';
import { FACT_IDS } from '../quiz/schema';
import type { Course } from './content';
import { addDays, type DayKey } from './days';
import { factMasteries, overallMastery, type FactMastery } from './mastery';
import { streakOf, type Streak } from './streak';

/**
 * The leaderboard rewards what lasts: facts mastered (recall that held for a week or more), the
 * mean recall over the whole course, a steady streak and labs passed. XP only counts a little,
 * per day up to a cap and over the last two weeks, so answering in bulk does not pay.
 */
export const LEADERBOARD_WEIGHTS = {
  factMastered: 10,
  /** × mean mastery over the 38 facts (0..1). */
  meanMastery: 100,
  streakDay: 3,
  streakCap: 30,
  labPassed: 15,
  xpWindowDays: 14,
  xpPerDayCap: 60,
  /** Capped XP is divided by this. */
  xpDivisor: 10,
} as const;

export interface ClassData {
  course: Course;
  now: number;
  today: DayKey;
  students: readonly StudentRow[];
  /** Each student's cards (what recall needs). */
  cards: ReadonlyMap<string, readonly MemoryCard[]>;
  activity: readonly ActivityDayRow[];
  labs: readonly { userId: string; lab: LabProgressRow }[];
  /** XP per student per day since `today - xpWindowDays + 1`. */
  xpByDay: readonly { userId: string; day: string; xp: number }[];
  xpTotals: ReadonlyMap<string, number>;
  reviewTotals: ReadonlyMap<string, { reviews: number; correct: number }>;
  lessonsCompleted: ReadonlyMap<string, number>;
  lastReview: ReadonlyMap<string, number>;
  assignedLabs: readonly string[];
}

export interface StudentSummary {
  userId: string;
  userName: string;
  displayName: string;
  hiddenFromLeaderboard: boolean;
  facts: FactMastery[];
  mastery: number;
  factsMastered: number;
  streak: Streak;
  labsPassed: number;
  passedLabIds: string[];
  lessonsCompleted: number;
  xpTotal: number;
  /** XP over the leaderboard window, each day capped. */
  xpCapped: number;
  reviews: number;
  correct: number;
  lastActiveAt: number;
  score: number;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function leaderboardScore(s: Pick<StudentSummary, 'factsMastered' | 'mastery' | 'streak' | 'labsPassed' | 'xpCapped'>): number {
  const w = LEADERBOARD_WEIGHTS;
  return (
    w.factMastered * s.factsMastered
    + Math.round(w.meanMastery * s.mastery)
    + w.streakDay * Math.min(s.streak.current, w.streakCap)
    + w.labPassed * s.labsPassed
    + Math.floor(s.xpCapped / w.xpDivisor)
  );
}

/** One summary per student of the class, in the students' listing order. */
export function summarizeClass(data: ClassData): StudentSummary[] {
  const activity = groupBy(data.activity, (a) => a.userId);
  const labs = groupBy(data.labs, (l) => l.userId);
  const windowStart = addDays(data.today, -(LEADERBOARD_WEIGHTS.xpWindowDays - 1));
  const xpCapped = new Map<string, number>();
  for (const row of data.xpByDay) {
    if (row.day < windowStart || row.day > data.today) continue;
    xpCapped.set(row.userId, (xpCapped.get(row.userId) ?? 0) + Math.min(row.xp, LEADERBOARD_WEIGHTS.xpPerDayCap));
  }
  return data.students.map((student) => {
    const facts = factMasteries(data.course, data.cards.get(student.userId) ?? [], data.now);
    const passed = (labs.get(student.userId) ?? []).filter((l) => l.lab.passedAt !== null).map((l) => l.lab.labId);
    const totals = data.reviewTotals.get(student.userId) ?? { reviews: 0, correct: 0 };
    const summary = {
      userId: student.userId,
      userName: student.userName,
      displayName: student.displayName,
      hiddenFromLeaderboard: student.hiddenFromLeaderboard,
      facts,
      mastery: overallMastery(facts),
      factsMastered: facts.filter((f) => f.status === 'mastered').length,
      streak: streakOf(activity.get(student.userId) ?? [], data.today),
      labsPassed: passed.length,
      passedLabIds: passed,
      lessonsCompleted: data.lessonsCompleted.get(student.userId) ?? 0,
      xpTotal: data.xpTotals.get(student.userId) ?? 0,
      xpCapped: xpCapped.get(student.userId) ?? 0,
      reviews: totals.reviews,
      correct: totals.correct,
      lastActiveAt: Math.max(student.lastActiveAt, data.lastReview.get(student.userId) ?? 0),
      score: 0,
    };
    summary.score = leaderboardScore(summary);
    return summary;
  });
}

export interface FactClassMastery {
  fact: string;
  /** Mean mastery over every student (students who never answered count as 0). */
  mean: number;
  /** Mean over the students who answered at least one question about it. */
  meanAnswered: number | null;
  answered: number;
  mastered: number;
  fading: number;
  students: number;
}

export function classFactMastery(summaries: readonly StudentSummary[]): FactClassMastery[] {
  return FACT_IDS.map((fact, index) => {
    let sum = 0;
    let sumAnswered = 0;
    let answered = 0;
    let mastered = 0;
    let fading = 0;
    for (const s of summaries) {
      const f = s.facts[index]!;
      sum += f.value;
      if (f.status !== 'unseen') {
        answered++;
        sumAnswered += f.value;
      }
      if (f.status === 'mastered') mastered++;
      if (f.status === 'fading') fading++;
    }
    const n = summaries.length;
    return { fact, mean: n === 0 ? 0 : sum / n, meanAnswered: answered === 0 ? null : sumAnswered / answered, answered, mastered, fading, students: n };
  });
}

export interface LeaderboardEntry {
  rank: number;
  userId: string;
  displayName: string;
  score: number;
  factsMastered: number;
  mastery: number;
  streak: number;
  labsPassed: number;
  /** The student asked to be left off the board (only listed with includeHidden). */
  hidden: boolean;
}

/** Ranked by score; ties share a rank (1, 2, 2, 4) and are listed by name. */
export function leaderboardOf(summaries: readonly StudentSummary[], options: { includeHidden?: boolean } = {}): LeaderboardEntry[] {
  const shown = summaries.filter((s) => options.includeHidden || !s.hiddenFromLeaderboard);
  const sorted = [...shown].sort((a, b) => b.score - a.score || a.displayName.localeCompare(b.displayName) || a.userId.localeCompare(b.userId));
  let rank = 0;
  return sorted.map((s, i) => {
    if (i === 0 || sorted[i - 1]!.score !== s.score) rank = i + 1;
    return { rank, userId: s.userId, displayName: s.displayName, score: s.score, factsMastered: s.factsMastered, mastery: s.mastery, streak: s.streak.current, labsPassed: s.labsPassed, hidden: s.hiddenFromLeaderboard };
  });
}

export interface InactiveStudent {
  userId: string;
  displayName: string;
  lastActiveAt: number;
  daysInactive: number;
}

export function inactiveOf(summaries: readonly StudentSummary[], now: number, days: number): InactiveStudent[] {
  return summaries
    .filter((s) => now - s.lastActiveAt >= days * 86_400_000)
    .map((s) => ({ userId: s.userId, displayName: s.displayName, lastActiveAt: s.lastActiveAt, daysInactive: Math.floor((now - s.lastActiveAt) / 86_400_000) }))
    .sort((a, b) => a.lastActiveAt - b.lastActiveAt || a.displayName.localeCompare(b.displayName));
}

/** One CSV row per student. */
export interface ExportRow {
  userId: string;
  userName: string;
  displayName: string;
  hiddenFromLeaderboard: boolean;
  score: number;
  xp: number;
  streak: number;
  longestStreak: number;
  /** 0..100 */
  masteryPercent: number;
  factsMastered: number;
  factsFading: number;
  factsUnseen: number;
  reviews: number;
  /** 0..100, empty when the student never answered. */
  correctPercent: number | null;
  lessonsCompleted: number;
  labsPassed: number;
  assignedLabsPassed: number;
  assignedLabs: number;
  /** ISO 8601, UTC. */
  lastActive: string;
}

export const EXPORT_COLUMNS: readonly (keyof ExportRow)[] = [
  'userId', 'userName', 'displayName', 'hiddenFromLeaderboard', 'score', 'xp', 'streak', 'longestStreak', 'masteryPercent',
  'factsMastered', 'factsFading', 'factsUnseen', 'reviews', 'correctPercent', 'lessonsCompleted', 'labsPassed',
  'assignedLabsPassed', 'assignedLabs', 'lastActive',
];

export function exportRowsOf(summaries: readonly StudentSummary[], assignedLabs: readonly string[]): ExportRow[] {
  const assigned = new Set(assignedLabs);
  return summaries.map((s) => ({
    userId: s.userId,
    userName: s.userName,
    displayName: s.displayName,
    hiddenFromLeaderboard: s.hiddenFromLeaderboard,
    score: s.score,
    xp: s.xpTotal,
    streak: s.streak.current,
    longestStreak: s.streak.longest,
    masteryPercent: Math.round(s.mastery * 100),
    factsMastered: s.factsMastered,
    factsFading: s.facts.filter((f) => f.status === 'fading').length,
    factsUnseen: s.facts.filter((f) => f.status === 'unseen').length,
    reviews: s.reviews,
    correctPercent: s.reviews === 0 ? null : Math.round((s.correct / s.reviews) * 100),
    lessonsCompleted: s.lessonsCompleted,
    labsPassed: s.labsPassed,
    assignedLabsPassed: s.passedLabIds.filter((id) => assigned.has(id)).length,
    assignedLabs: assigned.size,
    lastActive: new Date(s.lastActiveAt).toISOString(),
  }));
}

/**
 * A CSV cell. Text a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) gets a leading apostrophe; cells with commas, quotes or line breaks are quoted.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly ExportRow[]): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const row of rows) lines.push(EXPORT_COLUMNS.map((column) => csvCell(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
