// npm in node containers, as npm 10/11 prints without a terminal. `npm install` reads
// package.json, lays out node_modules the way npm hoists it, writes package-lock.json and
// keeps the tarballs in ~/.npm/_cacache (the layer a `RUN npm install` adds, F25); `npm ci`
// insists on a lock file; `npm start`/`test`/`run` print their banner and run the script
// through the shell, which is how `CMD ["npm", "start"]` ends up running `node server.js`.
import type { CustomCommand } from 'just-bash';
import type { MachineFs } from '../../fs/machine-fs';
import { basename } from '../../fs/paths';
import { npmCatalog, npmVersions } from './packages/catalogs';
import {
  base64From,
  exists,
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
import type { NpmPackage } from './packages/schema';
import { compareSemver, rangeMajor, satisfiesRange } from './packages/semver';
import { fail, tool, type ToolContext, type ToolResult } from './tool-context';

const MAX_TREE = 600;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const REGISTRY = 'https://registry.npmjs.org';

export type RunLine = (line: string) => Promise<ToolResult>;

// ---- where we are ---------------------------------------------------------------------------

interface NpmEnv {
  npmVersion: string;
  nodeVersion: string;
  home: string;
  cache: string;
}

function npmEnvOf(tc: ToolContext, env: Map<string, string>): NpmEnv {
  const nodeVersion = env.get('NODE_VERSION') ?? '22.17.0';
  const bundled = readText(tc.fs, '/usr/local/lib/node_modules/npm/package.json') ?? readText(tc.fs, '/usr/lib/node_modules/npm/package.json');
  const fromFile = bundled ? /"version"\s*:\s*"([^"]+)"/.exec(bundled)?.[1] : undefined;
  const major = nodeVersion.split('.')[0] ?? '22';
  const npmVersion = env.get('NPM_VERSION') ?? fromFile ?? npmCatalog.npmByNodeMajor[major] ?? npmCatalog.npmByNodeMajor['22']!;
  const home = env.get('HOME') || (isRootUser(tc.user) ? '/root' : `/home/${tc.user.split(':')[0]}`);
  const cache = env.get('npm_config_cache') ?? env.get('NPM_CONFIG_CACHE') ?? `${home}/.npm`;
  return { npmVersion, nodeVersion, home, cache };
}

/** `2025-06-20T12_00_00_000Z`: npm's run id, which names its log file. */
function runId(now: number): string {
  return new Date(now).toISOString().replace(/[.:]/g, '_');
}

/** The `ms` package's short form, which npm uses for "in 3s". */
function msText(ms: number): string {
  if (ms >= 60_000) return `${Math.round(ms / 60_000)}m`;
  if (ms >= 1000) return `${Math.round(ms / 1000)}s`;
  return `${ms}ms`;
}

// ---- package.json and the lock file ---------------------------------------------------------

interface Manifest {
  name?: string;
  version?: string;
  main?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

type Read<T> = { ok: true; value: T } | { ok: false; error: 'missing' | 'parse'; message?: string };

function readJson<T>(fs: MachineFs, path: string): Read<T> {
  const text = readText(fs, path);
  if (text === undefined) return { ok: false, error: 'missing' };
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: 'parse', message: 'package.json must be an object' };
    return { ok: true, value: value as T };
  } catch (error) {
    return { ok: false, error: 'parse', message: error instanceof Error ? error.message : String(error) };
  }
}

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  license?: string;
  dependencies?: Record<string, string>;
  bin?: Record<string, string>;
  funding?: unknown;
}

interface Lockfile {
  name?: string;
  version?: string;
  lockfileVersion?: number;
  packages?: Record<string, LockEntry>;
}

// ---- resolving the tree -----------------------------------------------------------------------

interface Node {
  /** `node_modules/express`, `node_modules/send/node_modules/ms` */
  location: string;
  pkg: NpmPackage;
  /** The version written down (an older release of a catalogued major keeps its number). */
  version: string;
  dev: boolean;
}

type Resolve = { ok: true; nodes: Map<string, Node> } | { ok: false; error: ToolResult | 'E404' | 'ETARGET'; name: string; range: string };

/** The catalogued release that satisfies `range`: the newest match, or the same major's. */
function pick(name: string, range: string): { pkg: NpmPackage; version: string } | undefined {
  const versions = npmVersions.get(name);
  if (!versions) return undefined;
  const sorted = [...versions].sort((a, b) => compareSemver(b.version, a.version));
  const match = sorted.find((candidate) => satisfiesRange(candidate.version, range));
  if (match) return { pkg: match, version: match.version };
  // Only a few releases are catalogued; an older exact release reuses its major's files.
  const exact = /^=?v?(\d+\.\d+\.\d+)$/.exec(range.trim())?.[1];
  const major = rangeMajor(range);
  const sameMajor = sorted.find((candidate) => major !== undefined && Number(candidate.version.split('.')[0]) === major);
  if (exact && sameMajor && compareSemver(exact, sameMajor.version) < 0) return { pkg: sameMajor, version: exact };
  return undefined;
}

