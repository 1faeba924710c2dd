// Mastery per course fact, read from FSRS: how likely the student is to recall the questions
// about that fact. A fact is mastered when that recall is high and has lasted (stability of a
// week or more), and fading when recall has dropped below what the scheduler aims for.
import type { Locale } from '../content/common';
import { FACT_IDS } from '../quiz/schema';
import type { Course } from './content';
import type { MemoryCard } from '../store/learning';
import { lastingRecall, recall, State } from './scheduler';

export type FactStatus = 'unseen' | 'learning' | 'mastered' | 'fading';

/** Lasting recall at or above this, with stability of MASTERED_STABILITY_DAYS or more, is mastery. */
export const MASTERED_RECALL = 0.9;
export const MASTERED_STABILITY_DAYS = 7;
/** Recall today below this means the fact is fading (FSRS aims to review at 0.9). */
export const FADING_RECALL = 0.85;

export interface FactMastery {
  fact: string;
  /** 0..1: mean lasting recall of the fact's answered questions (0 when none). */
  value: number;
  status: FactStatus;
  /** Questions about the fact the student has answered at least once. */
  answered: number;
  /** Questions about the fact in the course. */
  questions: number;
}

export interface TopicMastery {
  id: string;
  title: string;
  /** Mean of the topic's facts (unseen facts count as 0). */
  value: number;
  facts: FactMastery[];
}

/** Mastery of every fact F01..F38 from a student's cards. */
export function factMasteries(course: Course, cards: Iterable<MemoryCard>, now: number): FactMastery[] {
  const byQuestion = new Map<string, MemoryCard>();
  for (const card of cards) byQuestion.set(card.questionId, card);
  return FACT_IDS.map((fact) => {
    const questionIds = course.questionsByFact.get(fact) ?? [];
    let answered = 0;
    let lasting = 0;
    let today = 0;
    let stability = 0;
    for (const id of questionIds) {
      const card = byQuestion.get(id);
      if (!card || card.state === State.New || card.lastReview === null) continue;
      answered++;
      lasting += lastingRecall(card, now);
      today += recall(card, now);
      stability += card.stability;
    }
    if (answered === 0) return { fact, value: 0, status: 'unseen', answered: 0, questions: questionIds.length };
    const value = lasting / answered;
    let status: FactStatus = 'learning';
    if (value >= MASTERED_RECALL && stability / answered >= MASTERED_STABILITY_DAYS) status = 'mastered';
    else if (today / answered < FADING_RECALL) status = 'fading';
    return { fact, value, status, answered, questions: questionIds.length };
  });
}

/** Facts grouped by quiz topic (each fact in the topic that asks about it most), in topic order. */
export function topicMasteries(course: Course, facts: readonly FactMastery[], locale: Locale): TopicMastery[] {
  return course.topics.map((topic) => {
    const mine = facts.filter((f) => course.topicOfFact.get(f.fact) === topic.topic);
    const value = mine.length === 0 ? 0 : mine.reduce((sum, f) => sum + f.value, 0) / mine.length;
    return { id: topic.topic, title: topic.title[locale], value, facts: mine };
  });
}

/** Mean of all facts' mastery (unseen count as 0): breadth and retention in one number. */
export function overallMastery(facts: readonly FactMastery[]): number {
  return facts.length === 0 ? 0 : facts.reduce((sum, f) => sum + f.value, 0) / facts.length;
}
