// The course, loaded once at start: lessons, the quiz bank and labs from data/, checked by their
// zod schemas and against each other, and then against the engine itself. "What will this
// print" answers are computed here by running each question on a scratch host (deterministic,
// so once per process is enough); "type the command" questions are proven answerable. A
// question the engine cannot back is set aside (quarantined) with the reason, never asked.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locale, LocalizedText } from '../content/common';
import type { LineResult } from '../engine/execute-line';
import { newHostState } from '../engine/new-host';
import type { CatalogIndex } from '../engine/registry/catalog';
import { loadLabs, type Lab } from '../labs/schema';
import { validateLessons, type Lesson } from '../lessons/schema';
import { FACT_IDS, loadQuizBank, QUIZ_LIMITS, type CommandQuestion, type PredictQuestion, type Question, type QuizTopic } from '../quiz/schema';
import { probeHolds } from './probes';
import { ScratchHost } from './scratch-host';

export const DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));

/** The user every content check runs as: a scratch host for "ana" would print /home/ana. */
export const SCRATCH_USER = 'student';
/** A fixed instant and seed: predicted outputs never depend on when Baleia started. */
export const SCRATCH_NOW = Date.parse('2026-01-05T12:00:00Z');
export const SCRATCH_SEED = 20_260_105;

export interface QuarantinedQuestion {
  id: string;
  reason: string;
}

export interface Course {
  lessons: readonly Lesson[];
  lessonById: ReadonlyMap<string, Lesson>;
  topics: readonly QuizTopic[];
  /** Questions that can be asked, in course order (new cards are introduced in this order). */
  questions: readonly Question[];
  questionById: ReadonlyMap<string, Question>;
  /** Position of an askable question in course order. */
  courseIndex: ReadonlyMap<string, number>;
  topicOfQuestion: ReadonlyMap<string, string>;
  /** The question IDs that teach each fact, in course order. */
  questionsByFact: ReadonlyMap<string, readonly string[]>;
  /** The topic whose bar a fact counts toward in the progress picture. */
  topicOfFact: ReadonlyMap<string, string>;
  /** The first lesson that teaches each fact (where to go back when it fades). */
  lessonOfFact: ReadonlyMap<string, string>;
  /** What each "what will this print" command prints, computed on a scratch host. */
  predictAnswers: ReadonlyMap<string, string>;
  labs: readonly Lab[];
  labById: ReadonlyMap<string, Lab>;
  /** Questions left out because the engine cannot back them, with why. */
  quarantined: readonly QuarantinedQuestion[];
}

export interface RawContent {
  lessons: unknown[];
  quiz: unknown[];
  labs: unknown[];
}

function readJsonDir(dir: string): unknown[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown);
}

export function readContent(dataDir = DATA_DIR): RawContent {
  return {
    lessons: readJsonDir(join(dataDir, 'lessons')),
    quiz: readJsonDir(join(dataDir, 'quiz')),
    labs: readJsonDir(join(dataDir, 'labs')),
  };
}

/** A fresh host as every content check starts from. */
export function scratchFor(catalog: CatalogIndex, options: { user?: string; now?: number } = {}): ScratchHost {
  const now = options.now ?? SCRATCH_NOW;
  return new ScratchHost(newHostState(options.user ?? SCRATCH_USER, now, SCRATCH_SEED), { catalog }, now);
}

/** What a terminal shows for a line, as a predicted output is written: no final newline. */
export function terminalText(result: LineResult): string {
  return result.chunks.map((chunk) => chunk.text).join('').replace(/\n$/, '');
}

function describeFailure(what: string, failure: { line: string; result: LineResult }): string {
  const shown = terminalText(failure.result).split('\n').slice(-3).join(' / ');
  return `${what} \`${failure.line.split('\n')[0]}\` exited ${failure.result.exitCode}: ${shown.slice(0, 300)}`;
}

/** Runs a predict question on a scratch host: the output, or why it cannot be computed. */
export async function computePredictAnswer(question: PredictQuestion, catalog: CatalogIndex): Promise<{ answer: string } | { problem: string }> {
  const host = scratchFor(catalog);
  const failed = await host.runAll(question.setup);
  if (failed) return { problem: describeFailure('setup line', failed) };
  const answer = terminalText(await host.run(question.command));
  if (question.distractors.includes(answer)) return { problem: `the engine prints ${JSON.stringify(answer)}, which is also a distractor` };
  if (answer.length > QUIZ_LIMITS.output || answer.split('\n').length > QUIZ_LIMITS.outputLines) {
    return { problem: `the engine prints ${JSON.stringify(answer.slice(0, 120))}, too long to show as an option` };
  }
  return { answer };
}

/**
 * Proves a command question answerable: after setup, its example passes every probe and an
 * empty answer fails at least one (otherwise any line would be "right").
 */
