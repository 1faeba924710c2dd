import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, type LocalizedText } from '../../src/content/common';
import {
  FACT_IDS,
  QUIZ_LIMITS,
  QuestionSchema,
  findQuizBankProblems,
  loadQuizBank,
  questionsPerFact,
  questionsPerKind,
  questionText,
  type Question,
  type QuizTopic,
} from '../../src/quiz/schema';

const QUIZ_DIR = join(import.meta.dirname, '../../data/quiz');
const files = readdirSync(QUIZ_DIR).filter((f) => f.endsWith('.json')).sort();
const raw = files.map((f) => JSON.parse(readFileSync(join(QUIZ_DIR, f), 'utf8')) as unknown);
const topics = loadQuizBank(raw);
const questions = topics.flatMap((t) => t.questions);

/** Prose a student reads (options are often bare commands, identical in both languages). */
function proseTexts(q: Question): LocalizedText[] {
  return [questionText(q), q.explanation];
}

function allTexts(q: Question): LocalizedText[] {
  return q.kind === 'choice' ? [...proseTexts(q), ...q.options] : proseTexts(q);
}

/** Docker images of the simulated catalogue a question may start containers from. */
const CATALOGUE = ['alpine', 'busybox', 'ubuntu', 'debian', 'nginx', 'httpd', 'redis', 'postgres', 'mysql', 'mongo', 'node', 'python', 'hello-world'];

