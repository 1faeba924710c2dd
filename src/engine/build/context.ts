// The build context: the directory `docker build` names, read from the student's host, minus
// what .dockerignore leaves out. BuildKit streams it to the builder (fsutil); here it is read
// once into a tree the COPY steps take files from.
import type { MachineFs } from '../fs/machine-fs';
import type { FileNode, FileTree } from '../model/file-tree';
import { nodeSize } from '../model/file-tree';
import { sha256Hex } from '../util/sha256';
import { parseDockerIgnore, type DockerIgnore } from './dockerignore';

/** Baleia's bounds on one context (a course project is a handful of files). */
export const CONTEXT_LIMITS = {
  maxEntries: 5_000,
  maxBytes: 50_000_000,
} as const;

export interface BuildContext {
  /** Absolute host path of the context directory. */
  dir: string;
  /** Entries by path relative to the context, with a leading `/` (`/app.js`, `/src/index.js`). */
  files: FileTree;
  /** What .dockerignore excluded (relative paths without `/`), for explanations. */
  excluded: string[];
  ignore: DockerIgnore;
  /** Bytes of the .dockerignore file as sent (`transferring context: 2B` without one). */
  ignoreTransfer: number;
  /** Bytes BuildKit reports for `transferring context:`. */
  transfer: number;
  /** More entries or bytes than Baleia reads. */
  tooLarge: boolean;
}

/** fsutil sends a stat record per entry before its data: path plus about 34 bytes. */
export function transferSize(entries: Array<{ path: string; size: number }>): number {
  let total = 2;
  for (const entry of entries) total += entry.size + entry.path.length + 34;
  return total;
}

export function readContext(fs: MachineFs, dir: string, ignoreText: string | undefined): BuildContext {
  const ignore = parseDockerIgnore(ignoreText ?? '');
  const files: FileTree = {};
  const excluded: string[] = [];
  const sent: Array<{ path: string; size: number }> = [];
  let bytes = 0;
  let count = 0;
  let tooLarge = false;
  const visit = (abs: string, rel: string): void => {
    let names: string[];
    try {
      names = fs.list(abs);
    } catch {
      return;
    }
    for (const name of names) {
      if (tooLarge) return;
      // The machine's device files are not part of any folder a student builds.
      if (abs === '/' && name === 'dev') continue;
      const childAbs = abs === '/' ? `/${name}` : `${abs}/${name}`;
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const node = fs.getNode(childAbs, false);
      if (!node || node.type === 'whiteout') continue;
      const ignored = ignore.ignores(childRel);
      if (ignored && node.type !== 'dir') {
        excluded.push(childRel);
        continue;
      }
      if (!ignored) {
        if (++count > CONTEXT_LIMITS.maxEntries) {
          tooLarge = true;
          return;
        }
        const size = nodeSize(node);
        bytes += size;
        if (bytes > CONTEXT_LIMITS.maxBytes) {
          tooLarge = true;
          return;
        }
        files[`/${childRel}`] = copyNode(node);
        sent.push({ path: childRel, size });
      } else {
        excluded.push(childRel);
      }
      // An excluded directory is still walked: a later `!pattern` may bring files back.
      if (node.type === 'dir') visit(childAbs, childRel);
    }
  };
  visit(dir, '');
  const ignoreSize = ignoreText === undefined ? 0 : new TextEncoder().encode(ignoreText).length;
  return {
    dir,
    files,
    excluded,
    ignore,
    ignoreTransfer: ignoreText === undefined ? 2 : transferSize([{ path: '.dockerignore', size: ignoreSize }]),
    transfer: transferSize(sent),
    tooLarge,
  };
}

function copyNode(node: FileNode): FileNode {
  return { ...node };
}

/**
 * The checksum BuildKit computes over what a COPY takes (content and metadata, not mtime):
 * the cache key of a COPY changes exactly when one of its files does.
 */
export function contentChecksum(entries: Array<[string, FileNode]>): string {
  const parts: string[] = [];
  for (const [path, node] of entries) {
    if (node.type === 'file') parts.push(`${path}\u0000f${node.mode}\u0000${node.size ?? ''}\u0000${node.base64 ? 'b' : ''}${node.content}`);
    else if (node.type === 'dir') parts.push(`${path}\u0000d${node.mode}`);
    else if (node.type === 'symlink') parts.push(`${path}\u0000l${node.target}`);
  }
  return sha256Hex(parts.join('\u0001'));
}
