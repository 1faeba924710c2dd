// Small helpers the package managers share: placing files with declared sizes, reading
// files that may be missing, splitting a package's installed size over its files, and
// deterministic stand-ins for hashes. Everything is bounded by the catalogues' sizes.
import type { MachineFs } from '../../../fs/machine-fs';
import { dirname } from '../../../fs/paths';
import { EXEC_MODE, FILE_MODE, nodeSize } from '../../../model/file-tree';
import { sha256Hex } from '../../../util/sha256';

/** root, uid 0, or `root:group` / `0:0`: who may write the system's package databases. */
export function isRootUser(user: string): boolean {
  const name = user.split(':')[0] ?? '';
  return name === '' || name === 'root' || name === '0';
}

export function readText(fs: MachineFs, path: string): string | undefined {
  const node = fs.getNode(path);
  if (node?.type !== 'file') return undefined;
  try {
    return fs.readText(path);
  } catch {
    return undefined;
  }
}

export function exists(fs: MachineFs, path: string): boolean {
  return fs.getNode(path) !== undefined;
}

export function ensureDir(fs: MachineFs, path: string): void {
  if (fs.getNode(path)?.type === 'dir') return;
  fs.makeDir(path, true);
}

/** Writes a file whose declared size may exceed its stand-in content (binaries, archives). */
export function putFile(fs: MachineFs, path: string, size: number, content: string, mode = FILE_MODE, now?: number): void {
  ensureDir(fs, dirname(path));
  const node = { type: 'file' as const, mode, content, ...(size !== content.length && { size }), ...(now !== undefined && { mtime: now }) };
  if (fs.getNode(path, false)) fs.remove(path, { force: true });
  fs.putRaw(path, node);
}

export function putExecutable(fs: MachineFs, path: string, size: number, content = 'ELF', now?: number): void {
  putFile(fs, path, size, content, EXEC_MODE, now);
}

export function putLink(fs: MachineFs, path: string, target: string, now?: number): void {
  ensureDir(fs, dirname(path));
  if (fs.getNode(path, false)) fs.remove(path, { force: true });
  fs.putRaw(path, { type: 'symlink', target, ...(now !== undefined && { mtime: now }) });
}

export function writeText(fs: MachineFs, path: string, text: string): void {
  ensureDir(fs, dirname(path));
  fs.writeText(path, text);
}

export function appendText(fs: MachineFs, path: string, text: string): void {
  writeText(fs, path, (readText(fs, path) ?? '') + text);
}

export function removePath(fs: MachineFs, path: string): void {
  try {
    fs.remove(path, { recursive: true, force: true });
  } catch {
    /* a read-only or busy path stays; the package managers never fail on cleanup */
  }
}

/** Children of a directory, or none when it is missing. */
export function listDir(fs: MachineFs, path: string): string[] {
  if (fs.getNode(path)?.type !== 'dir') return [];
  return fs.list(path);
}

/** Declared bytes under a path (files only), bounded by `limit` nodes. */
export function sizeUnder(fs: MachineFs, path: string, limit = 20_000): number {
  let total = 0;
  let visited = 0;
  const walk = (dir: string): void => {
    for (const name of listDir(fs, dir)) {
      if (++visited > limit) return;
      const child = dir === '/' ? `/${name}` : `${dir}/${name}`;
      const node = fs.getNode(child, false);
      if (node?.type === 'dir') walk(child);
      else if (node) total += nodeSize(node);
    }
  };
  walk(path);
  return total;
}

/** Splits `total` bytes by integer weights; the shares add up exactly. */
export function splitSizes(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const shares = weights.map((weight) => Math.floor((total * weight) / sum));
  const rest = total - shares.reduce((a, b) => a + b, 0);
  if (shares.length > 0) shares[0]! += rest;
  return shares;
}

/** Hex digits derived from a seed: stand-ins for checksums and cache keys. */
export function hexFrom(seed: string, length: number): string {
  let hex = '';
  for (let round = 0; hex.length < length; round++) hex += sha256Hex(`${round}:${seed}`);
  return hex.slice(0, length);
}

/** Base64 of `bytes` bytes derived from a seed (npm's sha512 integrity, pip's hashes). */
export function base64From(seed: string, bytes: number): string {
  const hex = hexFrom(seed, bytes * 2);
  let binary = '';
  for (let i = 0; i < hex.length; i += 2) binary += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(binary);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `date` in the C locale and UTC: `Fri Jun 20 12:00:00 UTC 2025`. */
export function cDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** `2025-06-20 12:00:00`, the stamp dpkg.log and apt's history use. */
export function logStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Splits a command line's short flags: `-qy` → `-q`, `-y`. Long options and values stay. */
export function expandShortFlags(args: string[], withValue: Set<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (/^-[A-Za-z]{2,}$/.test(arg)) {
      const letters = arg.slice(1);
      for (let j = 0; j < letters.length; j++) {
        const flag = `-${letters[j]}`;
        out.push(flag);
        if (withValue.has(flag)) {
          const rest = letters.slice(j + 1);
          if (rest) out.push(rest);
          break;
        }
      }
    } else out.push(arg);
  }
  return out;
}
