// Experience points: a small reward for each piece of work, paid once where repeating it would
// be farming (a lesson, a lab), and capped per day for quiz answers.

export const XP_RULES = {
  /** Reading every page of a lesson, once per lesson. */
  lessonCompleted: 20,
  /** A right quiz answer pays base + perDifficulty × difficulty (10, 15 or 20). */
  quizBase: 5,
  quizPerDifficulty: 5,
  /** Answering the class's daily question right pays this on top. */
  dailyBonus: 5,
  /** Quiz XP (regular, lesson and daily questions) a student can earn per day. */
  quizDailyCap: 200,
} as const;

/** XP for one quiz answer, given the quiz XP already earned today. */
export function quizXp(correct: boolean, difficulty: number, earnedToday: number, daily = false): number {
  if (!correct) return 0;
  const full = XP_RULES.quizBase + XP_RULES.quizPerDifficulty * difficulty + (daily ? XP_RULES.dailyBonus : 0);
  return Math.max(0, Math.min(full, XP_RULES.quizDailyCap - earnedToday));
}
