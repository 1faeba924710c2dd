// apk in Alpine containers, as apk-tools 2.14 (Alpine 3.22) prints without a terminal.
// Unlike apt, `apk add` fetches the indexes itself when it has none; without --no-cache it
// keeps them (about 2 MB) in /var/cache/apk, which is why Dockerfiles write
// `apk add --no-cache ...` (F24, F25). `--virtual .build-deps` groups build tools so one
// `apk del .build-deps` removes them all again.
import type { CustomCommand } from 'just-bash';
import { alpineCatalog, apkPackages } from './packages/catalogs';
import {
  ensureDir,
  exists,
  expandShortFlags,
  hexFrom,
  isRootUser,
  listDir,
  putExecutable,
  putFile,
  putLink,
  readText,
  removePath,
  splitSizes,
  writeText,
} from './packages/files';
import { externallyManagedFile } from './packages/pep668';
import type { ApkPackage } from './packages/schema';
import { tool, type ToolContext, type ToolResult } from './tool-context';

const CACHE = '/var/cache/apk';
const INSTALLED = '/lib/apk/db/installed';
const WORLD = '/etc/apk/world';
/** apk refreshes cached indexes older than this (cache_max_age, 4 hours). */
const CACHE_MAX_AGE_MS = 4 * 60 * 60 * 1000;
/** Directories busybox's trigger watches to refresh its applet links. */
const BUSYBOX_DIRS = ['/bin/', '/sbin/', '/usr/bin/', '/usr/sbin/'];

interface Installed {
  name: string;
  version: string;
  size: number;
  /** The installed-database record, kept as written. */
  text: string;
}

interface ApkOptions {
  noCache: boolean;
  update: boolean;
  virtual?: string;
  quiet: boolean;
  command?: string;
  args: string[];
  error?: string;
}

function parseOptions(raw: string[]): ApkOptions {
  const options: ApkOptions = { noCache: false, update: false, quiet: false, args: [] };
  const args = expandShortFlags(raw, new Set(['-t', '-X', '-p']));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--no-cache') options.noCache = true;
    else if (arg === '-U' || arg === '--update-cache') options.update = true;
    else if (arg === '-t' || arg === '--virtual') options.virtual = args[++i];
    else if (arg.startsWith('--virtual=')) options.virtual = arg.slice('--virtual='.length);
    else if (arg === '-q' || arg === '--quiet') options.quiet = true;
    else if (arg === '-X' || arg === '--repository' || arg === '-p' || arg === '--root' || arg === '--arch' || arg === '--keys-dir' || arg === '--cache-dir') i++;
    else if (arg.startsWith('-')) {
      if (/^(-v|--verbose|--no-progress|--progress|--allow-untrusted|--purge|-r|--rdepends|--force-[a-z-]+|--no-scripts|--latest|-l|--available|-a|--upgrade|-u|--interactive|-i|--clean-protected|--no-network|--simulate|-s|--wait=\d+|--repositories-file=.*|--repository=.*)$/.test(arg)) continue;
      options.error = `apk: unrecognized option '${arg.replace(/^-+/, '')}'\n`;
      return options;
    } else if (options.command === undefined) options.command = arg;
    else options.args.push(arg);
  }
  return options;
}

// ---- the installed database and world ---------------------------------------------------------

function parseInstalled(text: string): Installed[] {
  return text
    .split(/\n\n+/)
    .map((block) => block.trim())
    .filter((block) => /^P:/m.test(block))
    .map((block) => ({
      name: /^P:(.+)$/m.exec(block)?.[1] ?? '',
      version: /^V:(.+)$/m.exec(block)?.[1] ?? '',
      size: Number(/^I:(\d+)$/m.exec(block)?.[1] ?? 0),
      text: block,
    }));
}

function baseRecord(name: string, version: string, size: number): Installed {
  return { name, version, size, text: `C:Q1${hexFrom(`${name}-${version}`, 26)}=\nP:${name}\nV:${version}\nA:x86_64\nI:${size}` };
}

