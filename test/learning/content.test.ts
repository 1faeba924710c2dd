// The course backed by the engine: every fact taught and asked, every "Try it" line working on
// a fresh host, every predicted output the engine's own, every "type the command" question
// answerable, every lab failing before and passing after its solution, every text within
// Discord's limits.
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../src/content/common';
import { loadCatalog } from '../../src/catalog-loader';
import type { CatalogIndex } from '../../src/engine/registry/catalog';
import {
  buildCourse,
  checkCommandQuestion,
  computePredictAnswer,
  loadCourse,
  readContent,
  scratchFor,
  terminalText,
  type Course,
} from '../../src/learning/content';
import { probeHolds } from '../../src/learning/probes';
import { questionContent } from '../../src/learning/quiz';
import { FACT_IDS, QUIZ_LIMITS, type PredictQuestion } from '../../src/quiz/schema';

/** Discord: embed description 4096, title 256, button label 80. */
const EMBED_DESCRIPTION = 4096;
const EMBED_TITLE = 256;
const BUTTON_LABEL = 80;

let catalog: CatalogIndex;
let course: Course;

/**
 * Content that is right about real Docker but may trip over a gap in the simulated engine
 * while the engine is being completed, with the engine's own words for it: only that failure
 * is tolerated, any other one fails the test. Remove an entry once the engine fix is in.
 */
const KNOWN_ENGINE_GAPS: Record<string, RegExp> = {
  // npm in the node image (a JavaScript file) was parsed as a shell script by the simulated
  // shell; the app runner being added to the engine fixes it.
  'build-cache': /\/usr\/local\/bin\/npm: Parse error/,
};

/** True once the engine simulates `docker build` (work on it may be in progress elsewhere). */
let buildSimulated = false;
const needsBuild = (lines: readonly string[]) => lines.some((line) => /\bdocker build\b/.test(line));

beforeAll(async () => {
  catalog = loadCatalog();
  course = await loadCourse(catalog);
  const probe = scratchFor(catalog);
  await probe.runAll(['mkdir b', "echo 'FROM alpine' > b/Dockerfile"]);
  buildSimulated = !terminalText(await probe.run('docker build -t probe b')).includes('is not simulated here');
}, 60_000);

