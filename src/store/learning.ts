// Learning data per student per class server: FSRS cards, quiz presentations and reviews,
// lesson and lab progress, XP, streak days, host mistakes, and the class's lab assignments.
// Plain rows in and out; what they mean is decided in src/learning and src/app/learning.ts.
import type { CardRecord } from '../learning/scheduler';

/** What recall and mastery read of a card. */
export type MemoryCard = Pick<CardRecord, 'questionId' | 'state' | 'lastReview' | 'stability'>;
import type { Db } from './database';

export type PresentationSource = 'quiz' | 'lesson' | 'daily';

export interface PresentationRow {
  id: number;
  scope: string;
  userId: string;
  questionId: string;
  source: PresentationSource;
  ref: string | null;
  shownAt: number;
  answeredAt: number | null;
  /** The answer result as saved (JSON), handed back again on a repeated submit. */
  result: string | null;
}

export interface ReviewInsert {
  scope: string;
  userId: string;
  questionId: string;
  presentationId: number | null;
  source: PresentationSource;
  ref: string | null;
  at: number;
  day: string;
  correct: boolean;
  /** The answer in a form that does not depend on shuffling: `option:2`, `true`, an output, a line. */
  answer: string;
  rating: number;
  elapsedMs: number | null;
  dueAfter: number;
  xp: number;
}

export interface LessonProgressRow {
  lessonId: string;
  /** Bit n set = page n seen. */
  pagesSeen: number;
  /** `page.index` of every try-it pressed. */
  tries: string[];
  startedAt: number;
  completedAt: number | null;
}

export interface LabProgressRow {
  labId: string;
  startedAt: number;
  hints: number;
  checks: number;
  lastCheckedAt: number | null;
  /** One character per check: 1 held, 0 did not. */
  lastResult: string | null;
  passedAt: number | null;
}

export interface ActivityDayRow {
  userId: string;
  day: string;
  reviewsDone: boolean;
  labsPassed: number;
  dailyAnswered: boolean;
  answers: number;
}

export interface MistakeRow {
  userId: string;
  at: number;
  code: string;
  facts: string[];
  message: string;
}

export interface Cursor {
  lessonId: string | null;
  lessonPage: number | null;
  labId: string | null;
}

interface CardRaw {
  user_id?: string;
  question_id: string;
  due: number;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: number | null;
  introduced_at: number;
}

const toCard = (row: CardRaw): CardRecord => ({
  questionId: row.question_id,
  due: row.due,
  stability: row.stability,
  difficulty: row.difficulty,
  scheduledDays: row.scheduled_days,
  reps: row.reps,
  lapses: row.lapses,
  state: row.state,
  lastReview: row.last_review,
  introducedAt: row.introduced_at,
});

interface PresentationRaw {
  id: number;
  scope: string;
  user_id: string;
  question_id: string;
  source: PresentationSource;
  ref: string | null;
  shown_at: number;
  answered_at: number | null;
  result: string | null;
}

const toPresentation = (row: PresentationRaw): PresentationRow => ({
  id: row.id,
  scope: row.scope,
  userId: row.user_id,
  questionId: row.question_id,
  source: row.source,
  ref: row.ref,
  shownAt: row.shown_at,
  answeredAt: row.answered_at,
  result: row.result,
});

interface ActivityRaw {
  user_id: string;
  day: string;
  reviews_done: number;
  labs_passed: number;
  daily_answered: number;
  answers: number;
}

const toActivity = (row: ActivityRaw): ActivityDayRow => ({
  userId: row.user_id,
  day: row.day,
  reviewsDone: row.reviews_done === 1,
  labsPassed: row.labs_passed,
  dailyAnswered: row.daily_answered === 1,
  answers: row.answers,
});

interface LabRaw {
  user_id?: string;
  lab_id: string;
  started_at: number;
  hints: number;
  checks: number;
  last_checked_at: number | null;
  last_result: string | null;
  passed_at: number | null;
}