/** npm's hoisting, simplified: place each dependency as high as it fits, else nest it. */
function buildTree(roots: Array<{ name: string; range: string; dev: boolean }>): Resolve {
  const nodes = new Map<string, Node>();
  const queue: Array<{ parent: string; name: string; range: string; dev: boolean }> = [...roots]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((root) => ({ parent: '', ...root }));
  while (queue.length > 0) {
    if (nodes.size > MAX_TREE) break;
    const { parent, name, range, dev } = queue.shift()!;
    // Look for an already placed copy visible from the parent, innermost first.
    let found: Node | undefined;
    for (let at = parent; ; at = at.includes('/node_modules/') ? at.slice(0, at.lastIndexOf('/node_modules/')) : '') {
      const candidate = nodes.get(`${at ? `${at}/` : ''}node_modules/${name}`);
      if (candidate) {
        found = candidate;
        break;
      }
      if (at === '') break;
    }
    if (found && (satisfiesRange(found.version, range) || found.version === range)) {
      if (!dev) found.dev = false;
      continue;
    }
    const chosen = pick(name, range);
    if (!chosen) return { ok: false, error: npmVersions.has(name) ? 'ETARGET' : 'E404', name, range };
    const top = `node_modules/${name}`;
    const location = nodes.has(top) ? `${parent}/node_modules/${name}` : top;
    const node: Node = { location, pkg: chosen.pkg, version: chosen.version, dev };
    nodes.set(location, node);
    for (const [dep, depRange] of Object.entries(chosen.pkg.dependencies).sort(([a], [b]) => (a < b ? -1 : 1))) {
      queue.push({ parent: location, name: dep, range: depRange, dev });
    }
  }
  return { ok: true, nodes };
}

function treeFromLock(lock: Lockfile): Map<string, Node> | undefined {
  const nodes = new Map<string, Node>();
  for (const [location, entry] of Object.entries(lock.packages ?? {})) {
    if (!location.startsWith('node_modules/')) continue;
    const name = location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const chosen = pick(name, entry.version ?? '*');
    if (!chosen) return undefined;
    nodes.set(location, { location, pkg: chosen.pkg, version: entry.version ?? chosen.version, dev: entry.dev === true });
  }
  return nodes;
}

// ---- what is on disk ------------------------------------------------------------------------------

/** Installed packages by location, walking node_modules a few levels deep. */
function installedTree(fs: MachineFs, root: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string, prefix: string, depth: number) => {
    if (depth > 6 || found.size > MAX_TREE) return;
    for (const name of listDir(fs, `${dir}/node_modules`)) {
      if (name.startsWith('.')) continue;
      const names = name.startsWith('@') ? listDir(fs, `${dir}/node_modules/${name}`).map((inner) => `${name}/${inner}`) : [name];
      for (const full of names) {
        const location = `${prefix}node_modules/${full}`;
        const text = readText(fs, `${root}/${location}/package.json`);
        const version = text ? /"version"\s*:\s*"([^"]+)"/.exec(text)?.[1] : undefined;
        if (version) found.set(location, version);
        walk(`${root}/${location}`, `${location}/`, depth + 1);
      }
    }
  };
  walk(root, '', 0);
  return found;
}

function tarball(name: string, version: string): string {
  return `${REGISTRY}/${name}/-/${name.split('/').pop()}-${version}.tgz`;
}

function integrity(name: string, version: string): string {
  return `sha512-${base64From(`${name}@${version}`, 64)}`;
}

