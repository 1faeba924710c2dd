// COPY and ADD as BuildKit's file operations do them: sources are cleaned against the root of
// their filesystem (the context, a stage, an image), wildcards match path segment by segment
// (Go filepath.Match), a directory source copies its contents, and the destination is a
// directory when it ends in `/` (or already is one), else the file's new path.
import { MachineFs } from '../fs/machine-fs';
import { basename, dirname, resolvePath } from '../fs/paths';
import { lookup, putNode, type TreeStack } from '../fs/tree-stack';
import { DIR_MODE, FILE_MODE, type FileNode, type FileTree } from '../model/file-tree';
import { contentChecksum } from './context';

/** Files a COPY selected: each source's entries relative to where they land. */
export interface CopySelection {
  /** [path relative to the destination root, node]; '' is the source itself for a single file. */
  entries: Array<{ source: string; relative: string; node: FileNode; isRoot: boolean }>;
  /** Checksum of what was selected (BuildKit's content checksum: the COPY's cache input). */
  checksum: string;
  /** Number of sources that matched (wildcards count each match). */
  matched: number;
}

export type SelectResult = { ok: true; selection: CopySelection } | { ok: false; missing: string };

const GLOB = /[*?[\\]/;

/** Go's filepath.Match for one path segment. */
export function goMatch(pattern: string, name: string): boolean {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '\\' && i + 1 < pattern.length) source += `\\${pattern[++i]}`;
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return false;
      let cls = pattern.slice(i + 1, end);
      if (cls.startsWith('^') || cls.startsWith('!')) cls = `^${cls.slice(1)}`;
      source += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else source += ch.replace(/[.+(){}|$^\]]/g, '\\$&');
  }
  try {
    return new RegExp(`${source}$`, 'u').test(name);
  } catch {
    return false;
  }
}

/**
 * A read-only view of a source filesystem (context tree, stage or image layers). Every
 * MachineFs shows device files under /dev; a source only has what its layers hold.
 */
export function sourceFs(stack: TreeStack): MachineFs {
  const fs = new MachineFs({ root: { lowers: stack.lowers, upper: null }, now: () => 0 });
  const real = (path: string): boolean => {
    if (path !== '/dev' && !path.startsWith('/dev/')) return true;
    try {
      return lookup(stack, fs.resolve(path, false)) !== undefined;
    } catch {
      return false;
    }
  };
  const getNode = fs.getNode.bind(fs);
  const list = fs.list.bind(fs);
  fs.getNode = (path: string, followLast = true) => (real(resolvePath('/', path)) ? getNode(path, followLast) : undefined);
  fs.list = (path: string) => {
    const dir = resolvePath('/', path);
    return list(path).filter((name) => real(dir === '/' ? `/${name}` : `${dir}/${name}`));
  };
  return fs;
}

function expandWildcard(fs: MachineFs, pattern: string): string[] {
  const parts = pattern.split('/').filter(Boolean);
  let current = ['/'];
  for (const part of parts) {
    const next: string[] = [];
    for (const dir of current) {
      const child = dir === '/' ? `/${part}` : `${dir}/${part}`;
      if (!GLOB.test(part)) {
        if (fs.getNode(child, false)) next.push(child);
        continue;
      }
      let names: string[];
      try {
        names = fs.list(dir);
      } catch {
        continue;
      }
      for (const name of names) if (goMatch(part, name)) next.push(dir === '/' ? `/${name}` : `${dir}/${name}`);
    }
    current = next;
    if (current.length === 0) break;
  }
  return current.sort();
}

function walkUnder(fs: MachineFs, dir: string, limit: number): string[] {
  const out: string[] = [];
  const visit = (path: string): void => {
    let names: string[];
    try {
      names = fs.list(path);
    } catch {
      return;
    }
    for (const name of names) {
      if (out.length >= limit) return;
      const child = path === '/' ? `/${name}` : `${path}/${name}`;
      out.push(child);
      if (fs.getNode(child, false)?.type === 'dir') visit(child);
    }
  };
  visit(dir);
  return out;
}

/**
 * Selects what `sources` name in `fs`. A missing source (or a wildcard matching nothing) is
 * BuildKit's checksum error, reported with the cleaned path (`/app.py`).
 */
