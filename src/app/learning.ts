// Learning use cases: lessons, spaced-repetition quizzes, labs and progress, plus the class
// queries instructors need. Like the host use cases, each loads what it needs from the store,
// asks the pure learning code (and, on scratch hosts, the engine) what happens, and saves the
// result in one transaction. Shells (Discord, the playground, the daily timer) only render.
import type { Locale } from '../content/common';
import type { EngineEvent } from '../engine/events';
import { promptFor } from '../engine/execute-line';
import type { HostLimits } from '../engine/host-context';
import { newHostState } from '../engine/new-host';
import type { CatalogIndex } from '../engine/registry/catalog';
import type { Lab } from '../labs/schema';
import type { Lesson } from '../lessons/schema';
import {
  classFactMastery,
  exportRowsOf,
  inactiveOf,
  leaderboardOf,
  summarizeClass,
  toCsv,
  type ExportRow,
  type FactClassMastery,
  type InactiveStudent,
  type LeaderboardEntry,
  type StudentSummary,
} from '../learning/class-report';
import { SCRATCH_SEED, terminalText, type Course } from '../learning/content';
import { addDays, dayWindow, DEFAULT_TIME_ZONE, type DayKey, type DayWindow } from '../learning/days';
import { factMasteries, type FactMastery } from '../learning/mastery';
import { runProbes, type ProbeOutcome } from '../learning/probes';
import { buildProgressView, type ProgressView } from '../learning/progress';
import { answerText, gradeChoice, keyOfValue, questionContent, type QuestionContent, type QuizOption } from '../learning/quiz';
import {
  NEW_CARDS_PER_DAY,
  newCard,
  rateAnswer,
  ratingName,
  recall,
  reviewCard,
  type CardRecord,
  type RatingName,
} from '../learning/scheduler';
import { ScratchHost, type ScratchPorts } from '../learning/scratch-host';
import { streakOf } from '../learning/streak';
import { quizXp, XP_RULES } from '../learning/xp';
import type { Question } from '../quiz/schema';
import type { Store } from '../store';
import type { LessonProgressRow, PresentationRow, PresentationSource } from '../store/learning';
import { resolveLocale, type Baleia, type LineReply, type StudentRef } from './baleia';
import { KeyedLock } from './keyed-lock';

export interface LearningDeps {
  baleia: Baleia;
  store: Store;
  catalog: CatalogIndex;
  course: Course;
  /** Milliseconds since the epoch (the same clock as the host use cases). */
  clock: () => number;
  /** The class's IANA time zone (streaks, "due today", daily caps); America/Sao_Paulo if absent. */
  timeZone?: (scope: string) => string | undefined;
  newCardsPerDay?: number;
  limits?: HostLimits;
}

/** Asked for something that does not exist (a lesson 99, a lab nobody opened, an old card). */
export interface NotFound {
  status: 'not-found';
  what: 'lesson' | 'page' | 'try-it' | 'lab' | 'card' | 'question';
  locale: Locale;
}

// ---------------------------------------------------------------------------------------------
// Views handed to shells.

export interface QuizCardView extends QuestionContent {
  /** What the shell sends back with the answer (one presentation of the card). */
  cardId: string;
  source: PresentationSource;
  topicTitle: string;
  /** True when the student has never answered this question. */
  isNew: boolean;
  /** Cards still due today, this one included. */
  dueLeft: number;
  newLeftToday: number;
  locale: Locale;
}

export type QuizNext =
  | { status: 'card'; card: QuizCardView }
  | { status: 'done'; locale: Locale; newLeftToday: number; nextDue: number | null; nextDueDay: DayKey | null };

export interface QuizAnswerResult {
  status: 'answered';
  cardId: string;
  questionId: string;
  kind: Question['kind'];
  correct: boolean;
  /** True when this card presentation had been answered already: nothing was counted again. */
  repeated: boolean;
  rating: RatingName;
  /** The option pressed and the right one (choice, true/false, predict). */
  chosenKey?: string;
  rightKey?: string;
  rightText?: string;
  /** "Type the command": a line that would have passed, the checks, and what the line printed. */
  example?: string;
  probes?: ProbeOutcome[];
  output?: string;
  explanation: string;
  nextDue: number;
  nextDueDay: DayKey;
  intervalDays: number;
  xp: number;
  dueLeft: number;
  newLeftToday: number;
  streak: { current: number; todayCounted: boolean };
  locale: Locale;
}

export type QuizAnswer =
  | QuizAnswerResult
  | { status: 'invalid'; reason: 'not-an-option' | 'empty'; options: QuizOption[]; locale: Locale }
  | NotFound;

export interface LessonSummary {
  id: string;
  order: number;
  title: string;
  summary: string;
  pages: number;
  pagesSeen: number;
  started: boolean;
  completed: boolean;
}

export interface LessonListView {
  locale: Locale;
  lessons: LessonSummary[];
  current: { lessonId: string; page: number } | null;
}

export interface TryItView {
  index: number;
  label: string;
  command: string;
  done: boolean;
}

export interface LessonPageView {
  status: 'ok';
  locale: Locale;
  lesson: { id: string; order: number; title: string; summary: string; pages: number };
  /** 1-based. */
  page: number;
  body: string;
  facts: string[];
  tryIts: TryItView[];
  isLast: boolean;
  completed: boolean;
  /** Reading this page finished the lesson just now. */
  completedNow: boolean;
  xp: number;
  next: { lessonId: string; page: number } | null;
}

export interface TryItResult {
  status: 'ok';
  locale: Locale;
  lessonId: string;
  page: number;
  index: number;
  command: string;
  label: string;
  reply: LineReply;
}

export interface LabSummary {
  id: string;
  order: number;
  title: string;
  difficulty: number;
  xp: number;
  facts: string[];
  started: boolean;
  passed: boolean;
  assigned: boolean;
}

export interface LabInfo {
  id: string;
  order: number;
  title: string;
  goal: string;
  difficulty: number;
  xp: number;
  facts: string[];
}

