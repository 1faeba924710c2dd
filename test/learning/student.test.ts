// A student's course as they would live it, through the use cases on a real SQLite database:
// reading a lesson and pressing "Try it", quiz sessions over several days whose dates follow
// FSRS, mistakes on the host that bring reviews forward, a lab failed then passed, a streak
// across midnight in São Paulo, and the progress picture.
import { Resvg } from '@resvg/resvg-js';
import { fsrs, Rating, createEmptyCard } from 'ts-fsrs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { QuizAnswer, QuizAnswerResult, QuizCardView } from '../../src/app/learning';
import { dayKey } from '../../src/learning/days';
import { progressSummary } from '../../src/learning/progress';
import { FSRS_PARAMETERS, newCard } from '../../src/learning/scheduler';
import { progressSvg } from '../../src/render/progress';
import { createWorld, DAY, HOUR, SCOPE, type World } from './world';

const SP = 'America/Sao_Paulo';

/** The option (or line) that answers the card right, found from the course, not the card. */
function rightAnswer(world: World, card: QuizCardView): string {
  const question = world.course.questionById.get(card.questionId)!;
  switch (question.kind) {
    case 'choice':
      return card.options.find((o) => o.text === question.options[question.answer]![card.locale])!.key;
    case 'truefalse':
      return String(question.answer);
    case 'predict': {
      const answer = world.course.predictAnswers.get(question.id)!;
      return card.options.find((o) => o.text === answer || (answer === '' && o.text.startsWith('(')))!.key;
    }
    case 'command':
      return question.example;
  }
}

function wrongAnswer(world: World, card: QuizCardView): string {
  if (card.kind === 'command') return 'docker ps';
  if (card.kind === 'truefalse') return rightAnswer(world, card) === 'true' ? 'false' : 'true';
  const right = rightAnswer(world, card);
  return card.options.find((o) => o.key !== right)!.key;
}

async function showNext(world: World, student = world.student('ana')): Promise<QuizCardView> {
  const next = await world.learning.nextQuizCard(student);
  if (next.status !== 'card') throw new Error(`no card: ${JSON.stringify(next)}`);
  return next.card;
}

function answered(result: QuizAnswer): QuizAnswerResult {
  if (result.status !== 'answered') throw new Error(`not answered: ${JSON.stringify(result)}`);
  return result;
}

// Each test drives the real engine and SQLite; on a loaded machine that takes a while.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let world: World;
beforeEach(async () => {
  world = await createWorld({ start: '2026-03-02T09:00:00-03:00' });
});

describe('a lesson, page by page', () => {
  it('lists the lessons in course order, shows a page, and runs its Try it in the student\'s own host', async () => {
    const ana = world.student('ana');
    const list = await world.learning.listLessons(ana);
    expect(list.lessons.map((l) => l.order)).toEqual(list.lessons.map((_, i) => i + 1));
    expect(list.lessons[0]).toMatchObject({ id: 'what-is-an-image', title: 'What is an image?', pagesSeen: 0, completed: false });

    const page = await world.learning.lessonPage(ana, 'what-is-an-image');
    if (page.status !== 'ok') throw new Error('lesson 1 exists');
    expect(page).toMatchObject({ page: 1, isLast: false, completed: false, next: { lessonId: 'what-is-an-image', page: 2 } });
    expect(page.tryIts[0]).toEqual({ index: 1, label: 'Pull the alpine image', command: 'docker pull alpine', done: false });

    const pressed = await world.learning.tryIt(ana, 'what-is-an-image', 1, 1);
    if (pressed.status !== 'ok') throw new Error('try-it 1 exists');
    expect(pressed.reply.exitCode).toBe(0);
    expect(pressed.reply.chunks.map((c) => c.text).join('')).toContain('Status: Downloaded newer image for alpine:latest\n');
    const { state } = await world.baleia.viewHost(ana);
    expect(Object.keys(state.tags)).toContain('docker.io/library/alpine:latest');
    const again = await world.learning.lessonPage(ana, 1, 1);
    expect(again.status === 'ok' && again.tryIts[0]!.done).toBe(true);
  });

  it('completes a lesson when its last page is read: 20 XP once, then the next lesson and a question about it', async () => {
    const ana = world.student('ana', 'pt-BR');
    await world.learning.lessonPage(ana, 1);
    await world.learning.lessonNext(ana);
    const last = await world.learning.lessonNext(ana);
    expect(last).toMatchObject({ status: 'ok', page: 3, isLast: true, completed: true, completedNow: true, xp: 20, next: { lessonId: 'what-is-a-container', page: 1 } });
    const reread = await world.learning.lessonPage(ana, 1, 3);
    expect(reread).toMatchObject({ completedNow: false, xp: 0 });

    const question = await world.learning.lessonQuestion(ana, 1);
    if (question.status !== 'card') throw new Error('lesson 1 has questions');
    expect(question.card.source).toBe('lesson');
    expect(question.card.facts.some((f) => ['F01', 'F02', 'F04'].includes(f))).toBe(true);
    expect(question.card.locale).toBe('pt-BR');

    const next = await world.learning.lessonNext(ana);
    expect(next).toMatchObject({ status: 'ok', lesson: { id: 'what-is-a-container', order: 2 }, page: 1 });
    expect((await world.learning.progressView(ana)).xp.total).toBe(20);
    expect((await world.learning.listLessons(ana)).lessons[0]).toMatchObject({ completed: true, pagesSeen: 3 });
  });

  it('says what does not exist instead of failing', async () => {
    const ana = world.student('ana');
    expect(await world.learning.lessonPage(ana, 99)).toEqual({ status: 'not-found', what: 'lesson', locale: 'en' });
    expect(await world.learning.lessonPage(ana, 1, 9)).toEqual({ status: 'not-found', what: 'page', locale: 'en' });
    expect(await world.learning.tryIt(ana, 1, 1, 9)).toEqual({ status: 'not-found', what: 'try-it', locale: 'en' });
  });
});

