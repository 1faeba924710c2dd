// Class use cases (issue 7): each server's daily-question settings, the daily prompt (what is
// due now, claimed in SQLite before anything is sent, one answer per student, the reveal), and
// what instructors see. The clock comes in as `now` where a decision depends on it, so tests
// drive a week of prompts without timers; the daily timer (src/daily/) only asks and sends.
import type { Locale } from '../content/common';
import { applySetup, type SetupInput, type SetupProblem } from '../class/settings';
import { classDay, closingTime, endOfClassDay, nextPromptAfter, promptTimeOn } from '../class/schedule';
import { pickFresh, RECENT_PROMPTS } from '../class/selection';
import type { FactClassMastery, InactiveStudent, LeaderboardEntry } from '../learning/class-report';
import { DEFAULT_TIME_ZONE } from '../learning/days';
import type { QuestionContent } from '../learning/quiz';
import type { Store } from '../store';
import type { ClassSettingsRow, DailyPromptRow } from '../store/class';
import { resolveLocale, type StudentRef } from './baleia';
import type { DailyResults, Learning, QuizAnswerResult } from './learning';

export interface ClassDeps {
  store: Store;
  learning: Learning;
  /** Milliseconds since the epoch (the same clock as the other use cases). */
  clock: () => number;
}

/** How long students share one computed leaderboard. */
export const BOARD_TTL_MS = 60_000;

/** Sending a prompt or its reveal is retried this many times (one per timer tick) before giving up. */
export const MAX_SEND_ATTEMPTS = 5;

export type DailyWork = { kind: 'post'; prompt: DailyPromptRow } | { kind: 'reveal'; prompt: DailyPromptRow };

export type SetupResult =
  | { status: 'ok'; settings: ClassSettingsRow; nextPromptAt: number | null }
  | ({ status: 'invalid' } & SetupProblem);

export type DailyAnswer =
  | { status: 'answered'; result: QuizAnswerResult; prompt: DailyPromptRow }
  | { status: 'closed'; prompt: DailyPromptRow; rightKey: string | null; rightText: string | null; explanation: string; locale: Locale }
  | { status: 'invalid'; locale: Locale }
  | { status: 'not-found'; locale: Locale };

export interface ClassOverviewView {
  locale: Locale;
  generatedAt: number;
  timeZone: string;
  students: number;
  /** Mean mastery over every fact and student, 0..1. */
  mastery: number;
  topics: { id: string; title: string; facts: FactClassMastery[] }[];
  leaderboard: LeaderboardEntry[];
  inactive: InactiveStudent[];
  inactiveDays: number;
  hostMistakes: { code: string; count: number; students: number; facts: string[]; example: string }[];
  quizMistakes: { questionId: string; prompt: string; answerText: string; count: number; students: number; facts: string[] }[];
}

