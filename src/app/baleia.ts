// Use cases: everything a shell (Discord, terminal, timer) can ask of Baleia. Each one loads
// what it needs from the store, asks the pure engine what happens, and saves the result in a
// single transaction, or nothing at all.
import type { Locale } from '../content/common';
import type { EngineEvent } from '../engine/events';
import { executeLine, promptFor, type LineResult } from '../engine/execute-line';
import { reconcile } from '../engine/ops/lifecycle';
import { DEFAULT_LIMITS, HostContext, type EnginePorts, type HostLimits } from '../engine/host-context';
import type { OutputChunk } from '../engine/io';
import type { HostState } from '../engine/model/host-state';
import { storedSize } from '../engine/model/file-tree';
import { newHostState, toUserName } from '../engine/new-host';
import type { CatalogIndex } from '../engine/registry/catalog';
import { explain, type Explanation } from '../explain/explain';
import type { Store } from '../store';
import { KeyedLock } from './keyed-lock';

/** Who is acting, and in which class server (`scope`: a guild ID, `dm:<user>` or `local`). */
export interface StudentRef {
  scope: string;
  userId: string;
  /** Discord username (or --user in the playground): becomes the registry namespace. */
  displayName: string;
  /** Discord's locale, used until the student picks a language. */
  locale?: string | undefined;
}

export interface LineReply {
  chunks: OutputChunk[];
  exitCode: number;
  prompt: string;
  /** The prompt the line was typed at (shown before the command in a transcript). */
  promptBefore: string;
  events: EngineEvent[];
  explanation: Explanation;
  locale: Locale;
  /** Set when Baleia itself refused the line (a limit), not Docker. */
  refused?: string;
}

export interface BaleiaDeps {
  store: Store;
  catalog: CatalogIndex;
  /** Milliseconds since the epoch. */
  clock: () => number;
  /** A fresh 32-bit seed for a new host's random generator. */
  seed: () => number;
  limits?: HostLimits;
  /** Called when a use case hits a bug; the student's state is left as it was. */
  onBug?: (error: unknown, context: Record<string, unknown>) => void;
}

export class BaleiaBug extends Error {}

export function resolveLocale(preferred: string | null | undefined, discordLocale: string | undefined): Locale {
  const value = preferred ?? discordLocale ?? 'pt-BR';
  return value.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
}

/** What the student's own data costs in storage (their files, writable layers, volumes). */
export function ownBytes(state: HostState): number {
  let total = storedSize(state.hostFiles);
  for (const container of Object.values(state.containers)) total += storedSize(container.upper);
  for (const volume of Object.values(state.volumes)) total += storedSize(volume.files);
  return total;
}