export function selectSources(fs: MachineFs, sources: string[], limit = 20_000): SelectResult {
  const entries: CopySelection['entries'] = [];
  let matched = 0;
  for (const raw of sources) {
    const cleaned = resolvePath('/', raw);
    const paths = GLOB.test(cleaned) ? expandWildcard(fs, cleaned) : fs.getNode(cleaned, false) ? [cleaned] : [];
    if (paths.length === 0) return { ok: false, missing: cleaned };
    for (const path of paths) {
      matched++;
      let node = fs.getNode(path, false) as FileNode;
      // A symlink named as a source is followed (its target is copied under the link's name).
      if (node.type === 'symlink') node = fs.getNode(path, true) ?? node;
      if (node.type === 'dir') {
        entries.push({ source: path, relative: '', node, isRoot: true });
        for (const child of walkUnder(fs, path, limit)) {
          const childNode = fs.getNode(child, false);
          if (!childNode) continue;
          entries.push({ source: path, relative: child.slice(path === '/' ? 1 : path.length + 1), node: childNode, isRoot: false });
        }
      } else {
        entries.push({ source: path, relative: basename(path), node, isRoot: true });
      }
    }
  }
  const checksum = contentChecksum(entries.map((e) => [`${e.source}|${e.relative}`, e.node]));
  return { ok: true, selection: { entries, checksum, matched } };
}

export interface CopyTarget {
  /** The step's writable layer over the stage's layers. */
  stack: TreeStack;
  /** Absolute destination (a trailing `/` means a directory). */
  dest: string;
  /** Several sources: the destination is a directory. */
  multiple: boolean;
  chmod?: number;
  now: number;
}

function withMode(node: FileNode, chmod: number | undefined): FileNode {
  if (chmod === undefined) return { ...node };
  if (node.type === 'file' || node.type === 'dir') return { ...node, mode: chmod };
  return { ...node };
}

function ensureDir(stack: TreeStack, fs: MachineFs, path: string, now: number): void {
  if (path === '/') return;
  const existing = fs.getNode(path);
  if (existing?.type === 'dir') return;
  ensureDir(stack, fs, dirname(path), now);
  putNode(stack, path, { type: 'dir', mode: DIR_MODE, mtime: now });
}

/** Writes a selection into the step's layer. */
export function applyCopy(selection: CopySelection, target: CopyTarget): void {
  const fs = new MachineFs({ root: target.stack, now: () => target.now });
  const destIsDir = target.dest.endsWith('/') || target.multiple;
  const dest = resolvePath('/', target.dest);
  const existing = fs.getNode(dest);
  const intoDir = destIsDir || existing?.type === 'dir';
  for (const entry of selection.entries) {
    let path: string;
    if (entry.node.type === 'dir' && entry.isRoot) {
      ensureDir(target.stack, fs, fs.resolve(dest), target.now);
      continue;
    }
    if (entry.isRoot) {
      path = intoDir ? `${dest === '/' ? '' : dest}/${entry.relative}` : dest;
    } else {
      path = `${dest === '/' ? '' : dest}/${entry.relative}`;
    }
    const parent = dirname(path);
    ensureDir(target.stack, fs, parent, target.now);
    const resolvedParent = fs.resolve(parent);
    const at = resolvedParent === '/' ? `/${basename(path)}` : `${resolvedParent}/${basename(path)}`;
    if (entry.node.type === 'dir') {
      const current = fs.getNode(at);
      if (current?.type === 'dir' && target.chmod === undefined) continue;
      putNode(target.stack, at, withMode({ ...entry.node, mtime: entry.node.mtime ?? target.now }, target.chmod));
    } else {
      putNode(target.stack, at, withMode(entry.node, target.chmod));
    }
  }
}

/** `COPY <<EOF /etc/app.conf`: heredoc bodies as files of their own. */
export function heredocSelection(contents: Array<{ path: string; data: string }>, now: number): CopySelection {
  const entries: CopySelection['entries'] = contents.map((c) => ({
    source: `/${c.path}`,
    relative: c.path,
    node: { type: 'file', mode: FILE_MODE, content: c.data, mtime: now } as FileNode,
    isRoot: true,
  }));
  const checksum = contentChecksum(entries.map((e) => [e.source, { ...e.node, mtime: 0 } as FileNode]));
  return { entries, checksum, matched: entries.length };
}

/** A FileTree holding the context files, usable as a source stack. */
export function treeStack(tree: FileTree): TreeStack {
  return { lowers: [tree], upper: null };
}
