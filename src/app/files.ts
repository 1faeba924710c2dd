// Use cases for the files in a student's home directory (/file in Discord): read, write,
// list, delete, and lay down a starter project. Like runLine, each change loads the host,
// changes it through the engine's filesystem, and saves it in one transaction, one command
// of a student at a time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LocalizedTextSchema, type Locale } from '../content/common';
import { HostContext, DEFAULT_LIMITS, type EnginePorts } from '../engine/host-context';
import { type FileNode } from '../engine/model/file-tree';
import type { HostState } from '../engine/model/host-state';
import { isWithin, resolvePath } from '../engine/fs/paths';
import { newHostState } from '../engine/new-host';
import { hostFs, homeDir } from '../engine/runtime/machines';
import type { StudentRow } from '../store/students';
import { ownBytes, type BaleiaDeps, type StudentRef } from './baleia';
import type { KeyedLock } from './keyed-lock';

/** A starter project (data/templates/<id>.json): files laid out relative to a folder in ~. */
export const StarterTemplateSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/),
  title: LocalizedTextSchema,
  description: LocalizedTextSchema,
  files: z.record(z.string().min(1), z.string()),
}).strict();
export type StarterTemplate = z.infer<typeof StarterTemplateSchema>;

export const TEMPLATES_DIR = fileURLToPath(new URL('../../data/templates/', import.meta.url));