describe('a quiz session over several days', () => {
  it('introduces new questions in course order, ten a day, then says when the next review is', async () => {
    const ana = world.student('ana');
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      const card = await showNext(world);
      expect(card.isNew).toBe(true);
      seen.push(card.questionId);
      answered(await world.learning.answerQuizCard(ana, card.cardId, rightAnswer(world, card), 20_000));
    }
    expect(seen).toEqual(world.course.questions.slice(0, 10).map((q) => q.id));
    const done = await world.learning.nextQuizCard(ana);
    expect(done).toEqual({ status: 'done', locale: 'en', newLeftToday: 0, nextDue: expect.any(Number), nextDueDay: '2026-03-05' });
  });

  it('shows the same card again until it is answered, with its options in the same order', async () => {
    const first = await showNext(world);
    const again = await showNext(world);
    expect(again.cardId).toBe(first.cardId);
    expect(again.options).toEqual(first.options);
  });

  it('brings a wrong answer back tomorrow and a right one later, on the dates FSRS gives', async () => {
    const ana = world.student('ana');
    const wrong = await showNext(world);
    const w = answered(await world.learning.answerQuizCard(ana, wrong.cardId, wrongAnswer(world, wrong), 5_000));
    expect(w).toMatchObject({ correct: false, rating: 'again', intervalDays: 1, nextDueDay: '2026-03-03', xp: 0 });
    expect(w.explanation.length).toBeGreaterThan(20);

    const fast = await showNext(world);
    expect(answered(await world.learning.answerQuizCard(ana, fast.cardId, rightAnswer(world, fast), 3_000))).toMatchObject({ correct: true, rating: 'easy', intervalDays: 8, nextDueDay: '2026-03-10' });
    const steady = await showNext(world);
    expect(answered(await world.learning.answerQuizCard(ana, steady.cardId, rightAnswer(world, steady), 20_000))).toMatchObject({ rating: 'good', intervalDays: 3, nextDueDay: '2026-03-05' });
    const slow = await showNext(world);
    expect(answered(await world.learning.answerQuizCard(ana, slow.cardId, rightAnswer(world, slow), 100_000))).toMatchObject({ rating: 'hard', intervalDays: 2, nextDueDay: '2026-03-04' });

    // Tomorrow the card answered wrong comes first, before any new question.
    world.advance(DAY);
    const review = await showNext(world);
    expect(review).toMatchObject({ questionId: wrong.questionId, isNew: false });
    const result = answered(await world.learning.answerQuizCard(ana, review.cardId, rightAnswer(world, review), 20_000));

    // Exactly what FSRS schedules for Again on day one, then Good a day later.
    const scheduler = fsrs(FSRS_PARAMETERS);
    const day1 = scheduler.next(createEmptyCard(new Date('2026-03-02T09:00:00Z')), new Date('2026-03-02T09:00:00Z'), Rating.Again).card;
    const day2 = scheduler.next(day1, new Date('2026-03-03T09:00:00Z'), Rating.Good).card;
    expect(result.intervalDays).toBe(day2.scheduled_days);
    expect(result.nextDueDay).toBe(dayKey(Date.parse('2026-03-03T09:00:00-03:00') + day2.scheduled_days * DAY, SP));
  });

  it('counts an answer to the same card once, even pressed twice at the same moment', async () => {
    const ana = world.student('ana');
    const card = await showNext(world);
    const key = rightAnswer(world, card);
    const [one, two] = await Promise.all([
      world.learning.answerQuizCard(ana, card.cardId, key, 4_000),
      world.learning.answerQuizCard(ana, card.cardId, key, 4_000),
    ]);
    expect(answered(one).repeated).toBe(false);
    expect(answered(two)).toMatchObject({ repeated: true, correct: true, nextDue: answered(one).nextDue });
    const third = answered(await world.learning.answerQuizCard(ana, card.cardId, wrongAnswer(world, card), 4_000));
    expect(third).toMatchObject({ repeated: true, correct: true });
    const progress = await world.learning.progressView(ana);
    expect(progress.quiz.reviews).toBe(1);
    expect(progress.xp.total).toBe(answered(one).xp);
  });

  it('treats an answer that is not an option as a typo, not a mistake', async () => {
    const ana = world.student('ana');
    const card = await showNext(world);
    const result = await world.learning.answerQuizCard(ana, card.cardId, 'z', 1_000);
    expect(result).toMatchObject({ status: 'invalid', reason: 'not-an-option' });
    expect((await showNext(world)).cardId).toBe(card.cardId);
  });

  it('refuses a card that belongs to another student', async () => {
    const card = await showNext(world);
    expect(await world.learning.answerQuizCard(world.student('bia'), card.cardId, 'a', 1_000)).toEqual({ status: 'not-found', what: 'card', locale: 'en' });
  });
});