export interface LabStatusView {
  status: 'ok';
  locale: Locale;
  lab: LabInfo;
  hints: string[];
  hintsLeft: number;
  checks: ProbeOutcome[];
  /** Every check holds right now. */
  allHold: boolean;
  /** Passed at some point (XP paid). */
  passed: boolean;
  assigned: boolean;
}

export interface LabCheckView extends LabStatusView {
  /** This check passed the lab for the first time. */
  passedNow: boolean;
  xp: number;
}

export interface LabHintView {
  status: 'ok';
  locale: Locale;
  lab: LabInfo;
  /** The hint revealed now, or null when all were revealed already. */
  hint: string | null;
  hints: string[];
  hintsLeft: number;
}

export interface LabResetView {
  status: 'ok';
  locale: Locale;
  lab: LabInfo;
  setup: { line: string; exitCode: number; output: string }[];
}

export interface DailyResults {
  questionId: string;
  answers: number;
  correct: number;
  /** Share of right answers (null before anyone answered). */
  share: number | null;
  /** Every option in the posted order, with how many chose it. */
  spread: { key: string; text: string; count: number; correct: boolean }[];
  explanation: string;
  locale: Locale;
}

export interface HostEventsOutcome {
  mistakes: number;
  /** Questions made due now because the student tripped over their facts. */
  boosted: string[];
}

// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const MAX_ANSWER_LINE = 2_000;

interface Ctx {
  scope: string;
  userId: string;
  now: number;
  locale: Locale;
  timeZone: string;
  window: DayWindow;
  displayName: string;
  userName: string;
}

function lessonRef(lessons: readonly Lesson[], ref: string | number | undefined): Lesson | undefined {
  if (ref === undefined) return undefined;
  const text = String(ref).trim();
  if (/^\d+$/.test(text)) return lessons.find((lesson) => lesson.order === Number(text));
  return lessons.find((lesson) => lesson.id === text);
}

function labRef(labs: readonly Lab[], ref: string | number | undefined): Lab | undefined {
  if (ref === undefined) return undefined;
  const text = String(ref).trim();
  if (/^\d+$/.test(text)) return labs.find((lab) => lab.order === Number(text));
  return labs.find((lab) => lab.id === text);
}

