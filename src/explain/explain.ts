// Turns what happened (engine events) into two or three short sentences in the student's
// language. The sentences are content (data/explanations.json); this picks and fills them.
import { z } from 'zod';
import raw from '../../data/explanations.json' with { type: 'json' };
import type { Locale } from '../content/common';
import type { EngineEvent } from '../engine/events';
import { humanSize } from '../engine/format/size';

const VariantSchema = z.object({
  /** Event data that must match for this variant (`{ "reason": "shell-eof" }`); absent = any. */
  when: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** Event data keys whose value must be > 0 for this variant. */
  whenPositive: z.array(z.string()).optional(),
  en: z.string().min(1),
  'pt-BR': z.string().min(1),
}).strict();

const EntrySchema = z.object({
  /** Higher first: errors and surprises outrank routine steps. */
  priority: z.number().int(),
  variants: z.array(VariantSchema).min(1),
}).strict();

export const ExplanationsSchema = z.record(z.string(), EntrySchema);
export type Explanations = z.infer<typeof ExplanationsSchema>;

const EXPLANATIONS: Explanations = ExplanationsSchema.parse(raw);

export interface Explanation {
  sentences: string[];
  facts: string[];
}

function fill(template: string, data: EngineEvent['data']): string {
  return template.replace(/\{(\w+)(?::(size))?\}/g, (match, key: string, format?: string) => {
    const value = data[key];
    if (value === undefined) return match;
    if (format === 'size' && typeof value === 'number') return humanSize(value);
    return String(value);
  });
}

function variantFor(entry: Explanations[string], data: EngineEvent['data']) {
  return entry.variants.find((variant) => {
    if (variant.when && !Object.entries(variant.when).every(([key, value]) => data[key] === value)) return false;
    if (variant.whenPositive && !variant.whenPositive.every((key) => typeof data[key] === 'number' && (data[key] as number) > 0)) return false;
    return true;
  });
}

/** The few most telling events of a command, explained. */
export function explain(events: EngineEvent[], locale: Locale, maxSentences = 3, table: Explanations = EXPLANATIONS): Explanation {
  const candidates = events
    .map((event, index) => ({ event, index, entry: table[event.kind] }))
    .filter((candidate): candidate is { event: EngineEvent; index: number; entry: Explanations[string] } => candidate.entry !== undefined)
    .sort((a, b) => b.entry.priority - a.entry.priority || a.index - b.index);
  const sentences: string[] = [];
  const facts = new Set<string>();
  const seen = new Set<string>();
  for (const { event, entry } of candidates) {
    if (sentences.length >= maxSentences) break;
    const variant = variantFor(entry, event.data);
    if (!variant) continue;
    const sentence = fill(variant[locale], event.data);
    if (seen.has(sentence)) continue;
    seen.add(sentence);
    sentences.push(sentence);
    for (const fact of event.facts) facts.add(fact);
  }
  return { sentences, facts: [...facts].sort() };
}

export function explanationKinds(table: Explanations = EXPLANATIONS): string[] {
  return Object.keys(table);
}