describe('"type the command" cards', () => {
  async function show(questionId: string) {
    const ana = world.student('ana');
    world.baleia.profileOf(ana);
    const shown = world.store.learning.createPresentation({ scope: SCOPE, userId: ana.userId, questionId, source: 'quiz', ref: null, shownAt: world.now });
    return { ana, cardId: String(shown.id) };
  }

  it('accepts any line that reaches the state, run on a scratch host and never on the student\'s own', async () => {
    const { ana, cardId } = await show('stop-web');
    const result = answered(await world.learning.answerQuizCard(ana, cardId, 'docker container stop web', 30_000));
    expect(result).toMatchObject({ correct: true, kind: 'command' });
    expect(result.probes).toEqual([{ describe: 'web is stopped (exited)', holds: true }]);
    const { state } = await world.baleia.viewHost(ana);
    expect(Object.keys(state.containers)).toEqual([]);
    expect(Object.keys(state.images)).toEqual([]);
  });

  it('shows which checks failed and a line that works when the answer misses', async () => {
    const { ana, cardId } = await show('stop-web');
    const result = answered(await world.learning.answerQuizCard(ana, cardId, 'docker ps', 30_000));
    expect(result).toMatchObject({ correct: false, rating: 'again', example: 'docker stop web' });
    expect(result.probes!.every((p) => !p.holds)).toBe(true);
    expect(result.output).toContain('CONTAINER ID');
  });
});

describe('mistakes in the host feed the reviews', () => {
  it('makes the facts behind a failed docker rm of a running container due now, ahead of new questions', async () => {
    const ana = world.student('ana');
    const f21 = world.course.questionsByFact.get('F21')!;
    // A lifecycle card answered well a day ago, not due for days.
    world.store.learning.putCard(SCOPE, ana.userId, { ...newCard(f21[0]!, world.now - DAY), due: world.now + 5 * DAY, stability: 6, difficulty: 5, scheduledDays: 6, reps: 1, state: 2, lastReview: world.now - DAY });

    await world.learning.runLine(ana, 'docker run -d --name web nginx');
    const reply = await world.learning.runLine(ana, 'docker rm web');
    expect(reply.exitCode).toBe(1);
    expect(reply.events.find((e) => e.kind === 'docker.error')?.facts).toEqual(['F11', 'F21']);

    const first = await showNext(world);
    const second = (answered(await world.learning.answerQuizCard(ana, first.cardId, rightAnswer(world, first), 20_000)), await showNext(world));
    const brought = [first.questionId, second.questionId].sort();
    expect(brought).toEqual([f21[0]!, world.course.questionsByFact.get('F11')![0]!].sort());
    expect(world.learning.commonMistakes(SCOPE, { locale: 'en' }).host).toEqual([
      { code: 'container.remove-running', count: 1, students: 1, facts: ['F11', 'F21'], example: expect.stringContaining('container is running') },
    ]);
  });

  it('brings a fact forward once: a second mistake the same day adds nothing', async () => {
    const ana = world.student('ana');
    await world.learning.runLine(ana, 'docker run -d --name web nginx');
    const one = world.learning.recordHostEvents(ana, (await world.baleia.runLine(ana, 'docker rm web')).events);
    const two = world.learning.recordHostEvents(ana, (await world.baleia.runLine(ana, 'docker rm web')).events);
    expect(one.boosted).toHaveLength(2);
    expect(two).toEqual({ mistakes: 1, boosted: [] });
  });
});

