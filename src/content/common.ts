// Shapes shared by lessons, quiz questions and labs (all content lives in data/ and is
// validated with these schemas when Baleia starts).
import { z } from 'zod';

export const LOCALES = ['en', 'pt-BR'] as const;
export type Locale = (typeof LOCALES)[number];

/** Every user-facing text exists in both course languages. */
export const LocalizedTextSchema = z.object({
  en: z.string().min(1),
  'pt-BR': z.string().min(1),
}).strict();
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const FactIdSchema = z.string().regex(/^F(0[1-9]|[12][0-9]|3[0-8])$/);
export const FactsSchema = z.array(FactIdSchema).min(1);

/**
 * A probe runs one shell line on a scratch copy of a student's host and checks the result:
 * labs and "type the command" questions judge the host's state, never the words typed.
 */
export const ProbeSchema = z.object({
  /** A shell line, e.g. `docker inspect -f '{{.State.Status}}' web`. */
  run: z.string().min(1),
  expect: z.object({
    exitCode: z.number().int().optional(),
    /** Exact stdout. */
    stdout: z.string().optional(),
    /** Substrings stdout must contain. */
    contains: z.array(z.string()).optional(),
    /** Substrings stdout must not contain. */
    notContains: z.array(z.string()).optional(),
    /** A JavaScript regular expression (source) stdout must match. */
    matches: z.string().optional(),
  }).strict(),
  /** What the condition means, shown as ✅/❌ to the student. */
  describe: LocalizedTextSchema,
}).strict();
export type Probe = z.infer<typeof ProbeSchema>;
