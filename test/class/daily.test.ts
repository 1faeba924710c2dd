// The class's daily question as the use cases decide it, with a clock the test moves: one
// prompt per class day at the set time in the class's time zone (for a week, across midnight and
// a daylight-saving change), a day missed while the bot was down posted late but never the day
// after, pause and resume, "daily now", one answer per student, and streaks in the class's days.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StudentRef } from '../../src/app/baleia';
import type { DailyPromptRow } from '../../src/store/class';
import { createClassWorld, DAY, HOUR, MINUTE, type ClassWorld } from './world';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let w: ClassWorld;
beforeEach(async () => {
  w = await createClassWorld();
});

function keyFor(prompt: DailyPromptRow, right: boolean): string {
  const question = w.course.questionById.get(prompt.questionId)!;
  const content = w.classes.promptContent(prompt, 'en')!;
  let rightKey: string;
  if (question.kind === 'truefalse') rightKey = String(question.answer);
  else if (question.kind === 'choice') rightKey = content.options.find((o) => o.text === question.options[question.answer]!.en)!.key;
  else {
    const answer = w.course.predictAnswers.get(question.id)!;
    rightKey = content.options.find((o) => o.text === (answer === '' ? '(prints nothing)' : answer))!.key;
  }
  return right ? rightKey : content.options.find((o) => o.key !== rightKey)!.key;
}

async function setUp(scope: string, time: string, timeZone: string, extra: { windowMinutes?: number } = {}) {
  const result = await w.classes.setup(scope, { channelId: `ch-${scope}`, time, timeZone, ...extra }, 'teacher', 'en');
  expect(result.status).toBe('ok');
}

function prompts(scope: string): DailyPromptRow[] {
  return w.store.classes.recent(scope, 100).reverse();
}

/** Moves the clock in five-minute steps (the safety tick) until `until`, ticking at each. */
function runUntil(until: number): void {
  while (w.now < until) {
    w.advance(5 * MINUTE);
    w.tick();
  }
}

describe('a week of daily prompts', () => {
  it('posts one question per class day at the set time in each class’s time zone, and reveals each before the next', async () => {
    w.at('2026-03-05T00:00:00Z');
    await setUp('sp', '09:00', 'America/Sao_Paulo');
    await setUp('tokyo', '23:30', 'Asia/Tokyo');
    // New York moves its clocks forward at 02:00 on Sunday, March 8: 02:30 does not exist that day.
    await setUp('ny', '02:30', 'America/New_York');
    runUntil(Date.parse('2026-03-12T00:00:00Z'));

    const posts = (scope: string) => w.sent.filter((s) => s.kind === 'post' && s.scope === scope);
    expect(posts('sp').map((s) => [s.day, new Date(s.at).toISOString()])).toEqual([
      ['2026-03-05', '2026-03-05T12:00:00.000Z'],
      ['2026-03-06', '2026-03-06T12:00:00.000Z'],
      ['2026-03-07', '2026-03-07T12:00:00.000Z'],
      ['2026-03-08', '2026-03-08T12:00:00.000Z'],
      ['2026-03-09', '2026-03-09T12:00:00.000Z'],
      ['2026-03-10', '2026-03-10T12:00:00.000Z'],
      ['2026-03-11', '2026-03-11T12:00:00.000Z'],
    ]);
    // 23:30 in Tokyo is 14:30 UTC: the class day is Tokyo's, a day ahead of UTC's evening.
    expect(posts('tokyo').map((s) => [s.day, new Date(s.at).toISOString()])).toEqual([
      ['2026-03-05', '2026-03-05T14:30:00.000Z'],
      ['2026-03-06', '2026-03-06T14:30:00.000Z'],
      ['2026-03-07', '2026-03-07T14:30:00.000Z'],
      ['2026-03-08', '2026-03-08T14:30:00.000Z'],
      ['2026-03-09', '2026-03-09T14:30:00.000Z'],
      ['2026-03-10', '2026-03-10T14:30:00.000Z'],
      ['2026-03-11', '2026-03-11T14:30:00.000Z'],
    ]);
    expect(posts('ny').map((s) => [s.day, new Date(s.at).toISOString()])).toEqual([
      ['2026-03-05', '2026-03-05T07:30:00.000Z'],
      ['2026-03-06', '2026-03-06T07:30:00.000Z'],
      ['2026-03-07', '2026-03-07T07:30:00.000Z'],
      ['2026-03-08', '2026-03-08T07:00:00.000Z'],
      ['2026-03-09', '2026-03-09T06:30:00.000Z'],
      ['2026-03-10', '2026-03-10T06:30:00.000Z'],
      ['2026-03-11', '2026-03-11T06:30:00.000Z'],
    ]);
    for (const scope of ['sp', 'tokyo', 'ny']) {
      const rows = prompts(scope);
      expect(rows).toHaveLength(7);
      // Every prompt but the latest was revealed a minute before the next one went out.
      for (let i = 0; i < rows.length - 1; i++) {
        expect(rows[i]!.revealedAt).not.toBeNull();
        expect(rows[i]!.closesAt).toBe(rows[i + 1]!.dueAt - MINUTE);
      }
      expect(rows.at(-1)!.revealedAt).toBeNull();
      expect(new Set(rows.map((r) => r.questionId)).size).toBe(7);
    }
  });

  it('keeps a prompt open for the class’s window, then reveals it', async () => {
    w.at('2026-03-02T08:00:00-03:00');
    await setUp('sp', '09:00', 'America/Sao_Paulo', { windowMinutes: 60 });
    runUntil(Date.parse('2026-03-02T11:00:00-03:00'));
    expect(w.sent.map((s) => [s.kind, new Date(s.at).toISOString()])).toEqual([
      ['post', '2026-03-02T12:00:00.000Z'],
      ['reveal', '2026-03-02T13:00:00.000Z'],
    ]);
  });
});

