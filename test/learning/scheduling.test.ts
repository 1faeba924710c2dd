// FSRS scheduling, class-time-zone days and streaks, without a database.
import { createEmptyCard, fsrs, Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { addDays, dayKey, dayWindow, startOfDay } from '../../src/learning/days';
import { gradeChoice, stableOrder } from '../../src/learning/quiz';
import {
  ANSWER_TIME_THRESHOLDS,
  FSRS_PARAMETERS,
  lastingRecall,
  newCard,
  rateAnswer,
  recall,
  reviewCard,
} from '../../src/learning/scheduler';
import { streakCalendar, streakOf } from '../../src/learning/streak';
import type { ActivityDayRow } from '../../src/store/learning';
import type { Question } from '../../src/quiz/schema';

const SP = 'America/Sao_Paulo';
const at = (iso: string) => Date.parse(iso);

describe('rating an answer', () => {
  it('is Again when wrong, however fast', () => {
    expect(rateAnswer('choice', false, 1_000)).toBe(Rating.Again);
  });

  it('is Easy when right within the fast threshold, Hard past the slow one, Good between', () => {
    expect(rateAnswer('choice', true, 8_000)).toBe(Rating.Easy);
    expect(rateAnswer('choice', true, 8_001)).toBe(Rating.Good);
    expect(rateAnswer('choice', true, 40_000)).toBe(Rating.Good);
    expect(rateAnswer('choice', true, 40_001)).toBe(Rating.Hard);
  });

  it('gives typing a command more time than pressing True', () => {
    expect(ANSWER_TIME_THRESHOLDS.command.fastMs).toBeGreaterThan(ANSWER_TIME_THRESHOLDS.truefalse.fastMs);
    expect(rateAnswer('command', true, 20_000)).toBe(Rating.Easy);
    expect(rateAnswer('truefalse', true, 20_000)).toBe(Rating.Good);
  });

  it('is Good when the time says nothing: unknown, negative, or a student who walked away', () => {
    expect(rateAnswer('predict', true, undefined)).toBe(Rating.Good);
    expect(rateAnswer('predict', true, -5)).toBe(Rating.Good);
    expect(rateAnswer('predict', true, 3_600_000)).toBe(Rating.Good);
  });
});

describe('FSRS scheduling, day-based, in the class time zone', () => {
  const now = at('2026-03-02T10:00:00-03:00');

  it('uses FSRS-6 defaults with desired retention 0.9, no short-term steps and no fuzz', () => {
    expect(FSRS_PARAMETERS.w).toHaveLength(21);
    expect(FSRS_PARAMETERS.request_retention).toBe(0.9);
    expect(FSRS_PARAMETERS.enable_short_term).toBe(false);
    expect(FSRS_PARAMETERS.enable_fuzz).toBe(false);
  });

  it('brings a first wrong answer back tomorrow, Hard in 2 days, Good in 3, Easy in 8', () => {
    const days = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy].map((grade) => {
      const review = reviewCard(newCard('q', now), grade as never, now, SP);
      return [review.intervalDays, dayKey(review.card.due, SP)];
    });
    expect(days).toEqual([[1, '2026-03-03'], [2, '2026-03-04'], [3, '2026-03-05'], [8, '2026-03-10']]);
  });

  it('follows ts-fsrs exactly: the same stability, difficulty and intervals over a run of reviews', () => {
    const reference = fsrs(FSRS_PARAMETERS);
    let theirs = createEmptyCard(new Date(now));
    let ours = newCard('q', now);
    let when = now;
    for (const grade of [Rating.Good, Rating.Good, Rating.Again, Rating.Good, Rating.Easy] as const) {
      theirs = reference.next(theirs, new Date(when), grade).card;
      // UTC makes the class's wall clock and ts-fsrs's the same clock.
      ours = reviewCard(ours, grade, when, 'UTC').card;
      expect(ours.due).toBe(theirs.due.getTime());
      expect(ours.stability).toBeCloseTo(theirs.stability, 10);
      expect(ours.difficulty).toBeCloseTo(theirs.difficulty, 10);
      when = ours.due;
    }
  });

  it('counts a late-evening review in São Paulo as that day, although UTC has turned', () => {
    const late = at('2026-03-02T23:30:00-03:00');
    const review = reviewCard(newCard('q', late), Rating.Again, late, SP);
    expect(dayKey(late, SP)).toBe('2026-03-02');
    expect(dayKey(review.card.due, SP)).toBe('2026-03-03');
  });

  it('reads retrievability from the forgetting curve: 90% at the stability, and 0 for an unanswered card', () => {
    const good = reviewCard(newCard('q', now), Rating.Good, now, SP).card;
    expect(recall(good, now + good.stability * 86_400_000)).toBeCloseTo(0.9, 6);
    expect(recall(newCard('q', now), now)).toBe(0);
  });

  it('never judges mastery sooner than a day after an answer, so a card just got wrong is not 100%', () => {
    const wrong = reviewCard(newCard('q', now), Rating.Again, now, SP).card;
    expect(recall(wrong, now)).toBe(1);
    expect(lastingRecall(wrong, now)).toBeLessThan(0.8);
  });
});