/** What is installed: the database if the image has one, otherwise the catalogue's base. */
function readInstalled(tc: ToolContext): Installed[] {
  const text = readText(tc.fs, INSTALLED);
  const records = text ? parseInstalled(text) : [];
  if (records.length > 0) return records;
  return Object.entries(alpineCatalog.base).map(([name, [version, size]]) => baseRecord(name, version, size));
}

function writeInstalled(tc: ToolContext, records: Installed[]): void {
  writeText(tc.fs, INSTALLED, records.map((record) => `${record.text}\n`).join('\n'));
}

function readWorld(tc: ToolContext): string[] {
  const text = readText(tc.fs, WORLD);
  if (text !== undefined) return text.split(/\s+/).filter(Boolean);
  return Object.keys(alpineCatalog.base).filter((name) => !name.endsWith('-data') && name !== 'busybox-binsh');
}

function writeWorld(tc: ToolContext, world: string[]): void {
  writeText(tc.fs, WORLD, `${[...new Set(world)].sort().join('\n')}\n`);
}

const worldName = (entry: string) => entry.split(/[=<>~]/)[0]!;

// ---- indexes ---------------------------------------------------------------------------------

function indexPath(hash: string): string {
  return `${CACHE}/APKINDEX.${hash}.tar.gz`;
}

function indexUrl(repo: string): string {
  return `${alpineCatalog.mirror}/${alpineCatalog.branch}/${repo}/x86_64/APKINDEX.tar.gz`;
}

/** Fetches the indexes when needed; returns the `fetch` lines printed. */
function loadIndexes(tc: ToolContext, options: ApkOptions, force: boolean): string {
  let out = '';
  for (const index of alpineCatalog.indexes) {
    const path = indexPath(index.hash);
    const node = tc.fs.getNode(path);
    const fresh = node?.type === 'file' && tc.ctx.now - (node.mtime ?? 0) <= CACHE_MAX_AGE_MS;
    if (!force && !options.noCache && fresh) continue;
    out += `fetch ${indexUrl(index.repo)}\n`;
    if (!options.noCache) {
      ensureDir(tc.fs, CACHE);
      putFile(tc.fs, path, index.size, '\x1f\x8b', 0o644, tc.ctx.now);
    }
  }
  return out;
}

// ---- files -------------------------------------------------------------------------------------

/** The package's files with sizes that add up to its installed size. */
type FileKind = 'bin' | 'lib' | 'file';

export function apkFiles(pkg: ApkPackage): Array<{ path: string; size: number; kind: FileKind }> {
  const explicit = Object.entries(pkg.files);
  const mains: Array<{ path: string; kind: FileKind; weight: number }> = [
    ...pkg.bin.map((path, i) => ({ path, kind: 'bin' as const, weight: i === 0 ? 6 : 1 })),
    ...pkg.libs.map((path) => ({ path, kind: 'lib' as const, weight: 3 })),
  ];
  const explicitSum = explicit.reduce((sum, [, size]) => sum + size, 0);
  let explicitSizes = explicit.map(([, size]) => size);
  if (explicitSum > pkg.size || mains.length === 0) explicitSizes = splitSizes(pkg.size, explicitSizes.map((size) => Math.max(size, 1)));
  const files: Array<{ path: string; size: number; kind: FileKind }> = explicit.map(([path], i) => ({ path, size: explicitSizes[i]!, kind: 'file' }));
  const remaining = pkg.size - explicitSizes.reduce((a, b) => a + b, 0);
  const shares = splitSizes(remaining, mains.map((main) => main.weight));
  mains.forEach((main, i) => files.push({ path: main.path, size: shares[i]!, kind: main.kind }));
  if (files.length === 0) files.push({ path: `/usr/share/apk/${pkg.name}`, size: pkg.size, kind: 'file' });
  return files;
}