describe('a lab', () => {
  it('is failed, then passed after the student fixes their host: XP once, checks on a scratch copy', async () => {
    const ana = world.student('ana');
    const status = await world.learning.labStatus(ana, 1);
    if (status.status !== 'ok') throw new Error('lab 1 exists');
    expect(status.lab).toMatchObject({ id: 'first-web-server', xp: 50 });
    expect(status.checks.map((c) => c.holds)).toEqual([false, false, false]);

    const reset = await world.learning.resetLab(ana);
    expect(reset).toMatchObject({ status: 'ok', setup: [{ line: 'docker pull nginx', exitCode: 0 }] });
    const failed = await world.learning.checkLab(ana);
    expect(failed).toMatchObject({ status: 'ok', allHold: false, passed: false, passedNow: false, xp: 0 });

    expect(await world.learning.labHint(ana)).toMatchObject({ hints: [expect.any(String)], hintsLeft: 2 });
    await world.learning.runLine(ana, 'docker run -d --name web -p 8080:80 nginx');
    const before = structuredClone((await world.baleia.viewHost(ana)).state.containers);
    const passed = await world.learning.checkLab(ana);
    expect(passed).toMatchObject({ allHold: true, passed: true, passedNow: true, xp: 50, hints: [expect.any(String)] });
    expect((await world.baleia.viewHost(ana)).state.containers).toEqual(before);

    const twice = await world.learning.checkLab(ana, 'first-web-server');
    expect(twice).toMatchObject({ passedNow: false, xp: 0, passed: true });
    const progress = await world.learning.progressView(ana);
    expect(progress.xp.total).toBe(50);
    expect(progress.labs).toEqual({ passed: 1, total: world.course.labs.length });
    expect(progress.streak.todayCounted).toBe(true);
  });

  it('reveals hints one by one, then says there are no more', async () => {
    const ana = world.student('ana');
    await world.learning.labStatus(ana, 'container-lifecycle');
    const lab = world.course.labById.get('container-lifecycle')!;
    for (let i = 1; i <= lab.hints.length; i++) expect(await world.learning.labHint(ana)).toMatchObject({ hint: lab.hints[i - 1]!.en, hintsLeft: lab.hints.length - i });
    expect(await world.learning.labHint(ana)).toMatchObject({ hint: null, hintsLeft: 0 });
  });

  it('asks for a lab to be opened before checking', async () => {
    expect(await world.learning.checkLab(world.student('ana'))).toEqual({ status: 'not-found', what: 'lab', locale: 'en' });
  });
});