export function createClassUseCases(deps: ClassDeps) {
  const { store, learning } = deps;
  const repo = store.classes;
  const listeners = new Set<() => Promise<void> | void>();

  function settings(scope: string): ClassSettingsRow | undefined {
    return repo.settings(scope);
  }

  /** The class time zone, for the learning core (streaks, due days): unset until /class setup. */
  function timeZoneOf(scope: string): string | undefined {
    return repo.settings(scope)?.timeZone;
  }

  /** Tells the shells (the daily timer) that settings changed or a prompt is waiting to be sent. */
  async function changed(): Promise<void> {
    for (const listener of [...listeners]) await listener();
  }

  function subscribe(listener: () => Promise<void> | void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  function nextPromptOf(row: ClassSettingsRow, now: number): number | null {
    if (row.paused) return null;
    const today = classDay(now, row.timeZone);
    const taken = repo.promptInSlot(row.scope, today, 0) ? new Set([today]) : new Set<string>();
    const todayAt = promptTimeOn(today, row);
    if (!taken.has(today) && todayAt >= now && todayAt >= row.scheduleFrom) return todayAt;
    return nextPromptAfter(Math.max(now, row.scheduleFrom), row, new Set([...taken, today]));
  }

  async function setup(scope: string, input: SetupInput, by: string, fallbackLocale: Locale): Promise<SetupResult> {
    const now = deps.clock();
    const current = repo.settings(scope);
    const change = applySetup(current, input, fallbackLocale);
    if ('problem' in change) return { status: 'invalid', ...change };
    const { scheduleChanged, ...values } = change;
    const row: ClassSettingsRow = {
      scope,
      ...values,
      paused: current?.paused ?? false,
      scheduleFrom: scheduleChanged ? now : current!.scheduleFrom,
      updatedBy: by,
      updatedAt: now,
    };
    store.transaction(() => {
      repo.putSettings(row);
      // A question that could not reach the old channel goes to the new one.
      if (current && current.channelId !== row.channelId) repo.retargetUnposted(scope, row.channelId);
    });
    await changed();
    return { status: 'ok', settings: row, nextPromptAt: nextPromptOf(row, now) };
  }

  async function setPaused(scope: string, paused: boolean, by: string): Promise<{ status: 'ok'; settings: ClassSettingsRow; nextPromptAt: number | null } | { status: 'not-set-up' }> {
    const now = deps.clock();
    if (!repo.setPaused(scope, paused, by, now)) return { status: 'not-set-up' };
    await changed();
    const row = repo.settings(scope)!;
    return { status: 'ok', settings: row, nextPromptAt: nextPromptOf(row, now) };
  }

  /** The settings, when the next prompt goes out, and the latest prompts. */
  function status(scope: string) {
    const row = repo.settings(scope);
    if (!row) return undefined;
    const now = deps.clock();
    return { settings: row, nextPromptAt: nextPromptOf(row, now), recent: repo.recent(scope, 5) };
  }

  function recentQuestions(scope: string): string[] {
    return repo.recent(scope, RECENT_PROMPTS).map((p) => p.questionId);
  }

  function claim(row: ClassSettingsRow, day: string, seq: number, dueAt: number, now: number, requestedBy: string | null): DailyPromptRow | undefined {
    const questionId = pickFresh((exclude) => learning.pickDailyQuestion(row.scope, { exclude }), recentQuestions(row.scope));
    if (!questionId) return undefined;
    return repo.claim({
      scope: row.scope,
      day,
      seq,
      questionId,
      locale: row.locale,
      channelId: row.channelId,
      dueAt,
      claimedAt: now,
      closesAt: closingTime(Math.max(now, dueAt), day, row),
      requestedBy,
    });
  }

  /**
   * What the daily timer has to do at `now`: claim and post the class day's prompt once its
   * time has come (also when the bot was down at that time, as long as the day is not over),
   * send again a prompt claimed earlier whose message Discord may not have (a restart), and
   * reveal prompts whose window is over. Claims are written here, before anything is sent:
   * the unique (class, day) slot is what keeps a day from being posted twice.
   */
  function dailyWork(now: number): DailyWork[] {
    return store.transaction(() => {
      const all = repo.allSettings();
      const byScope = new Map(all.map((row) => [row.scope, row]));
      for (const row of all) {
        if (row.paused) continue;
        const day = classDay(now, row.timeZone);
        const dueAt = promptTimeOn(day, row);
        if (now < dueAt || dueAt < row.scheduleFrom || repo.promptInSlot(row.scope, day, 0)) continue;
        claim(row, day, 0, dueAt, now, null);
      }
      const work: DailyWork[] = [];
      for (const prompt of repo.unfinished()) {
        const row = byScope.get(prompt.scope);
        if (prompt.messageId === null) {
          const timeZone = row?.timeZone ?? 'UTC';
          if (now >= endOfClassDay(prompt.day, timeZone)) {
            repo.markAbandoned(prompt.id, now, 'the class day ended before the prompt could be posted');
          } else if (prompt.postAttempts >= MAX_SEND_ATTEMPTS) {
            repo.markAbandoned(prompt.id, now, null);
          } else if (!(row?.paused && prompt.seq === 0)) {
            work.push({ kind: 'post', prompt });
          }
        } else if (now >= prompt.closesAt) {
          if (prompt.revealAttempts >= MAX_SEND_ATTEMPTS) repo.markRevealed(prompt.id, null, now);
          else work.push({ kind: 'reveal', prompt });
        }
      }
      return work;
    });
  }

  /** The next instant a posted prompt closes (the timer wakes up then to reveal it). */
  function nextRevealAt(): number | null {
    let next: number | null = null;
    for (const prompt of repo.unfinished()) if (prompt.messageId !== null && (next === null || prompt.closesAt < next)) next = prompt.closesAt;
    return next;
  }

  /**
   * `/class daily now`: a prompt right away. It is the day's prompt when that has not gone out
   * yet (so the scheduled time then posts nothing more), else an extra one.
   */
  async function requestPrompt(scope: string, by: string): Promise<{ status: 'ok'; prompt: DailyPromptRow } | { status: 'not-set-up' } | { status: 'no-question' }> {
    const now = deps.clock();
    const row = repo.settings(scope);
    if (!row) return { status: 'not-set-up' };
    const prompt = store.transaction(() => {
      const day = classDay(now, row.timeZone);
      const seq = repo.promptInSlot(scope, day, 0) ? repo.nextSeq(scope, day) : 0;
      return claim(row, day, seq, now, now, by);
    });
    if (!prompt) return { status: 'no-question' };
    await changed();
    return { status: 'ok', prompt: repo.prompt(prompt.id)! };
  }

  function prompt(id: number): DailyPromptRow | undefined {
    return repo.prompt(id);
  }

  /** The question as the whole class sees it (the same option order for everyone). */
  function promptContent(prompt: DailyPromptRow, locale?: Locale): QuestionContent | undefined {
    return learning.dailyQuestion(prompt.questionId, locale ?? (prompt.locale as Locale), String(prompt.id));
  }

  function results(prompt: DailyPromptRow, locale?: Locale): DailyResults | undefined {
    return learning.dailyResults(prompt.scope, String(prompt.id), prompt.questionId, locale ?? (prompt.locale as Locale));
  }

  /**
   * One student's press on a daily prompt's button. Counted once, whatever they press after;
   * after the window it only says what the answer was.
   */
  async function answerPrompt(student: StudentRef, promptId: number, key: string): Promise<DailyAnswer> {
    const now = deps.clock();
    const locale = learning.localeOf(student);
    const prompt = repo.prompt(promptId);
    if (!prompt || prompt.scope !== student.scope || prompt.abandonedAt !== null) return { status: 'not-found', locale };
    if (prompt.revealedAt !== null || now >= prompt.closesAt) {
      const res = results(prompt, locale);
      const right = res?.spread.find((option) => option.correct);
      return { status: 'closed', prompt, rightKey: right?.key ?? null, rightText: right?.text ?? null, explanation: res?.explanation ?? '', locale };
    }
    // Time to answer counts from the post; past a quarter of an hour FSRS just takes it as Good.
    const elapsedMs = Math.max(0, now - (prompt.postedAt ?? prompt.claimedAt));
    const answer = await learning.answerDailyQuestion(student, { promptId: String(prompt.id), questionId: prompt.questionId, answer: key, elapsedMs });
    if (answer.status === 'answered') return { status: 'answered', result: answer, prompt };
    if (answer.status === 'invalid') return { status: 'invalid', locale };
    return { status: 'not-found', locale };
  }

  // -------------------------------------------------------------------------------------------
  // Instructors

  /** Everything /class overview shows, from one pass over the class. */
  function overview(scope: string, locale: Locale, options: { inactiveDays?: number } = {}): ClassOverviewView {
    const inactiveDays = options.inactiveDays ?? 7;
    const data = learning.classOverview(scope, { inactiveDays, locale });
    const course = learning.course;
    const mastery = data.facts.length === 0 ? 0 : data.facts.reduce((sum, f) => sum + f.mean, 0) / data.facts.length;
    return {
      locale,
      generatedAt: deps.clock(),
      timeZone: timeZoneOf(scope) ?? DEFAULT_TIME_ZONE,
      students: data.students,
      mastery,
      topics: course.topics.map((topic) => ({
        id: topic.topic,
        title: topic.title[locale],
        facts: data.facts.filter((f) => course.topicOfFact.get(f.fact) === topic.topic),
      })),
      leaderboard: data.leaderboard,
      inactive: data.inactive,
      inactiveDays,
      hostMistakes: data.mistakes.host,
      quizMistakes: data.mistakes.quiz.map((m) => ({ questionId: m.questionId, prompt: m.prompt, answerText: m.answerText, count: m.count, students: m.students, facts: m.facts })),
    };
  }

  function exportCsv(scope: string): string {
    return learning.exportCsv(scope);
  }

  // The board is a whole-class computation (about a tenth of a second for 300 students), so
  // students asking for it within a minute share one; hiding or showing oneself starts afresh.
  const boards = new Map<string, { at: number; board: LeaderboardEntry[] }>();

  function boardOf(scope: string): LeaderboardEntry[] {
    const now = deps.clock();
    const cached = boards.get(scope);
    if (cached && now >= cached.at && now - cached.at < BOARD_TTL_MS) return cached.board;
    const board = learning.leaderboard(scope);
    boards.set(scope, { at: now, board });
    return board;
  }

  /** `/leaderboard`: the top ten and the student's own place (null while they hide themselves). */
  async function leaderboardFor(student: StudentRef, options: { hide?: boolean } = {}) {
    if (options.hide !== undefined) {
      await learning.setLeaderboardHidden(student, options.hide);
      boards.delete(student.scope);
    }
    const board = boardOf(student.scope);
    const hidden = store.students.get(student.scope, student.userId)?.hiddenFromLeaderboard ?? false;
    return { top: board.slice(0, 10), me: hidden ? null : board.find((entry) => entry.userId === student.userId) ?? null, hidden, students: board.length };
  }

  /** The language a member reads Baleia in (for instructors' replies). */
  function localeFor(student: StudentRef): Locale {
    const row = store.students.get(student.scope, student.userId);
    return resolveLocale(row?.locale, student.locale);
  }

  return {
    settings,
    allSettings: () => repo.allSettings(),
    timeZoneOf,
    setup,
    setPaused,
    status,
    subscribe,
    changed,
    // the daily prompt
    dailyWork,
    nextRevealAt,
    requestPrompt,
    prompt,
    promptContent,
    results,
    answerPrompt,
    countPostAttempt: (id: number) => repo.countPostAttempt(id),
    markPosted: (id: number, messageId: string) => repo.markPosted(id, messageId, deps.clock()),
    countRevealAttempt: (id: number) => repo.countRevealAttempt(id),
    markRevealed: (id: number, messageId: string | null) => repo.markRevealed(id, messageId, deps.clock()),
    noteFailure: (id: number, error: string) => repo.noteFailure(id, error),
    leaderboardFor,
    // instructors
    overview,
    exportCsv,
    localeFor,
  };
}

export type ClassUseCases = ReturnType<typeof createClassUseCases>;