function place(tc: ToolContext, pkg: ApkPackage): string[] {
  const paths: string[] = [];
  for (const file of apkFiles(pkg)) {
    const marker = /^\/usr\/lib\/python(3\.\d+)\/EXTERNALLY-MANAGED$/.exec(file.path);
    if (marker) {
      const text = externallyManagedFile('alpine', marker[1]!);
      putFile(tc.fs, file.path, text.length, text, 0o644, tc.ctx.now);
    } else if (file.kind === 'bin') putExecutable(tc.fs, file.path, file.size, 'ELF', tc.ctx.now);
    else if (file.kind === 'lib') putFile(tc.fs, file.path, file.size, 'ELF', 0o755, tc.ctx.now);
    else putFile(tc.fs, file.path, file.size, `# ${file.path} (${pkg.name}-${pkg.version})\n`, 0o644, tc.ctx.now);
    paths.push(file.path);
  }
  for (const [path, target] of Object.entries(pkg.links)) {
    putLink(tc.fs, path, target, tc.ctx.now);
    paths.push(path);
  }
  return paths;
}

function record(pkg: ApkPackage, paths: string[], now: number): Installed {
  const lines = [
    `C:Q1${hexFrom(`${pkg.name}-${pkg.version}`, 26)}=`,
    `P:${pkg.name}`,
    `V:${pkg.version}`,
    'A:x86_64',
    `S:${pkg.download}`,
    `I:${pkg.size}`,
    `T:${pkg.description}`,
    `t:${Math.floor(now / 1000)}`,
  ];
  if (pkg.depends.length > 0) lines.push(`D:${pkg.depends.join(' ')}`);
  const byDir = new Map<string, string[]>();
  for (const path of paths) {
    const slash = path.lastIndexOf('/');
    const dir = path.slice(1, slash);
    byDir.set(dir, [...(byDir.get(dir) ?? []), path.slice(slash + 1)]);
  }
  for (const [dir, names] of byDir) {
    lines.push(`F:${dir}`);
    for (const name of names) lines.push(`R:${name}`);
  }
  return { name: pkg.name, version: pkg.version, size: pkg.size, text: lines.join('\n') };
}

function pathsOf(entry: Installed): string[] {
  const paths: string[] = [];
  let dir = '';
  for (const line of entry.text.split('\n')) {
    if (line.startsWith('F:')) dir = line.slice(2);
    else if (line.startsWith('R:')) paths.push(`/${dir}/${line.slice(2)}`);
  }
  return paths;
}

// ---- commands ----------------------------------------------------------------------------------

interface Run {
  tc: ToolContext;
  options: ApkOptions;
  out: string[];
  err: string[];
}

function finish(run: Run, exitCode: number): ToolResult {
  return { stdout: run.out.join(''), stderr: run.err.join(''), exitCode };
}

function okLine(records: Installed[]): string {
  const bytes = records.reduce((sum, entry) => sum + entry.size, 0);
  return `OK: ${Math.floor(bytes / (1024 * 1024))} MiB in ${records.length} packages\n`;
}

function lockError(run: Run): ToolResult {
  run.err.push('ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n');
  return finish(run, 99);
}

/** `YYYYMMDD.HHMMSS`, the version apk gives a virtual package. */
function virtualVersion(now: number): string {
  const d = new Date(now);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}.${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** Everything the world needs, by name, dependencies included. */
function closure(world: string[], virtuals: Map<string, string[]>): Set<string> {
  const needed = new Set<string>();
  const visit = (name: string, depth: number): void => {
    if (needed.has(name) || depth > 64) return;
    needed.add(name);
    const deps = virtuals.get(name) ?? apkPackages.get(name)?.depends ?? [];
    for (const dep of [...deps].sort()) visit(dep, depth + 1);
  };
  for (const entry of world) visit(worldName(entry), 0);
  return needed;
}

/** Installation order: dependencies before the packages that need them. */
function installOrder(roots: string[], installed: Set<string>, virtuals: Map<string, string[]>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string, depth: number): void => {
    if (seen.has(name) || installed.has(name) || depth > 64) return;
    seen.add(name);
    const deps = virtuals.get(name) ?? apkPackages.get(name)?.depends ?? [];
    for (const dep of [...deps].sort()) visit(dep, depth + 1);
    order.push(name);
  };
  for (const root of roots) visit(root, 0);
  return order;
}

