// The filesystem one machine sees (the student's host, or a container): a TreeStack for
// its root plus mounts (volumes and bind mounts), with symlinks resolved as Linux does.
// It implements just-bash's IFileSystem so the shell runs directly over our layers.
import type { CpOptions, FsStat, IFileSystem, MkdirOptions, RmOptions } from 'just-bash';
import { FILE_MODE, DIR_MODE, nodeSize, type FileNode } from '../model/file-tree';
import { utf8Length } from '../util/text';
import { basename, dirname, isWithin, rebase, resolvePath } from './paths';
import { listChildren, lookup, putNode, removeNode, type TreeStack } from './tree-stack';

export interface MountSpec {
  /** Where the mount appears in this machine (`/usr/share/nginx/html`). */
  target: string;
  /** The tree stack behind it: a volume's content, or the host's filesystem for a bind mount. */
  stack: TreeStack;
  /** The directory of `stack` shown at `target` (`/` for volumes, the host path for binds). */
  source: string;
  readonly: boolean;
}

export interface FsLimits {
  /** Largest single file a write may produce. */
  maxFileBytes: number;
}

export interface MachineFsOptions {
  root: TreeStack;
  mounts?: MountSpec[];
  /** The engine clock, for mtimes. */
  now: () => number;
  limits?: FsLimits;
}

interface Location {
  stack: TreeStack;
  path: string;
  readonly: boolean;
  mount?: MountSpec;
}

/** just-bash's directory entry shape (not exported by the package). */
interface DirentEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
}

const MAX_SYMLINK_HOPS = 40;

/** Every machine can run Baleia's binary dispatcher, though no listing shows it. */
export const BINARY_DISPATCHER = '/usr/bin/.baleia-exec';
const DISPATCHER_NODE: FileNode = { type: 'file', mode: 0o755, content: '', size: 0 };

/** Device files every Linux machine has; writes to them vanish, reads give nothing. */
const DEVICES: Record<string, FileNode> = {
  '/dev': { type: 'dir', mode: 0o755 },
  '/dev/null': { type: 'file', mode: 0o666, content: '', size: 0 },
  '/dev/zero': { type: 'file', mode: 0o666, content: '', size: 0 },
  '/dev/random': { type: 'file', mode: 0o666, content: '', size: 0 },
  '/dev/urandom': { type: 'file', mode: 0o666, content: '', size: 0 },
  '/dev/tty': { type: 'file', mode: 0o666, content: '', size: 0 },
};
const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** An error shaped like Node's, which just-bash's commands turn into shell messages. */
export function fsError(code: string, description: string, syscall: string, path?: string): Error {
  const error = new Error(`${code}: ${description}, ${syscall}${path === undefined ? '' : ` '${path}'`}`) as Error & { code: string };
  error.code = code;
  return error;
}

const ENOENT = (syscall: string, path: string) => fsError('ENOENT', 'no such file or directory', syscall, path);

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Stores text as text, and bytes that are not UTF-8 as base64. */
function toStoredContent(content: string | Uint8Array): { content: string; base64?: true } {
  if (typeof content === 'string') return { content };
  try {
    return { content: decoder.decode(content) };
  } catch {
    return { content: bytesToBase64(content), base64: true };
  }
}

function contentText(node: Extract<FileNode, { type: 'file' }>): string {
  if (!node.base64) return node.content;
  return new TextDecoder().decode(base64ToBytes(node.content));
}

function contentBytes(node: Extract<FileNode, { type: 'file' }>): Uint8Array {
  return node.base64 ? base64ToBytes(node.content) : encoder.encode(node.content);
}

export class MachineFs implements IFileSystem {
  private readonly root: TreeStack;
  private readonly mounts: MountSpec[];
  private readonly now: () => number;
  private readonly limits: FsLimits | undefined;

  constructor(options: MachineFsOptions) {
    this.root = options.root;
    // Longest target first, so nested mounts win over their parents.
    this.mounts = [...(options.mounts ?? [])].sort((a, b) => b.target.length - a.target.length);
    this.now = options.now;
    this.limits = options.limits;
  }

  // ---- path machinery -------------------------------------------------------------------