describe('restarts', () => {
  it('posts a day missed while the bot was down when it comes back the same day, and never the day after', async () => {
    w.at('2026-03-02T07:00:00-03:00');
    await setUp('sp', '09:00', 'America/Sao_Paulo');
    w.at('2026-03-02T15:20:00-03:00');
    expect(w.tick().map((item) => item.kind)).toEqual(['post']);
    expect(prompts('sp')[0]).toMatchObject({ day: '2026-03-02', dueAt: Date.parse('2026-03-02T09:00:00-03:00') });
    // Down again from before 09:00 on the 3rd to 00:30 on the 4th: the 3rd is over, so it is skipped.
    w.at('2026-03-04T00:30:00-03:00');
    w.tick();
    expect(prompts('sp').map((p) => p.day)).toEqual(['2026-03-02']);
    runUntil(Date.parse('2026-03-04T09:10:00-03:00'));
    expect(prompts('sp').map((p) => p.day)).toEqual(['2026-03-02', '2026-03-04']);
  });

  it('sends a claimed prompt again after a crash, without claiming the day a second time', async () => {
    w.at('2026-03-02T08:00:00-03:00');
    await setUp('sp', '09:00', 'America/Sao_Paulo');
    w.at('2026-03-02T09:00:00-03:00');
    const [first] = w.classes.dailyWork(w.now);
    expect(first?.kind).toBe('post');
    // The process dies while sending: the attempt is counted, the message id never recorded.
    w.classes.countPostAttempt(first!.prompt.id);
    w.advance(2 * MINUTE);
    const [again] = w.classes.dailyWork(w.now);
    expect(again).toMatchObject({ kind: 'post', prompt: { id: first!.prompt.id, postAttempts: 1 } });
    expect(prompts('sp')).toHaveLength(1);
  });
});

describe('instructors', () => {
  it('do not get today’s question late when they set the class up after its time', async () => {
    w.at('2026-03-02T10:00:00-03:00');
    const setup = await w.classes.setup('sp', { channelId: 'c' }, 'teacher', 'en');
    expect(setup).toMatchObject({ status: 'ok', nextPromptAt: Date.parse('2026-03-03T09:00:00-03:00') });
    expect(w.tick()).toEqual([]);
  });

  it('pause the daily question (no prompt while paused) and resume it from the next time', async () => {
    w.at('2026-03-02T08:00:00-03:00');
    await setUp('sp', '09:00', 'America/Sao_Paulo');
    const paused = await w.classes.setPaused('sp', true, 'teacher');
    expect(paused).toMatchObject({ status: 'ok', nextPromptAt: null });
    runUntil(Date.parse('2026-03-03T10:00:00-03:00'));
    expect(prompts('sp')).toEqual([]);
    const resumed = await w.classes.setPaused('sp', false, 'teacher');
    expect(resumed).toMatchObject({ status: 'ok', nextPromptAt: Date.parse('2026-03-04T09:00:00-03:00') });
    runUntil(Date.parse('2026-03-04T10:00:00-03:00'));
    expect(prompts('sp').map((p) => p.day)).toEqual(['2026-03-04']);
    expect(await w.classes.setPaused('nowhere', true, 'teacher')).toEqual({ status: 'not-set-up' });
  });

  it('get a question right now with "daily now": today’s, if it has not gone out, else an extra one', async () => {
    w.at('2026-03-02T07:00:00-03:00');
    await setUp('sp', '09:00', 'America/Sao_Paulo');
    const early = await w.classes.requestPrompt('sp', 'teacher');
    expect(early).toMatchObject({ status: 'ok', prompt: { day: '2026-03-02', seq: 0, requestedBy: 'teacher' } });
    w.tick();
    runUntil(Date.parse('2026-03-02T12:00:00-03:00'));
    expect(w.sent.filter((s) => s.kind === 'post')).toHaveLength(1);
    const extra = await w.classes.requestPrompt('sp', 'teacher');
    expect(extra).toMatchObject({ status: 'ok', prompt: { day: '2026-03-02', seq: 1 } });
    expect(extra.status === 'ok' && extra.prompt.questionId).not.toBe(early.status === 'ok' && early.prompt.questionId);
    expect(await w.classes.requestPrompt('nowhere', 'teacher')).toEqual({ status: 'not-set-up' });
  });
});