export function createLearning(deps: LearningDeps) {
  const { baleia, store, course } = deps;
  const repo = store.learning;
  const lock = new KeyedLock();
  const newPerDay = deps.newCardsPerDay ?? NEW_CARDS_PER_DAY;
  const keyOf = (student: StudentRef) => `${student.scope}\u0000${student.userId}`;
  const timeZoneOf = (scope: string) => deps.timeZone?.(scope) ?? DEFAULT_TIME_ZONE;

  function context(student: StudentRef): Ctx {
    const now = deps.clock();
    const profile = baleia.profileOf(student);
    const timeZone = timeZoneOf(student.scope);
    return {
      scope: student.scope,
      userId: student.userId,
      now,
      locale: resolveLocale(profile.locale, student.locale),
      timeZone,
      window: dayWindow(now, timeZone),
      displayName: profile.displayName,
      userName: profile.userName,
    };
  }

  const notFound = (what: NotFound['what'], locale: Locale): NotFound => ({ status: 'not-found', what, locale });

  function portsFor(scope: string): ScratchPorts {
    return {
      catalog: deps.catalog,
      getStoredLayer: (diffId) => store.layers.get(diffId),
      registry: store.registry.reader(scope),
      ...(deps.limits && { limits: deps.limits }),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Quiz

  function newLeft(c: Ctx): number {
    return Math.max(0, newPerDay - repo.introducedSince(c.scope, c.userId, c.window.start));
  }

  /** Due cards first (most overdue first), then the next new question in course order. */
  function pick(c: Ctx): { questionId: string; isNew: boolean } | undefined {
    for (const due of repo.dueCards(c.scope, c.userId, c.window.end, 32)) {
      if (course.questionById.has(due.questionId)) return { questionId: due.questionId, isNew: false };
    }
    if (newLeft(c) === 0) return undefined;
    const seen = new Set(repo.cardQuestionIds(c.scope, c.userId));
    const next = course.questions.find((question) => !seen.has(question.id));
    return next && { questionId: next.id, isNew: true };
  }

  const seedOf = (c: Pick<Ctx, 'scope' | 'userId'>, presentation: Pick<PresentationRow, 'source' | 'ref'>) =>
    presentation.source === 'daily' ? `daily:${presentation.ref}` : `${c.scope}:${c.userId}`;

  function cardView(c: Ctx, presentation: PresentationRow): QuizCardView {
    const question = course.questionById.get(presentation.questionId)!;
    const content = questionContent(question, c.locale, seedOf(c, presentation), course.predictAnswers.get(question.id));
    const topic = course.topics.find((t) => t.topic === course.topicOfQuestion.get(question.id));
    const card = repo.card(c.scope, c.userId, question.id);
    return {
      ...content,
      cardId: String(presentation.id),
      source: presentation.source,
      topicTitle: topic ? topic.title[c.locale] : '',
      isNew: !card || card.lastReview === null,
      dueLeft: repo.dueCount(c.scope, c.userId, c.window.end),
      newLeftToday: newLeft(c),
      locale: c.locale,
    };
  }

  /** The card `quiz` would show next, without showing it (no side effects). */
  function peekNextCard(student: StudentRef): { questionId: string; isNew: boolean } | null {
    return pick(context(student)) ?? null;
  }

  /** Shows the next card: the one left unanswered today if any, else due cards, else a new one. */
  async function nextQuizCard(student: StudentRef): Promise<QuizNext> {
    return lock.run(keyOf(student), async () => {
      const c = context(student);
      const open = repo.openPresentation(c.scope, c.userId, c.window.start);
      if (open && course.questionById.has(open.questionId)) return { status: 'card', card: cardView(c, open) };
      const next = pick(c);
      if (!next) {
        const nextDue = repo.nextDue(c.scope, c.userId, c.window.end) ?? null;
        return { status: 'done', locale: c.locale, newLeftToday: newLeft(c), nextDue, nextDueDay: nextDue === null ? null : dayWindow(nextDue, c.timeZone).day };
      }
      const presentation = store.transaction(() => {
        if (next.isNew) repo.putCard(c.scope, c.userId, newCard(next.questionId, c.now));
        return repo.createPresentation({ scope: c.scope, userId: c.userId, questionId: next.questionId, source: 'quiz', ref: null, shownAt: c.now });
      });
      return { status: 'card', card: cardView(c, presentation) };
    });
  }

  /** The card shown last and not answered yet (what `quiz a` in the playground answers). */
  async function currentQuizCard(student: StudentRef): Promise<QuizCardView | null> {
    const c = context(student);
    const open = repo.openPresentation(c.scope, c.userId, c.window.start);
    return open && course.questionById.has(open.questionId) ? cardView(c, open) : null;
  }

  type Judgement = { correct: boolean; value: string; chosenKey?: string; rightKey?: string; rightText?: string; probes?: ProbeOutcome[]; output?: string };

  async function judge(c: Ctx, question: Question, presentation: PresentationRow, answer: string): Promise<Judgement | { invalid: 'not-an-option' | 'empty'; options: QuizOption[] }> {
    if (question.kind === 'command') {
      const line = answer.trim().slice(0, MAX_ANSWER_LINE);
      if (line === '') return { invalid: 'empty', options: [] };
      // A scratch host in the state the question describes, as the student (their user name
      // and their class registry), never their own host: names and ports the question uses
      // may be taken there, and what they already built would let any line pass.
      const host = new ScratchHost(newHostState(c.userName, c.now, SCRATCH_SEED), portsFor(c.scope), c.now);
      await host.runAll(question.setup);
      const result = await host.run(line);
      const probes = await runProbes(host, question.probes, c.locale);
      return { correct: probes.every((p) => p.holds), value: line, probes, output: terminalText(result).slice(0, 1_500) };
    }
    const graded = gradeChoice(question, c.locale, seedOf(c, presentation), answer, course.predictAnswers.get(question.id));
    if (!graded.valid) {
      const content = questionContent(question, c.locale, seedOf(c, presentation), course.predictAnswers.get(question.id));
      return { invalid: 'not-an-option', options: content.options };
    }
    return { correct: graded.correct, value: graded.value, chosenKey: graded.chosenKey, rightKey: graded.rightKey, rightText: graded.rightText };
  }

  /** Saves one answer: the FSRS review, XP, the streak day, and the result for repeats. */
  function record(c: Ctx, presentation: PresentationRow, question: Question, judgement: Judgement, elapsedMs: number | undefined): QuizAnswerResult {
    return store.transaction(() => {
      const fresh = repo.presentation(presentation.id)!;
      if (fresh.answeredAt !== null) return { ...(JSON.parse(fresh.result!) as QuizAnswerResult), repeated: true };
      const elapsed = elapsedMs ?? c.now - presentation.shownAt;
      const card: CardRecord = repo.card(c.scope, c.userId, question.id) ?? newCard(question.id, c.now);
      const grade = rateAnswer(question.kind, judgement.correct, elapsed);
      const review = reviewCard(card, grade, c.now, c.timeZone);
      repo.putCard(c.scope, c.userId, review.card);
      const day = c.window.day;
      const xp = quizXp(judgement.correct, question.difficulty, repo.xpOfDay(c.scope, c.userId, day, 'quiz'), presentation.source === 'daily');
      if (xp > 0) repo.addXp(c.scope, c.userId, { at: c.now, day, source: 'quiz', ref: String(presentation.id), xp });
      repo.addReview({
        scope: c.scope,
        userId: c.userId,
        questionId: question.id,
        presentationId: presentation.id,
        source: presentation.source,
        ref: presentation.ref,
        at: c.now,
        day,
        correct: judgement.correct,
        answer: judgement.value,
        rating: grade,
        elapsedMs: Number.isFinite(elapsed) ? Math.round(elapsed) : null,
        dueAfter: review.card.due,
        xp,
      });
      repo.countAnswer(c.scope, c.userId, day);
      const dueLeft = repo.dueCount(c.scope, c.userId, c.window.end);
      if (presentation.source === 'daily') repo.markDailyAnswered(c.scope, c.userId, day);
      else if (dueLeft === 0) repo.markReviewsDone(c.scope, c.userId, day);
      const streak = streakOf(repo.activityDays(c.scope, c.userId), day);
      const result: QuizAnswerResult = {
        status: 'answered',
        cardId: String(presentation.id),
        questionId: question.id,
        kind: question.kind,
        correct: judgement.correct,
        repeated: false,
        rating: ratingName(grade),
        ...(judgement.chosenKey !== undefined && { chosenKey: judgement.chosenKey }),
        ...(judgement.rightKey !== undefined && { rightKey: judgement.rightKey, rightText: judgement.rightText }),
        ...(question.kind === 'command' && { example: question.example, probes: judgement.probes, output: judgement.output }),
        explanation: question.explanation[c.locale],
        nextDue: review.card.due,
        nextDueDay: dayWindow(review.card.due, c.timeZone).day,
        intervalDays: review.intervalDays,
        xp,
        dueLeft,
        newLeftToday: newLeft(c),
        streak: { current: streak.current, todayCounted: streak.todayCounted },
        locale: c.locale,
      };
      repo.answerPresentation(presentation.id, c.now, JSON.stringify(result));
      return result;
    });
  }

  async function answerPresentation(c: Ctx, presentation: PresentationRow, answer: string, elapsedMs: number | undefined): Promise<QuizAnswer> {
    const question = course.questionById.get(presentation.questionId);
    if (!question) return notFound('question', c.locale);
    if (presentation.answeredAt !== null) return { ...(JSON.parse(presentation.result!) as QuizAnswerResult), repeated: true };
    const judgement = await judge(c, question, presentation, answer);
    if ('invalid' in judgement) return { status: 'invalid', reason: judgement.invalid, options: judgement.options, locale: c.locale };
    return record({ ...c, now: deps.clock() }, presentation, question, judgement, elapsedMs);
  }

  /**
   * Answers one shown card. `answer` is an option key (`a`, `true`), or a shell line for "type
   * the command". `elapsedMs` is the time the student took (from the shell; when absent, the
   * time since the card was shown). Answering the same card twice returns the first result.
   */
  async function answerQuizCard(student: StudentRef, cardId: string, answer: string, elapsedMs?: number): Promise<QuizAnswer> {
    return lock.run(keyOf(student), async () => {
      const c = context(student);
      const presentation = /^\d+$/.test(cardId) ? repo.presentation(Number(cardId)) : undefined;
      if (!presentation || presentation.scope !== c.scope || presentation.userId !== c.userId) return notFound('card', c.locale);
      return answerPresentation(c, presentation, answer, elapsedMs);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Lessons

  const pageBit = (page: number) => 1 << (page - 1);
  const pagesSeenOf = (row: LessonProgressRow | undefined, pages: number) => {
    let n = 0;
    for (let p = 1; p <= pages; p++) if (row && (row.pagesSeen & pageBit(p)) !== 0) n++;
    return n;
  };

  async function listLessons(student: StudentRef): Promise<LessonListView> {
    const c = context(student);
    const rows = new Map(repo.lessons(c.scope, c.userId).map((row) => [row.lessonId, row]));
    const cursor = repo.cursor(c.scope, c.userId);
    return {
      locale: c.locale,
      lessons: course.lessons.map((lesson) => {
        const row = rows.get(lesson.id);
        return {
          id: lesson.id,
          order: lesson.order,
          title: lesson.title[c.locale],
          summary: lesson.summary[c.locale],
          pages: lesson.pages.length,
          pagesSeen: pagesSeenOf(row, lesson.pages.length),
          started: row !== undefined,
          completed: row?.completedAt != null,
        };
      }),
      current: cursor.lessonId && cursor.lessonPage ? { lessonId: cursor.lessonId, page: cursor.lessonPage } : null,
    };
  }

  function nextPlace(lesson: Lesson, page: number): { lessonId: string; page: number } | null {
    if (page < lesson.pages.length) return { lessonId: lesson.id, page: page + 1 };
    const following = course.lessons.find((l) => l.order === lesson.order + 1);
    return following ? { lessonId: following.id, page: 1 } : null;
  }

  /** Shows a lesson page (1-based; by default where the student left the lesson) and marks it read. */
  async function lessonPage(student: StudentRef, ref: string | number, page?: number): Promise<LessonPageView | NotFound> {
    return lock.run(keyOf(student), async () => {
      const c = context(student);
      const lesson = lessonRef(course.lessons, ref);
      if (!lesson) return notFound('lesson', c.locale);
      const cursor = repo.cursor(c.scope, c.userId);
      const pageNo = page ?? (cursor.lessonId === lesson.id && cursor.lessonPage ? cursor.lessonPage : 1);
      if (!Number.isInteger(pageNo) || pageNo < 1 || pageNo > lesson.pages.length) return notFound('page', c.locale);
      return showPage(c, lesson, pageNo);
    });
  }

  function showPage(c: Ctx, lesson: Lesson, pageNo: number): LessonPageView {
    const { row, completedNow, xp } = store.transaction(() => {
      const row: LessonProgressRow = repo.lesson(c.scope, c.userId, lesson.id) ?? { lessonId: lesson.id, pagesSeen: 0, tries: [], startedAt: c.now, completedAt: null };
      row.pagesSeen |= pageBit(pageNo);
      let completedNow = false;
      let xp = 0;
      if (row.completedAt === null && pagesSeenOf(row, lesson.pages.length) === lesson.pages.length) {
        row.completedAt = c.now;
        completedNow = true;
        if (repo.addXp(c.scope, c.userId, { at: c.now, day: c.window.day, source: 'lesson', ref: lesson.id, xp: XP_RULES.lessonCompleted })) xp = XP_RULES.lessonCompleted;
      }
      repo.putLesson(c.scope, c.userId, row);
      repo.setLessonCursor(c.scope, c.userId, lesson.id, pageNo);
      return { row, completedNow, xp };
    });
    const page = lesson.pages[pageNo - 1]!;
    return {
      status: 'ok',
      locale: c.locale,
      lesson: { id: lesson.id, order: lesson.order, title: lesson.title[c.locale], summary: lesson.summary[c.locale], pages: lesson.pages.length },
      page: pageNo,
      body: page.body[c.locale],
      facts: [...page.facts],
      tryIts: page.tryIt.map((t, index) => ({ index: index + 1, label: t.label[c.locale], command: t.command, done: row.tries.includes(`${pageNo}.${index + 1}`) })),
      isLast: pageNo === lesson.pages.length,
      completed: row.completedAt !== null,
      completedNow,
      xp,
      next: nextPlace(lesson, pageNo),
    };
  }

  /**
   * The page after the one the student read last (the next lesson's first page after a
   * lesson's last); the first lesson not completed when they have not started.
   */
  async function lessonNext(student: StudentRef): Promise<LessonPageView | { status: 'end-of-course'; locale: Locale }> {
    return lock.run(keyOf(student), async () => {
      const c = context(student);
      const cursor = repo.cursor(c.scope, c.userId);
      const current = cursor.lessonId ? course.lessonById.get(cursor.lessonId) : undefined;
      if (!current || !cursor.lessonPage) {
        const done = new Set(repo.lessons(c.scope, c.userId).filter((r) => r.completedAt !== null).map((r) => r.lessonId));
        const first = course.lessons.find((lesson) => !done.has(lesson.id)) ?? course.lessons[0]!;
        return showPage(c, first, 1);
      }
      const next = nextPlace(current, cursor.lessonPage);
      if (!next) return { status: 'end-of-course', locale: c.locale };
      return showPage(c, course.lessonById.get(next.lessonId)!, next.page);
    });
  }

  /** Runs a lesson's "Try it" line in the student's own host (that is the point) and notes it. */
  async function tryIt(student: StudentRef, ref: string | number, page: number, index: number): Promise<TryItResult | NotFound> {
    const c = context(student);
    const lesson = lessonRef(course.lessons, ref);
    if (!lesson) return notFound('lesson', c.locale);
    const tryItItem = lesson.pages[page - 1]?.tryIt[index - 1];
    if (!tryItItem) return notFound('try-it', c.locale);
    // Through learning's runLine, so a try-it that fails feeds the reviews like any command.
    const reply = await runLine(student, tryItItem.command);
    await lock.run(keyOf(student), async () => {
      store.transaction(() => {
        const row: LessonProgressRow = repo.lesson(c.scope, c.userId, lesson.id) ?? { lessonId: lesson.id, pagesSeen: 0, tries: [], startedAt: c.now, completedAt: null };
        const mark = `${page}.${index}`;
        if (!row.tries.includes(mark)) row.tries.push(mark);
        row.pagesSeen |= pageBit(page);
        repo.putLesson(c.scope, c.userId, row);
      });
    });
    return { status: 'ok', locale: c.locale, lessonId: lesson.id, page, index, command: tryItItem.command, label: tryItItem.label[c.locale], reply };
  }

  /**
   * The question at the end of a lesson: one about the lesson's facts (the lesson's own list
   * when it has one), preferring questions the student has not answered, then the weakest.
   */
  async function lessonQuestion(student: StudentRef, ref: string | number): Promise<QuizNext | NotFound> {
    return lock.run(keyOf(student), async () => {
      const c = context(student);
      const lesson = lessonRef(course.lessons, ref);
      if (!lesson) return notFound('lesson', c.locale);
      const open = repo.openPresentation(c.scope, c.userId, c.window.start);
      if (open && open.source === 'lesson' && open.ref === lesson.id && course.questionById.has(open.questionId)) return { status: 'card', card: cardView(c, open) };
      const facts = new Set<string>(lesson.facts);
      const listed = lesson.quiz.filter((id) => course.questionById.has(id));
      const candidates = listed.length > 0 ? listed : course.questions.filter((q) => q.facts.some((f) => facts.has(f))).map((q) => q.id);
      if (candidates.length === 0) return notFound('question', c.locale);
      let chosen = candidates.find((id) => !repo.card(c.scope, c.userId, id));
      if (!chosen) {
        let weakest = Infinity;
        for (const id of candidates) {
          const r = recall(repo.card(c.scope, c.userId, id)!, c.now);
          if (r < weakest) [weakest, chosen] = [r, id];
        }
      }
      const presentation = repo.createPresentation({ scope: c.scope, userId: c.userId, questionId: chosen!, source: 'lesson', ref: lesson.id, shownAt: c.now });
      return { status: 'card', card: cardView(c, presentation) };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Labs

  function labInfo(lab: Lab, locale: Locale): LabInfo {
    return { id: lab.id, order: lab.order, title: lab.title[locale], goal: lab.goal[locale], difficulty: lab.difficulty, xp: lab.xp, facts: [...lab.facts] };
  }

  function resolveLab(c: Ctx, ref: string | number | undefined): Lab | undefined {
    return labRef(course.labs, ref ?? repo.cursor(c.scope, c.userId).labId ?? undefined);
  }

  const assignedIds = (scope: string) => new Set(repo.assignments(scope).map((a) => a.labId));

  async function listLabs(student: StudentRef): Promise<{ locale: Locale; labs: LabSummary[]; current: string | null }> {
    const c = context(student);
    const rows = new Map(repo.labs(c.scope, c.userId).map((row) => [row.labId, row]));
    const assigned = assignedIds(c.scope);
    return {
      locale: c.locale,
      labs: course.labs.map((lab) => ({
        id: lab.id,
        order: lab.order,
        title: lab.title[c.locale],
        difficulty: lab.difficulty,
        xp: lab.xp,
        facts: [...lab.facts],
        started: rows.has(lab.id),
        passed: rows.get(lab.id)?.passedAt != null,
        assigned: assigned.has(lab.id),
      })),
      current: repo.cursor(c.scope, c.userId).labId,
    };
  }

  /** Runs the lab's checks on a scratch copy of the student's host. */
  async function runChecks(student: StudentRef, c: Ctx, lab: Lab): Promise<ProbeOutcome[]> {
    const { state } = await baleia.viewHost(student);
    return runProbes(new ScratchHost(state, portsFor(c.scope), c.now), lab.checks, c.locale);
  }

  function ensureLabRow(c: Ctx, lab: Lab) {
    const row = repo.lab(c.scope, c.userId, lab.id) ?? { labId: lab.id, startedAt: c.now, hints: 0, checks: 0, lastCheckedAt: null, lastResult: null, passedAt: null };
    return row;
  }

  function statusView(c: Ctx, lab: Lab, row: ReturnType<typeof ensureLabRow>, checks: ProbeOutcome[]): LabStatusView {
    return {
      status: 'ok',
      locale: c.locale,
      lab: labInfo(lab, c.locale),
      hints: lab.hints.slice(0, row.hints).map((hint) => hint[c.locale]),
      hintsLeft: lab.hints.length - row.hints,
      checks,
      allHold: checks.every((check) => check.holds),
      passed: row.passedAt !== null,
      assigned: assignedIds(c.scope).has(lab.id),
    };
  }

  /** A lab's goal, the hints revealed so far and which checks hold now; opens it as the current lab. */
  async function labStatus(student: StudentRef, ref?: string | number): Promise<LabStatusView | NotFound> {
    const c = context(student);
    const lab = resolveLab(c, ref);
    if (!lab) return notFound('lab', c.locale);
    const checks = await runChecks(student, c, lab);
    return lock.run(keyOf(student), async () => {
      const row = store.transaction(() => {
        const row = ensureLabRow(c, lab);
        repo.putLab(c.scope, c.userId, row);
        repo.setLabCursor(c.scope, c.userId, lab.id);
        return row;
      });
      return statusView(c, lab, row, checks);
    });
  }

  /** Checks the lab; the first time every check holds it is passed: XP once, and the day counts. */
  async function checkLab(student: StudentRef, ref?: string | number): Promise<LabCheckView | NotFound> {
    const c = context(student);
    const lab = resolveLab(c, ref);
    if (!lab) return notFound('lab', c.locale);
    const checks = await runChecks(student, c, lab);
    return lock.run(keyOf(student), async () => {
      const allHold = checks.every((check) => check.holds);
      const { row, passedNow, xp } = store.transaction(() => {
        const row = ensureLabRow(c, lab);
        row.checks += 1;
        row.lastCheckedAt = c.now;
        row.lastResult = checks.map((check) => (check.holds ? '1' : '0')).join('');
        let passedNow = false;
        let xp = 0;
        if (allHold && row.passedAt === null) {
          row.passedAt = c.now;
          passedNow = true;
          if (repo.addXp(c.scope, c.userId, { at: c.now, day: c.window.day, source: 'lab', ref: lab.id, xp: lab.xp })) xp = lab.xp;
          repo.markLabPassed(c.scope, c.userId, c.window.day);
        }
        repo.putLab(c.scope, c.userId, row);
        repo.setLabCursor(c.scope, c.userId, lab.id);
        return { row, passedNow, xp };
      });
      return { ...statusView(c, lab, row, checks), passedNow, xp };
    });
  }

  /** Reveals the lab's next hint (they go from a nudge to nearly the answer). */
  async function labHint(student: StudentRef, ref?: string | number): Promise<LabHintView | NotFound> {
    return lock.run(keyOf(student), async () => {
      const c = context(student);
      const lab = resolveLab(c, ref);
      if (!lab) return notFound('lab', c.locale);
      const row = store.transaction(() => {
        const row = ensureLabRow(c, lab);
        if (row.hints < lab.hints.length) row.hints += 1;
        else return { ...row, exhausted: true };
        repo.putLab(c.scope, c.userId, row);
        repo.setLabCursor(c.scope, c.userId, lab.id);
        return { ...row, exhausted: false };
      });
      const hints = lab.hints.slice(0, row.hints).map((hint) => hint[c.locale]);
      return { status: 'ok', locale: c.locale, lab: labInfo(lab, c.locale), hint: row.exhausted ? null : hints.at(-1) ?? null, hints, hintsLeft: lab.hints.length - row.hints };
    });
  }

  /** Wipes the student's host and runs the lab's setup lines in it. */
  async function resetLab(student: StudentRef, ref?: string | number): Promise<LabResetView | NotFound> {
    const c = context(student);
    const lab = resolveLab(c, ref);
    if (!lab) return notFound('lab', c.locale);
    await baleia.resetHost(student);
    const setup: LabResetView['setup'] = [];
    for (const line of lab.setup) {
      const reply = await baleia.runLine(student, line);
      setup.push({ line, exitCode: reply.exitCode, output: reply.chunks.map((chunk) => chunk.text).join('') });
    }
    await lock.run(keyOf(student), async () => {
      store.transaction(() => {
        repo.putLab(c.scope, c.userId, ensureLabRow(c, lab));
        repo.setLabCursor(c.scope, c.userId, lab.id);
      });
    });
    return { status: 'ok', locale: c.locale, lab: labInfo(lab, c.locale), setup };
  }

  // -------------------------------------------------------------------------------------------
  // Mistakes on the host feed the reviews

  /**
   * When the host reports a Docker error tagged with course facts (`docker.error`), each fact
   * (at most three per line) gets one card due now, unless one of its cards is due today
   * already: the answered card the student is most likely to have forgotten (lowest FSRS
   * retrievability) is pulled forward to now, leaving its stability alone, so FSRS treats the
   * next answer as an early review; a fact the student never answered instead gets its first
   * question in course order introduced now (it jumps the new-card queue and counts as one of
   * the day's new cards). Every error is also kept for the class's "most common mistakes".
   */
  function recordHostEvents(student: StudentRef, events: readonly EngineEvent[]): HostEventsOutcome {
    const errors = events.filter((e) => e.kind === 'docker.error');
    if (errors.length === 0) return { mistakes: 0, boosted: [] };
    const now = deps.clock();
    const { scope, userId } = student;
    const window = dayWindow(now, timeZoneOf(scope));
    return store.transaction(() => {
      for (const error of errors) {
        repo.addMistake(scope, userId, { at: now, code: String(error.data.code ?? 'unknown'), facts: [...error.facts], message: String(error.data.message ?? '').slice(0, 300) });
      }
      const facts = [...new Set(errors.flatMap((e) => e.facts))].filter((f) => course.questionsByFact.has(f)).slice(0, 3);
      const boosted: string[] = [];
      for (const fact of facts) {
        const ids = course.questionsByFact.get(fact)!;
        const cards = ids.map((id) => ({ id, card: repo.card(scope, userId, id) }));
        if (cards.some(({ card }) => card && card.due < window.end)) continue;
        let weakest: { id: string; r: number } | undefined;
        for (const { id, card } of cards) {
          if (!card || card.lastReview === null) continue;
          const r = recall(card, now);
          if (!weakest || r < weakest.r) weakest = { id, r };
        }
        if (weakest) {
          repo.setCardDue(scope, userId, weakest.id, now);
          boosted.push(weakest.id);
        } else {
          const unseen = cards.find(({ card }) => !card);
          if (unseen) {
            repo.putCard(scope, userId, newCard(unseen.id, now));
            boosted.push(unseen.id);
          }
        }
      }
      return { mistakes: errors.length, boosted };
    });
  }

  /** The host use case, with the student's Docker mistakes fed to their reviews. */
  async function runLine(student: StudentRef, line: string, options: { stdin?: string } = {}): Promise<LineReply> {
    const reply = await baleia.runLine(student, line, options);
    if (!reply.refused) recordHostEvents(student, reply.events);
    return reply;
  }

  /** The prompt the student's terminal shows now (for shells that print a transcript). */
  async function shellPrompt(student: StudentRef): Promise<string> {
    const { ctx } = await baleia.viewHost(student);
    return promptFor(ctx);
  }

  // -------------------------------------------------------------------------------------------
  // Progress

  function progressOf(scope: string, userId: string, displayName: string, locale: Locale, now: number): ProgressView {
    const timeZone = timeZoneOf(scope);
    const window = dayWindow(now, timeZone);
    return buildProgressView({
      course,
      locale,
      displayName,
      now,
      today: window.day,
      timeZone,
      cards: repo.cards(scope, userId),
      activity: repo.activityDays(scope, userId),
      lessons: repo.lessons(scope, userId),
      labs: repo.labs(scope, userId),
      xp: { total: repo.xpTotal(scope, userId), today: repo.xpSince(scope, userId, window.day), last7Days: repo.xpSince(scope, userId, addDays(window.day, -6)) },
      reviews: repo.reviewTotalsOf(scope, userId),
      due: repo.dueCount(scope, userId, window.end),
      newLeftToday: Math.max(0, newPerDay - repo.introducedSince(scope, userId, window.start)),
      nextDue: repo.nextDue(scope, userId, window.end) ?? null,
    });
  }

  /** Everything /progress shows: XP, streak and calendar, mastery per topic and fact, what is due. */
  async function progressView(student: StudentRef): Promise<ProgressView> {
    const c = context(student);
    return progressOf(c.scope, c.userId, c.displayName, c.locale, c.now);
  }

  // -------------------------------------------------------------------------------------------
  // The class's daily question (the prompt and its timing belong to the class feature)

  /** A question as posted for the whole class: the same option order for everyone. */
  function dailyQuestion(questionId: string, locale: Locale, promptId: string): QuestionContent | undefined {
    const question = course.questionById.get(questionId);
    if (!question) return undefined;
    return questionContent(question, locale, `daily:${promptId}`, course.predictAnswers.get(questionId));
  }

  /**
   * One student's answer to a daily prompt: counted once (a second press returns the first
   * result), reviewed by FSRS like any card, and it makes the day count for the streak.
   */
  async function answerDailyQuestion(student: StudentRef, input: { promptId: string; questionId: string; answer: string; elapsedMs?: number }): Promise<QuizAnswer> {
    return lock.run(keyOf(student), async () => {
      const c = context(student);
      if (!course.questionById.has(input.questionId)) return notFound('question', c.locale);
      const presentation = repo.dailyPresentation(c.scope, c.userId, input.promptId)
        ?? repo.createPresentation({ scope: c.scope, userId: c.userId, questionId: input.questionId, source: 'daily', ref: input.promptId, shownAt: c.now - Math.max(0, input.elapsedMs ?? 0) });
      return answerPresentation(c, presentation, input.answer, input.elapsedMs);
    });
  }

  /** How the class answered a daily prompt: share right and the spread over the options. */
  function dailyResults(scope: string, promptId: string, questionId: string, locale: Locale): DailyResults | undefined {
    const question = course.questionById.get(questionId);
    if (!question) return undefined;
    const answers = repo.answersTo(scope, 'daily', promptId);
    const counts = new Map<string, number>();
    for (const a of answers) counts.set(a.answer, (counts.get(a.answer) ?? 0) + 1);
    const predicted = course.predictAnswers.get(questionId);
    const content = questionContent(question, locale, `daily:${promptId}`, predicted);
    const right = answers.filter((a) => a.correct).length;
    const spread = content.options.map((option) => {
      const value = [...counts.keys()].find((v) => keyOfValue(question, locale, `daily:${promptId}`, v, predicted) === option.key);
      const graded = gradeChoice(question, locale, `daily:${promptId}`, option.key, predicted);
      return { key: option.key, text: option.text, count: value === undefined ? 0 : counts.get(value)!, correct: graded.valid && graded.correct };
    });
    return { questionId, answers: answers.length, correct: right, share: answers.length === 0 ? null : right / answers.length, spread, explanation: question.explanation[locale], locale };
  }

  /**
   * A question for the class's daily prompt: about the fact the class knows least (lowest mean
   * mastery, then most host mistakes in the last two weeks), answerable with buttons, not in
   * `exclude` (recent prompts), earliest in course order.
   */
  function pickDailyQuestion(scope: string, options: { exclude?: readonly string[] } = {}): string | null {
    const now = deps.clock();
    const excluded = new Set(options.exclude ?? []);
    const mastery = new Map(classMastery(scope).map((f) => [f.fact, f.mean]));
    const mistakes = new Map<string, number>();
    for (const m of repo.mistakesSince(scope, now - 14 * DAY_MS)) for (const f of m.facts) mistakes.set(f, (mistakes.get(f) ?? 0) + 1);
    const facts = [...course.questionsByFact.keys()].sort(
      (a, b) => (mastery.get(a) ?? 0) - (mastery.get(b) ?? 0) || (mistakes.get(b) ?? 0) - (mistakes.get(a) ?? 0) || a.localeCompare(b),
    );
    for (const fact of facts) {
      const id = course.questionsByFact.get(fact)!.find((qid) => !excluded.has(qid) && course.questionById.get(qid)!.kind !== 'command');
      if (id) return id;
    }
    return null;
  }

  // -------------------------------------------------------------------------------------------
  // The class, for instructors (issue 7 builds the commands on these)

  function classSummaries(scope: string): StudentSummary[] {
    const now = deps.clock();
    const today = dayWindow(now, timeZoneOf(scope)).day;
    return summarizeClass({
      course,
      now,
      today,
      students: store.students.learners(scope),
      cards: repo.memoryOfScope(scope),
      activity: repo.activityDaysOfScope(scope),
      labs: repo.labsOfScope(scope),
      xpByDay: repo.xpByUserDay(scope, addDays(today, -30)),
      xpTotals: repo.xpTotals(scope),
      reviewTotals: repo.reviewTotals(scope),
      lessonsCompleted: repo.lessonsCompletedByUser(scope),
      lastReview: repo.lastReviewByUser(scope),
      assignedLabs: repo.assignments(scope).map((a) => a.labId),
    });
  }

  function classMastery(scope: string): FactClassMastery[] {
    return classFactMastery(classSummaries(scope));
  }

  function commonMistakes(scope: string, options: { sinceDays?: number; limit?: number; locale?: Locale } = {}) {
    const since = deps.clock() - (options.sinceDays ?? 14) * DAY_MS;
    const limit = options.limit ?? 10;
    const locale = options.locale ?? 'pt-BR';
    return {
      host: repo.mistakesByCode(scope, since, limit),
      quiz: repo.commonWrongAnswers(scope, since, limit).flatMap((row) => {
        const question = course.questionById.get(row.questionId);
        if (!question) return [];
        const prompt = question.kind === 'truefalse' ? question.statement[locale] : question.prompt[locale];
        return [{ ...row, prompt, answerText: answerText(question, row.answer, locale), facts: [...question.facts] }];
      }),
    };
  }

  function inactiveStudents(scope: string, options: { days?: number } = {}): InactiveStudent[] {
    return inactiveOf(classSummaries(scope), deps.clock(), options.days ?? 7);
  }

  function leaderboard(scope: string, options: { includeHidden?: boolean } = {}): LeaderboardEntry[] {
    return leaderboardOf(classSummaries(scope), options);
  }

  /** The top ten and the student's own place (null while they hide themselves). */
  function leaderboardFor(student: StudentRef, top = 10) {
    const profile = baleia.profileOf(student);
    const board = leaderboard(student.scope);
    return { top: board.slice(0, top), me: board.find((entry) => entry.userId === student.userId) ?? null, hidden: profile.hiddenFromLeaderboard, students: board.length };
  }

  async function setLeaderboardHidden(student: StudentRef, hidden: boolean): Promise<void> {
    baleia.profileOf(student);
    store.students.setHidden(student.scope, student.userId, hidden);
  }

  /** What an instructor sees of one student. */
  function studentReport(scope: string, userId: string, locale: Locale) {
    const row = store.students.get(scope, userId);
    if (!row) return undefined;
    const now = deps.clock();
    const progress = progressOf(scope, userId, row.displayName, locale, now);
    const facts: FactMastery[] = factMasteries(course, repo.cards(scope, userId), now);
    const labs = new Map(repo.labs(scope, userId).map((lab) => [lab.labId, lab]));
    return {
      userId,
      displayName: row.displayName,
      userName: row.userName,
      lastActiveAt: Math.max(row.lastActiveAt, repo.lastReviewByUser(scope).get(userId) ?? 0),
      progress,
      facts,
      weakFacts: facts.filter((f) => f.status !== 'unseen' && f.status !== 'mastered').sort((a, b) => a.value - b.value).slice(0, 8),
      labs: course.labs.map((lab) => ({ id: lab.id, title: lab.title[locale], passedAt: labs.get(lab.id)?.passedAt ?? null, checks: labs.get(lab.id)?.checks ?? 0, hints: labs.get(lab.id)?.hints ?? 0 })),
      recentMistakes: repo.recentMistakes(scope, userId, 10),
      recentWrongAnswers: repo.recentWrongAnswers(scope, userId, 10).flatMap((w) => {
        const question = course.questionById.get(w.questionId);
        return question ? [{ ...w, answerText: answerText(question, w.answer, locale) }] : [];
      }),
    };
  }

  /**
   * Everything /class overview shows, from one pass over the class: mastery per fact, the
   * leaderboard (hidden students included, flagged), inactive students, common mistakes.
   */
  function classOverview(scope: string, options: { inactiveDays?: number; mistakesSinceDays?: number; locale?: Locale } = {}) {
    const summaries = classSummaries(scope);
    return {
      students: summaries.length,
      facts: classFactMastery(summaries),
      leaderboard: leaderboardOf(summaries, { includeHidden: true }),
      inactive: inactiveOf(summaries, deps.clock(), options.inactiveDays ?? 7),
      mistakes: commonMistakes(scope, { sinceDays: options.mistakesSinceDays ?? 14, ...(options.locale && { locale: options.locale }) }),
    };
  }

  function exportRows(scope: string): ExportRow[] {
    return exportRowsOf(classSummaries(scope), repo.assignments(scope).map((a) => a.labId));
  }

  function exportCsv(scope: string): string {
    return toCsv(exportRows(scope));
  }

  function assignLab(scope: string, labId: string, by: string): { status: 'ok'; labId: string } | { status: 'not-found' } {
    const lab = labRef(course.labs, labId);
    if (!lab) return { status: 'not-found' };
    repo.assignLab(scope, lab.id, deps.clock(), by);
    return { status: 'ok', labId: lab.id };
  }

  function unassignLab(scope: string, labId: string): void {
    repo.unassignLab(scope, labId);
  }

  /** Labs assigned to the class, with who has passed each. */
  function assignments(scope: string, locale: Locale) {
    const passed = new Map<string, string[]>();
    for (const { userId, lab } of repo.labsOfScope(scope)) {
      if (lab.passedAt === null) continue;
      passed.set(lab.labId, [...(passed.get(lab.labId) ?? []), userId]);
    }
    const students = store.students.learners(scope).length;
    return repo.assignments(scope).flatMap((a) => {
      const lab = course.labById.get(a.labId);
      return lab ? [{ labId: a.labId, title: lab.title[locale], assignedAt: a.assignedAt, assignedBy: a.assignedBy, passedBy: passed.get(a.labId) ?? [], students }] : [];
    });
  }

  /** The language the student reads Baleia in. */
  function localeOf(student: StudentRef): Locale {
    return resolveLocale(baleia.profileOf(student).locale, student.locale);
  }

  return {
    course,
    localeOf,
    // quiz
    nextQuizCard,
    currentQuizCard,
    answerQuizCard,
    peekNextCard,
    // lessons
    listLessons,
    lessonPage,
    lessonNext,
    tryIt,
    lessonQuestion,
    // labs
    listLabs,
    labStatus,
    checkLab,
    labHint,
    resetLab,
    // host
    runLine,
    recordHostEvents,
    shellPrompt,
    // progress
    progressView,
    // daily prompt
    dailyQuestion,
    answerDailyQuestion,
    dailyResults,
    pickDailyQuestion,
    // class
    classSummaries,
    classMastery,
    classOverview,
    commonMistakes,
    inactiveStudents,
    leaderboard,
    leaderboardFor,
    setLeaderboardHidden,
    studentReport,
    exportRows,
    exportCsv,
    assignLab,
    unassignLab,
    assignments,
    idle: () => lock.idle(),
  };
}

export type Learning = ReturnType<typeof createLearning>;