describe('course coverage', () => {
  it('teaches every fact F01-F38 on a lesson page and asks it in at least two askable questions, in both languages', () => {
    for (const fact of FACT_IDS) {
      const pages = course.lessons.flatMap((lesson) => lesson.pages).filter((page) => page.facts.includes(fact as never));
      expect(pages.length, `${fact} lesson pages`).toBeGreaterThanOrEqual(1);
      const questions = (course.questionsByFact.get(fact) ?? []).map((id) => course.questionById.get(id)!);
      for (const locale of LOCALES) {
        const asked = questions.filter((q) => questionContent(q, locale, 'seed', course.predictAnswers.get(q.id)).prompt.trim() !== '' && q.explanation[locale].trim() !== '');
        expect(asked.length, `${fact} questions in ${locale}`).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('sets no question aside: the engine backs every one of them (those needing docker build wait for it)', () => {
    const all = readContent().quiz.flatMap((topic) => (topic as { questions: { id: string; setup?: string[]; example?: string; command?: string }[] }).questions);
    const waiting = buildSimulated ? [] : all.filter((q) => needsBuild([...(q.setup ?? []), q.example ?? '', q.command ?? ''])).map((q) => q.id);
    expect(course.quarantined.map((q) => q.id).filter((id) => !waiting.includes(id))).toEqual([]);
    expect(course.questions.length).toBe(all.length - course.quarantined.length);
  });

  it('orders new questions so that each comes after the lesson that teaches its facts', () => {
    const lessonOrder = (fact: string) => course.lessonById.get(course.lessonOfFact.get(fact)!)!.order;
    let previous = 0;
    for (const question of course.questions) {
      const taught = Math.max(...question.facts.map(lessonOrder));
      expect(taught, question.id).toBeGreaterThanOrEqual(previous);
      previous = taught;
    }
    expect(course.questions[0]!.id).toBe('image-contents');
  });
});

describe('"Try it" lines on the real engine', () => {
  it('run without error on a fresh host, lesson by lesson, in lesson order', async () => {
    const failures: string[] = [];
    for (const lesson of course.lessons) {
      if (!buildSimulated && needsBuild(lesson.pages.flatMap((page) => page.tryIt.map((t) => t.command)))) continue;
      const host = scratchFor(catalog);
      const gap = KNOWN_ENGINE_GAPS[lesson.id];
      for (const line of lesson.pages.flatMap((page) => page.tryIt.map((t) => t.command))) {
        const result = await host.run(line);
        if (result.exitCode === 0) continue;
        const output = terminalText(result);
        if (!gap?.test(output)) failures.push(`${lesson.id}: \`${line.split('\n')[0]}\` exited ${result.exitCode}: ${output.slice(-200)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('also run one after another on a single host that follows the whole course', async () => {
    const host = scratchFor(catalog);
    const failures: string[] = [];
    for (const lesson of course.lessons) {
      for (const line of lesson.pages.flatMap((page) => page.tryIt.map((t) => t.command))) {
        if (!buildSimulated && needsBuild([line])) break;
        const result = await host.run(line);
        const output = terminalText(result);
        if (result.exitCode !== 0 && !KNOWN_ENGINE_GAPS[lesson.id]?.test(output)) failures.push(`${lesson.id}: \`${line.split('\n')[0]}\`: ${output.slice(-200)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});

describe('"what will this print" questions', () => {
  const predicts = () => course.questions.filter((q): q is PredictQuestion => q.kind === 'predict');

  it('have an answer computed on a scratch host, cached at load, unlike every distractor and fit to show as an option', () => {
    expect(predicts().length).toBeGreaterThanOrEqual(25);
    for (const question of predicts()) {
      const answer = course.predictAnswers.get(question.id);
      expect(answer, question.id).toBeDefined();
      for (const distractor of question.distractors) expect(answer, question.id).not.toBe(distractor);
      expect(answer!.length, question.id).toBeLessThanOrEqual(QUIZ_LIMITS.output);
      expect(answer!.split('\n').length, question.id).toBeLessThanOrEqual(QUIZ_LIMITS.outputLines);
    }
  });

  it('compute the same answers on a second run (deterministic, so caching them is safe)', async () => {
    for (const question of predicts().slice(0, 6)) {
      expect(await computePredictAnswer(question, catalog)).toEqual({ answer: course.predictAnswers.get(question.id) });
    }
  });

  it('match what the engine prints for a few known cases', () => {
    expect(course.predictAnswers.get('stopped-state')).toBe('exited');
    expect(course.predictAnswers.get('one-image-two-containers')).toBe('nginx\nnginx');
    expect(course.predictAnswers.get('isolated-file')).toBe('missing');
    expect(course.predictAnswers.get('volume-prefilled')).toBe('50x.html\nindex.html');
  });

  it('refuse a question whose answer is one of its own distractors', async () => {
    const question = predicts().find((q) => q.id === 'stopped-state')!;
    const broken = { ...question, distractors: ['exited', 'created'] };
    expect(await computePredictAnswer(broken, catalog)).toEqual({ problem: 'the engine prints "exited", which is also a distractor' });
  });
});

describe('"type the command" questions', () => {
  it('accept their example and refuse an empty answer, judged by probes on a scratch copy', async () => {
    const commands = course.questions.filter((q) => q.kind === 'command');
    expect(commands.length).toBeGreaterThanOrEqual(15);
    const problems: string[] = [];
    for (const question of commands) {
      if (question.kind !== 'command') continue;
      const problem = await checkCommandQuestion(question, catalog);
      if (problem) problems.push(`${question.id}: ${problem}`);
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('refuse a question that any line would pass', async () => {
    const question = course.questionById.get('pull-redis')!;
    if (question.kind !== 'command') throw new Error('pull-redis is a command question');
    const lax = { ...question, probes: [question.probes[1]!] };
    expect(await checkCommandQuestion(lax, catalog)).toBe('an empty answer already passes every probe');
  });
});

describe('labs on the real engine', () => {
  it('fail at least one check after setup alone and pass every check after setup and solution', async () => {
    const problems: string[] = [];
    for (const lab of course.labs) {
      if (!buildSimulated && needsBuild([...lab.setup, ...lab.solution])) continue;
      const host = scratchFor(catalog);
      const failed = await host.runAll(lab.setup);
      if (failed) problems.push(`${lab.id}: setup \`${failed.line}\` exited ${failed.result.exitCode}`);
      const before = [];
      for (const check of lab.checks) before.push(probeHolds(check, await host.fork().run(check.run)));
      if (before.every(Boolean)) problems.push(`${lab.id}: every check already holds after setup`);
      const solved = await host.runAll(lab.solution);
      if (solved) problems.push(`${lab.id}: solution \`${solved.line.split('\n')[0]}\` exited ${solved.result.exitCode}: ${terminalText(solved.result).slice(-200)}`);
      for (const check of lab.checks) {
        const result = await host.fork().run(check.run);
        if (!probeHolds(check, result)) problems.push(`${lab.id}: after the solution, \`${check.run}\` printed ${JSON.stringify(result.stdout.slice(0, 120))}`);
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('judge the multi-stage lab by its result: a fat single-stage image fails the history check', async () => {
    if (!buildSimulated) return;
    const lab = course.labById.get('multi-stage-build')!;
    const host = scratchFor(catalog);
    await host.runAll([...lab.setup, 'docker tag report:fat report:slim']);
    const history = lab.checks.find((check) => check.run.startsWith('docker history'))!;
    expect(probeHolds(history, await host.run(history.run))).toBe(false);
  });
});

describe('texts within Discord limits', () => {
  const views = (locale: Locale) => course.questions.map((q) => questionContent(q, locale, 'seed', course.predictAnswers.get(q.id)));

  it('fits every quiz card, options included, in one embed, and every option in a button label', () => {
    for (const locale of LOCALES) {
      for (const view of views(locale)) {
        const body = [view.prompt, ...view.setup, view.command ?? '', ...view.options.map((o) => `${o.key}) ${o.text}`)].join('\n');
        expect(body.length, view.questionId).toBeLessThanOrEqual(EMBED_DESCRIPTION);
        for (const option of view.options) expect(option.text.length, view.questionId).toBeLessThanOrEqual(BUTTON_LABEL);
      }
    }
  });

  it('fits lesson titles in an embed title, pages in a description and try-it labels in buttons', () => {
    for (const lesson of course.lessons) {
      for (const locale of LOCALES) {
        expect(lesson.title[locale].length).toBeLessThanOrEqual(EMBED_TITLE);
        for (const page of lesson.pages) {
          expect(page.body[locale].length, lesson.id).toBeLessThanOrEqual(EMBED_DESCRIPTION);
          for (const t of page.tryIt) expect(t.label[locale].length, t.command).toBeLessThanOrEqual(BUTTON_LABEL);
        }
      }
    }
  });

  it('fits a lab with all its hints revealed and every check listed in one embed', () => {
    for (const lab of course.labs) {
      for (const locale of LOCALES) {
        const body = [lab.goal[locale], ...lab.hints.map((h) => h[locale]), ...lab.checks.map((c) => `✅ ${c.describe[locale]}`)].join('\n');
        expect(body.length, lab.id).toBeLessThanOrEqual(EMBED_DESCRIPTION);
        expect(lab.title[locale].length, lab.id).toBeLessThanOrEqual(EMBED_TITLE);
      }
    }
  });
});

describe('loading the course', () => {
  it('refuses broken content files, naming the problem', async () => {
    const raw = readContent();
    const broken = { ...raw, labs: [...raw.labs, { id: 'Bad Id' }] };
    await expect(buildCourse(broken, catalog, { verifyCommands: false })).rejects.toThrow(/invalid labs/);
  });
});
