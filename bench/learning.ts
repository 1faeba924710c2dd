// Issue 6's benchmark (and the class figures issue 7 builds on): picking the next quiz card for a
// student with 300 cards, a whole /quiz answer round trip through SQLite (show the card, answer
// it: FSRS review, XP, streak day, one transaction), and the class overview and CSV for 300
// students with 100 cards each. A real database file in WAL mode, a fixed clock.
// Runs alone: `npx tsx bench/learning.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBaleia, type StudentRef } from '../src/app/baleia';
import { createLearning } from '../src/app/learning';
import { loadCatalog } from '../src/catalog-loader';
import { invokedDirectly } from '../src/invoked-directly';
import { loadCourse, type Course } from '../src/learning/content';
import { newCard, State } from '../src/learning/scheduler';
import type { Question } from '../src/quiz/schema';
import { openStore } from '../src/store';
import { median, percentile, table } from './stats';

const DAY = 86_400_000;

/**
 * The course has about 150 questions; a student with 300 cards needs 300, so each question
 * is asked twice under two IDs. Command questions are left out of the round trip so that
 * it measures the quiz, not a scratch host running Docker.
 */
function widen(course: Course, size: number, kinds: readonly Question['kind'][]): Course {
  const base = course.questions.filter((q) => kinds.includes(q.kind));
  const questions: Question[] = [];
  const predictAnswers = new Map(course.predictAnswers);
  const topicOfQuestion = new Map(course.topicOfQuestion);
  for (let i = 0; questions.length < size; i++) {
    const original = base[i % base.length]!;
    const copy = { ...original, id: `${original.id}--${Math.floor(i / base.length)}` } as Question;
    questions.push(copy);
    if (predictAnswers.has(original.id)) predictAnswers.set(copy.id, predictAnswers.get(original.id)!);
    topicOfQuestion.set(copy.id, course.topicOfQuestion.get(original.id)!);
  }
  const questionsByFact = new Map<string, string[]>();
  for (const q of questions) for (const f of q.facts) questionsByFact.set(f, [...(questionsByFact.get(f) ?? []), q.id]);
  return {
    ...course,
    questions,
    questionById: new Map(questions.map((q) => [q.id, q])),
    courseIndex: new Map(questions.map((q, i) => [q.id, i])),
    questionsByFact,
    topicOfQuestion,
    predictAnswers,
  };
}

export interface LearningFigures {
  pick: { runs: number; p50: number; p99: number };
  roundTrip: { runs: number; p50: number; p99: number };
  classOverview: { students: number; cardsPerStudent: number; overviewMs: number; csvMs: number };
}

function timed(work: () => void, runs: number, warmup = 20): number[] {
  for (let i = 0; i < warmup; i++) work();
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    durations.push(performance.now() - t0);
  }
  return durations;
}

export async function measureLearning(): Promise<LearningFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'baleia-bench-learning-'));
  const store = openStore(join(dir, 'bench.db'));
  try {
    const catalog = loadCatalog();
    const full = await loadCourse(catalog);
    const course = widen(full, 300, ['choice', 'truefalse', 'predict']);
    let now = Date.parse('2026-03-16T12:00:00-03:00');
    const clock = () => now;
    const baleia = createBaleia({ store, catalog, clock, seed: () => 1 });
    const learning = createLearning({ baleia, store, catalog, course, clock });

    // One student with 300 cards: answered over the past weeks, a tenth of them due today.
    const student: StudentRef = { scope: 'bench', userId: 'u-300', displayName: 'trezentos', locale: 'pt-BR' };
    baleia.profileOf(student);
    store.transaction(() => {
      course.questions.forEach((q, i) => {
        const reviewed = now - (1 + (i % 20)) * DAY;
        const due = i % 10 === 0 ? now - (i % 3) * DAY : now + (1 + (i % 30)) * DAY;
        store.learning.putCard('bench', student.userId, { ...newCard(q.id, reviewed - DAY), due, stability: 3 + (i % 40), difficulty: 5, scheduledDays: 5, reps: 3, state: State.Review, lastReview: reviewed });
      });
    });

    const picks = timed(() => learning.peekNextCard(student), 2_000, 200);

    const trips: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      const next = await learning.nextQuizCard(student);
      if (next.status !== 'card') {
        now += DAY;
        continue;
      }
      await learning.answerQuizCard(student, next.card.cardId, next.card.kind === 'truefalse' ? 'true' : 'a', 9_000);
      trips.push(performance.now() - t0);
    }

    // A class of 300 students with 100 cards each, a week of activity and some XP.
    const classCourse = widen(full, 100, ['choice', 'truefalse', 'predict', 'command']);
    const classLearning = createLearning({ baleia, store, catalog, course: classCourse, clock });
    const students = 300;
    store.transaction(() => {
      for (let s = 0; s < students; s++) {
        const userId = `u-${s}`;
        store.students.insert({ scope: 'class', userId, userName: `student${s}`, displayName: `Student ${s}`, locale: null }, now - 20 * DAY);
        classCourse.questions.forEach((q, i) => {
          const reviewed = now - (1 + ((i + s) % 25)) * DAY;
          store.learning.putCard('class', userId, { ...newCard(q.id, reviewed - DAY), due: reviewed + (2 + (i % 20)) * DAY, stability: 1 + ((i * 7 + s) % 60), difficulty: 5, scheduledDays: 5, reps: 2, state: State.Review, lastReview: reviewed });
        });
        for (let d = 0; d < 7; d++) {
          const day = new Date(now - d * DAY).toISOString().slice(0, 10);
          if ((s + d) % 3 !== 0) store.learning.markReviewsDone('class', userId, day);
          store.learning.addXp('class', userId, { at: now - d * DAY, day, source: 'quiz', ref: `${s}-${d}`, xp: 10 + ((s + d) % 40) });
        }
      }
    });
    const overviewMs = median(timed(() => classLearning.classOverview('class'), 10, 2));
    const csvMs = median(timed(() => classLearning.exportCsv('class'), 10, 2));

    return {
      pick: { runs: picks.length, p50: median(picks), p99: percentile(picks, 99) },
      roundTrip: { runs: trips.length, p50: median(trips), p99: percentile(trips, 99) },
      classOverview: { students, cardsPerStudent: classCourse.questions.length, overviewMs, csvMs },
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printLearning(figures: LearningFigures): void {
  console.log('\n## Learning: quiz cards and class queries (use cases + SQLite, WAL file)');
  console.log(table(['measure', 'runs', 'p50 ms', 'p99 ms'], [
    ['pick the next card, student with 300 cards', String(figures.pick.runs), figures.pick.p50.toFixed(3), figures.pick.p99.toFixed(3)],
    ['/quiz round trip: show card + answer (FSRS, XP, streak)', String(figures.roundTrip.runs), figures.roundTrip.p50.toFixed(3), figures.roundTrip.p99.toFixed(3)],
  ]));
  console.log(`pick the next card: p50 ${figures.pick.p50.toFixed(3)} ms (target < 1 ms)`);
  const c = figures.classOverview;
  console.log(`class of ${c.students} students × ${c.cardsPerStudent} cards: overview (mastery per fact, leaderboard, inactive, mistakes) ${c.overviewMs.toFixed(1)} ms, CSV ${c.csvMs.toFixed(1)} ms (medians; issue 7 target < 200 ms each)`);
}

/** Measures and prints the figures (what `npm run bench` calls); returns them too. */
export async function runLearningBench(): Promise<LearningFigures> {
  const figures = await measureLearning();
  printLearning(figures);
  return figures;
}

if (invokedDirectly(import.meta.url)) {
  await runLearningBench();
}
