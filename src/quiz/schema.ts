// The quiz bank (data/quiz/*.json) as zod schemas, plus the pure checks a test and the
// start-up loader share. Every text a student reads exists in both course languages, and
// each one fits where Discord will put it (embed text, button label, select option).
import { z } from 'zod';
import {
  FactsSchema,
  LOCALES,
  LocalizedTextSchema,
  ProbeSchema,
  type LocalizedText,
} from '../content/common';

/** Course fact IDs F01..F38, in course order. */
export const FACT_IDS: readonly string[] = Array.from(
  { length: 38 },
  (_, i) => `F${String(i + 1).padStart(2, '0')}`,
);

/**
 * Discord limits the texts must respect. Options become buttons or select-menu labels
 * (Discord caps both at 80 characters); prompts and explanations go in embed descriptions
 * next to other text, so they are kept well below the embed limits.
 */
export const QUIZ_LIMITS = {
  prompt: 300,
  option: 80,
  explanation: 500,
  /** A predicted output (distractor) is shown as an option too. */
  output: 80,
  outputLines: 4,
  topicTitle: 80,
} as const;

export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Length as Discord counts it is never more than the UTF-16 length, so this is the safe side. */
export function textLength(s: string): number {
  return s.length;
}

/** LocalizedText whose every language fits in `max` characters. */
export function limitedText(max: number) {
  return LocalizedTextSchema.superRefine((text, ctx) => {
    for (const locale of LOCALES) {
      const n = textLength(text[locale]);
      if (n > max) {
        ctx.addIssue({
          code: 'custom',
          path: [locale],
          message: `${locale} text has ${n} characters, more than ${max}`,
        });
      }
    }
  });
}

/** One shell line as a student would type it (heredocs may span lines inside one entry). */
export const ShellLineSchema = z.string().min(1).refine((s) => s.trim().length > 0, {
  message: 'shell line is blank',
});

const questionBase = {
  id: z.string().regex(KEBAB_ID),
  facts: FactsSchema,
  difficulty: z.number().int().min(1).max(3),
  tags: z.array(z.string().regex(KEBAB_ID)).optional(),
};

export const ChoiceQuestionSchema = z.object({
  kind: z.literal('choice'),
  ...questionBase,
  prompt: limitedText(QUIZ_LIMITS.prompt),
  options: z.array(limitedText(QUIZ_LIMITS.option)).min(3).max(4),
  /** Index into `options`. */
  answer: z.number().int().min(0),
  /** Why the right option is right and why the tempting wrong one is wrong. */
  explanation: limitedText(QUIZ_LIMITS.explanation),
}).strict().superRefine((q, ctx) => {
  if (q.answer >= q.options.length) {
    ctx.addIssue({ code: 'custom', path: ['answer'], message: `answer ${q.answer} is not an option index` });
  }
  for (const locale of LOCALES) {
    const seen = new Set<string>();
    q.options.forEach((o, i) => {
      if (seen.has(o[locale])) {
        ctx.addIssue({ code: 'custom', path: ['options', i, locale], message: 'duplicate option' });
      }
      seen.add(o[locale]);
    });
  }
});

export const TrueFalseQuestionSchema = z.object({
  kind: z.literal('truefalse'),
  ...questionBase,
  statement: limitedText(QUIZ_LIMITS.prompt),
  answer: z.boolean(),
  explanation: limitedText(QUIZ_LIMITS.explanation),
}).strict();

/**
 * A predicted output as Docker prints it (never translated). Lines are joined with `\n`,
 * without a trailing newline; the empty string stands for "prints nothing".
 */
export const OutputSchema = z.string()
  .max(QUIZ_LIMITS.output)
  .refine((s) => s.split('\n').length <= QUIZ_LIMITS.outputLines, {
    message: `more than ${QUIZ_LIMITS.outputLines} lines`,
  })
  .refine((s) => !s.endsWith('\n'), { message: 'ends with a newline' });

/**
 * "What will this print": the right answer is the stdout the engine gives for `command`
 * after `setup` runs on a fresh host, so it is always right; only the wrong outputs are data.
 */
export const PredictQuestionSchema = z.object({
  kind: z.literal('predict'),
  ...questionBase,
  /** One or two sentences of context; the setup lines and the command are shown after it. */
  prompt: limitedText(QUIZ_LIMITS.prompt),
  setup: z.array(ShellLineSchema),
  command: ShellLineSchema,
  distractors: z.array(OutputSchema).min(2).max(3),
  explanation: limitedText(QUIZ_LIMITS.explanation),
}).strict().superRefine((q, ctx) => {
  if (new Set(q.distractors).size !== q.distractors.length) {
    ctx.addIssue({ code: 'custom', path: ['distractors'], message: 'duplicate distractor' });
  }
});

/**
 * "Type the command": the student's line runs after `setup` on a scratch copy of their host
 * and the probes judge the resulting state, so any correct spelling passes.
 */