export function createBaleia(deps: BaleiaDeps) {
  const { store, catalog } = deps;
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const lock = new KeyedLock();
  const key = (student: StudentRef) => `${student.scope}\u0000${student.userId}`;

  /** Finds or registers the student, with a registry name unique in their class server. */
  function ensureStudent(student: StudentRef, now: number) {
    const existing = store.students.get(student.scope, student.userId);
    if (existing) {
      if (existing.displayName !== student.displayName || now - existing.lastActiveAt > 60_000) {
        store.students.touch(student.scope, student.userId, student.displayName, now);
      }
      return existing;
    }
    const base = toUserName(student.displayName);
    let userName = base;
    for (let n = 2; store.students.byUserName(student.scope, userName); n++) userName = `${base}${n}`.slice(0, 32);
    store.students.insert({ scope: student.scope, userId: student.userId, userName, displayName: student.displayName, locale: null }, now);
    return store.students.get(student.scope, student.userId)!;
  }

  function portsFor(scope: string): EnginePorts {
    return {
      catalog,
      getStoredLayer: (diffId) => store.layers.get(diffId),
      registry: store.registry.reader(scope),
      limits,
    };
  }

  /**
   * Parsed hosts kept between commands, valid while the stored revision is unchanged. An entry
   * is taken out while a command works on it and put back only once saved, so a command that
   * fails leaves nothing half-changed in memory: the next one reads the database again.
   */
  const parsedHosts = new Map<string, { revision: number; json: string; state: HostState }>();
  const MAX_PARSED_HOSTS = 500;

  /** The host as stored, and its JSON, so a command that changed nothing writes nothing. */
  function loadHost(student: StudentRef, userName: string, now: number): { state: HostState; json: string | undefined } {
    const id = key(student);
    const cached = parsedHosts.get(id);
    parsedHosts.delete(id);
    if (cached && store.hosts.revision(student.scope, student.userId) === cached.revision) return { state: cached.state, json: cached.json };
    const stored = store.hosts.getJson(student.scope, student.userId);
    if (stored !== undefined) return { state: JSON.parse(stored) as HostState, json: stored };
    return { state: newHostState(userName, now, deps.seed()), json: undefined };
  }

  function remember(student: StudentRef, json: string, state: HostState): void {
    const revision = store.hosts.revision(student.scope, student.userId);
    if (revision === undefined) return;
    if (parsedHosts.size >= MAX_PARSED_HOSTS) parsedHosts.delete(parsedHosts.keys().next().value!);
    parsedHosts.set(key(student), { revision, json, state });
  }

  function save(student: StudentRef, ctx: HostContext, now: number, before: string | undefined): void {
    const json = JSON.stringify(ctx.state);
    if (json !== before || ctx.newLayers.size > 0 || ctx.registryPushes.length > 0) {
      store.transaction(() => {
        store.hosts.saveJson(student.scope, student.userId, json, now);
        for (const layer of ctx.newLayers.values()) store.layers.put(layer, now);
        for (const push of ctx.registryPushes) store.registry.push(student.scope, push, student.userId, now);
      });
    }
    remember(student, json, ctx.state);
  }

  async function runLine(student: StudentRef, line: string, options: { stdin?: string } = {}): Promise<LineReply> {
    return lock.run(key(student), async () => {
      const now = deps.clock();
      const profile = ensureStudent(student, now);
      const locale = resolveLocale(profile.locale, student.locale);
      const { state, json: stateBefore } = loadHost(student, profile.userName, now);
      const bytesBefore = ownBytes(state);
      const ctx = new HostContext(state, portsFor(student.scope), now);
      const promptBefore = promptFor(ctx);
      let result: LineResult;
      try {
        result = await executeLine(ctx, line, options);
      } catch (error) {
        deps.onBug?.(error, { scope: student.scope, userId: student.userId, line });
        throw new BaleiaBug('the simulated host hit an unexpected error; nothing was changed');
      }
      const bytesAfter = ownBytes(ctx.state);
      if (bytesAfter > limits.maxOwnBytes && bytesAfter > bytesBefore) {
        const refused = locale === 'pt-BR'
          ? `Limite do Baleia: seus arquivos, camadas graváveis e volumes passariam de ${Math.round(limits.maxOwnBytes / 1_000_000)} MB. Nada foi alterado; apague algo (docker rm, docker volume rm, rm) e tente de novo.`
          : `Baleia limit: your files, writable layers and volumes would exceed ${Math.round(limits.maxOwnBytes / 1_000_000)} MB. Nothing was changed; delete something (docker rm, docker volume rm, rm) and try again.`;
        return { chunks: [{ stream: 'stderr', text: `${refused}\n` }], exitCode: 1, prompt: promptBefore, promptBefore, events: [], explanation: { sentences: [], facts: [] }, locale, refused };
      }
      save(student, ctx, now, stateBefore);
      return {
        chunks: result.chunks,
        exitCode: result.exitCode,
        prompt: result.prompt,
        promptBefore,
        events: result.events,
        explanation: explain(result.events, locale),
        locale,
      };
    });
  }

  /** The student's host as it is now (time applied), for pictures and autocomplete. */
  async function viewHost(student: StudentRef): Promise<{ state: HostState; ctx: HostContext }> {
    return lock.run(key(student), async () => {
      const now = deps.clock();
      const profile = ensureStudent(student, now);
      const ctx = new HostContext(loadHost(student, profile.userName, now).state, portsFor(student.scope), now);
      // Time has passed since the last command: containers due to exit have exited (not saved).
      reconcile(ctx);
      return { state: ctx.state, ctx };
    });
  }

  async function resetHost(student: StudentRef): Promise<void> {
    await lock.run(key(student), async () => {
      store.hosts.remove(student.scope, student.userId);
    });
  }

  async function setLocale(student: StudentRef, locale: Locale | null): Promise<void> {
    ensureStudent(student, deps.clock());
    store.students.setLocale(student.scope, student.userId, locale);
  }

  async function setPrivateReplies(student: StudentRef, value: boolean): Promise<void> {
    ensureStudent(student, deps.clock());
    store.students.setPrivateReplies(student.scope, student.userId, value);
  }

  function profileOf(student: StudentRef) {
    return ensureStudent(student, deps.clock());
  }

  /** Records whether someone is one of the class's instructors (reports leave them out). */
  function setInstructor(student: StudentRef, value: boolean): void {
    const profile = ensureStudent(student, deps.clock());
    if (profile.instructor !== value) store.students.setInstructor(student.scope, student.userId, value);
  }

  /** The per-student lock, so other use cases (files, learning) never interleave with runLine. */
  /**
   * Deletes stored layers nothing refers to any more (images removed, hosts reset), like
   * `docker image prune` for the whole class. Safe to run at any time: one transaction.
   */
  function collectLayers(): { kept: number; removed: number } {
    return store.transaction(() => {
      const referenced = new Set<string>(store.registry.layerIds());
      for (const state of store.hosts.allStates()) {
        for (const image of Object.values(state.images)) for (const diffId of image.layers) referenced.add(diffId);
        for (const record of state.buildCache) if (record.diffId) referenced.add(record.diffId);
      }
      let removed = 0;
      for (const diffId of store.layers.ids()) {
        if (referenced.has(diffId)) continue;
        store.layers.remove(diffId);
        removed++;
      }
      return { kept: referenced.size, removed };
    });
  }

  return { runLine, viewHost, resetHost, setLocale, setPrivateReplies, profileOf, setInstructor, collectLayers, lock, idle: () => lock.idle() };
}

export type Baleia = ReturnType<typeof createBaleia>;