  private locate(path: string): Location {
    for (const mount of this.mounts) {
      if (isWithin(path, mount.target)) {
        return { stack: mount.stack, path: rebase(path, mount.target, mount.source), readonly: mount.readonly, mount };
      }
    }
    return { stack: this.root, path, readonly: this.root.upper === null };
  }

  private nodeAt(path: string): FileNode | undefined {
    if (path === BINARY_DISPATCHER) return DISPATCHER_NODE;
    const device = DEVICES[path];
    if (device) return device;
    const location = this.locate(path);
    const node = lookup(location.stack, location.path);
    // A mount point always shows as a directory, even where the image has nothing.
    if (!node && location.mount && location.path === location.mount.source) return { type: 'dir', mode: DIR_MODE };
    return node;
  }

  /** Resolves symlinks in every component (and the last one when `followLast`). */
  resolve(path: string, followLast = true): string {
    let pending = resolvePath('/', path).split('/').filter(Boolean);
    let current = '/';
    let hops = 0;
    while (pending.length > 0) {
      const part = pending.shift()!;
      const candidate = current === '/' ? `/${part}` : `${current}/${part}`;
      if (pending.length === 0 && !followLast) return candidate;
      const node = this.nodeAt(candidate);
      if (node?.type === 'symlink') {
        if (++hops > MAX_SYMLINK_HOPS) throw fsError('ELOOP', 'too many symbolic links encountered', 'stat', path);
        const target = resolvePath(current, node.target);
        pending = [...target.split('/').filter(Boolean), ...pending];
        current = '/';
        continue;
      }
      if (pending.length > 0 && node && node.type !== 'dir') throw fsError('ENOTDIR', 'not a directory', 'stat', path);
      current = candidate;
    }
    return current;
  }

  /** The node at a path, following symlinks, or undefined. Never throws. */
  getNode(path: string, followLast = true): FileNode | undefined {
    try {
      return this.nodeAt(this.resolve(path, followLast));
    } catch {
      return undefined;
    }
  }

  private writable(path: string, syscall: string): Location {
    const location = this.locate(path);
    if (location.readonly || !location.stack.upper) throw fsError('EROFS', 'read-only file system', syscall, path);
    return location;
  }

  private requireParentDir(path: string, syscall: string): void {
    const parent = this.nodeAt(dirname(path));
    if (!parent) throw ENOENT(syscall, path);
    if (parent.type !== 'dir') throw fsError('ENOTDIR', 'not a directory', syscall, path);
  }

  private isMountPoint(path: string): boolean {
    return this.mounts.some((mount) => mount.target === path);
  }

  // ---- synchronous API used by the engine -------------------------------------------------

  readText(path: string): string {
    const node = this.nodeAt(this.resolve(path));
    if (!node) throw ENOENT('open', path);
    if (node.type === 'dir') throw fsError('EISDIR', 'illegal operation on a directory', 'read');
    if (node.type !== 'file') throw ENOENT('open', path);
    return contentText(node);
  }

  writeText(path: string, content: string | Uint8Array, mode?: number): void {
    const resolved = this.resolve(path);
    if (DEVICES[resolved] && resolved !== '/dev') return;
    this.requireParentDir(resolved, 'open');
    const existing = this.nodeAt(resolved);
    if (existing?.type === 'dir') throw fsError('EISDIR', 'illegal operation on a directory', 'open', path);
    const stored = toStoredContent(content);
    const bytes = stored.base64 ? Math.floor((stored.content.length * 3) / 4) : utf8Length(stored.content);
    if (this.limits && bytes > this.limits.maxFileBytes) throw fsError('EFBIG', 'file too large', 'write', path);
    const location = this.writable(resolved, 'open');
    const fileMode = mode ?? (existing?.type === 'file' ? existing.mode : FILE_MODE);
    putNode(location.stack, location.path, { type: 'file', mode: fileMode, ...stored, mtime: this.now() });
  }

  makeDir(path: string, recursive: boolean): void {
    const resolved = resolvePath('/', path);
    const existing = this.getNode(resolved);
    if (existing) {
      if (recursive && existing.type === 'dir') return;
      throw fsError('EEXIST', 'file already exists', 'mkdir', path);
    }
    const parent = dirname(resolved);
    if (!this.getNode(parent)) {
      if (!recursive) throw ENOENT('mkdir', path);
      this.makeDir(parent, true);
    }
    const target = this.resolve(parent) === '/' ? `/${basename(resolved)}` : `${this.resolve(parent)}/${basename(resolved)}`;
    const location = this.writable(target, 'mkdir');
    putNode(location.stack, location.path, { type: 'dir', mode: DIR_MODE, mtime: this.now() });
  }