const toLab = (row: LabRaw): LabProgressRow => ({
  labId: row.lab_id,
  startedAt: row.started_at,
  hints: row.hints,
  checks: row.checks,
  lastCheckedAt: row.last_checked_at,
  lastResult: row.last_result,
  passedAt: row.passed_at,
});

interface LessonRaw {
  user_id?: string;
  lesson_id: string;
  pages_seen: number;
  tries: string;
  started_at: number;
  completed_at: number | null;
}

const toLesson = (row: LessonRaw): LessonProgressRow => ({
  lessonId: row.lesson_id,
  pagesSeen: row.pages_seen,
  tries: JSON.parse(row.tries) as string[],
  startedAt: row.started_at,
  completedAt: row.completed_at,
});

const CARD_COLUMNS = 'question_id, due, stability, difficulty, scheduled_days, reps, lapses, state, last_review, introduced_at';

export function createLearningRepository(db: Db) {
  // Cards.
  const cardGet = db.prepare<[string, string, string], CardRaw>(`SELECT ${CARD_COLUMNS} FROM cards WHERE scope = ? AND user_id = ? AND question_id = ?`);
  const cardPut = db.prepare(
    `INSERT INTO cards (scope, user_id, question_id, due, stability, difficulty, scheduled_days, reps, lapses, state, last_review, introduced_at)
     VALUES (@scope, @userId, @questionId, @due, @stability, @difficulty, @scheduledDays, @reps, @lapses, @state, @lastReview, @introducedAt)
     ON CONFLICT (scope, user_id, question_id) DO UPDATE SET due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
       scheduled_days = excluded.scheduled_days, reps = excluded.reps, lapses = excluded.lapses, state = excluded.state, last_review = excluded.last_review`,
  );
  const cardSetDue = db.prepare('UPDATE cards SET due = ? WHERE scope = ? AND user_id = ? AND question_id = ?');
  const cardsDue = db.prepare<[string, string, number, number], { question_id: string; due: number }>(
    'SELECT question_id, due FROM cards WHERE scope = ? AND user_id = ? AND due < ? ORDER BY due, question_id LIMIT ?',
  );
  const cardsDueCount = db.prepare<[string, string, number], { n: number }>('SELECT COUNT(*) AS n FROM cards WHERE scope = ? AND user_id = ? AND due < ?');
  const cardsIntroduced = db.prepare<[string, string, number], { n: number }>('SELECT COUNT(*) AS n FROM cards WHERE scope = ? AND user_id = ? AND introduced_at >= ?');
  const cardIds = db.prepare<[string, string], string>('SELECT question_id FROM cards WHERE scope = ? AND user_id = ?').pluck();
  const cardsOf = db.prepare<[string, string], CardRaw>(`SELECT ${CARD_COLUMNS} FROM cards WHERE scope = ? AND user_id = ?`);
  // Whole-class reads fetch only what mastery needs, as arrays: a class of 300 students holds
  // tens of thousands of cards.
  const memoryOfScope = db.prepare<[string], [string, string, number, number | null, number]>(
    'SELECT user_id, question_id, state, last_review, stability FROM cards WHERE scope = ?',
  ).raw();
  const nextDue = db.prepare<[string, string, number], { due: number | null }>('SELECT MIN(due) AS due FROM cards WHERE scope = ? AND user_id = ? AND due >= ?');

  // Presentations.
  const presentationInsert = db.prepare('INSERT INTO quiz_presentations (scope, user_id, question_id, source, ref, shown_at) VALUES (?, ?, ?, ?, ?, ?)');
  const presentationGet = db.prepare<[number], PresentationRaw>('SELECT * FROM quiz_presentations WHERE id = ?');
  const presentationOpen = db.prepare<[string, string, number], PresentationRaw>(
    `SELECT * FROM quiz_presentations WHERE scope = ? AND user_id = ? AND answered_at IS NULL AND source != 'daily' AND shown_at >= ? ORDER BY id DESC LIMIT 1`,
  );
  const presentationDaily = db.prepare<[string, string, string], PresentationRaw>(`SELECT * FROM quiz_presentations WHERE scope = ? AND user_id = ? AND ref = ? AND source = 'daily'`);
  const presentationAnswer = db.prepare('UPDATE quiz_presentations SET answered_at = ?, result = ? WHERE id = ? AND answered_at IS NULL');

  // Reviews.
  const reviewInsert = db.prepare(
    `INSERT INTO reviews (scope, user_id, question_id, presentation_id, source, ref, at, day, correct, answer, rating, elapsed_ms, due_after, xp)
     VALUES (@scope, @userId, @questionId, @presentationId, @source, @ref, @at, @day, @correct, @answer, @rating, @elapsedMs, @dueAfter, @xp)`,
  );
  const reviewTotals = db.prepare<[string], { user_id: string; n: number; correct: number }>(
    'SELECT user_id, COUNT(*) AS n, SUM(correct) AS correct FROM reviews WHERE scope = ? GROUP BY user_id',
  );
  const reviewTotalsOf = db.prepare<[string, string], { n: number; correct: number | null }>('SELECT COUNT(*) AS n, SUM(correct) AS correct FROM reviews WHERE scope = ? AND user_id = ?');
  const wrongAnswers = db.prepare<[string, number, number], { question_id: string; answer: string; n: number; students: number }>(
    `SELECT question_id, answer, COUNT(*) AS n, COUNT(DISTINCT user_id) AS students FROM reviews
     WHERE scope = ? AND correct = 0 AND at >= ? GROUP BY question_id, answer ORDER BY n DESC, students DESC, question_id LIMIT ?`,
  );
  const recentWrongOf = db.prepare<[string, string, number], { question_id: string; answer: string; at: number }>(
    'SELECT question_id, answer, at FROM reviews WHERE scope = ? AND user_id = ? AND correct = 0 ORDER BY at DESC, id DESC LIMIT ?',
  );
  const answersToRef = db.prepare<[string, string, string], { user_id: string; answer: string; correct: number; at: number }>(
    'SELECT user_id, answer, correct, at FROM reviews WHERE scope = ? AND source = ? AND ref = ? ORDER BY at, id',
  );
  const lastActivityByUser = db.prepare<[string], { user_id: string; at: number }>('SELECT user_id, MAX(at) AS at FROM reviews WHERE scope = ? GROUP BY user_id');

  // Lessons, labs, cursors.
  const lessonGet = db.prepare<[string, string, string], LessonRaw>('SELECT lesson_id, pages_seen, tries, started_at, completed_at FROM lesson_progress WHERE scope = ? AND user_id = ? AND lesson_id = ?');
  const lessonsOf = db.prepare<[string, string], LessonRaw>('SELECT lesson_id, pages_seen, tries, started_at, completed_at FROM lesson_progress WHERE scope = ? AND user_id = ?');
  const lessonsDoneByUser = db.prepare<[string], { user_id: string; n: number }>(
    'SELECT user_id, COUNT(*) AS n FROM lesson_progress WHERE scope = ? AND completed_at IS NOT NULL GROUP BY user_id',
  );
  const lessonPut = db.prepare(
    `INSERT INTO lesson_progress (scope, user_id, lesson_id, pages_seen, tries, started_at, completed_at) VALUES (@scope, @userId, @lessonId, @pagesSeen, @tries, @startedAt, @completedAt)
     ON CONFLICT (scope, user_id, lesson_id) DO UPDATE SET pages_seen = excluded.pages_seen, tries = excluded.tries, completed_at = excluded.completed_at`,
  );
  const labGet = db.prepare<[string, string, string], LabRaw>('SELECT lab_id, started_at, hints, checks, last_checked_at, last_result, passed_at FROM lab_progress WHERE scope = ? AND user_id = ? AND lab_id = ?');
  const labsOf = db.prepare<[string, string], LabRaw>('SELECT lab_id, started_at, hints, checks, last_checked_at, last_result, passed_at FROM lab_progress WHERE scope = ? AND user_id = ?');
  const labsOfScope = db.prepare<[string], LabRaw & { user_id: string }>('SELECT user_id, lab_id, started_at, hints, checks, last_checked_at, last_result, passed_at FROM lab_progress WHERE scope = ?');
  const labPut = db.prepare(
    `INSERT INTO lab_progress (scope, user_id, lab_id, started_at, hints, checks, last_checked_at, last_result, passed_at)
     VALUES (@scope, @userId, @labId, @startedAt, @hints, @checks, @lastCheckedAt, @lastResult, @passedAt)
     ON CONFLICT (scope, user_id, lab_id) DO UPDATE SET hints = excluded.hints, checks = excluded.checks, last_checked_at = excluded.last_checked_at,
       last_result = excluded.last_result, passed_at = excluded.passed_at`,
  );
  const cursorGet = db.prepare<[string, string], { lesson_id: string | null; lesson_page: number | null; lab_id: string | null }>(
    'SELECT lesson_id, lesson_page, lab_id FROM learners WHERE scope = ? AND user_id = ?',
  );
  const cursorLesson = db.prepare(
    `INSERT INTO learners (scope, user_id, lesson_id, lesson_page) VALUES (?, ?, ?, ?)
     ON CONFLICT (scope, user_id) DO UPDATE SET lesson_id = excluded.lesson_id, lesson_page = excluded.lesson_page`,
  );
  const cursorLab = db.prepare('INSERT INTO learners (scope, user_id, lab_id) VALUES (?, ?, ?) ON CONFLICT (scope, user_id) DO UPDATE SET lab_id = excluded.lab_id');

  // XP.
  const xpInsert = db.prepare('INSERT OR IGNORE INTO xp_events (scope, user_id, at, day, source, ref, xp) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const xpTotalOf = db.prepare<[string, string], { xp: number | null }>('SELECT SUM(xp) AS xp FROM xp_events WHERE scope = ? AND user_id = ?');
  const xpSinceOf = db.prepare<[string, string, string], { xp: number | null }>('SELECT SUM(xp) AS xp FROM xp_events WHERE scope = ? AND user_id = ? AND day >= ?');
  const xpDayOfSource = db.prepare<[string, string, string, string], { xp: number | null }>(
    'SELECT SUM(xp) AS xp FROM xp_events WHERE scope = ? AND user_id = ? AND day = ? AND source = ?',
  );
  const xpByUserDay = db.prepare<[string, string], { user_id: string; day: string; xp: number }>(
    'SELECT user_id, day, SUM(xp) AS xp FROM xp_events WHERE scope = ? AND day >= ? GROUP BY user_id, day',
  );
  const xpTotalsByUser = db.prepare<[string], { user_id: string; xp: number }>('SELECT user_id, SUM(xp) AS xp FROM xp_events WHERE scope = ? GROUP BY user_id');

  // Streak days.
  const markReviews = db.prepare(
    'INSERT INTO activity_days (scope, user_id, day, reviews_done) VALUES (?, ?, ?, 1) ON CONFLICT (scope, user_id, day) DO UPDATE SET reviews_done = 1',
  );
  const markLab = db.prepare(
    'INSERT INTO activity_days (scope, user_id, day, labs_passed) VALUES (?, ?, ?, 1) ON CONFLICT (scope, user_id, day) DO UPDATE SET labs_passed = labs_passed + 1',
  );
  const markDaily = db.prepare(
    'INSERT INTO activity_days (scope, user_id, day, daily_answered) VALUES (?, ?, ?, 1) ON CONFLICT (scope, user_id, day) DO UPDATE SET daily_answered = 1',
  );
  const markAnswer = db.prepare(
    'INSERT INTO activity_days (scope, user_id, day, answers) VALUES (?, ?, ?, 1) ON CONFLICT (scope, user_id, day) DO UPDATE SET answers = answers + 1',
  );
  const daysOf = db.prepare<[string, string], ActivityRaw>('SELECT user_id, day, reviews_done, labs_passed, daily_answered, answers FROM activity_days WHERE scope = ? AND user_id = ? ORDER BY day');
  const daysOfScope = db.prepare<[string], ActivityRaw>('SELECT user_id, day, reviews_done, labs_passed, daily_answered, answers FROM activity_days WHERE scope = ? ORDER BY user_id, day');

  // Host mistakes.
  const mistakeInsert = db.prepare('INSERT INTO host_mistakes (scope, user_id, at, code, facts, message) VALUES (?, ?, ?, ?, ?, ?)');
  const mistakesByCode = db.prepare<[string, number, number], { code: string; n: number; students: number; facts: string; message: string }>(
    `SELECT code, COUNT(*) AS n, COUNT(DISTINCT user_id) AS students, MAX(facts) AS facts, MAX(message) AS message FROM host_mistakes
     WHERE scope = ? AND at >= ? GROUP BY code ORDER BY n DESC, students DESC, code LIMIT ?`,
  );
  const mistakesSince = db.prepare<[string, number], { user_id: string; at: number; code: string; facts: string; message: string }>(
    'SELECT user_id, at, code, facts, message FROM host_mistakes WHERE scope = ? AND at >= ?',
  );
  const recentMistakesOf = db.prepare<[string, string, number], { user_id: string; at: number; code: string; facts: string; message: string }>(
    'SELECT user_id, at, code, facts, message FROM host_mistakes WHERE scope = ? AND user_id = ? ORDER BY at DESC, id DESC LIMIT ?',
  );

  // Assignments.
  const assignmentPut = db.prepare(
    `INSERT INTO assignments (scope, lab_id, assigned_at, assigned_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (scope, lab_id) DO UPDATE SET assigned_at = excluded.assigned_at, assigned_by = excluded.assigned_by`,
  );
  const assignmentDelete = db.prepare('DELETE FROM assignments WHERE scope = ? AND lab_id = ?');
  const assignmentList = db.prepare<[string], { lab_id: string; assigned_at: number; assigned_by: string }>(
    'SELECT lab_id, assigned_at, assigned_by FROM assignments WHERE scope = ? ORDER BY assigned_at, lab_id',
  );

  const toMistake = (row: { user_id: string; at: number; code: string; facts: string; message: string }): MistakeRow => ({
    userId: row.user_id,
    at: row.at,
    code: row.code,
    facts: JSON.parse(row.facts) as string[],
    message: row.message,
  });

  return {
    card(scope: string, userId: string, questionId: string): CardRecord | undefined {
      const row = cardGet.get(scope, userId, questionId);
      return row && toCard(row);
    },
    putCard(scope: string, userId: string, card: CardRecord): void {
      cardPut.run({ scope, userId, ...card });
    },
    setCardDue(scope: string, userId: string, questionId: string, due: number): void {
      cardSetDue.run(due, scope, userId, questionId);
    },
    /** Cards due before `before`, most overdue first. */
    dueCards(scope: string, userId: string, before: number, limit: number): { questionId: string; due: number }[] {
      return cardsDue.all(scope, userId, before, limit).map((row) => ({ questionId: row.question_id, due: row.due }));
    },
    dueCount(scope: string, userId: string, before: number): number {
      return cardsDueCount.get(scope, userId, before)!.n;
    },
    introducedSince(scope: string, userId: string, since: number): number {
      return cardsIntroduced.get(scope, userId, since)!.n;
    },
    cardQuestionIds(scope: string, userId: string): string[] {
      return cardIds.all(scope, userId);
    },
    cards(scope: string, userId: string): CardRecord[] {
      return cardsOf.all(scope, userId).map(toCard);
    },
    /** Every student's cards in the class, reduced to what recall needs, grouped by student. */
    memoryOfScope(scope: string): Map<string, MemoryCard[]> {
      const byUser = new Map<string, MemoryCard[]>();
      for (const [userId, questionId, state, lastReview, stability] of memoryOfScope.all(scope)) {
        const card: MemoryCard = { questionId, state, lastReview, stability };
        const list = byUser.get(userId);
        if (list) list.push(card);
        else byUser.set(userId, [card]);
      }
      return byUser;
    },
    /** The earliest due date at or after `after`, if any card has one. */
    nextDue(scope: string, userId: string, after: number): number | undefined {
      return nextDue.get(scope, userId, after)?.due ?? undefined;
    },

    createPresentation(row: { scope: string; userId: string; questionId: string; source: PresentationSource; ref: string | null; shownAt: number }): PresentationRow {
      const id = Number(presentationInsert.run(row.scope, row.userId, row.questionId, row.source, row.ref, row.shownAt).lastInsertRowid);
      return { id, ...row, answeredAt: null, result: null };
    },
    presentation(id: number): PresentationRow | undefined {
      const row = presentationGet.get(id);
      return row && toPresentation(row);
    },
    /** The student's latest unanswered quiz or lesson card shown since `since`. */
    openPresentation(scope: string, userId: string, since: number): PresentationRow | undefined {
      const row = presentationOpen.get(scope, userId, since);
      return row && toPresentation(row);
    },
    dailyPresentation(scope: string, userId: string, ref: string): PresentationRow | undefined {
      const row = presentationDaily.get(scope, userId, ref);
      return row && toPresentation(row);
    },
    /** Records the answer unless one was recorded already; false means it was a repeat. */
    answerPresentation(id: number, at: number, result: string): boolean {
      return presentationAnswer.run(at, result, id).changes === 1;
    },

    addReview(review: ReviewInsert): void {
      reviewInsert.run({ ...review, correct: review.correct ? 1 : 0 });
    },
    reviewTotals(scope: string): Map<string, { reviews: number; correct: number }> {
      return new Map(reviewTotals.all(scope).map((row) => [row.user_id, { reviews: row.n, correct: row.correct }]));
    },
    reviewTotalsOf(scope: string, userId: string): { reviews: number; correct: number } {
      const row = reviewTotalsOf.get(scope, userId)!;
      return { reviews: row.n, correct: row.correct ?? 0 };
    },
    commonWrongAnswers(scope: string, since: number, limit: number) {
      return wrongAnswers.all(scope, since, limit).map((row) => ({ questionId: row.question_id, answer: row.answer, count: row.n, students: row.students }));
    },
    recentWrongAnswers(scope: string, userId: string, limit: number) {
      return recentWrongOf.all(scope, userId, limit).map((row) => ({ questionId: row.question_id, answer: row.answer, at: row.at }));
    },
    answersTo(scope: string, source: PresentationSource, ref: string) {
      return answersToRef.all(scope, source, ref).map((row) => ({ userId: row.user_id, answer: row.answer, correct: row.correct === 1, at: row.at }));
    },
    lastReviewByUser(scope: string): Map<string, number> {
      return new Map(lastActivityByUser.all(scope).map((row) => [row.user_id, row.at]));
    },

    lesson(scope: string, userId: string, lessonId: string): LessonProgressRow | undefined {
      const row = lessonGet.get(scope, userId, lessonId);
      return row && toLesson(row);
    },
    lessons(scope: string, userId: string): LessonProgressRow[] {
      return lessonsOf.all(scope, userId).map(toLesson);
    },
    putLesson(scope: string, userId: string, row: LessonProgressRow): void {
      lessonPut.run({ scope, userId, ...row, tries: JSON.stringify(row.tries) });
    },
    lessonsCompletedByUser(scope: string): Map<string, number> {
      return new Map(lessonsDoneByUser.all(scope).map((row) => [row.user_id, row.n]));
    },
    lab(scope: string, userId: string, labId: string): LabProgressRow | undefined {
      const row = labGet.get(scope, userId, labId);
      return row && toLab(row);
    },
    labs(scope: string, userId: string): LabProgressRow[] {
      return labsOf.all(scope, userId).map(toLab);
    },
    labsOfScope(scope: string): { userId: string; lab: LabProgressRow }[] {
      return labsOfScope.all(scope).map((row) => ({ userId: row.user_id, lab: toLab(row) }));
    },
    putLab(scope: string, userId: string, row: LabProgressRow): void {
      labPut.run({ scope, userId, ...row });
    },
    cursor(scope: string, userId: string): Cursor {
      const row = cursorGet.get(scope, userId);
      return { lessonId: row?.lesson_id ?? null, lessonPage: row?.lesson_page ?? null, labId: row?.lab_id ?? null };
    },
    setLessonCursor(scope: string, userId: string, lessonId: string, page: number): void {
      cursorLesson.run(scope, userId, lessonId, page);
    },
    setLabCursor(scope: string, userId: string, labId: string): void {
      cursorLab.run(scope, userId, labId);
    },

    /** Adds XP; a lesson or lab (source + ref) pays once, so a repeat returns false. */
    addXp(scope: string, userId: string, event: { at: number; day: string; source: string; ref: string; xp: number }): boolean {
      return xpInsert.run(scope, userId, event.at, event.day, event.source, event.ref, event.xp).changes === 1;
    },
    xpTotal(scope: string, userId: string): number {
      return xpTotalOf.get(scope, userId)?.xp ?? 0;
    },
    xpSince(scope: string, userId: string, day: string): number {
      return xpSinceOf.get(scope, userId, day)?.xp ?? 0;
    },
    xpOfDay(scope: string, userId: string, day: string, source: string): number {
      return xpDayOfSource.get(scope, userId, day, source)?.xp ?? 0;
    },
    xpByUserDay(scope: string, sinceDay: string) {
      return xpByUserDay.all(scope, sinceDay).map((row) => ({ userId: row.user_id, day: row.day, xp: row.xp }));
    },
    xpTotals(scope: string): Map<string, number> {
      return new Map(xpTotalsByUser.all(scope).map((row) => [row.user_id, row.xp]));
    },

    markReviewsDone(scope: string, userId: string, day: string): void {
      markReviews.run(scope, userId, day);
    },
    markLabPassed(scope: string, userId: string, day: string): void {
      markLab.run(scope, userId, day);
    },
    markDailyAnswered(scope: string, userId: string, day: string): void {
      markDaily.run(scope, userId, day);
    },
    countAnswer(scope: string, userId: string, day: string): void {
      markAnswer.run(scope, userId, day);
    },
    activityDays(scope: string, userId: string): ActivityDayRow[] {
      return daysOf.all(scope, userId).map(toActivity);
    },
    activityDaysOfScope(scope: string): ActivityDayRow[] {
      return daysOfScope.all(scope).map(toActivity);
    },

    addMistake(scope: string, userId: string, mistake: { at: number; code: string; facts: string[]; message: string }): void {
      mistakeInsert.run(scope, userId, mistake.at, mistake.code, JSON.stringify(mistake.facts), mistake.message);
    },
    mistakesByCode(scope: string, since: number, limit: number) {
      return mistakesByCode.all(scope, since, limit).map((row) => ({
        code: row.code,
        count: row.n,
        students: row.students,
        facts: JSON.parse(row.facts) as string[],
        example: row.message,
      }));
    },
    mistakesSince(scope: string, since: number): MistakeRow[] {
      return mistakesSince.all(scope, since).map(toMistake);
    },
    recentMistakes(scope: string, userId: string, limit: number): MistakeRow[] {
      return recentMistakesOf.all(scope, userId, limit).map(toMistake);
    },

    assignLab(scope: string, labId: string, at: number, by: string): void {
      assignmentPut.run(scope, labId, at, by);
    },
    unassignLab(scope: string, labId: string): void {
      assignmentDelete.run(scope, labId);
    },
    assignments(scope: string): { labId: string; assignedAt: number; assignedBy: string }[] {
      return assignmentList.all(scope).map((row) => ({ labId: row.lab_id, assignedAt: row.assigned_at, assignedBy: row.assigned_by }));
    },
  };
}

export type LearningRepository = ReturnType<typeof createLearningRepository>;