function placeNode(tc: ToolContext, root: string, node: Node): void {
  const dir = `${root}/${node.location}`;
  const { pkg, version } = node;
  const manifest: Record<string, unknown> = { name: pkg.name, version, license: pkg.license, main: pkg.main };
  if (Object.keys(pkg.bin).length > 0) manifest.bin = pkg.bin;
  if (Object.keys(pkg.dependencies).length > 0) manifest.dependencies = pkg.dependencies;
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const binFiles = Object.values(pkg.bin).filter((path) => path.replace(/^\.\//, '') !== pkg.main.replace(/^\.\//, ''));
  const rest = Math.max(0, pkg.unpacked - manifestText.length);
  const license = Math.min(1_100, Math.floor(rest / 10));
  const [main = 0, readme = 0, ...bins] = splitSizes(rest - license, [7, 3, ...binFiles.map(() => 1)]);
  const now = tc.ctx.now;
  putFile(tc.fs, `${dir}/package.json`, manifestText.length, manifestText, 0o644, now);
  putFile(tc.fs, `${dir}/${pkg.main.replace(/^\.\//, '')}`, main, `'use strict';\n// ${pkg.name}@${version}\n`, 0o644, now);
  putFile(tc.fs, `${dir}/README.md`, readme, `# ${pkg.name}\n`, 0o644, now);
  putFile(tc.fs, `${dir}/LICENSE`, license, `${pkg.license} License\n`, 0o644, now);
  binFiles.forEach((path, i) => putExecutable(tc.fs, `${dir}/${path.replace(/^\.\//, '')}`, bins[i]!, `#!/usr/bin/env node\n`, now));
}

function linkBins(tc: ToolContext, root: string, node: Node, binDir: string, relative: boolean): void {
  if (node.location.split('node_modules/').length > 2) return;
  for (const [name, path] of Object.entries(node.pkg.bin)) {
    const target = relative ? `../${node.location.slice('node_modules/'.length)}/${path.replace(/^\.\//, '')}` : `${root}/${node.location}/${path.replace(/^\.\//, '')}`;
    putLink(tc.fs, `${binDir}/${name}`, target, tc.ctx.now);
  }
}

function lockEntry(node: Node): LockEntry {
  const entry: LockEntry = { version: node.version, resolved: tarball(node.pkg.name, node.version), integrity: integrity(node.pkg.name, node.version) };
  if (node.dev) entry.dev = true;
  entry.license = node.pkg.license;
  if (Object.keys(node.pkg.dependencies).length > 0) entry.dependencies = node.pkg.dependencies;
  if (Object.keys(node.pkg.bin).length > 0) entry.bin = node.pkg.bin;
  if (node.pkg.funding) entry.funding = { type: 'opencollective', url: `https://opencollective.com/${node.pkg.name.replace(/^@/, '').replace(/\//g, '-')}` };
  return entry;
}

function writeLock(tc: ToolContext, root: string, manifest: Manifest, nodes: Map<string, Node>, rootName: string): void {
  const rootEntry: Record<string, unknown> = { name: manifest.name ?? rootName };
  if (manifest.version) rootEntry.version = manifest.version;
  if (typeof manifest.license === 'string') rootEntry.license = manifest.license;
  if (manifest.dependencies && Object.keys(manifest.dependencies).length > 0) rootEntry.dependencies = manifest.dependencies;
  if (manifest.devDependencies && Object.keys(manifest.devDependencies).length > 0) rootEntry.devDependencies = manifest.devDependencies;
  const packages: Record<string, unknown> = { '': rootEntry };
  for (const location of [...nodes.keys()].sort()) packages[location] = lockEntry(nodes.get(location)!);
  const lock = { name: manifest.name ?? rootName, ...(manifest.version && { version: manifest.version }), lockfileVersion: 3, requires: true, packages };
  writeText(tc.fs, `${root}/package-lock.json`, `${JSON.stringify(lock, null, 2)}\n`);
  if (nodes.size > 0) {
    const hidden = { name: manifest.name ?? rootName, ...(manifest.version && { version: manifest.version }), lockfileVersion: 3, requires: true, packages: Object.fromEntries(Object.entries(packages).filter(([key]) => key !== '')) };
    writeText(tc.fs, `${root}/node_modules/.package-lock.json`, `${JSON.stringify(hidden, null, 2)}\n`);
  }
}

function cacheTarball(tc: ToolContext, cache: string, node: Node): void {
  const hex = hexFrom(integrity(node.pkg.name, node.version), 128);
  putFile(tc.fs, `${cache}/_cacache/content-v2/sha512/${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex.slice(4)}`, node.pkg.packed, '\u001f\u008b', 0o644, tc.ctx.now);
  const key = hexFrom(`make-fetch-happen:request-cache:${tarball(node.pkg.name, node.version)}`, 64);
  putFile(tc.fs, `${cache}/_cacache/index-v5/${key.slice(0, 2)}/${key.slice(2, 4)}/${key.slice(4)}`, 620, `${hexFrom(key, 40)}\t{"key":"make-fetch-happen:request-cache:${tarball(node.pkg.name, node.version)}"}\n`, 0o644, tc.ctx.now);
}

// ---- output -----------------------------------------------------------------------------------

interface Run {
  tc: ToolContext;
  env: Map<string, string>;
  cwd: string;
  npm: NpmEnv;
  runLine: RunLine;
  out: string[];
  err: string[];
  silent: boolean;
  /** Whether the command failed with a logged error (npm then names its log file). */
  logged: boolean;
}

function errorLines(run: Run, lines: string[]): void {
  for (const line of lines) for (const part of line.split('\n')) run.err.push(part ? `npm error ${part}\n` : 'npm error\n');
  run.logged = true;
}

function logPath(run: Run): string {
  return `${run.npm.cache}/_logs/${runId(run.tc.ctx.now)}-debug-0.log`;
}

function finish(run: Run, exitCode: number, args: string[]): ToolResult {
  // npm writes a debug log for every run and names it when something went wrong.
  const log = logPath(run);
  try {
    putFile(run.tc.fs, log, 1_200 + args.join(' ').length * 4, `0 verbose cli /usr/local/bin/node /usr/local/bin/npm\n1 info using npm@${run.npm.npmVersion}\n2 info using node@v${run.npm.nodeVersion}\n`, 0o644, run.tc.ctx.now);
  } catch {
    /* a read-only home keeps no log */
  }
  if (run.logged) run.err.push(`npm error A complete log of this run can be found in: ${log}\n`);
  updateNotice(run);
  return { stdout: run.out.join(''), stderr: run.err.join(''), exitCode };
}

/** npm's weekly update check: a notice at exit when a newer npm exists. */
function updateNotice(run: Run): void {
  if (run.env.get('CI') || /^(false|0)$/i.test(run.env.get('NPM_CONFIG_UPDATE_NOTIFIER') ?? run.env.get('npm_config_update_notifier') ?? '')) return;
  const stamp = `${run.npm.cache}/_update-notifier-last-checked`;
  const node = run.tc.fs.getNode(stamp);
  if (node && run.tc.ctx.now - (('mtime' in node && node.mtime) || 0) < WEEK_MS) return;
  try {
    putFile(run.tc.fs, stamp, 0, '', 0o644, run.tc.ctx.now);
  } catch {
    return;
  }
  const latest = npmCatalog.npmLatest;
  if (compareSemver(latest, run.npm.npmVersion) <= 0) return;
  const [a, b] = [run.npm.npmVersion.split('.'), latest.split('.')];
  const type = a[0] !== b[0] ? 'major' : a[1] !== b[1] ? 'minor' : 'patch';
  run.err.push(`npm notice\nnpm notice New ${type} version of npm available! ${run.npm.npmVersion} -> ${latest}\nnpm notice Changelog: https://github.com/npm/cli/releases/tag/v${latest}\nnpm notice To update run: npm install -g npm@${latest}\nnpm notice\n`);
}

function enoentPackageJson(run: Run, path: string): void {
  errorLines(run, [
    'code ENOENT',
    'syscall open',
    `path ${path}`,
    'errno -2',
    `enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${path}'`,
    'enoent This is related to npm not being able to find a file.',
    'enoent',
  ]);
}

function jsonParseError(run: Run, path: string, message: string): void {
  errorLines(run, ['code EJSONPARSE', `path ${path}`, `JSON.parse Invalid package.json: JSONParseError: ${message}`, 'JSON.parse Failed to parse JSON data.', 'JSON.parse Note: package.json must be actual JSON, not just JavaScript.']);
}

const CI_USAGE = `Clean install a project

Usage:
npm ci

Options:
[--install-strategy <hoisted|nested|shallow|linked>] [--legacy-bundling]
[--global-style] [--omit <dev|optional|peer> [--omit <dev|optional|peer> ...]]
[--include <prod|dev|optional|peer> [--include <prod|dev|optional|peer> ...]]
[--strict-peer-deps] [--foreground-scripts] [--ignore-scripts] [--no-audit]
[--no-bin-links] [--no-fund] [--dry-run]
[-w|--workspace <workspace-name> [-w|--workspace <workspace-name> ...]]
[-ws|--workspaces] [--include-workspace-root] [--install-links]

aliases: clean-install, ic, install-clean, isntall-clean

Run "npm help ci" for more info`;

// ---- reify: make node_modules match a tree -----------------------------------------------------

interface ReifyOptions {
  audit: boolean;
  fund: boolean;
  global: boolean;
}

function summary(run: Run, counts: { added: number; removed: number; changed: number; audited: number; funding: number }, elapsed: number, options: ReifyOptions): void {
  if (run.silent) return;
  const { added, removed, changed, audited } = counts;
  const parts: string[] = ['\n'];
  if (added === 0 && removed === 0 && changed === 0) {
    parts.push('up to date');
    if (audited) parts.push(', ');
  } else {
    if (added) parts.push(`added ${added} package${added === 1 ? '' : 's'}`);
    if (removed) {
      if (added) parts.push(', ');
      if (added && !audited && !changed) parts.push('and ');
      parts.push(`removed ${removed} package${removed === 1 ? '' : 's'}`);
    }
    if (changed) {
      if (added || removed) parts.push(', ');
      if (!audited && (added || removed)) parts.push('and ');
      parts.push(`changed ${changed} package${changed === 1 ? '' : 's'}`);
    }
    if (audited) parts.push(', and ');
  }
  if (audited) parts.push(`audited ${audited} package${audited === 1 ? '' : 's'}`);
  parts.push(` in ${msText(elapsed)}`);
  run.out.push(`${parts.join('')}\n`);
  if (options.fund && counts.funding > 0) {
    run.out.push(`\n${counts.funding} package${counts.funding === 1 ? ' is' : 's are'} looking for funding\n  run \`npm fund\` for details\n`);
  }
  if (options.audit && audited) run.out.push('\nfound 0 vulnerabilities\n');
}

function reify(run: Run, root: string, nodes: Map<string, Node>, options: ReifyOptions, clean: boolean): { added: number; removed: number; changed: number } {
  const { tc } = run;
  if (clean) removePath(tc.fs, `${root}/node_modules`);
  const before = installedTree(tc.fs, root);
  let added = 0;
  let changed = 0;
  let removed = 0;
  for (const location of before.keys()) {
    if (!nodes.has(location)) {
      removePath(tc.fs, `${root}/${location}`);
      removed++;
    }
  }
  const binDir = options.global ? '/usr/local/bin' : `${root}/node_modules/.bin`;
  for (const node of [...nodes.values()].sort((a, b) => (a.location < b.location ? -1 : 1))) {
    const had = before.get(node.location);
    if (had === node.version) continue;
    if (had === undefined) added++;
    else {
      changed++;
      removePath(tc.fs, `${root}/${node.location}`);
    }
    placeNode(tc, root, node);
    linkBins(tc, root, node, binDir, !options.global);
    cacheTarball(tc, run.npm.cache, node);
  }
  return { added, removed, changed };
}

function fundingCount(nodes: Map<string, Node>): number {
  return new Set([...nodes.values()].filter((node) => node.pkg.funding).map((node) => `${node.pkg.name}@${node.version}`)).size;
}

function elapsedFor(count: number, lock: boolean): number {
  return count === 0 ? 180 + 7 * 20 : Math.round((lock ? 300 : 500) + count * (lock ? 22 : 35));
}

// ---- commands -------------------------------------------------------------------------------------

interface Flags {
  saveDev: boolean;
  omitDev: boolean;
  global: boolean;
  audit: boolean;
  fund: boolean;
  yes: boolean;
  force: boolean;
  positional: string[];
  scriptArgs: string[];
}

function parseFlags(args: string[], env: Map<string, string>): Flags {
  const flags: Flags = { saveDev: false, omitDev: env.get('NODE_ENV') === 'production', global: false, audit: true, fund: true, yes: false, force: false, positional: [], scriptArgs: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      flags.scriptArgs = args.slice(i + 1);
      break;
    }
    if (arg === '-D' || arg === '--save-dev') flags.saveDev = true;
    else if (arg === '--omit=dev' || arg === '--production' || arg === '--only=production' || arg === '--only=prod') flags.omitDev = true;
    else if (arg === '--omit') flags.omitDev = args[++i] === 'dev' || flags.omitDev;
    else if (arg === '--include=dev') flags.omitDev = false;
    else if (arg === '-g' || arg === '--global') flags.global = true;
    else if (arg === '--no-audit') flags.audit = false;
    else if (arg === '--no-fund') flags.fund = false;
    else if (arg === '-y' || arg === '--yes') flags.yes = true;
    else if (arg === '-f' || arg === '--force') flags.force = true;
    else if (arg.startsWith('-')) continue;
    else flags.positional.push(arg);
  }
  return flags;
}

/** `express`, `express@4`, `@types/node@^24` → name and range. */
function parseSpec(spec: string): { name: string; range: string } {
  const at = spec.lastIndexOf('@');
  if (at > 0) return { name: spec.slice(0, at), range: spec.slice(at + 1) || 'latest' };
  return { name: spec, range: 'latest' };
}

function resolveError(run: Run, result: Extract<Resolve, { ok: false }>): void {
  if (result.error === 'E404') {
    errorLines(run, [
      'code E404',
      `404 Not Found - GET ${REGISTRY}/${result.name.replace('/', '%2f')} - Not found`,
      '404',
      `404  '${result.name}@${result.range === 'latest' ? '*' : result.range}' is not in this registry.`,
      '404',
      '404 Note that you can also install from a',
      '404 tarball, folder, http url, or git url.',
    ]);
  } else {
    errorLines(run, [
      'code ETARGET',
      `notarget No matching version found for ${result.name}@${result.range}.`,
      'notarget In most cases you or one of your dependencies are requesting',
      "notarget a package version that doesn't exist.",
    ]);
  }
}

function rootDeps(manifest: Manifest, omitDev: boolean): Array<{ name: string; range: string; dev: boolean }> {
  const deps = Object.entries(manifest.dependencies ?? {}).map(([name, range]) => ({ name, range: String(range), dev: false }));
  const dev = omitDev ? [] : Object.entries(manifest.devDependencies ?? {}).filter(([name]) => !manifest.dependencies?.[name]).map(([name, range]) => ({ name, range: String(range), dev: true }));
  return [...deps, ...dev];
}

async function install(run: Run, args: string[], flags: Flags): Promise<ToolResult> {
  const { tc, cwd } = run;
  if (flags.global) return installGlobal(run, args, flags);
  const path = `${cwd === '/' ? '' : cwd}/package.json`;
  const read = readJson<Manifest>(tc.fs, path);
  if (!read.ok && read.error === 'parse') {
    jsonParseError(run, path, read.message ?? '');
    return finish(run, 1, args);
  }
  const manifest: Manifest = read.ok ? read.value : {};
  const created = !read.ok;
  // `npm install express` records it in package.json, with a caret on the version it got.
  for (const spec of flags.positional) {
    const { name, range } = parseSpec(spec);
    const chosen = pick(name, range);
    if (!chosen) {
      resolveError(run, { ok: false, error: npmVersions.has(name) ? 'ETARGET' : 'E404', name, range });
      return finish(run, 1, args);
    }
    // npm saves a caret on what it installed unless the user wrote a real range (~1.2.0, >=2).
    const saved = /^(latest|\*|x|\d+(\.(\d+|x))?(\.(\d+|x))?)$/.test(range) ? `^${chosen.version}` : range;
    const field = flags.saveDev ? 'devDependencies' : 'dependencies';
    const other = flags.saveDev ? 'dependencies' : 'devDependencies';
    manifest[field] = Object.fromEntries(Object.entries({ ...(manifest[field] ?? {}), [name]: saved }).sort(([a], [b]) => (a < b ? -1 : 1)));
    if (manifest[other]?.[name]) delete manifest[other]![name];
  }
  const tree = buildTree(rootDeps(manifest, flags.omitDev));
  if (!tree.ok) {
    resolveError(run, tree);
    return finish(run, 1, args);
  }
  // Without a package.json, `npm install <pkg>` creates one; a bare `npm install` only writes the lock.
  if (flags.positional.length > 0) writeText(tc.fs, path, `${JSON.stringify(manifest, null, 2)}\n`);
  void created;
  const counts = reify(run, cwd, tree.nodes, { audit: flags.audit, fund: flags.fund, global: false }, false);
  writeLock(tc, cwd, manifest, tree.nodes, basename(cwd) || 'root');
  summary(run, { ...counts, audited: flags.audit ? tree.nodes.size + 1 : 0, funding: fundingCount(tree.nodes) }, elapsedFor(counts.added + counts.changed, false), { audit: flags.audit, fund: flags.fund, global: false });
  return finish(run, 0, args);
}

async function installGlobal(run: Run, args: string[], flags: Flags): Promise<ToolResult> {
  const { tc } = run;
  const prefix = '/usr/local/lib';
  if (!isRootUser(tc.user)) {
    const name = parseSpec(flags.positional[0] ?? 'npm').name;
    errorLines(run, [
      'code EACCES',
      'syscall mkdir',
      `path ${prefix}/node_modules/${name}`,
      'errno -13',
      `Error: EACCES: permission denied, mkdir '${prefix}/node_modules/${name}'`,
      '    at async mkdir (node:internal/fs/promises:852:10)',
      'The operation was rejected by your operating system.',
      'It is likely you do not have the permissions to access this file as the current user',
      '',
      'If you believe this might be a permissions issue, please double-check the',
      'permissions of the file and its containing directories, or try running',
      'the command again as root/Administrator.',
    ]);
    return finish(run, 243, args);
  }
  let added = 0;
  const all = new Map<string, Node>();
  for (const spec of flags.positional) {
    const { name, range } = parseSpec(spec);
    const tree = buildTree([{ name, range, dev: false }]);
    if (!tree.ok) {
      resolveError(run, tree);
      return finish(run, 1, args);
    }
    // A global package keeps its dependencies inside its own folder.
    const nodes = new Map<string, Node>();
    for (const node of tree.nodes.values()) {
      const location = node.location === `node_modules/${name}` ? node.location : `node_modules/${name}/${node.location}`;
      nodes.set(location, { ...node, location });
      all.set(location, { ...node, location });
    }
    removePath(tc.fs, `${prefix}/node_modules/${name}`);
    const counts = reify(run, prefix, nodes, { audit: false, fund: flags.fund, global: true }, false);
    added += counts.added;
  }
  if (!run.silent) {
    run.out.push(`\nadded ${added} package${added === 1 ? '' : 's'} in ${msText(elapsedFor(added, false))}\n`);
    const funding = fundingCount(all);
    if (flags.fund && funding > 0) run.out.push(`\n${funding} package${funding === 1 ? ' is' : 's are'} looking for funding\n  run \`npm fund\` for details\n`);
  }
  return finish(run, 0, args);
}

async function ci(run: Run, args: string[], flags: Flags): Promise<ToolResult> {
  const { tc, cwd } = run;
  const dir = cwd === '/' ? '' : cwd;
  const lockRead = readJson<Lockfile>(tc.fs, `${dir}/npm-shrinkwrap.json`);
  const lock = lockRead.ok ? lockRead : readJson<Lockfile>(tc.fs, `${dir}/package-lock.json`);
  if (!lock.ok || !lock.value.lockfileVersion) {
    errorLines(run, ['code EUSAGE', '', 'The `npm ci` command can only install with an existing package-lock.json or\nnpm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or\nlater to generate a package-lock.json file, then try again.', '', CI_USAGE]);
    return finish(run, 1, args);
  }
  const read = readJson<Manifest>(tc.fs, `${dir}/package.json`);
  if (!read.ok) {
    if (read.error === 'parse') jsonParseError(run, `${dir}/package.json`, read.message ?? '');
    else enoentPackageJson(run, `${dir}/package.json`);
    return finish(run, 1, args);
  }
  const ideal = buildTree(rootDeps(read.value, false));
  if (!ideal.ok) {
    resolveError(run, ideal);
    return finish(run, 1, args);
  }
  const locked = treeFromLock(lock.value);
  const problems: string[] = [];
  for (const node of ideal.nodes.values()) {
    const entry = lock.value.packages?.[node.location];
    if (!entry) problems.push(`Missing: ${node.pkg.name}@${node.version} from lock file`);
    else if (entry.version !== node.version && !satisfiesRange(entry.version ?? '', Object.entries(read.value.dependencies ?? {}).find(([name]) => name === node.pkg.name)?.[1] ?? '')) {
      problems.push(`Invalid: lock file's ${node.pkg.name}@${entry.version} does not satisfy ${node.pkg.name}@${node.version}`);
    }
  }
  if (problems.length > 0 || !locked) {
    errorLines(run, ['code EUSAGE', '', '`npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync. Please update your lock file with `npm install` before continuing.', '', ...problems, '', CI_USAGE]);
    return finish(run, 1, args);
  }
  const nodes = new Map([...locked].filter(([, node]) => !(flags.omitDev && node.dev)));
  const counts = reify(run, cwd, nodes, { audit: flags.audit, fund: flags.fund, global: false }, true);
  if (nodes.size > 0) writeText(tc.fs, `${cwd}/node_modules/.package-lock.json`, `${JSON.stringify({ ...lock.value, packages: Object.fromEntries(Object.entries(lock.value.packages ?? {}).filter(([key]) => key !== '')) }, null, 2)}\n`);
  summary(run, { ...counts, removed: 0, changed: 0, audited: flags.audit ? nodes.size + 1 : 0, funding: fundingCount(nodes) }, elapsedFor(counts.added, true), { audit: flags.audit, fund: flags.fund, global: false });
  return finish(run, 0, args);
}

async function uninstall(run: Run, args: string[], flags: Flags): Promise<ToolResult> {
  const { tc, cwd } = run;
  const path = `${cwd === '/' ? '' : cwd}/package.json`;
  const read = readJson<Manifest>(tc.fs, path);
  const manifest: Manifest = read.ok ? read.value : {};
  for (const spec of flags.positional) {
    const { name } = parseSpec(spec);
    if (manifest.dependencies) delete manifest.dependencies[name];
    if (manifest.devDependencies) delete manifest.devDependencies[name];
  }
  if (read.ok) writeText(tc.fs, path, `${JSON.stringify(manifest, null, 2)}\n`);
  const tree = buildTree(rootDeps(manifest, flags.omitDev));
  if (!tree.ok) {
    resolveError(run, tree);
    return finish(run, 1, args);
  }
  const counts = reify(run, cwd, tree.nodes, { audit: flags.audit, fund: flags.fund, global: false }, false);
  writeLock(tc, cwd, manifest, tree.nodes, basename(cwd) || 'root');
  if (tree.nodes.size === 0) removePath(tc.fs, `${cwd}/node_modules/.package-lock.json`);
  summary(run, { ...counts, audited: flags.audit ? tree.nodes.size + 1 : 0, funding: fundingCount(tree.nodes) }, elapsedFor(counts.removed, false), { audit: flags.audit, fund: flags.fund, global: false });
  return finish(run, 0, args);
}

function init(run: Run, args: string[]): ToolResult {
  const { tc, cwd } = run;
  const path = `${cwd === '/' ? '' : cwd}/package.json`;
  const manifest: Record<string, unknown> = {
    name: (basename(cwd) || 'root').toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
    version: '1.0.0',
    main: 'index.js',
    scripts: { test: 'echo "Error: no test specified" && exit 1' },
    keywords: [],
    author: '',
    license: 'ISC',
    description: '',
  };
  // npm 11's init writes the module type explicitly.
  if (Number(run.npm.npmVersion.split('.')[0]) >= 11) {
    delete manifest.description;
    Object.assign(manifest, { type: 'commonjs', description: '' });
  }
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  writeText(tc.fs, path, text);
  run.out.push(`Wrote to ${path}:\n\n${text}\n\n`);
  return finish(run, 0, args);
}

/** What `npm run <event>` would run: the script line and npm's banner, or an error result. */
export function resolveNpmScript(fs: MachineFs, cwd: string, event: string, extraArgs: string[] = []): { line: string; banner: string; manifest: Manifest } | { error: 'missing-package-json' | 'missing-script' | 'bad-json'; path: string; message?: string } {
  const path = `${cwd === '/' ? '' : cwd}/package.json`;
  const read = readJson<Manifest>(fs, path);
  if (!read.ok) return read.error === 'missing' ? { error: 'missing-package-json', path } : { error: 'bad-json', path, ...(read.message !== undefined && { message: read.message }) };
  const manifest = read.value;
  let script = manifest.scripts?.[event];
  // `npm start` without a start script runs server.js when there is one.
  if (script === undefined && event === 'start' && exists(fs, `${cwd === '/' ? '' : cwd}/server.js`)) script = 'node server.js';
  if (script === undefined) return { error: 'missing-script', path };
  const quoted = extraArgs.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`));
  const line = [script, ...quoted].join(' ');
  const id = manifest.name && manifest.version ? `${manifest.name}@${manifest.version} ` : '';
  return { line, banner: `\n> ${id}${event}\n> ${line.trim().replace(/\n/g, '\n> ')}\n\n`, manifest };
}

async function runScript(run: Run, event: string, args: string[], flags: Flags): Promise<ToolResult> {
  const resolved = resolveNpmScript(run.tc.fs, run.cwd, event, flags.scriptArgs);
  if ('error' in resolved) {
    if (resolved.error === 'missing-package-json') enoentPackageJson(run, resolved.path);
    else if (resolved.error === 'bad-json') jsonParseError(run, resolved.path, resolved.message ?? '');
    else errorLines(run, [`Missing script: "${event}"`, '', 'To see a list of scripts, run:', '  npm run']);
    return finish(run, 1, args);
  }
  const scripts = resolved.manifest.scripts ?? {};
  const events = [`pre${event}`, event, `post${event}`].filter((name) => name === event || scripts[name] !== undefined);
  let exitCode = 0;
  for (const name of events) {
    const step = name === event ? resolved : resolveNpmScript(run.tc.fs, run.cwd, name);
    if ('error' in step) continue;
    if (!run.silent) run.out.push(step.banner);
    const result = await run.runLine(step.line);
    run.out.push(result.stdout);
    run.err.push(result.stderr);
    exitCode = result.exitCode;
    // A failing script stops the chain; npm exits with its code and adds nothing (a shell-out).
    if (exitCode !== 0) break;
  }
  return finish(run, exitCode, args);
}

function listScripts(run: Run, args: string[]): ToolResult {
  const path = `${run.cwd === '/' ? '' : run.cwd}/package.json`;
  const read = readJson<Manifest>(run.tc.fs, path);
  if (!read.ok) {
    enoentPackageJson(run, path);
    return finish(run, 1, args);
  }
  const scripts = read.value.scripts ?? {};
  const lifecycle = ['prepublish', 'preinstall', 'install', 'postinstall', 'prepack', 'prepare', 'postpack', 'pretest', 'test', 'posttest', 'prestop', 'stop', 'poststop', 'prestart', 'start', 'poststart', 'prerestart', 'restart', 'postrestart'];
  const id = read.value.name && read.value.version ? ` ${read.value.name}@${read.value.version}` : '';
  const life = Object.keys(scripts).filter((name) => lifecycle.includes(name));
  const other = Object.keys(scripts).filter((name) => !lifecycle.includes(name));
  if (life.length > 0) {
    run.out.push(`Lifecycle scripts included in${id}:\n`);
    for (const name of life) run.out.push(`  ${name}\n    ${scripts[name]}\n`);
  }
  if (other.length > 0) {
    run.out.push(`${life.length > 0 ? '\n' : ''}available via \`npm run-script\`:\n`);
    for (const name of other) run.out.push(`  ${name}\n    ${scripts[name]}\n`);
  }
  return finish(run, 0, args);
}