  list(path: string): string[] {
    const resolved = this.resolve(path);
    const node = this.nodeAt(resolved);
    if (!node) throw ENOENT('scandir', path);
    if (node.type !== 'dir') throw fsError('ENOTDIR', 'not a directory', 'scandir', path);
    const location = this.locate(resolved);
    const names = new Set(listChildren(location.stack, location.path));
    if (resolved === '/') names.add('dev');
    if (resolved === '/dev') for (const device of Object.keys(DEVICES)) if (device !== '/dev') names.add(basename(device));
    for (const mount of this.mounts) {
      if (mount.target !== resolved && dirname(mount.target) === resolved) names.add(basename(mount.target));
    }
    return [...names].sort();
  }

  remove(path: string, options: RmOptions = {}): void {
    const resolved = this.resolve(path, false);
    const node = this.nodeAt(resolved);
    if (!node) {
      if (options.force) return;
      throw ENOENT('rm', path);
    }
    if (this.isMountPoint(resolved)) throw fsError('EBUSY', 'resource busy or locked', 'rm', path);
    if (node.type === 'dir') {
      const children = this.list(resolved);
      if (children.length > 0) {
        if (!options.recursive) throw fsError('ENOTEMPTY', 'directory not empty', 'rm', path);
        for (const child of children) this.remove(resolved === '/' ? `/${child}` : `${resolved}/${child}`, options);
      }
    }
    const location = this.writable(resolved, 'rm');
    removeNode(location.stack, location.path);
  }

  copy(src: string, dest: string, recursive: boolean): void {
    const node = this.getNode(src);
    if (!node) throw ENOENT('cp', src);
    if (node.type === 'dir') {
      if (!recursive) throw fsError('EISDIR', 'illegal operation on a directory', 'cp', src);
      const resolvedSrc = this.resolve(src);
      const resolvedDest = resolvePath('/', dest);
      if (isWithin(resolvedDest, resolvedSrc)) throw fsError('EINVAL', 'invalid argument', 'cp', dest);
      if (!this.getNode(dest)) this.makeDir(dest, false);
      for (const child of this.list(src)) this.copy(`${resolvedSrc}/${child}`, `${resolvedDest}/${child}`, true);
      return;
    }
    if (node.type === 'symlink') {
      this.putRaw(dest, { ...node });
      return;
    }
    if (node.type === 'file') {
      const resolved = this.resolve(dest);
      this.requireParentDir(resolved, 'cp');
      const location = this.writable(resolved, 'cp');
      putNode(location.stack, location.path, { ...node, mtime: this.now() });
    }
  }

  /** Places a node as is (used by copy and by `docker cp`). */
  putRaw(path: string, node: FileNode): void {
    const resolved = this.resolve(path, false);
    this.requireParentDir(resolved, 'open');
    const location = this.writable(resolved, 'open');
    putNode(location.stack, location.path, node);
  }

  statSync(path: string, followLast = true): FsStat {
    const node = this.nodeAt(this.resolve(path, followLast));
    if (!node || node.type === 'whiteout') throw ENOENT(followLast ? 'stat' : 'lstat', path);
    const mtime = new Date(('mtime' in node && node.mtime) || 0);
    if (node.type === 'dir') return { isFile: false, isDirectory: true, isSymbolicLink: false, mode: 0o40000 | node.mode, size: 4096, mtime };
    if (node.type === 'symlink') return { isFile: false, isDirectory: false, isSymbolicLink: true, mode: 0o120777, size: node.target.length, mtime };
    return { isFile: true, isDirectory: false, isSymbolicLink: false, mode: 0o100000 | node.mode, size: nodeSize(node), mtime };
  }

  // ---- just-bash's IFileSystem --------------------------------------------------------------