export async function checkCommandQuestion(question: CommandQuestion, catalog: CatalogIndex): Promise<string | undefined> {
  const host = scratchFor(catalog);
  const failed = await host.runAll(question.setup);
  if (failed) return describeFailure('setup line', failed);
  const answered = host.fork();
  await answered.run(question.example);
  const results = [];
  for (const probe of question.probes) {
    const result = await answered.fork().run(probe.run);
    results.push({ probe, result, holds: probeHolds(probe, result) });
  }
  const failing = results.find((r) => !r.holds);
  if (failing) return `the example \`${question.example}\` fails the probe \`${failing.probe.run}\` (it printed ${JSON.stringify(failing.result.stdout.slice(0, 200))})`;
  let emptyFails = false;
  for (const probe of question.probes) {
    if (!probeHolds(probe, await host.fork().run(probe.run))) emptyFails = true;
  }
  if (!emptyFails) return 'an empty answer already passes every probe';
  return undefined;
}

function firstLessonOfFacts(lessons: readonly Lesson[]): Map<string, Lesson> {
  const first = new Map<string, Lesson>();
  for (const lesson of lessons) {
    for (const page of lesson.pages) for (const fact of page.facts) if (!first.has(fact)) first.set(fact, lesson);
  }
  return first;
}

export interface BuildCourseOptions {
  /** Prove "type the command" questions on the engine at start (default true). */
  verifyCommands?: boolean;
}

/** Validates raw content and backs it with the engine. Throws when the files themselves are invalid. */
export async function buildCourse(raw: RawContent, catalog: CatalogIndex, options: BuildCourseOptions = {}): Promise<Course> {
  const topics = loadQuizBank(raw.quiz);
  const allQuestions = topics.flatMap((topic) => topic.questions);
  const lessons = validateLessons(raw.lessons, { questionIds: new Set(allQuestions.map((q) => q.id)) });
  const labs = loadLabs(raw.labs);
  const lessonOf = firstLessonOfFacts(lessons);

  const quarantined: QuarantinedQuestion[] = [];
  const predictAnswers = new Map<string, string>();
  for (const question of allQuestions) {
    if (question.kind === 'predict') {
      const computed = await computePredictAnswer(question, catalog);
      if ('answer' in computed) predictAnswers.set(question.id, computed.answer);
      else quarantined.push({ id: question.id, reason: computed.problem });
    } else if (question.kind === 'command' && options.verifyCommands !== false) {
      const problem = await checkCommandQuestion(question, catalog);
      if (problem) quarantined.push({ id: question.id, reason: problem });
    }
  }
  const left = new Set(quarantined.map((q) => q.id));

  // Course order: a question comes once every fact it asks about has been taught, then by
  // topic and its place in the topic file.
  const topicOrder = new Map(topics.map((topic) => [topic.topic, topic.order]));
  const topicOfQuestion = new Map<string, string>();
  const placed = topics.flatMap((topic) => topic.questions.map((question, index) => {
    topicOfQuestion.set(question.id, topic.topic);
    const taughtIn = Math.max(...question.facts.map((fact) => lessonOf.get(fact)?.order ?? Number.MAX_SAFE_INTEGER));
    return { question, key: [taughtIn, topic.order, index] as const };
  }));
  placed.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);
  const questions = placed.map((p) => p.question).filter((q) => !left.has(q.id));

  const questionsByFact = new Map<string, string[]>(FACT_IDS.map((fact) => [fact, []]));
  for (const question of questions) for (const fact of question.facts) questionsByFact.get(fact)?.push(question.id);

  const topicOfFact = new Map<string, string>();
  for (const fact of FACT_IDS) {
    let best: { topic: string; count: number; order: number } | undefined;
    for (const topic of topics) {
      const count = topic.questions.filter((q) => q.facts.includes(fact as never)).length;
      const order = topicOrder.get(topic.topic)!;
      if (count > 0 && (!best || count > best.count || (count === best.count && order < best.order))) best = { topic: topic.topic, count, order };
    }
    if (best) topicOfFact.set(fact, best.topic);
  }

  return {
    lessons,
    lessonById: new Map(lessons.map((lesson) => [lesson.id, lesson])),
    topics,
    questions,
    questionById: new Map(questions.map((q) => [q.id, q])),
    courseIndex: new Map(questions.map((q, i) => [q.id, i])),
    topicOfQuestion,
    questionsByFact,
    topicOfFact,
    lessonOfFact: new Map([...lessonOf].map(([fact, lesson]) => [fact, lesson.id])),
    predictAnswers,
    labs,
    labById: new Map(labs.map((lab) => [lab.id, lab])),
    quarantined,
  };
}

const loaded = new WeakMap<CatalogIndex, Map<string, Promise<Course>>>();

/**
 * Reads and checks the whole course once per data directory and catalogue (the computed answers
 * are deterministic, so every caller in the process shares them).
 */
export function loadCourse(catalog: CatalogIndex, options: BuildCourseOptions & { dataDir?: string } = {}): Promise<Course> {
  const dataDir = options.dataDir ?? DATA_DIR;
  const key = `${dataDir}\u0000${options.verifyCommands !== false}`;
  let byKey = loaded.get(catalog);
  if (!byKey) loaded.set(catalog, (byKey = new Map()));
  let course = byKey.get(key);
  if (!course) {
    const cache = byKey;
    course = buildCourse(readContent(dataDir), catalog, options);
    cache.set(key, course);
    course.catch(() => cache.delete(key));
  }
  return course;
}

/** Picks a text in the student's language. */
export function localized(text: LocalizedText, locale: Locale): string {
  return text[locale];
}
