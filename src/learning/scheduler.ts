// Spaced repetition with FSRS (ts-fsrs, FSRS-6 default weights), one card per question per
// student. Day-based: short-term steps are off, so every review lands on a later day, and a
// card is due for the whole of its due day in the class's time zone.
import { computeDecayFactor, fsrs, generatorParameters, Rating, State, type Card, type Grade } from 'ts-fsrs';
import type { QuestionKind } from '../quiz/schema';
import { offsetAt } from './days';

/**
 * FSRS-6 defaults with a desired retention of 0.9. Fuzz stays off so that the same answers on
 * the same days always give the same dates (tests, and fairness between classmates).
 */
export const FSRS_PARAMETERS = generatorParameters({ request_retention: 0.9, enable_short_term: false, enable_fuzz: false });
const scheduler = fsrs(FSRS_PARAMETERS);

/** New questions introduced per student per day (reviews that are due are never capped). */
export const NEW_CARDS_PER_DAY = 10;

export type RatingName = 'again' | 'hard' | 'good' | 'easy';
const RATING_NAMES: Record<Grade, RatingName> = { [Rating.Again]: 'again', [Rating.Hard]: 'hard', [Rating.Good]: 'good', [Rating.Easy]: 'easy' };

/**
 * How long a right answer may take and still count as fast (Easy), and after how long it counts
 * as laboured (Hard), per kind of question: reading two words and pressing True is quicker
 * than reading a setup and predicting output, which is quicker than typing a command line.
 */
export const ANSWER_TIME_THRESHOLDS: Record<QuestionKind, { fastMs: number; slowMs: number }> = {
  truefalse: { fastMs: 6_000, slowMs: 30_000 },
  choice: { fastMs: 8_000, slowMs: 40_000 },
  predict: { fastMs: 15_000, slowMs: 60_000 },
  command: { fastMs: 25_000, slowMs: 120_000 },
};

/**
 * Past this, the time says nothing about recall (the student left and came back), so a right
 * answer is simply Good. A missing or negative time is treated the same way.
 */
export const ANSWER_TIME_UNKNOWN_AFTER_MS = 15 * 60_000;

/** Wrong → Again; right and fast → Easy; right and slow → Hard; otherwise right → Good. */
export function rateAnswer(kind: QuestionKind, correct: boolean, elapsedMs: number | undefined): Grade {
  if (!correct) return Rating.Again;
  if (elapsedMs === undefined || !Number.isFinite(elapsedMs) || elapsedMs < 0 || elapsedMs > ANSWER_TIME_UNKNOWN_AFTER_MS) return Rating.Good;
  const { fastMs, slowMs } = ANSWER_TIME_THRESHOLDS[kind];
  if (elapsedMs <= fastMs) return Rating.Easy;
  if (elapsedMs > slowMs) return Rating.Hard;
  return Rating.Good;
}

export function ratingName(grade: Grade): RatingName {
  return RATING_NAMES[grade];
}

/** A student's card for one question, as stored (times in ms since the epoch). */
export interface CardRecord {
  questionId: string;
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  reps: number;
  lapses: number;
  state: State;
  lastReview: number | null;
  /** When the question was first shown to the student (counts toward the daily cap). */
  introducedAt: number;
}

/** A card the student has not answered yet, due at once. */
export function newCard(questionId: string, now: number): CardRecord {
  return { questionId, due: now, stability: 0, difficulty: 0, scheduledDays: 0, reps: 0, lapses: 0, state: State.New, lastReview: null, introducedAt: now };
}

// ts-fsrs counts days in UTC. Handing it the class's wall-clock time dressed as UTC makes its
// days the class's days: a review at 23:00 in São Paulo is that day's review, not tomorrow's.
const toWall = (ms: number, timeZone: string) => ms + offsetAt(ms, timeZone);
const fromWall = (wall: number, timeZone: string) => wall - offsetAt(wall - offsetAt(wall, timeZone), timeZone);

function toFsrs(card: CardRecord, timeZone: string): Card {
  return {
    due: new Date(toWall(card.due, timeZone)),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: 0,
    scheduled_days: card.scheduledDays,
    learning_steps: 0,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.lastReview !== null && { last_review: new Date(toWall(card.lastReview, timeZone)) }),
  };
}

export interface Review {
  card: CardRecord;
  grade: Grade;
  /** Days until the next review (1 = tomorrow). */
  intervalDays: number;
}

/** Applies one answer to a card. */
export function reviewCard(card: CardRecord, grade: Grade, now: number, timeZone: string): Review {
  const next = scheduler.next(toFsrs(card, timeZone), new Date(toWall(now, timeZone)), grade).card;
  return {
    card: {
      questionId: card.questionId,
      due: fromWall(next.due.getTime(), timeZone),
      stability: next.stability,
      difficulty: next.difficulty,
      scheduledDays: next.scheduled_days,
      reps: next.reps,
      lapses: next.lapses,
      state: next.state,
      lastReview: now,
      introducedAt: card.introducedAt,
    },
    grade,
    intervalDays: next.scheduled_days,
  };
}

const DAY_MS = 86_400_000;
/** FSRS-6's forgetting curve constants, worked out once (a class overview evaluates it for every card). */
const CURVE = computeDecayFactor(FSRS_PARAMETERS.w);

/** FSRS retrievability: the chance the student recalls the card at `at` (0 when never answered). */
export function recall(card: Pick<CardRecord, 'state' | 'lastReview' | 'stability'>, at: number): number {
  if (card.state === State.New || card.lastReview === null || card.stability <= 0) return 0;
  const days = Math.max(0, (at - card.lastReview) / DAY_MS);
  // ts-fsrs's forgetting_curve, with its constants hoisted: R = (1 + factor·t/S)^decay, to 8 places.
  return Math.round(Math.pow(1 + (CURVE.factor * days) / card.stability, CURVE.decay) * 1e8) / 1e8;
}

/**
 * Recall as mastery counts it: never judged sooner than a day after the last answer, because
 * every card reads 100% the moment it is answered, even one just got wrong.
 */
export function lastingRecall(card: Pick<CardRecord, 'state' | 'lastReview' | 'stability'>, now: number): number {
  if (card.lastReview === null) return 0;
  return recall(card, Math.max(now, card.lastReview + DAY_MS));
}

export { Rating, State };
export type { Grade };