export const CommandQuestionSchema = z.object({
  kind: z.literal('command'),
  ...questionBase,
  prompt: limitedText(QUIZ_LIMITS.prompt),
  setup: z.array(ShellLineSchema),
  probes: z.array(ProbeSchema).min(1),
  /** A correct answer: it passes every probe, while an empty answer fails at least one. */
  example: ShellLineSchema,
  explanation: limitedText(QUIZ_LIMITS.explanation),
}).strict();

export const QuestionSchema = z.discriminatedUnion('kind', [
  ChoiceQuestionSchema,
  TrueFalseQuestionSchema,
  PredictQuestionSchema,
  CommandQuestionSchema,
]);

export type ChoiceQuestion = z.infer<typeof ChoiceQuestionSchema>;
export type TrueFalseQuestion = z.infer<typeof TrueFalseQuestionSchema>;
export type PredictQuestion = z.infer<typeof PredictQuestionSchema>;
export type CommandQuestion = z.infer<typeof CommandQuestionSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionKind = Question['kind'];
export const QUESTION_KINDS: readonly QuestionKind[] = ['choice', 'truefalse', 'predict', 'command'];

/** One file of data/quiz/: the questions of one topic, in course order. */
export const QuizTopicSchema = z.object({
  topic: z.string().regex(KEBAB_ID),
  /** Position of the topic in the course (1 = first). */
  order: z.number().int().min(1),
  title: limitedText(QUIZ_LIMITS.topicTitle),
  questions: z.array(QuestionSchema).min(1),
}).strict();
export type QuizTopic = z.infer<typeof QuizTopicSchema>;

/** The text that asks the question (prompt, or statement for true/false). */
export function questionText(q: Question): LocalizedText {
  return q.kind === 'truefalse' ? q.statement : q.prompt;
}

/** How many questions carry each fact ID (every question exists in both languages). */
export function questionsPerFact(questions: readonly Question[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(FACT_IDS.map((f) => [f, 0]));
  for (const q of questions) {
    for (const f of new Set(q.facts)) counts[f] = (counts[f] ?? 0) + 1;
  }
  return counts;
}

export function questionsPerKind(questions: readonly Question[]): Record<QuestionKind, number> {
  const counts = { choice: 0, truefalse: 0, predict: 0, command: 0 };
  for (const q of questions) counts[q.kind] += 1;
  return counts;
}

/**
 * Problems that single-question schemas cannot see: repeated IDs, repeated prompts (in any
 * language), facts with fewer than `minPerFact` questions, and topics sharing an order.
 */
export function findQuizBankProblems(topics: readonly QuizTopic[], minPerFact = 2): string[] {
  const problems: string[] = [];
  const topicNames = new Set<string>();
  const orders = new Set<number>();
  for (const t of topics) {
    if (topicNames.has(t.topic)) problems.push(`topic ${t.topic} appears twice`);
    if (orders.has(t.order)) problems.push(`topic order ${t.order} is used twice`);
    topicNames.add(t.topic);
    orders.add(t.order);
  }
  const questions = topics.flatMap((t) => t.questions);
  const ids = new Set<string>();
  const prompts = new Map<string, string>();
  for (const q of questions) {
    if (ids.has(q.id)) problems.push(`question id ${q.id} appears twice`);
    ids.add(q.id);
    const text = questionText(q);
    for (const locale of LOCALES) {
      const key = `${locale}\u0000${normalizePrompt(text[locale])}`;
      const other = prompts.get(key);
      if (other !== undefined) problems.push(`question ${q.id} repeats the ${locale} prompt of ${other}`);
      prompts.set(key, q.id);
    }
  }
  for (const [fact, n] of Object.entries(questionsPerFact(questions))) {
    if (n < minPerFact) problems.push(`fact ${fact} has ${n} questions, fewer than ${minPerFact}`);
  }
  return problems;
}

function topicName(file: unknown): string {
  const topic = (file as { topic?: unknown } | null)?.topic;
  return typeof topic === 'string' ? topic : 'no topic';
}

function normalizePrompt(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Parses the topic files (as imported JSON) into the bank, sorted by topic order, and
 * throws one error listing every problem found, so a broken file stops Baleia at start.
 */
export function loadQuizBank(files: readonly unknown[], minPerFact = 2): QuizTopic[] {
  const problems: string[] = [];
  const topics: QuizTopic[] = [];
  files.forEach((file, i) => {
    const parsed = QuizTopicSchema.safeParse(file);
    if (parsed.success) topics.push(parsed.data);
    else problems.push(`quiz file ${i} (${topicName(file)}): ${z.prettifyError(parsed.error)}`);
  });
  if (problems.length === 0) problems.push(...findQuizBankProblems(topics, minPerFact));
  if (problems.length > 0) throw new Error(`invalid quiz bank:\n${problems.join('\n')}`);
  return [...topics].sort((a, b) => a.order - b.order);
}
