// Issue 7's benchmark: what /class overview and /class export cost for a server with 300
// students of 100 cards each — the class data from SQLite, the SVG, the PNG (resvg, off the event
// loop as the bot does it), and the CSV — plus picking the day's question for that class. A real
// database file in WAL mode and a fixed clock; medians over several runs after a warm-up.
// Runs alone: `npx tsx bench/class.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBaleia } from '../src/app/baleia';
import { createClassUseCases } from '../src/app/class';
import { createLearning } from '../src/app/learning';
import { loadCatalog } from '../src/catalog-loader';
import { invokedDirectly } from '../src/invoked-directly';
import { loadCourse, type Course } from '../src/learning/content';
import { newCard, State } from '../src/learning/scheduler';
import type { Question } from '../src/quiz/schema';
import { classOverviewSvg } from '../src/render/class-overview';
import { pngOf } from '../src/render/svg';
import { openStore } from '../src/store';
import { median } from './stats';

const DAY = 86_400_000;
const STUDENTS = 300;
const CARDS = 100;
const RUNS = 9;

export interface ClassFigures {
  students: number;
  cardsPerStudent: number;
  runs: number;
  /** Medians, milliseconds. */
  overviewData: number;
  overviewSvg: number;
  overviewPng: number;
  overviewTotal: number;
  csv: number;
  pickDailyQuestion: number;
  pngBytes: number;
  csvBytes: number;
}

/** The course with exactly `size` questions (the bank has fewer, so questions repeat under new IDs). */
function widen(course: Course, size: number): Course {
  const questions: Question[] = [];
  const predictAnswers = new Map(course.predictAnswers);
  const topicOfQuestion = new Map(course.topicOfQuestion);
  for (let i = 0; questions.length < size; i++) {
    const original = course.questions[i % course.questions.length]!;
    const copy = { ...original, id: `${original.id}--${Math.floor(i / course.questions.length)}` } as Question;
    questions.push(copy);
    if (predictAnswers.has(original.id)) predictAnswers.set(copy.id, predictAnswers.get(original.id)!);
    topicOfQuestion.set(copy.id, course.topicOfQuestion.get(original.id)!);
  }
  const questionsByFact = new Map<string, string[]>();
  for (const q of questions) for (const f of q.facts) questionsByFact.set(f, [...(questionsByFact.get(f) ?? []), q.id]);
  return { ...course, questions, questionById: new Map(questions.map((q) => [q.id, q])), courseIndex: new Map(questions.map((q, i) => [q.id, i])), questionsByFact, topicOfQuestion, predictAnswers };
}

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

export async function measureClass(): Promise<ClassFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'baleia-bench-class-'));
  const store = openStore(join(dir, 'bench.db'));
  try {
    const catalog = loadCatalog();
    const course = widen(await loadCourse(catalog), CARDS);
    const now = Date.parse('2026-03-16T12:00:00-03:00');
    const clock = () => now;
    const baleia = createBaleia({ store, catalog, clock, seed: () => 1 });
    const learning = createLearning({ baleia, store, catalog, course, clock, timeZone: (scope) => store.classes.settings(scope)?.timeZone });
    const classes = createClassUseCases({ store, learning, clock });
    const scope = 'class';

    // 300 students, each with 100 reviewed cards, a week of activity, XP, some labs and mistakes.
    store.transaction(() => {
      for (let s = 0; s < STUDENTS; s++) {
        const userId = `u-${s}`;
        store.students.insert({ scope, userId, userName: `student${s}`, displayName: s % 17 === 0 ? `=cmd|' /C calc'!A${s}` : `Student ${s}`, locale: null }, now - 20 * DAY);
        course.questions.forEach((q, i) => {
          const reviewed = now - (1 + ((i + s) % 25)) * DAY;
          store.learning.putCard(scope, userId, { ...newCard(q.id, reviewed - DAY), due: reviewed + (2 + (i % 20)) * DAY, stability: 1 + ((i * 7 + s) % 60), difficulty: 5, scheduledDays: 5, reps: 2, state: State.Review, lastReview: reviewed });
        });
        for (let d = 0; d < 7; d++) {
          const day = new Date(now - d * DAY).toISOString().slice(0, 10);
          if ((s + d) % 3 !== 0) store.learning.markReviewsDone(scope, userId, day);
          store.learning.addXp(scope, userId, { at: now - d * DAY, day, source: 'quiz', ref: `${s}-${d}`, xp: 10 + ((s + d) % 40) });
        }
        if (s % 4 === 0) store.learning.addMistake(scope, userId, { at: now - DAY, code: 'container.remove-running', facts: ['F11'], message: 'cannot remove container "web": container is running' });
      }
    });
    await classes.setup(scope, { channelId: 'c', time: '09:00', timeZone: 'America/Sao_Paulo' }, 'teacher', 'pt-BR');

    const data: number[] = [];
    const svg: number[] = [];
    const png: number[] = [];
    const total: number[] = [];
    const csv: number[] = [];
    const pick: number[] = [];
    let pngBytes = 0;
    let csvBytes = 0;
    for (let run = -2; run < RUNS; run++) {
      const view = await timed(() => classes.overview(scope, 'pt-BR'));
      const drawn = await timed(() => classOverviewSvg(view.value));
      const image = await timed(() => pngOf(drawn.value));
      const exported = await timed(() => classes.exportCsv(scope));
      const picked = await timed(() => learning.pickDailyQuestion(scope));
      if (run < 0) continue;
      data.push(view.ms);
      svg.push(drawn.ms);
      png.push(image.ms);
      total.push(view.ms + drawn.ms + image.ms);
      csv.push(exported.ms);
      pick.push(picked.ms);
      pngBytes = image.value.length;
      csvBytes = Buffer.byteLength(exported.value);
    }
    return {
      students: STUDENTS,
      cardsPerStudent: CARDS,
      runs: RUNS,
      overviewData: median(data),
      overviewSvg: median(svg),
      overviewPng: median(png),
      overviewTotal: median(total),
      csv: median(csv),
      pickDailyQuestion: median(pick),
      pngBytes,
      csvBytes,
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printClass(f: ClassFigures): void {
  console.log(`\n## Class: /class overview and /class export, ${f.students} students × ${f.cardsPerStudent} cards (medians of ${f.runs} runs, WAL file)`);
  console.log(`/class overview: ${f.overviewTotal.toFixed(1)} ms (target < 200 ms) = class data ${f.overviewData.toFixed(1)} ms + SVG ${f.overviewSvg.toFixed(1)} ms + PNG ${f.overviewPng.toFixed(1)} ms (${Math.round(f.pngBytes / 1024)} KB)`);
  console.log(`/class export CSV: ${f.csv.toFixed(1)} ms (target < 200 ms), ${Math.round(f.csvBytes / 1024)} KB`);
  console.log(`pick the daily question for the class: ${f.pickDailyQuestion.toFixed(1)} ms`);
}

/** Measures and prints the figures (for `npm run bench`); returns them too. */
export async function runClassBench(): Promise<ClassFigures> {
  const figures = await measureClass();
  printClass(figures);
  return figures;
}

if (invokedDirectly(import.meta.url)) {
  await runClassBench();
}