describe('the streak', () => {
  async function doTodaysReviews(student = world.student('ana')) {
    for (;;) {
      const next = await world.learning.nextQuizCard(student);
      if (next.status !== 'card') return;
      const result = answered(await world.learning.answerQuizCard(student, next.card.cardId, rightAnswer(world, next.card), 10_000));
      if (result.dueLeft === 0) return;
    }
  }

  it('is kept across midnight in São Paulo and broken by a missed day', async () => {
    const ana = world.student('ana');
    world.at('2026-03-02T23:50:00-03:00');
    await doTodaysReviews();
    expect((await world.learning.progressView(ana)).streak).toMatchObject({ current: 1, todayCounted: true });

    // Twenty minutes later it is a new day in São Paulo (still the same UTC day, 03:10Z).
    world.at('2026-03-03T00:10:00-03:00');
    expect((await world.learning.progressView(ana)).streak).toMatchObject({ current: 1, todayCounted: false });
    await doTodaysReviews();
    expect((await world.learning.progressView(ana)).streak).toMatchObject({ current: 2, longest: 2, todayCounted: true });

    // The next morning it is still alive: the day is not over.
    world.at('2026-03-04T08:00:00-03:00');
    expect((await world.learning.progressView(ana)).streak).toMatchObject({ current: 2, todayCounted: false });

    // Nothing on the 4th: on the 5th the streak is gone, the record stays.
    world.at('2026-03-05T10:00:00-03:00');
    const broken = await world.learning.progressView(ana);
    expect(broken.streak).toMatchObject({ current: 0, longest: 2, todayCounted: false });
    expect(broken.streak.calendar.filter((d) => d.counted).map((d) => d.day)).toEqual(['2026-03-02', '2026-03-03']);
  });

  it('does not count a day on which due reviews were left undone', async () => {
    const ana = world.student('ana');
    for (let i = 0; i < 3; i++) {
      const card = await showNext(world);
      await world.learning.answerQuizCard(ana, card.cardId, wrongAnswer(world, card), 5_000);
    }
    world.advance(DAY);
    const card = await showNext(world);
    const result = answered(await world.learning.answerQuizCard(ana, card.cardId, rightAnswer(world, card), 5_000));
    expect(result.dueLeft).toBe(2);
    expect(result.streak).toEqual({ current: 1, todayCounted: false });
  });

  it('counts the class\'s daily question, once per prompt, with the same options for everyone', async () => {
    const [ana, bia] = [world.student('ana'), world.student('bia')];
    const content = world.learning.dailyQuestion('stopped-state', 'en', 'daily-2026-03-02')!;
    expect(world.learning.dailyQuestion('stopped-state', 'en', 'daily-2026-03-02')!.options).toEqual(content.options);
    const right = content.options.find((o) => o.text === 'exited')!.key;
    const wrong = content.options.find((o) => o.text === 'stopped')!.key;
    const first = answered(await world.learning.answerDailyQuestion(ana, { promptId: 'daily-2026-03-02', questionId: 'stopped-state', answer: right, elapsedMs: 7_000 }));
    // A difficulty-1 question pays 10, and the daily question 5 more.
    expect(first).toMatchObject({ correct: true, repeated: false, xp: 15 });
    const second = answered(await world.learning.answerDailyQuestion(ana, { promptId: 'daily-2026-03-02', questionId: 'stopped-state', answer: wrong, elapsedMs: 7_000 }));
    expect(second).toMatchObject({ correct: true, repeated: true });
    await world.learning.answerDailyQuestion(bia, { promptId: 'daily-2026-03-02', questionId: 'stopped-state', answer: wrong, elapsedMs: 9_000 });
    const results = world.learning.dailyResults(SCOPE, 'daily-2026-03-02', 'stopped-state', 'en')!;
    expect(results).toMatchObject({ answers: 2, correct: 1, share: 0.5 });
    expect(results.spread.find((s) => s.key === right)).toMatchObject({ text: 'exited', count: 1, correct: true });
    expect(results.spread.find((s) => s.key === wrong)).toMatchObject({ text: 'stopped', count: 1, correct: false });
    expect((await world.learning.progressView(ana)).streak).toMatchObject({ current: 1, todayCounted: true });
  });
});

describe('progress', () => {
  it('summarises XP, streak, mastery and what is due, and draws a picture that renders to PNG', async () => {
    const ana = world.student('ana', 'pt-BR');
    for (let day = 0; day < 4; day++) {
      for (let i = 0; i < 6; i++) {
        const next = await world.learning.nextQuizCard(ana);
        if (next.status !== 'card') break;
        await world.learning.answerQuizCard(ana, next.card.cardId, rightAnswer(world, next.card), 5_000);
      }
      world.advance(DAY);
    }
    world.advance(2 * HOUR);
    const view = await world.learning.progressView(ana);
    expect(view.locale).toBe('pt-BR');
    expect(view.topics.map((t) => t.id)).toEqual(['images', 'containers', 'lifecycle', 'dockerfile', 'build-optimization', 'volumes']);
    expect(view.facts.total).toBe(38);
    expect(view.facts.mastered + view.facts.learning + view.facts.fading + view.facts.unseen).toBe(38);
    expect(view.facts.mastered).toBeGreaterThan(0);
    expect(view.xp.total).toBeGreaterThan(0);
    // Six weeks from a Sunday up to today, Friday 6 March.
    expect(view.streak.calendar[0]!.day).toBe('2026-01-25');
    expect(view.streak.calendar).toHaveLength(41);

    const summary = progressSummary(view);
    expect(summary.split('\n')[0]).toBe('Progresso de ana');
    expect(summary).toMatch(/^Sequência: \d+ dias?/m);

    const svg = progressSvg(view);
    expect(svg).toContain('Domínio por tema');
    const png = new Resvg(svg).render().asPng();
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(760);
  });
});