describe('answers', () => {
  async function postToday(): Promise<DailyPromptRow> {
    w.at('2026-03-02T08:00:00-03:00');
    await setUp('sp', '09:00', 'America/Sao_Paulo');
    runUntil(Date.parse('2026-03-02T09:00:00-03:00'));
    return prompts('sp')[0]!;
  }

  it('count once per student: a second press, even on another option, changes nothing', async () => {
    const prompt = await postToday();
    const ana = w.student('sp', 'ana');
    w.advance(20 * 1000);
    const first = await w.classes.answerPrompt(ana, prompt.id, keyFor(prompt, false));
    expect(first).toMatchObject({ status: 'answered', result: { correct: false, repeated: false } });
    const second = await w.classes.answerPrompt(ana, prompt.id, keyFor(prompt, true));
    expect(second).toMatchObject({ status: 'answered', result: { correct: false, repeated: true } });
    expect(w.learning.dailyResults('sp', String(prompt.id), prompt.questionId, 'en')).toMatchObject({ answers: 1, correct: 0 });
    // The answer is an FSRS review: wrong, so the card is due again tomorrow (a São Paulo day).
    const card = w.store.learning.card('sp', ana.userId, prompt.questionId)!;
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(card.due)).toBe('2026-03-03');
  });

  it('after the window only say what the answer was', async () => {
    const prompt = await postToday();
    runUntil(Date.parse('2026-03-03T08:59:30-03:00'));
    const late = await w.classes.answerPrompt(w.student('sp', 'bia'), prompt.id, keyFor(prompt, true));
    expect(late).toMatchObject({ status: 'closed', rightKey: keyFor(prompt, true) });
    expect(w.learning.dailyResults('sp', String(prompt.id), prompt.questionId, 'en')).toMatchObject({ answers: 0 });
  });

  it('refuse a prompt of another class and a key that is not an option', async () => {
    const prompt = await postToday();
    expect(await w.classes.answerPrompt(w.student('other', 'ana'), prompt.id, 'a')).toMatchObject({ status: 'not-found' });
    expect(await w.classes.answerPrompt(w.student('sp', 'ana'), prompt.id, 'z')).toMatchObject({ status: 'invalid' });
    expect(await w.classes.answerPrompt(w.student('sp', 'ana'), 999_999, 'a')).toMatchObject({ status: 'not-found' });
  });
});

describe('streaks in the class’s days', () => {
  it('keeps a streak across Tokyo’s midnight (the same UTC day) and breaks it after a missed day', async () => {
    w.at('2026-03-02T12:00:00Z');
    await setUp('tk', '23:50', 'Asia/Tokyo', { windowMinutes: 15 });
    const ana: StudentRef = w.student('tk', 'ana');
    const answerToday = async () => {
      const prompt = prompts('tk').at(-1)!;
      const result = await w.classes.answerPrompt(ana, prompt.id, keyFor(prompt, true));
      if (result.status !== 'answered') throw new Error(`not answered: ${result.status}`);
      return result.result.streak;
    };
    // 23:50 Tokyo on the 2nd is 14:50 UTC; "daily now" at 00:05 Tokyo on the 3rd is 15:05 UTC.
    runUntil(Date.parse('2026-03-02T14:55:00Z'));
    expect(await answerToday()).toMatchObject({ current: 1 });
    w.at('2026-03-02T15:05:00Z');
    await w.classes.requestPrompt('tk', 'teacher');
    w.tick();
    expect(prompts('tk').at(-1)!.day).toBe('2026-03-03');
    expect(await answerToday()).toMatchObject({ current: 2, todayCounted: true });
    // "Daily now" was the 3rd's prompt, so none comes at 23:50 that day; the 4th's goes by unanswered.
    runUntil(Date.parse('2026-03-05T14:55:00Z'));
    expect(prompts('tk').map((p) => p.day)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']);
    expect(await answerToday()).toMatchObject({ current: 1 });
  });
});

describe('the leaderboard students ask for', () => {
  it('is shared for a minute, while hiding oneself takes effect at once', async () => {
    const [ana, bia] = [w.student('sp', 'ana'), w.student('sp', 'bia')];
    await w.learning.progressView(ana);
    expect((await w.classes.leaderboardFor(ana)).students).toBe(1);
    await w.learning.progressView(bia);
    // bia arrived a moment ago: the board computed for ana still stands.
    expect((await w.classes.leaderboardFor(bia))).toMatchObject({ students: 1, me: null, hidden: false });
    w.advance(MINUTE);
    expect((await w.classes.leaderboardFor(bia))).toMatchObject({ students: 2, me: { displayName: 'bia' } });
    expect((await w.classes.leaderboardFor(ana, { hide: true }))).toMatchObject({ students: 1, me: null, hidden: true });
    expect((await w.classes.leaderboardFor(bia)).top.map((entry) => entry.displayName)).toEqual(['bia']);
  });
});