/** Reads every data/templates/*.json; a missing folder means no templates yet. */
export function loadTemplates(dir = TEMPLATES_DIR): StarterTemplate[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const parsed = StarterTemplateSchema.safeParse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
    if (!parsed.success) throw new Error(`data/templates/${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  });
}

export type FileErrorCode =
  | 'invalid-path'
  | 'outside-home'
  | 'not-found'
  | 'is-directory'
  | 'not-a-directory'
  | 'not-text'
  | 'too-large'
  | 'over-quota'
  | 'is-home'
  | 'unknown-template';

export class FileError extends Error {
  readonly code: FileErrorCode;
  /** The path as the student sees it (`~/app/Dockerfile`). */
  readonly path: string;
  readonly detail: Record<string, number | string>;
  constructor(code: FileErrorCode, path: string, detail: Record<string, number | string> = {}) {
    super(`${code}: ${path}`);
    this.code = code;
    this.path = path;
    this.detail = detail;
  }
}

export interface FileEntry {
  /** Relative to the home directory, `/`-separated, no leading `./`. */
  path: string;
  type: 'file' | 'dir' | 'symlink';
  size: number;
}

export interface ReadResult {
  path: string;
  shown: string;
  content: string;
  size: number;
}

export interface WriteResult {
  path: string;
  shown: string;
  bytes: number;
  created: boolean;
}

const MAX_LIST = 200;
const MAX_DEPTH = 6;

/** The home-relative path a student typed, checked: `Dockerfile`, `app/main.py`, `~/x`. */
export function homePath(home: string, typed: string): { absolute: string; relative: string } {
  const trimmed = typed.trim();
  if (trimmed === '' || trimmed.includes('\0') || trimmed.length > 400) throw new FileError('invalid-path', typed);
  const withoutTilde = trimmed === '~' ? '.' : trimmed.startsWith('~/') ? trimmed.slice(2) : trimmed;
  const absolute = resolvePath(home, withoutTilde);
  if (!isWithin(absolute, home)) throw new FileError('outside-home', trimmed);
  return { absolute, relative: absolute === home ? '' : absolute.slice(home.length + 1) };
}

export const shownPath = (relative: string) => (relative === '' ? '~' : `~/${relative}`);


function isText(content: string): boolean {
  // NUL never appears in text files; most other control bytes don't either.
  return !/[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/.test(content);
}

export interface FileUseCaseShared {
  /** The lock runLine uses, so a file change never interleaves with a command. */
  lock: KeyedLock;
  /** Finds or registers the student (Baleia's profileOf). */
  profileOf: (student: StudentRef) => StudentRow;
}

export function createFileUseCases(deps: BaleiaDeps & { templates?: StarterTemplate[] }, shared: FileUseCaseShared) {
  const { store, catalog } = deps;
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const templates = deps.templates ?? [];
  const key = (student: StudentRef) => `${student.scope}\u0000${student.userId}`;

  function portsFor(scope: string): EnginePorts {
    return { catalog, getStoredLayer: (diffId) => store.layers.get(diffId), registry: store.registry.reader(scope), limits };
  }

  function open(student: StudentRef) {
    const now = deps.clock();
    const profile = shared.profileOf(student);
    const state = store.hosts.get(student.scope, student.userId)?.state ?? newHostState(profile.userName, now, deps.seed());
    const ctx = new HostContext(state, portsFor(student.scope), now);
    const fs = hostFs(ctx);
    return { ctx, fs, home: homeDir(ctx), now };
  }

  /** Refuses a path whose symlinks lead out of the home directory. */
  function realInside(fs: ReturnType<typeof hostFs>, home: string, absolute: string, relative: string): string {
    let real: string;
    try {
      real = fs.resolve(absolute);
    } catch {
      throw new FileError('invalid-path', shownPath(relative));
    }
    if (!isWithin(real, home)) throw new FileError('outside-home', shownPath(relative));
    return real;
  }

  function save(student: StudentRef, ctx: HostContext, bytesBefore: number, now: number, shown: string): void {
    const after = ownBytes(ctx.state);
    if (after > limits.maxOwnBytes && after > bytesBefore) throw new FileError('over-quota', shown, { limit: limits.maxOwnBytes });
    store.transaction(() => store.hosts.save(student.scope, student.userId, ctx.state, now));
  }

  function readIn(fs: ReturnType<typeof hostFs>, home: string, typed: string): ReadResult {
    const { absolute, relative } = homePath(home, typed);
    const shown = shownPath(relative);
    const real = realInside(fs, home, absolute, relative);
    const node = fs.getNode(real);
    if (!node) throw new FileError('not-found', shown);
    if (node.type === 'dir') throw new FileError('is-directory', shown);
    if (node.type !== 'file') throw new FileError('not-found', shown);
    if (node.base64) throw new FileError('not-text', shown);
    const content = fs.readText(real);
    if (!isText(content)) throw new FileError('not-text', shown);
    return { path: relative, shown, content, size: node.size ?? Buffer.byteLength(content) };
  }

  function writeIn(fs: ReturnType<typeof hostFs>, home: string, typed: string, content: string): WriteResult {
    const { absolute, relative } = homePath(home, typed);
    const shown = shownPath(relative);
    if (relative === '') throw new FileError('is-home', shown);
    const bytes = Buffer.byteLength(content);
    if (bytes > limits.maxFileBytes) throw new FileError('too-large', shown, { bytes, limit: limits.maxFileBytes });
    if (!isText(content)) throw new FileError('not-text', shown);
    const parent = absolute.slice(0, absolute.lastIndexOf('/'));
    const parentNode = fs.getNode(parent);
    if (parentNode && parentNode.type !== 'dir') throw new FileError('not-a-directory', shownPath(parent === home ? '' : parent.slice(home.length + 1)));
    if (!parentNode) fs.makeDir(parent, true);
    const real = realInside(fs, home, absolute, relative);
    const existing = fs.getNode(real);
    if (existing?.type === 'dir') throw new FileError('is-directory', shown);
    try {
      fs.writeText(real, content);
    } catch (error) {
      if ((error as { code?: string }).code === 'EFBIG') throw new FileError('too-large', shown, { bytes, limit: limits.maxFileBytes });
      throw error;
    }
    return { path: relative, shown, bytes, created: existing === undefined };
  }

  /** One change to the home directory, saved whole or not at all. */
  function change<T>(student: StudentRef, work: (fs: ReturnType<typeof hostFs>, home: string) => { result: T; shown: string }): Promise<T> {
    return shared.lock.run(key(student), async () => {
      const { ctx, fs, home, now } = open(student);
      const before = ownBytes(ctx.state);
      const { result, shown } = work(fs, home);
      save(student, ctx, before, now, shown);
      return result;
    });
  }

  async function readFile(student: StudentRef, path: string): Promise<ReadResult> {
    return shared.lock.run(key(student), async () => {
      const { fs, home } = open(student);
      return readIn(fs, home, path);
    });
  }

  /** Reads without waiting for the student's running command (to prefill an editor at once). */
  function peekFile(student: StudentRef, path: string): ReadResult {
    const { fs, home } = open(student);
    return readIn(fs, home, path);
  }

  async function writeFile(student: StudentRef, path: string, content: string): Promise<WriteResult> {
    return change(student, (fs, home) => {
      const result = writeIn(fs, home, path, content);
      return { result, shown: result.shown };
    });
  }

  async function deleteFile(student: StudentRef, path: string): Promise<{ shown: string; type: FileEntry['type']; files: number }> {
    return change(student, (fs, home) => {
      const { absolute, relative } = homePath(home, path);
      const shown = shownPath(relative);
      if (relative === '') throw new FileError('is-home', shown);
      const parentReal = realInside(fs, home, absolute.slice(0, absolute.lastIndexOf('/')) || '/', relative);
      const target = `${parentReal}/${absolute.slice(absolute.lastIndexOf('/') + 1)}`;
      const node = fs.getNode(target, false);
      if (!node) throw new FileError('not-found', shown);
      const type = node.type === 'dir' ? 'dir' : node.type === 'symlink' ? 'symlink' : 'file';
      const files = type === 'dir' ? walk(fs, target, '', 0).filter((entry) => entry.type !== 'dir').length : 1;
      fs.remove(target, { recursive: true, force: false });
      return { result: { shown, type, files }, shown };
    });
  }

  function walk(fs: ReturnType<typeof hostFs>, dir: string, prefix: string, depth: number, out: FileEntry[] = []): FileEntry[] {
    if (depth > MAX_DEPTH) return out;
    for (const name of fs.list(dir)) {
      if (out.length >= MAX_LIST) return out;
      const path = `${dir}/${name}`;
      const node: FileNode | undefined = fs.getNode(path, false);
      if (!node || node.type === 'whiteout') continue;
      const relative = prefix === '' ? name : `${prefix}/${name}`;
      if (node.type === 'dir') {
        out.push({ path: relative, type: 'dir', size: 0 });
        walk(fs, path, relative, depth + 1, out);
      } else if (node.type === 'symlink') {
        out.push({ path: relative, type: 'symlink', size: 0 });
      } else {
        out.push({ path: relative, type: 'file', size: node.size ?? Buffer.byteLength(node.content) });
      }
    }
    return out;
  }

  /** Everything under a folder of the home directory (depth-first, at most 200 entries). */
  async function listFiles(student: StudentRef, path = '.'): Promise<{ shown: string; entries: FileEntry[]; truncated: boolean }> {
    return shared.lock.run(key(student), async () => {
      const { fs, home } = open(student);
      return listIn(fs, home, path);
    });
  }

  function listIn(fs: ReturnType<typeof hostFs>, home: string, path: string) {
    const { absolute, relative } = homePath(home, path);
    const shown = shownPath(relative);
    const real = realInside(fs, home, absolute, relative);
    const node = fs.getNode(real);
    if (!node) throw new FileError('not-found', shown);
    if (node.type !== 'dir') throw new FileError('not-a-directory', shown);
    const entries = walk(fs, real, relative, 0);
    return { shown, entries, truncated: entries.length >= MAX_LIST };
  }

  /** Home-relative paths for autocomplete; reads the last saved host without waiting. */
  function peekPaths(student: StudentRef): FileEntry[] {
    const { fs, home } = open(student);
    return listIn(fs, home, '.').entries;
  }

  /** The host as last saved, without waiting for a running command (autocomplete). */
  function peekHost(student: StudentRef): HostState | undefined {
    return store.hosts.get(student.scope, student.userId)?.state;
  }

  function listTemplates(): StarterTemplate[] {
    return templates;
  }

  /** Writes a starter project into ~/<folder> (default: the template's id). */
  async function applyTemplate(student: StudentRef, id: string, folder?: string): Promise<{ template: StarterTemplate; shown: string; written: WriteResult[] }> {
    const template = templates.find((candidate) => candidate.id === id);
    if (!template) throw new FileError('unknown-template', id);
    return change(student, (fs, home) => {
      const base = homePath(home, folder ?? template.id);
      if (base.relative === '' && folder === undefined) throw new FileError('is-home', '~');
      const written: WriteResult[] = [];
      for (const [relative, content] of Object.entries(template.files)) {
        const target = base.relative === '' ? relative : `${base.relative}/${relative}`;
        written.push(writeIn(fs, home, target, content));
      }
      const shown = shownPath(base.relative);
      return { result: { template, shown, written }, shown };
    });
  }

  return { readFile, peekFile, writeFile, deleteFile, listFiles, peekPaths, peekHost, listTemplates, applyTemplate };
}

export type FileUseCases = ReturnType<typeof createFileUseCases>;

/** A template's title and description in the student's language. */
export function templateText(template: StarterTemplate, locale: Locale): { title: string; description: string } {
  return { title: template.title[locale], description: template.description[locale] };
}
