// A stack of FileTrees merged the way overlay2 merges image layers: the top layer wins,
// whiteouts delete what lower layers have, opaque directories hide lower contents.
import { DIR_MODE, type FileNode, type FileTree } from '../model/file-tree';
import { ancestors, basename, dirname, isWithin } from './paths';

export interface TreeStack {
  /** Read-only layers, bottom first (image layers, base first). */
  readonly lowers: readonly FileTree[];
  /** The writable layer, or null when the whole stack is read-only. */
  readonly upper: FileTree | null;
}

const ROOT: FileNode = { type: 'dir', mode: DIR_MODE };

/** Children of every directory of an immutable tree, computed once per tree. */
const childIndexCache = new WeakMap<FileTree, Map<string, string[]>>();

function buildChildIndex(tree: FileTree): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const path of Object.keys(tree)) {
    const parent = dirname(path);
    let names = index.get(parent);
    if (!names) index.set(parent, (names = []));
    names.push(basename(path));
  }
  return index;
}

function childrenIn(tree: FileTree, dir: string, mutable: boolean): string[] {
  if (mutable) {
    const names: string[] = [];
    const prefix = dir === '/' ? '/' : `${dir}/`;
    for (const path of Object.keys(tree)) {
      if (path.startsWith(prefix) && path.indexOf('/', prefix.length) === -1) names.push(path.slice(prefix.length));
    }
    return names;
  }
  let index = childIndexCache.get(tree);
  if (!index) childIndexCache.set(tree, (index = buildChildIndex(tree)));
  return index.get(dir) ?? [];
}

function layersTopDown(stack: TreeStack): FileTree[] {
  const layers = [...stack.lowers].reverse();
  if (stack.upper) layers.unshift(stack.upper);
  return layers;
}

/** True when a layer hides, for `path`, everything below it (a deleted or opaque ancestor). */
function hidesBelow(layer: FileTree, path: string): boolean {
  for (const ancestor of ancestors(path)) {
    const node = layer[ancestor];
    if (!node) continue;
    if (node.type === 'whiteout') return true;
    if (node.type === 'dir' && node.opaque) return true;
  }
  return false;
}

/** The node at an already symlink-free path, or undefined. */
export function lookup(stack: TreeStack, path: string): FileNode | undefined {
  if (path === '/') return ROOT;
  if (stack.upper) {
    const node = stack.upper[path];
    if (node) return node.type === 'whiteout' ? undefined : node;
    if (hidesBelow(stack.upper, path)) return undefined;
  }
  for (let i = stack.lowers.length - 1; i >= 0; i--) {
    const layer = stack.lowers[i]!;
    const node = layer[path];
    if (node) return node.type === 'whiteout' ? undefined : node;
    if (hidesBelow(layer, path)) return undefined;
  }
  return undefined;
}

/** True when some read-only layer provides the path (so removing it needs a whiteout). */
export function existsInLowers(stack: TreeStack, path: string): boolean {
  return lookup({ lowers: stack.lowers, upper: null }, path) !== undefined;
}

/** Names inside a directory of the merged view, sorted. */
export function listChildren(stack: TreeStack, dir: string): string[] {
  const seen = new Set<string>();
  const hidden = new Set<string>();
  for (const layer of layersTopDown(stack)) {
    const mutable = layer === stack.upper;
    for (const name of childrenIn(layer, dir, mutable)) {
      if (seen.has(name) || hidden.has(name)) continue;
      const node = layer[dir === '/' ? `/${name}` : `${dir}/${name}`];
      if (node?.type === 'whiteout') hidden.add(name);
      else seen.add(name);
    }
    const own = layer[dir];
    if (own?.type === 'dir' && own.opaque) break;
    if (dir !== '/' && (own?.type === 'whiteout' || hidesBelow(layer, dir))) break;
  }
  return [...seen].sort();
}

/** Every path below `dir` in the merged view (depth-first, sorted), bounded by `limit`. */
export function walk(stack: TreeStack, dir: string, limit = 100_000): string[] {
  const result: string[] = [];
  const visit = (current: string): void => {
    for (const name of listChildren(stack, current)) {
      if (result.length >= limit) return;
      const path = current === '/' ? `/${name}` : `${current}/${name}`;
      result.push(path);
      if (lookup(stack, path)?.type === 'dir') visit(path);
    }
  };
  visit(dir);
  return result;
}

/**
 * Makes every ancestor of `path` exist in the writable layer, copying directory metadata
 * up from lower layers: overlay2 does this, which is why `docker diff` lists parents as C.
 */
export function copyUpAncestors(stack: TreeStack, path: string): void {
  const upper = stack.upper;
  if (!upper) return;
  for (const ancestor of ancestors(path)) {
    const existing = upper[ancestor];
    if (existing?.type === 'whiteout') {
      upper[ancestor] = { type: 'dir', mode: DIR_MODE, opaque: true };
      continue;
    }
    if (existing) continue;
    const below = lookup({ lowers: stack.lowers, upper: null }, ancestor);
    upper[ancestor] = below && below.type === 'dir' ? { type: 'dir', mode: below.mode } : { type: 'dir', mode: DIR_MODE };
  }
}

/** Writes a node in the writable layer. A directory replacing a whiteout becomes opaque. */
export function putNode(stack: TreeStack, path: string, node: FileNode): void {
  const upper = stack.upper;
  if (!upper) throw new Error('read-only stack');
  copyUpAncestors(stack, path);
  const previous = upper[path];
  if (node.type === 'dir' && previous?.type === 'whiteout') upper[path] = { ...node, opaque: true };
  else upper[path] = node;
}

/** Deletes a path (and, for directories, everything inside) from the merged view. */
export function removeNode(stack: TreeStack, path: string): void {
  const upper = stack.upper;
  if (!upper) throw new Error('read-only stack');
  for (const key of Object.keys(upper)) {
    if (key !== path && isWithin(key, path)) delete upper[key];
  }
  if (existsInLowers(stack, path)) {
    copyUpAncestors(stack, path);
    upper[path] = { type: 'whiteout' };
  } else {
    delete upper[path];
  }
}
