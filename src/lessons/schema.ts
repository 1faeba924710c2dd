// Lessons (data/lessons/*.json) as a zod schema, and the checks that need the whole course
// at once (unique ids, contiguous order, fact tags that agree between a lesson and its pages,
// quiz references). Pure: the caller reads the files and passes their parsed JSON.
import { z } from 'zod';
import { FactIdSchema, FactsSchema, LocalizedTextSchema, LOCALES } from '../content/common';
import type { LocalizedText } from '../content/common';

/**
 * Discord limits that shape a lesson: a page is one embed read on a phone, so we keep it far
 * below the embed description limit (4096); button labels are capped at 80 by Discord.
 */
export const LESSON_LIMITS = {
  bodyChars: 900,
  titleChars: 80,
  summaryChars: 200,
  labelChars: 80,
  commandChars: 500,
  pagesMin: 2,
  pagesMax: 5,
  /** One row of buttons holds five. */
  tryItsPerPage: 5,
} as const;

export const LESSON_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function limitedText(max: number) {
  return LocalizedTextSchema.superRefine((text, ctx) => {
    for (const locale of LOCALES) {
      const length = text[locale].length;
      if (length > max) {
        ctx.addIssue({
          code: 'custom',
          path: [locale],
          message: `${locale} text has ${length} characters; the limit is ${max}`,
        });
      }
    }
  });
}

/**
 * A "Try it" button: one shell line run in the student's own simulated host. A line may only
 * span several lines when it writes a file with a heredoc (`cat > Dockerfile <<'EOF' ... EOF`).
 * Every try-it is expected to exit 0 on a host that ran the lesson's earlier try-its.
 */
export const TryItSchema = z.object({
  command: z.string().min(1).max(LESSON_LIMITS.commandChars),
  label: limitedText(LESSON_LIMITS.labelChars),
}).strict();
export type TryIt = z.infer<typeof TryItSchema>;

export const LessonPageSchema = z.object({
  /** The course facts this page teaches (curriculum IDs). */
  facts: FactsSchema,
  /** Discord markdown. */
  body: limitedText(LESSON_LIMITS.bodyChars),
  tryIt: z.array(TryItSchema).max(LESSON_LIMITS.tryItsPerPage).default([]),
}).strict();
export type LessonPage = z.infer<typeof LessonPageSchema>;

export const LessonSchema = z.object({
  id: z.string().regex(LESSON_ID_PATTERN, 'lesson ids are kebab-case'),
  /** Position in the course, from 1, contiguous. */
  order: z.number().int().min(1),
  title: limitedText(LESSON_LIMITS.titleChars),
  summary: limitedText(LESSON_LIMITS.summaryChars),
  /** Exactly the union of the pages' facts. */
  facts: FactsSchema,
  pages: z.array(LessonPageSchema).min(LESSON_LIMITS.pagesMin).max(LESSON_LIMITS.pagesMax),
  /** Question ids from data/quiz asked at the end of the lesson. */
  quiz: z.array(z.string().min(1)).default([]),
}).strict();
export type Lesson = z.infer<typeof LessonSchema>;

export type { LocalizedText };

export interface ValidateLessonsOptions {
  /** When given, every id in a lesson's `quiz` must be one of these. */
  questionIds?: ReadonlySet<string>;
}

/** Raised with every problem found, one per line, so a broken content file is fixed in one go. */
export class LessonValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid lessons:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'LessonValidationError';
  }
}

function describeIssues(where: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${where}: ${path}: ${issue.message}`;
  });
}

/**
 * Parses every lesson (one array item per data/lessons file) and checks what only the whole
 * course can show. Returns the lessons sorted by `order`; throws LessonValidationError.
 */
export function validateLessons(raw: unknown, options: ValidateLessonsOptions = {}): Lesson[] {
  if (!Array.isArray(raw)) throw new LessonValidationError(['expected an array of lessons']);
  const problems: string[] = [];
  const lessons: Lesson[] = [];

  raw.forEach((item: unknown, index) => {
    const parsed = LessonSchema.safeParse(item);
    if (parsed.success) {
      lessons.push(parsed.data);
      return;
    }
    const id = typeof item === 'object' && item !== null && 'id' in item ? String(item.id) : `#${index}`;
    problems.push(...describeIssues(`lesson ${id}`, parsed.error));
  });

  const seenIds = new Set<string>();
  for (const lesson of lessons) {
    if (seenIds.has(lesson.id)) problems.push(`lesson ${lesson.id}: duplicate id`);
    seenIds.add(lesson.id);

    const pageFacts = new Set(lesson.pages.flatMap((page) => page.facts));
    const lessonFacts = new Set(lesson.facts);
    if (lessonFacts.size !== lesson.facts.length) problems.push(`lesson ${lesson.id}: facts repeat an id`);
    for (const fact of pageFacts) {
      if (!lessonFacts.has(fact)) problems.push(`lesson ${lesson.id}: a page teaches ${fact} but the lesson's facts omit it`);
    }
    for (const fact of lessonFacts) {
      if (!pageFacts.has(fact)) problems.push(`lesson ${lesson.id}: lists ${fact} but no page teaches it`);
    }

    const seenQuestions = new Set<string>();
    for (const questionId of lesson.quiz) {
      if (seenQuestions.has(questionId)) problems.push(`lesson ${lesson.id}: quiz lists ${questionId} twice`);
      seenQuestions.add(questionId);
      if (options.questionIds && !options.questionIds.has(questionId)) {
        problems.push(`lesson ${lesson.id}: quiz question ${questionId} does not exist`);
      }
    }
  }

  const sorted = [...lessons].sort((a, b) => a.order - b.order);
  sorted.forEach((lesson, index) => {
    if (lesson.order !== index + 1) {
      problems.push(`lesson ${lesson.id}: order ${lesson.order} where ${index + 1} was expected (orders run 1..N without gaps or repeats)`);
    }
  });

  if (problems.length > 0) throw new LessonValidationError(problems);
  return sorted;
}

/** The facts taught by at least one page of these lessons. */
export function factsTaught(lessons: readonly Lesson[]): Set<z.infer<typeof FactIdSchema>> {
  return new Set(lessons.flatMap((lesson) => lesson.pages.flatMap((page) => page.facts)));
}
