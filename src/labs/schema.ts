// Hands-on labs (data/labs/*.json, one lab per file) as zod schemas, plus the pure checks
// shared by the start-up loader and the content tests. A lab is judged by the state of the
// student's host (probes), never by the words they typed.
import { z } from 'zod';
import { FactsSchema, ProbeSchema } from '../content/common';
import { KEBAB_ID, limitedText, ShellLineSchema } from '../quiz/schema';

export const LAB_LIMITS = {
  title: 80,
  /** The goal is the body of one embed, in Markdown. */
  goal: 900,
  hint: 400,
  /** Each check is one ✅/❌ line. */
  checkDescription: 120,
} as const;

const CheckSchema = ProbeSchema.superRefine((probe, ctx) => {
  for (const locale of ['en', 'pt-BR'] as const) {
    if (probe.describe[locale].length > LAB_LIMITS.checkDescription) {
      ctx.addIssue({
        code: 'custom',
        path: ['describe', locale],
        message: `check description longer than ${LAB_LIMITS.checkDescription}`,
      });
    }
  }
  const e = probe.expect;
  if (e.exitCode === undefined && e.stdout === undefined && e.contains === undefined
    && e.notContains === undefined && e.matches === undefined) {
    ctx.addIssue({ code: 'custom', path: ['expect'], message: 'a check must expect something' });
  }
});

export const LabSchema = z.object({
  id: z.string().regex(KEBAB_ID),
  /** Position in the course (1 = first lab). */
  order: z.number().int().min(1),
  title: limitedText(LAB_LIMITS.title),
  facts: FactsSchema,
  difficulty: z.number().int().min(1).max(3),
  goal: limitedText(LAB_LIMITS.goal),
  /** Progressive: a nudge first, then something concrete, then nearly the answer. */
  hints: z.array(limitedText(LAB_LIMITS.hint)).min(2).max(5),
  /** Lines `reset` runs after wiping the host (may be empty). */
  setup: z.array(ShellLineSchema),
  checks: z.array(CheckSchema).min(2),
  /** Lines that, after setup on a wiped host, make every check pass. */
  solution: z.array(ShellLineSchema).min(1),
  xp: z.number().int().min(10).max(500),
}).strict();
export type Lab = z.infer<typeof LabSchema>;
export type LabCheck = Lab['checks'][number];

/** Problems across labs: repeated IDs or titles, and orders that are not 1..n. */
export function findLabProblems(labs: readonly Lab[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const titles = new Set<string>();
  for (const lab of labs) {
    if (ids.has(lab.id)) problems.push(`lab id ${lab.id} appears twice`);
    ids.add(lab.id);
    for (const locale of ['en', 'pt-BR'] as const) {
      const key = `${locale}:${lab.title[locale].toLowerCase()}`;
      if (titles.has(key)) problems.push(`lab ${lab.id} repeats the ${locale} title ${lab.title[locale]}`);
      titles.add(key);
    }
  }
  const orders = labs.map((l) => l.order).sort((a, b) => a - b);
  orders.forEach((o, i) => {
    if (o !== i + 1) problems.push(`lab orders should be 1..${labs.length}, found ${orders.join(', ')}`);
  });
  return [...new Set(problems)];
}

/**
 * Parses the lab files (as imported JSON), sorted by course order; throws one error that
 * lists every problem, so a broken lab stops Baleia at start.
 */
export function loadLabs(files: readonly unknown[]): Lab[] {
  const problems: string[] = [];
  const labs: Lab[] = [];
  files.forEach((file, i) => {
    const parsed = LabSchema.safeParse(file);
    if (parsed.success) labs.push(parsed.data);
    else problems.push(`lab file ${i}: ${z.prettifyError(parsed.error)}`);
  });
  if (problems.length === 0) problems.push(...findLabProblems(labs));
  if (problems.length > 0) throw new Error(`invalid labs:\n${problems.join('\n')}`);
  return [...labs].sort((a, b) => a.order - b.order);
}
