// The progress picture as plain data (what /progress draws and summarises): XP, the streak and
// its calendar, mastery per topic and per fact, what is due, lessons and labs done.
import type { Locale } from '../content/common';
import type { ActivityDayRow, LabProgressRow, LessonProgressRow } from '../store/learning';
import type { Course } from './content';
import type { DayKey } from './days';
import { factMasteries, overallMastery, topicMasteries, type FactMastery, type TopicMastery } from './mastery';
import type { CardRecord } from './scheduler';
import { streakCalendar, streakOf, type StreakDay } from './streak';

/** Weeks shown in the streak calendar. */
export const CALENDAR_WEEKS = 6;

export interface ProgressView {
  locale: Locale;
  displayName: string;
  generatedAt: number;
  today: DayKey;
  timeZone: string;
  xp: { total: number; today: number; last7Days: number };
  streak: { current: number; longest: number; todayCounted: boolean; calendar: StreakDay[] };
  /** Mean mastery over all 38 facts, 0..1. */
  mastery: number;
  topics: TopicMastery[];
  facts: {
    total: number;
    mastered: number;
    learning: number;
    fading: number;
    unseen: number;
    /** Facts to review first, with the lesson that teaches them. */
    fadingFacts: { fact: string; lessonId: string | null; lessonTitle: string | null }[];
  };
  quiz: { due: number; newLeftToday: number; cardsAnswered: number; reviews: number; accuracy: number | null; nextDue: number | null };
  lessons: { completed: number; total: number; next: { id: string; order: number; title: string } | null };
  labs: { passed: number; total: number };
}

export interface ProgressInput {
  course: Course;
  locale: Locale;
  displayName: string;
  now: number;
  today: DayKey;
  timeZone: string;
  cards: readonly CardRecord[];
  activity: readonly ActivityDayRow[];
  lessons: readonly LessonProgressRow[];
  labs: readonly LabProgressRow[];
  xp: { total: number; today: number; last7Days: number };
  reviews: { reviews: number; correct: number };
  due: number;
  newLeftToday: number;
  nextDue: number | null;
}

export function buildProgressView(input: ProgressInput): ProgressView {
  const { course, locale } = input;
  const facts: FactMastery[] = factMasteries(course, input.cards, input.now);
  const count = (status: FactMastery['status']) => facts.filter((f) => f.status === status).length;
  const completed = new Set(input.lessons.filter((l) => l.completedAt !== null).map((l) => l.lessonId));
  const nextLesson = course.lessons.find((lesson) => !completed.has(lesson.id));
  const streak = streakOf(input.activity, input.today);
  return {
    locale,
    displayName: input.displayName,
    generatedAt: input.now,
    today: input.today,
    timeZone: input.timeZone,
    xp: input.xp,
    streak: { ...streak, calendar: streakCalendar(input.activity, input.today, CALENDAR_WEEKS) },
    mastery: overallMastery(facts),
    topics: topicMasteries(course, facts, locale),
    facts: {
      total: facts.length,
      mastered: count('mastered'),
      learning: count('learning'),
      fading: count('fading'),
      unseen: count('unseen'),
      fadingFacts: facts
        .filter((f) => f.status === 'fading')
        .sort((a, b) => a.value - b.value)
        .map((f) => {
          const lessonId = course.lessonOfFact.get(f.fact) ?? null;
          const lesson = lessonId ? course.lessonById.get(lessonId) : undefined;
          return { fact: f.fact, lessonId, lessonTitle: lesson ? lesson.title[locale] : null };
        }),
    },
    quiz: {
      due: input.due,
      newLeftToday: input.newLeftToday,
      cardsAnswered: input.cards.filter((c) => c.lastReview !== null).length,
      reviews: input.reviews.reviews,
      accuracy: input.reviews.reviews === 0 ? null : input.reviews.correct / input.reviews.reviews,
      nextDue: input.nextDue,
    },
    lessons: {
      completed: completed.size,
      total: course.lessons.length,
      next: nextLesson ? { id: nextLesson.id, order: nextLesson.order, title: nextLesson.title[locale] } : null,
    },
    labs: { passed: input.labs.filter((l) => l.passedAt !== null).length, total: course.labs.length },
  };
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

/** A few lines of text for the terminal and beside the picture. */
export function progressSummary(view: ProgressView): string {
  const pt = view.locale === 'pt-BR';
  const lines: string[] = [];
  const days = (n: number) => (pt ? `${n} ${n === 1 ? 'dia' : 'dias'}` : `${n} ${n === 1 ? 'day' : 'days'}`);
  lines.push(pt ? `Progresso de ${view.displayName}` : `${view.displayName}'s progress`);
  lines.push(pt
    ? `XP: ${view.xp.total} (hoje ${view.xp.today}, últimos 7 dias ${view.xp.last7Days})`
    : `XP: ${view.xp.total} (today ${view.xp.today}, last 7 days ${view.xp.last7Days})`);
  const streakNote = view.streak.todayCounted ? (pt ? 'hoje já conta' : 'today counts already') : view.streak.current > 0 ? (pt ? 'faça as revisões de hoje para mantê-la' : "do today's reviews to keep it") : '';
  lines.push(pt
    ? `Sequência: ${days(view.streak.current)}${streakNote ? ` (${streakNote})` : ''}; recorde ${days(view.streak.longest)}`
    : `Streak: ${days(view.streak.current)}${streakNote ? ` (${streakNote})` : ''}; best ${days(view.streak.longest)}`);
  lines.push(pt
    ? `Domínio: ${percent(view.mastery)} · ${view.facts.mastered} de ${view.facts.total} fatos dominados, ${view.facts.learning} aprendendo, ${view.facts.fading} esmaecendo, ${view.facts.unseen} por ver`
    : `Mastery: ${percent(view.mastery)} · ${view.facts.mastered} of ${view.facts.total} facts mastered, ${view.facts.learning} learning, ${view.facts.fading} fading, ${view.facts.unseen} not seen yet`);
  for (const topic of view.topics) lines.push(`  ${topic.title}: ${percent(topic.value)}`);
  if (view.facts.fadingFacts.length > 0) {
    const items = view.facts.fadingFacts.slice(0, 3).map((f) => (f.lessonTitle ? `${f.fact} (${f.lessonTitle})` : f.fact)).join(', ');
    lines.push(pt ? `Para revisar: ${items}` : `To review: ${items}`);
  }
  lines.push(pt
    ? `Quiz: ${view.quiz.due} para revisar hoje, ${view.quiz.newLeftToday} novas liberadas hoje${view.quiz.accuracy === null ? '' : `, ${percent(view.quiz.accuracy)} de acertos em ${view.quiz.reviews} respostas`}`
    : `Quiz: ${view.quiz.due} due today, ${view.quiz.newLeftToday} new left today${view.quiz.accuracy === null ? '' : `, ${percent(view.quiz.accuracy)} right over ${view.quiz.reviews} answers`}`);
  lines.push(pt
    ? `Lições: ${view.lessons.completed}/${view.lessons.total}${view.lessons.next ? ` (próxima: ${view.lessons.next.order}. ${view.lessons.next.title})` : ''} · Labs: ${view.labs.passed}/${view.labs.total}`
    : `Lessons: ${view.lessons.completed}/${view.lessons.total}${view.lessons.next ? ` (next: ${view.lessons.next.order}. ${view.lessons.next.title})` : ''} · Labs: ${view.labs.passed}/${view.labs.total}`);
  return lines.join('\n');
}