function withoutCode(s: string): string {
  return s.replace(/`[^`]*`/g, '');
}

describe('the quiz bank', () => {
  it('loads every topic file in data/quiz through the schema', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(topics.map((t) => t.order)).toEqual(topics.map((_, i) => i + 1));
    for (const f of files) {
      const topic = topics.find((t) => `${t.topic}.json` === f);
      expect(topic, `${f} is named after its topic`).toBeDefined();
    }
  });

  it('has at least 115 questions, each in both languages', () => {
    expect(questions.length).toBeGreaterThanOrEqual(115);
    for (const q of questions) {
      for (const text of allTexts(q)) {
        for (const locale of LOCALES) expect(text[locale].trim().length, q.id).toBeGreaterThan(0);
      }
    }
  });

  it('asks at least three questions about every course fact, so two per language with margin', () => {
    const counts = questionsPerFact(questions);
    expect(Object.keys(counts)).toEqual([...FACT_IDS]);
    const thin = Object.entries(counts).filter(([, n]) => n < 3);
    expect(thin).toEqual([]);
  });

  it('mixes the four kinds roughly as planned: mostly choice, then true/false, predict and command', () => {
    const kinds = questionsPerKind(questions);
    const share = (n: number) => n / questions.length;
    expect(share(kinds.choice)).toBeGreaterThan(0.35);
    expect(share(kinds.choice)).toBeLessThan(0.55);
    expect(share(kinds.truefalse)).toBeGreaterThan(0.12);
    expect(share(kinds.predict)).toBeGreaterThan(0.15);
    expect(share(kinds.command)).toBeGreaterThan(0.1);
  });

  it('uses unique kebab-case ids and never repeats a prompt', () => {
    expect(findQuizBankProblems(topics)).toEqual([]);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
  });

  it('keeps every choice answer inside its options and the options distinct', () => {
    for (const q of questions) {
      if (q.kind !== 'choice') continue;
      expect(q.answer, q.id).toBeLessThan(q.options.length);
      expect(q.options.length, q.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('does not always hide the right answer behind the same button', () => {
    const positions = new Set(questions.flatMap((q) => (q.kind === 'choice' ? [q.answer] : [])));
    expect(positions.size).toBeGreaterThanOrEqual(3);
    const tf = questions.filter((q) => q.kind === 'truefalse');
    expect(tf.some((q) => q.answer)).toBe(true);
    expect(tf.some((q) => !q.answer)).toBe(true);
  });

  it('fits Discord: prompts ≤ 300, options ≤ 80, explanations ≤ 500 characters', () => {
    for (const q of questions) {
      for (const locale of LOCALES) {
        expect(questionText(q)[locale].length, q.id).toBeLessThanOrEqual(QUIZ_LIMITS.prompt);
        expect(q.explanation[locale].length, q.id).toBeLessThanOrEqual(QUIZ_LIMITS.explanation);
        if (q.kind === 'choice') {
          for (const o of q.options) expect(o[locale].length, q.id).toBeLessThanOrEqual(QUIZ_LIMITS.option);
        }
      }
      if (q.kind === 'predict') {
        for (const d of q.distractors) expect(d.length, q.id).toBeLessThanOrEqual(QUIZ_LIMITS.output);
      }
    }
  });

  it('writes the Portuguese prose in its own words, with "contêiner" as in the glossary', () => {
    for (const q of questions) {
      for (const text of proseTexts(q)) {
        expect(text['pt-BR'], q.id).not.toBe(text.en);
        expect(withoutCode(text['pt-BR']), q.id).not.toMatch(/\bcontainers?\b/i);
      }
      if (q.kind === 'choice') {
        for (const o of q.options) expect(withoutCode(o['pt-BR']), q.id).not.toMatch(/\bcontainers?\b/i);
      }
    }
  });

  it('tags each question with facts it really covers (no duplicates)', () => {
    for (const q of questions) expect(new Set(q.facts).size, q.id).toBe(q.facts.length);
  });
});

describe('"what will this print" questions', () => {
  const predicts = questions.filter((q): q is Extract<Question, { kind: 'predict' }> => q.kind === 'predict');

  it('offers two or three distinct wrong outputs', () => {
    expect(predicts.length).toBeGreaterThanOrEqual(20);
    for (const q of predicts) {
      expect(q.distractors.length, q.id).toBeGreaterThanOrEqual(2);
      expect(new Set(q.distractors).size, q.id).toBe(q.distractors.length);
    }
  });

  it('predicts only docker commands whose output has no IDs, times or sizes', () => {
    for (const q of predicts) {
      expect(q.command, q.id).toMatch(/^docker /);
      expect(q.command, q.id).not.toMatch(/docker (ps|images|volume ls)(?!.*(--format|-q))/);
      expect(q.command, q.id).not.toMatch(/docker (run|create) (?!--rm)(?!.*--name)/);
      for (const d of q.distractors) expect(d, q.id).not.toMatch(/[0-9a-f]{12}|ago$|\d+(\.\d+)?[kMG]B/);
    }
  });

  it('pulls every catalogue image in setup before a container uses it, so no pull progress mixes into the output', () => {
    for (const q of [...predicts, ...questions.filter((x) => x.kind === 'command')]) {
      if (q.kind !== 'predict' && q.kind !== 'command') continue;
      const pulled = new Set<string>();
      const lines = q.kind === 'predict' ? [...q.setup, q.command] : [...q.setup, q.example];
      for (const line of lines) {
        const pull = /^docker pull (\S+)$/.exec(line);
        if (pull?.[1]) pulled.add(pull[1]);
        if (!/docker (run|create) /.test(line)) continue;
        for (const image of CATALOGUE) {
          if (new RegExp(`\\s${image}(\\s|$)`).test(line)) {
            expect(pulled.has(image), `${q.id}: ${image} pulled before "${line}"`).toBe(true);
          }
        }
      }
    }
  });
});

describe('"type the command" questions', () => {
  const commands = questions.filter((q): q is Extract<Question, { kind: 'command' }> => q.kind === 'command');

  it('judge the resulting state with probes, with a worked example answer', () => {
    expect(commands.length).toBeGreaterThanOrEqual(15);
    for (const q of commands) {
      expect(q.probes.length, q.id).toBeGreaterThanOrEqual(1);
      expect(q.example.trim(), q.id).not.toBe('');
      expect(q.setup, q.id).not.toContain(q.example);
    }
  });

  it('uses regular expressions that compile and probe descriptions in both languages', () => {
    for (const q of commands) {
      for (const p of q.probes) {
        if (p.expect.matches !== undefined) expect(() => new RegExp(p.expect.matches!), q.id).not.toThrow();
        expect(p.describe['pt-BR'], q.id).not.toBe('');
      }
    }
  });
});

describe('the quiz schema', () => {
  const valid: Question = {
    kind: 'choice',
    id: 'sample',
    facts: ['F07'],
    difficulty: 1,
    prompt: { en: 'What is a container?', 'pt-BR': 'O que é um contêiner?' },
    options: [
      { en: 'A running instance of an image', 'pt-BR': 'Uma instância em execução de uma imagem' },
      { en: 'A Dockerfile', 'pt-BR': 'Um Dockerfile' },
      { en: 'A registry', 'pt-BR': 'Um registry' },
    ],
    answer: 0,
    explanation: { en: 'Because.', 'pt-BR': 'Porque sim.' },
  };

  it('rejects an answer index outside the options', () => {
    expect(QuestionSchema.safeParse({ ...valid, answer: 3 }).success).toBe(false);
  });

  it('rejects an option longer than a Discord button label', () => {
    const long = { en: 'x'.repeat(81), 'pt-BR': 'curta' };
    expect(QuestionSchema.safeParse({ ...valid, options: [long, ...valid.options.slice(1)] }).success).toBe(false);
  });

  it('rejects a question missing its Portuguese text', () => {
    expect(QuestionSchema.safeParse({ ...valid, prompt: { en: 'Only English' } }).success).toBe(false);
  });

  it('rejects a predict question with a single distractor', () => {
    const predict = {
      kind: 'predict', id: 'p', facts: ['F21'], difficulty: 1,
      prompt: valid.prompt, setup: [], command: 'docker ps -a -q', distractors: ['x'], explanation: valid.explanation,
    };
    expect(QuestionSchema.safeParse(predict).success).toBe(false);
    expect(QuestionSchema.safeParse({ ...predict, distractors: ['x', 'y'] }).success).toBe(true);
  });

  it('reports repeated ids and prompts, and thin facts, across topics', () => {
    const topic: QuizTopic = { topic: 'a', order: 1, title: valid.prompt, questions: [valid, valid] };
    const problems = findQuizBankProblems([topic], 2);
    expect(problems).toContain('question id sample appears twice');
    expect(problems).toContain('question sample repeats the en prompt of sample');
    expect(problems).toContain('fact F01 has 0 questions, fewer than 2');
  });

  it('refuses to load a broken bank, naming the problem', () => {
    expect(() => loadQuizBank([{ topic: 'x', order: 1, title: valid.prompt, questions: [{ ...valid, answer: 9 }] }]))
      .toThrow(/answer 9 is not an option index/);
  });
});
