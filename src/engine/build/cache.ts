// The build cache as BuildKit keeps it: each filesystem step (RUN, COPY, ADD, WORKDIR) is an
// operation whose cache key is its parent's key plus what the operation does (the command and
// its environment, the copied files' checksum...). A hit reuses the layer the step made before;
// a miss changes the key of every later step, so they all run again.
import type { HostContext } from '../host-context';
import type { BuildCacheRecord } from '../model/host-state';
import { sha256Digest } from '../util/sha256';

/**
 * A cache record with what Baleia needs beyond docker's columns: the parent key (to tell, on a
 * miss, which earlier build of the same step differed) and the step it came from. Stored in
 * HostState.buildCache like any record (plain JSON).
 */
export interface StepCacheRecord extends BuildCacheRecord {
  /** Key of the state this step ran on (the base image or the previous step). */
  parent?: string;
  /** `COPY . .`, `RUN npm install`: the step's text, as the progress shows it without prefix. */
  step?: string;
  /** What the operation depended on besides its text (`files`, `env`), for explanations. */
  inputs?: string;
  /** Milliseconds the step took when it ran (a rebuild's timeline reuses it). */
  duration?: number;
  /** The Dockerfile and stage that made it (`/home/ana/app/Dockerfile#0`): explanations compare like with like. */
  origin?: string;
  /** `regular` for step layers, `base` for a base image BuildKit downloaded. */
  kind?: 'regular' | 'base';
}

/** Records kept per student: the least recently used go first (BuildKit's GC keeps a budget too). */
export const MAX_CACHE_RECORDS = 200;

export function cacheKey(parent: string, op: unknown): string {
  return sha256Digest(`baleia-cache:${parent}\u0000${JSON.stringify(op)}`);
}

export function records(ctx: HostContext): StepCacheRecord[] {
  return ctx.state.buildCache as StepCacheRecord[];
}

export function findRecord(ctx: HostContext, key: string): StepCacheRecord | undefined {
  return records(ctx).find((record) => record.key === key);
}

/** Earlier results of steps that ran on the same parent (what this step was last time). */
export function siblings(ctx: HostContext, parent: string): StepCacheRecord[] {
  return records(ctx)
    .filter((record) => record.parent === parent)
    .sort((a, b) => b.lastUsed - a.lastUsed);
}

export function touch(ctx: HostContext, record: StepCacheRecord): void {
  record.lastUsed = ctx.now;
  record.usageCount += 1;
}

/** Adds (or replaces) a record, then trims the cache to its budget, oldest use first. */
export function putRecord(ctx: HostContext, record: StepCacheRecord): void {
  const list = records(ctx);
  const index = list.findIndex((existing) => existing.key === record.key);
  if (index >= 0) list.splice(index, 1);
  list.push(record);
  if (list.length > MAX_CACHE_RECORDS) {
    const sorted = [...list].sort((a, b) => a.lastUsed - b.lastUsed || a.created - b.created);
    const drop = new Set(sorted.slice(0, list.length - MAX_CACHE_RECORDS).map((r) => r.key));
    ctx.state.buildCache = list.filter((r) => !drop.has(r.key));
  }
}