function virtualsOf(records: Installed[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of records) {
    if (!entry.name.startsWith('.') && apkPackages.has(entry.name)) continue;
    const deps = /^D:(.*)$/m.exec(entry.text)?.[1];
    if (deps !== undefined) map.set(entry.name, deps.split(' ').filter(Boolean));
  }
  return map;
}

function triggers(changed: ApkPackage[], own = true): string[] {
  const lines: string[] = [];
  const touchesBin = changed.some((pkg) => [...pkg.bin, ...Object.keys(pkg.links)].some((path) => BUSYBOX_DIRS.some((dir) => path.startsWith(dir))));
  if (touchesBin) lines.push(`Executing busybox-${alpineCatalog.busybox}.trigger\n`);
  if (own) for (const pkg of changed) if (pkg.trigger) lines.push(`Executing ${pkg.name}-${pkg.version}.trigger\n`);
  return lines;
}

function add(run: Run): ToolResult {
  const { tc, options } = run;
  if (!isRootUser(tc.user)) return lockError(run);
  run.out.push(loadIndexes(tc, options, options.update));
  const records = readInstalled(tc);
  const installedNames = new Set(records.map((entry) => entry.name));
  const world = readWorld(tc);
  const missing = options.args.map(worldName).filter((name) => !apkPackages.has(name) && !installedNames.has(name));
  if (missing.length > 0) {
    run.err.push('ERROR: unable to select packages:\n');
    for (const name of missing) {
      const via = options.virtual ? `${options.virtual}-${virtualVersion(tc.ctx.now)}[${name}]` : `world[${name}]`;
      run.err.push(`  ${name} (no such package):\n    required by: ${via}\n`);
    }
    return finish(run, missing.length);
  }
  const virtuals = virtualsOf(records);
  let roots = options.args.map(worldName);
  const version = virtualVersion(tc.ctx.now);
  if (options.virtual) {
    if (options.args.length === 0) run.err.push('WARNING: creating empty virtual package\n');
    virtuals.set(options.virtual, roots);
    roots = [options.virtual];
    world.push(`${options.virtual}=${version}`);
  } else world.push(...options.args);
  const order = installOrder(roots, installedNames, virtuals);
  const changed: ApkPackage[] = [];
  order.forEach((name, i) => {
    const status = `(${i + 1}/${order.length})`;
    const pkg = apkPackages.get(name);
    if (!pkg) {
      run.out.push(`${status} Installing ${name} (${version})\n`);
      records.push({ name, version, size: 0, text: `P:${name}\nV:${version}\nA:x86_64\nI:0\nT:virtual meta package\nD:${(virtuals.get(name) ?? []).join(' ')}` });
      return;
    }
    run.out.push(`${status} Installing ${pkg.name} (${pkg.version})\n`);
    if (pkg.postInstall) run.out.push(`Executing ${pkg.name}-${pkg.version}.post-install\n`);
    records.push(record(pkg, place(tc, pkg), tc.ctx.now));
    changed.push(pkg);
  });
  run.out.push(...triggers(changed));
  writeInstalled(tc, records);
  writeWorld(tc, world);
  run.out.push(okLine(records));
  return finish(run, 0);
}