async function runNpm(tc: ToolContext, runLine: RunLine, args: string[], env: Map<string, string>, cwd: string): Promise<ToolResult> {
  const run: Run = { tc, env, cwd, npm: npmEnvOf(tc, env), runLine, out: [], err: [], silent: args.includes('--silent') || args.includes('-s') || args.includes('--loglevel=silent'), logged: false };
  if (args[0] === '--version' || args[0] === '-v') return { stdout: `${run.npm.npmVersion}\n`, stderr: '', exitCode: 0 };
  const commandIndex = args.findIndex((arg) => !arg.startsWith('-'));
  const command = commandIndex === -1 ? undefined : args[commandIndex]!;
  const rest = commandIndex === -1 ? [] : [...args.slice(0, commandIndex), ...args.slice(commandIndex + 1)];
  const flags = parseFlags(rest, env);
  switch (command) {
    case 'install':
    case 'i':
    case 'add':
    case 'isntall':
    case 'in':
      return install(run, args, flags);
    case 'ci':
    case 'clean-install':
    case 'ic':
    case 'install-clean':
    case 'isntall-clean':
      return ci(run, args, flags);
    case 'uninstall':
    case 'un':
    case 'remove':
    case 'rm':
    case 'r':
      return uninstall(run, args, flags);
    case 'run':
    case 'run-script':
    case 'rum':
    case 'urn': {
      const [event, ...extra] = flags.positional;
      if (event === undefined) return listScripts(run, args);
      return runScript(run, event, args, { ...flags, scriptArgs: [...extra, ...flags.scriptArgs] });
    }
    case 'start':
    case 'stop':
    case 'restart':
      return runScript(run, command, args, { ...flags, scriptArgs: [...flags.positional, ...flags.scriptArgs] });
    case 'test':
    case 't':
    case 'tst':
      return runScript(run, 'test', args, { ...flags, scriptArgs: [...flags.positional, ...flags.scriptArgs] });
    case 'init':
    case 'create':
      return init(run, args);
    case 'cache':
      if (flags.positional[0] === 'clean') {
        if (!flags.force) {
          errorLines(run, ['As of npm@5, the npm cache self-heals from corruption issues', '  by treating integrity mismatches as cache misses.  As a result,', '  data extracted from the cache is guaranteed to be valid.  If you', '  want to make sure everything is consistent, use `npm cache verify`', '  instead.  Deleting the cache can only make npm go slower, and is', '  not likely to correct any problems you may be encountering!', '', '  On the other hand, if you\'re debugging an issue with the installer,', '  or race conditions that depend on the timing of writing to an empty', '  cache, you can use `npm install --cache /tmp/empty-cache` to use a', '  temporary cache instead of nuking the actual one.', '', '  If you\'re sure you want to delete the entire cache, rerun this command', '  with --force.']);
          return finish(run, 1, args);
        }
        run.err.push('npm warn using --force Recommended protections disabled.\n');
        removePath(tc.fs, `${run.npm.cache}/_cacache`);
        return finish(run, 0, args);
      }
      return finish(run, 0, args);
    case 'version':
      run.out.push(`{\n  npm: '${run.npm.npmVersion}',\n  node: '${run.npm.nodeVersion}'\n}\n`);
      return finish(run, 0, args);
    case undefined:
      run.out.push(`npm <command>\n\nUsage:\n\nnpm install        install all the dependencies in your project\nnpm install <foo>  add the <foo> dependency to your project\nnpm test           run this project's tests\nnpm run <foo>      run the script named <foo>\nnpm <command> -h   quick help on <command>\nnpm -l             display usage info for all commands\nnpm help <term>    search for help on <term>\nnpm help npm       more involved overview\n\nAll commands:\n\n    access, adduser, audit, bugs, cache, ci, completion,\n    config, dedupe, deprecate, diff, dist-tag, docs, doctor,\n    edit, exec, explain, explore, find-dupes, fund, get, help,\n    help-search, init, install, install-ci-test, install-test,\n    link, ll, login, logout, ls, org, outdated, owner, pack,\n    ping, pkg, prefix, profile, prune, publish, query, rebuild,\n    repo, restart, root, run, sbom, search, set, shrinkwrap,\n    star, stars, start, stop, team, test, token, undeprecate,\n    uninstall, unpublish, unstar, update, version, view, whoami\n\nSpecify configs in the ini-formatted file:\n    ${run.npm.home}/.npmrc\nor on the command line via: npm <command> --key=value\n\nMore configuration info: npm help config\nConfiguration fields: npm help 7 config\n\nnpm@${run.npm.npmVersion} /usr/local/lib/node_modules/npm\n`);
      return { stdout: run.out.join(''), stderr: '', exitCode: 1 };
    default:
      return { stdout: '', stderr: `Unknown command: "${command}"\n\nTo see a list of supported npm commands, run:\n  npm help\n`, exitCode: 1 };
  }
}

/**
 * npm as a shell command. `runLine` runs a package.json script through the machine's shell
 * (`sh -c`), so `npm start` reaches the engine's `node` like a real container does.
 */
export function npmTool(tc: ToolContext, runLine: RunLine): CustomCommand {
  return tool('npm', (args, env, cwd) => runNpm(tc, runLine, args, env, cwd).catch((error: unknown) => fail(`npm error ${error instanceof Error ? error.message : String(error)}\n`)));
}