  /**
   * just-bash reads a program with readFile when it runs it as a script (cat and grep read
   * bytes instead). Compiled stand-ins and python/node scripts are handed to the dispatcher.
   */
  async readFile(path: string): Promise<string> {
    const text = this.readText(path);
    if (text.startsWith('\u007fELF') || /^#!\S*(?:python[\d.]*|node|env (?:python[\d.]*|node))\b/.test(text)) {
      return `${BINARY_DISPATCHER} "$0" "$@"\n`;
    }
    return text;
  }

  async readFileBuffer(path: string): Promise<Uint8Array> {
    const node = this.nodeAt(this.resolve(path));
    if (!node) throw ENOENT('open', path);
    if (node.type !== 'file') throw fsError('EISDIR', 'illegal operation on a directory', 'read');
    return contentBytes(node);
  }

  async writeFile(path: string, content: string | Uint8Array): Promise<void> {
    this.writeText(path, content);
  }

  async appendFile(path: string, content: string | Uint8Array): Promise<void> {
    const existing = this.getNode(path);
    const previous = existing?.type === 'file' ? contentText(existing) : '';
    const addition = typeof content === 'string' ? content : new TextDecoder().decode(content);
    this.writeText(path, previous + addition);
  }

  async exists(path: string): Promise<boolean> {
    return this.getNode(path) !== undefined;
  }

  async stat(path: string): Promise<FsStat> {
    return this.statSync(path, true);
  }

  async lstat(path: string): Promise<FsStat> {
    return this.statSync(path, false);
  }

  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    this.makeDir(path, options?.recursive ?? false);
  }

  async readdir(path: string): Promise<string[]> {
    return this.list(path);
  }

  async readdirWithFileTypes(path: string): Promise<DirentEntry[]> {
    const resolved = this.resolve(path);
    return this.list(resolved).map((name) => {
      const node = this.nodeAt(resolved === '/' ? `/${name}` : `${resolved}/${name}`);
      return { name, isFile: node?.type === 'file', isDirectory: node?.type === 'dir', isSymbolicLink: node?.type === 'symlink' };
    });
  }

  async rm(path: string, options?: RmOptions): Promise<void> {
    this.remove(path, options);
  }

  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    this.copy(src, dest, options?.recursive ?? false);
  }

  async mv(src: string, dest: string): Promise<void> {
    const node = this.getNode(src, false);
    if (!node) throw ENOENT('mv', src);
    if (node.type === 'symlink') this.putRaw(dest, { ...node });
    else this.copy(src, dest, true);
    this.remove(src, { recursive: true });
  }

  resolvePath(base: string, path: string): string {
    return resolvePath(base, path);
  }

  getAllPaths(): string[] {
    return [];
  }

  async chmod(path: string, mode: number): Promise<void> {
    const resolved = this.resolve(path);
    const node = this.nodeAt(resolved);
    if (!node) throw ENOENT('chmod', path);
    if (node.type === 'file' || node.type === 'dir') {
      const location = this.writable(resolved, 'chmod');
      putNode(location.stack, location.path, { ...node, mode: mode & 0o7777 });
    }
  }

  async symlink(target: string, linkPath: string): Promise<void> {
    if (this.getNode(linkPath, false)) throw fsError('EEXIST', 'file already exists', 'symlink', linkPath);
    this.putRaw(linkPath, { type: 'symlink', target, mtime: this.now() });
  }

  async link(existingPath: string, newPath: string): Promise<void> {
    if (this.getNode(newPath, false)) throw fsError('EEXIST', 'file already exists', 'link', newPath);
    this.copy(existingPath, newPath, false);
  }

  async readlink(path: string): Promise<string> {
    const node = this.getNode(path, false);
    if (!node) throw ENOENT('readlink', path);
    if (node.type !== 'symlink') throw fsError('EINVAL', 'invalid argument', 'readlink', path);
    return node.target;
  }

  async realpath(path: string): Promise<string> {
    const resolved = this.resolve(path);
    if (!this.nodeAt(resolved)) throw ENOENT('realpath', path);
    return resolved;
  }

  async utimes(path: string, _atime: Date, mtime: Date): Promise<void> {
    const resolved = this.resolve(path);
    const node = this.nodeAt(resolved);
    if (!node) throw ENOENT('utimes', path);
    if (node.type === 'whiteout') return;
    const location = this.writable(resolved, 'utimes');
    putNode(location.stack, location.path, { ...node, mtime: mtime.getTime() });
  }
}