function del(run: Run): ToolResult {
  const { tc, options } = run;
  if (!isRootUser(tc.user)) return lockError(run);
  const records = readInstalled(tc);
  const installedNames = new Set(records.map((entry) => entry.name));
  const unknown = options.args.filter((name) => !installedNames.has(name) && !apkPackages.has(name));
  if (unknown.length > 0) {
    for (const name of unknown) run.err.push(`ERROR: No such package: ${name}\n`);
    return finish(run, unknown.length);
  }
  const removed = new Set(options.args);
  const world = readWorld(tc).filter((entry) => !removed.has(worldName(entry)));
  const virtuals = virtualsOf(records);
  const needed = closure(world, virtuals);
  const base = new Set(Object.keys(alpineCatalog.base));
  const purge = records.filter((entry) => !needed.has(entry.name) && !base.has(entry.name));
  // apk purges dependants before what they depend on: the reverse of installation order.
  const purgeOrder = [...purge].reverse();
  const changed: ApkPackage[] = [];
  purgeOrder.forEach((entry, i) => {
    run.out.push(`(${i + 1}/${purgeOrder.length}) Purging ${entry.name} (${entry.version})\n`);
    for (const path of pathsOf(entry)) removePath(tc.fs, path);
    const pkg = apkPackages.get(entry.name);
    if (pkg) changed.push(pkg);
  });
  // Purged packages' own triggers are gone with them; busybox's still refreshes its links.
  run.out.push(...triggers(changed, false));
  const gone = new Set(purge.map((entry) => entry.name));
  const left = records.filter((entry) => !gone.has(entry.name));
  writeInstalled(tc, left);
  writeWorld(tc, world);
  run.out.push(okLine(left));
  return finish(run, 0);
}

function update(run: Run): ToolResult {
  if (!isRootUser(run.tc.user)) return lockError(run);
  run.out.push(loadIndexes(run.tc, { ...run.options, noCache: false }, true));
  for (const index of alpineCatalog.indexes) run.out.push(`${index.describe} [${alpineCatalog.mirror}/${alpineCatalog.branch}/${index.repo}]\n`);
  run.out.push(`OK: ${alpineCatalog.distinct} distinct packages available\n`);
  return finish(run, 0);
}

function cacheClean(run: Run): ToolResult {
  for (const name of listDir(run.tc.fs, CACHE)) removePath(run.tc.fs, `${CACHE}/${name}`);
  return finish(run, 0);
}

async function runApk(tc: ToolContext, raw: string[]): Promise<ToolResult> {
  const options = parseOptions(raw);
  const run: Run = { tc, options, out: [], err: [] };
  if (options.error) {
    run.err.push(options.error);
    return finish(run, 1);
  }
  if (raw.includes('--version') || raw.includes('-V')) {
    run.out.push('apk-tools 2.14.9, compiled for x86_64.\n');
    return finish(run, 0);
  }
  let result: ToolResult;
  switch (options.command) {
    case 'add':
      if (options.update && !options.noCache) {
        // -U refreshes the cache first; the add then finds it fresh.
        run.out.push(loadIndexes(tc, options, true));
        options.update = false;
      }
      result = add(run);
      break;
    case 'del':
      result = del(run);
      break;
    case 'update':
      result = update(run);
      break;
    case 'cache':
      result = options.args[0] === 'clean' || options.args[0] === 'purge' ? cacheClean(run) : finish(run, 0);
      break;
    case 'info':
      run.out.push(readInstalled(tc).map((entry) => `${entry.name}\n`).join(''));
      result = finish(run, 0);
      break;
    case undefined:
      run.out.push('apk-tools 2.14.9, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n\nPackage installation and removal:\n  add        Add packages to WORLD and commit changes\n  del        Remove packages from WORLD and commit changes\n\nRepository maintenance:\n  update     Update repository indexes\n\nThis apk has coffee making abilities.\n');
      result = finish(run, 1);
      break;
    default:
      run.err.push(`apk: applet '${options.command}' not found\n`);
      result = finish(run, 1);
  }
  if (options.quiet) {
    const kept = result.stdout.split('\n').filter((line) => line && !/^(fetch |\(\d+\/\d+\) |Executing |OK: )/.test(line));
    return { ...result, stdout: kept.map((line) => `${line}\n`).join('') };
  }
  return result;
}

export function apkTool(tc: ToolContext): CustomCommand {
  return tool('apk', (args) => runApk(tc, args));
}

/** True when the Alpine index cache is present (what `--no-cache` avoids). */
export function apkIndexCached(tc: ToolContext): boolean {
  return alpineCatalog.indexes.some((index) => exists(tc.fs, indexPath(index.hash)));
}