describe('days in a time zone', () => {
  it('turns the São Paulo day at 03:00 UTC', () => {
    expect(dayKey(at('2026-03-03T02:59:59Z'), SP)).toBe('2026-03-02');
    expect(dayKey(at('2026-03-03T03:00:00Z'), SP)).toBe('2026-03-03');
    expect(dayWindow(at('2026-03-03T02:00:00Z'), SP)).toEqual({ day: '2026-03-02', start: at('2026-03-02T03:00:00Z'), end: at('2026-03-03T03:00:00Z') });
  });

  it('gives a 23-hour day when New York springs forward', () => {
    const start = startOfDay('2026-03-08', 'America/New_York');
    const end = startOfDay('2026-03-09', 'America/New_York');
    expect(new Date(start).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(end - start).toBe(23 * 3_600_000);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});

describe('streaks', () => {
  const row = (day: string, what: Partial<ActivityDayRow> = {}): ActivityDayRow => ({ userId: 'u', day, reviewsDone: false, labsPassed: 0, dailyAnswered: false, answers: 1, ...what });

  it('counts days with due reviews done, a lab passed or the daily question, not mere answers', () => {
    const rows = [row('2026-03-01', { reviewsDone: true }), row('2026-03-02', { labsPassed: 1 }), row('2026-03-03', { dailyAnswered: true })];
    expect(streakOf(rows, '2026-03-03')).toEqual({ current: 3, longest: 3, todayCounted: true, lastDay: '2026-03-03' });
    expect(streakOf([...rows, row('2026-03-04')], '2026-03-04').todayCounted).toBe(false);
  });

  it('keeps yesterday\'s streak alive until today is over, and breaks it after a missed day', () => {
    const rows = [row('2026-03-01', { reviewsDone: true }), row('2026-03-02', { reviewsDone: true })];
    expect(streakOf(rows, '2026-03-03').current).toBe(2);
    expect(streakOf(rows, '2026-03-04').current).toBe(0);
    expect(streakOf(rows, '2026-03-04').longest).toBe(2);
  });

  it('lays the calendar out in whole weeks from a Sunday up to today', () => {
    const days = streakCalendar([row('2026-03-02', { reviewsDone: true })], '2026-03-04', 2);
    expect(days[0]!.day).toBe('2026-02-22');
    expect(days.at(-1)!.day).toBe('2026-03-04');
    expect(days.filter((d) => d.counted).map((d) => d.day)).toEqual(['2026-03-02']);
  });
});

describe('options in a stable shuffle', () => {
  const question: Question = {
    kind: 'choice',
    id: 'q',
    facts: ['F01'],
    difficulty: 1,
    prompt: { en: 'Pick', 'pt-BR': 'Escolha' },
    options: ['A', 'B', 'C', 'D'].map((x) => ({ en: x, 'pt-BR': x })),
    answer: 2,
    explanation: { en: 'C.', 'pt-BR': 'C.' },
  };

  it('is a permutation, the same every time for the same seed', () => {
    expect([...stableOrder(4, 'ana:q')].sort()).toEqual([0, 1, 2, 3]);
    expect(stableOrder(4, 'ana:q')).toEqual(stableOrder(4, 'ana:q'));
    const orders = new Set(['ana', 'bia', 'caio', 'davi', 'eva', 'fabio'].map((s) => stableOrder(4, `${s}:q`).join('')));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('judges the pressed letter against the right option wherever the shuffle put it', () => {
    const right = gradeChoice(question, 'en', 'ana', 'a');
    if (!right.valid) throw new Error('a is an option');
    const key = right.rightKey;
    expect(gradeChoice(question, 'en', 'ana', key)).toMatchObject({ valid: true, correct: true, value: 'option:2', rightText: 'C' });
    expect(gradeChoice(question, 'en', 'ana', 'z')).toEqual({ valid: false });
  });

  it('accepts true/false in either language', () => {
    const tf: Question = { kind: 'truefalse', id: 't', facts: ['F01'], difficulty: 1, statement: { en: 'S', 'pt-BR': 'S' }, answer: false, explanation: { en: 'E', 'pt-BR': 'E' } };
    for (const word of ['false', 'F', 'falso', 'Não']) expect(gradeChoice(tf, 'pt-BR', 's', word)).toMatchObject({ valid: true, correct: true });
    expect(gradeChoice(tf, 'pt-BR', 's', 'verdadeiro')).toMatchObject({ valid: true, correct: false, rightText: 'Falso' });
  });
});
