// Quiz cards as a student sees them, and how a pressed option is judged. Options are shuffled,
// but stably: the same student always sees one question's options in the same order (and a
// daily prompt is the same for the whole class), so a re-sent card never moves the buttons.
import type { Locale } from '../content/common';
import type { Question, QuestionKind } from '../quiz/schema';
import { questionText } from '../quiz/schema';

export interface QuizOption {
  /** What the student sends back: `a`..`d`, or `true` / `false`. */
  key: string;
  /** Ready to show (an empty predicted output reads "(prints nothing)"). */
  text: string;
}

/** A question ready to show, without its answer. */
export interface QuestionContent {
  questionId: string;
  kind: QuestionKind;
  facts: string[];
  difficulty: number;
  /** The question (the statement, for true/false). */
  prompt: string;
  /** Lines already run before the question (predict and command). */
  setup: string[];
  /** The line whose output is asked about (predict). */
  command?: string;
  /** Empty for "type the command": the student types a line. */
  options: QuizOption[];
}

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'];

const NOTHING: Record<Locale, string> = { en: '(prints nothing)', 'pt-BR': '(não imprime nada)' };
const TRUE_FALSE: Record<Locale, [string, string]> = { en: ['True', 'False'], 'pt-BR': ['Verdadeiro', 'Falso'] };

/** FNV-1a, 32 bits: a stable number from a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The order 0..n-1 shuffled by a seed (Fisher–Yates over mulberry32). */
export function stableOrder(n: number, seed: string): number[] {
  let state = hash32(seed);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

interface Choice {
  key: string;
  text: string;
  /** The answer as stored: independent of the shuffle. */
  value: string;
}

function choicesOf(question: Question, locale: Locale, seed: string, predictAnswer: string | undefined): Choice[] {
  switch (question.kind) {
    case 'choice':
      return stableOrder(question.options.length, `${seed}:${question.id}`).map((original, position) => ({
        key: LETTERS[position]!,
        text: question.options[original]![locale],
        value: `option:${original}`,
      }));
    case 'truefalse':
      return [
        { key: 'true', text: TRUE_FALSE[locale][0], value: 'true' },
        { key: 'false', text: TRUE_FALSE[locale][1], value: 'false' },
      ];
    case 'predict': {
      if (predictAnswer === undefined) throw new Error(`question ${question.id} has no computed answer`);
      const outputs = [predictAnswer, ...question.distractors];
      return stableOrder(outputs.length, `${seed}:${question.id}`).map((original, position) => ({
        key: LETTERS[position]!,
        text: outputs[original] === '' ? NOTHING[locale] : outputs[original]!,
        value: outputs[original]!,
      }));
    }
    case 'command':
      return [];
  }
}

/** The question as shown, options in the order `seed` gives them. */
export function questionContent(question: Question, locale: Locale, seed: string, predictAnswer?: string): QuestionContent {
  return {
    questionId: question.id,
    kind: question.kind,
    facts: [...question.facts],
    difficulty: question.difficulty,
    prompt: questionText(question)[locale],
    setup: question.kind === 'predict' || question.kind === 'command' ? [...question.setup] : [],
    ...(question.kind === 'predict' && { command: question.command }),
    options: choicesOf(question, locale, seed, predictAnswer).map(({ key, text }) => ({ key, text })),
  };
}

const TRUE_WORDS = new Set(['true', 't', 'v', 'verdadeiro', 'yes', 'sim']);
const FALSE_WORDS = new Set(['false', 'f', 'falso', 'no', 'não', 'nao']);

export type ChoiceGrade =
  | { valid: true; correct: boolean; value: string; chosenKey: string; chosenText: string; rightKey: string; rightText: string }
  | { valid: false };

/**
 * Judges a pressed option (choice, true/false, predict). An answer that is not one of the
 * options is `valid: false`, so a typo never costs a review.
 */
export function gradeChoice(question: Question, locale: Locale, seed: string, answer: string, predictAnswer?: string): ChoiceGrade {
  const choices = choicesOf(question, locale, seed, predictAnswer);
  const typed = answer.trim().toLowerCase();
  let chosen = choices.find((choice) => choice.key === typed);
  if (!chosen && question.kind === 'truefalse') {
    if (TRUE_WORDS.has(typed) || typed === 'a') chosen = choices[0];
    else if (FALSE_WORDS.has(typed) || typed === 'b') chosen = choices[1];
  }
  if (!chosen) return { valid: false };
  const rightValue = question.kind === 'choice' ? `option:${question.answer}` : question.kind === 'truefalse' ? String(question.answer) : predictAnswer!;
  const right = choices.find((choice) => choice.value === rightValue)!;
  return { valid: true, correct: chosen.value === rightValue, value: chosen.value, chosenKey: chosen.key, chosenText: chosen.text, rightKey: right.key, rightText: right.text };
}

/** The option key a stored answer value had in the order `seed` gives (daily results). */
export function keyOfValue(question: Question, locale: Locale, seed: string, value: string, predictAnswer?: string): string | undefined {
  return choicesOf(question, locale, seed, predictAnswer).find((choice) => choice.value === value)?.key;
}

/** The text of a stored answer value, for instructors' "most common mistakes". */
export function answerText(question: Question, value: string, locale: Locale): string {
  if (question.kind === 'choice') {
    const index = Number(/^option:(\d+)$/.exec(value)?.[1]);
    return question.options[index]?.[locale] ?? value;
  }
  if (question.kind === 'truefalse') return value === 'true' ? TRUE_FALSE[locale][0] : TRUE_FALSE[locale][1];
  if (question.kind === 'predict' && value === '') return NOTHING[locale];
  return value;
}
