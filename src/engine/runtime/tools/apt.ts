// apt-get and apt in Debian and Ubuntu containers. They behave as apt 2.6/2.7 does without
// a terminal (a `docker build` RUN step or `docker exec` without -t): the package lists are
// empty until `apt-get update`, so a fresh image answers `E: Unable to locate package`;
// downloaded lists stay in /var/lib/apt/lists until someone deletes them; the official
// images' /etc/apt/apt.conf.d/docker-clean deletes the .deb files after each install.
// Those three facts are what make `RUN apt-get update && apt-get install -y ... && rm -rf
// /var/lib/apt/lists/*` the course's lean-layer lesson (F24, F25).
import type { CustomCommand } from 'just-bash';
import { aptPackages, debianCatalog } from './packages/catalogs';
import {
  appendText,
  cDate,
  ensureDir,
  exists,
  expandShortFlags,
  hexFrom,
  isRootUser,
  listDir,
  logStamp,
  putExecutable,
  putFile,
  putLink,
  readText,
  removePath,
  splitSizes,
  writeText,
} from './packages/files';
import { externallyManagedFile } from './packages/pep668';
import type { AptSuite, DebPackage } from './packages/schema';
import { tool, type ToolContext, type ToolResult } from './tool-context';

const LISTS = '/var/lib/apt/lists';
const ARCHIVES = '/var/cache/apt/archives';
const STATUS = '/var/lib/dpkg/status';
const INFO = '/var/lib/dpkg/info';
const EXTENDED = '/var/lib/apt/extended_states';
const DOCKER_CLEAN = '/etc/apt/apt.conf.d/docker-clean';
/** What apt's binary package caches weigh when no docker-clean disables them. */
const PKGCACHE_BYTES = 27_800_000;
const SRCPKGCACHE_BYTES = 27_600_000;
/** apt's text output wraps package lists for an 80-column screen (ScreenWidth 79, minus 3). */
const LIST_WIDTH = 76;
/** Simulated mirror: a little latency plus about 8 MB/s. */
const LATENCY_S = 0.3;
const BYTES_PER_S = 8_000_000;

// ---- formatting, as apt-pkg's strutl.cc does it ---------------------------------------------

/**
 * apt's SizeToStr in the C locale (no thousands separators): four digits at most, then the
 * next unit (powers of 1000), one decimal under 100. `756 B`, `55.4 k`, `8793 k`, `19.3 M`.
 */
export function aptSize(bytes: number): string {
  const units = ['', 'k', 'M', 'G', 'T'];
  let size = Math.abs(bytes);
  for (let i = 0; i < units.length; i++) {
    if (size < 100 && i !== 0) return `${size.toFixed(1)} ${units[i]}`;
    if (size < 10_000) return `${Math.round(size)} ${units[i]}`;
    size /= 1000;
  }
  return `${Math.round(size)} P`;
}

/** `aptSize` plus the `B` apt appends in its messages (`9323 kB`, `756 B`). */
const sizeB = (bytes: number) => `${aptSize(bytes)}B`;

function timeToStr(seconds: number): string {
  const s = Math.floor(seconds);
  if (s > 3600) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}min ${s % 60}s`;
  if (s > 60) return `${Math.floor(s / 60)}min ${s % 60}s`;
  return `${s}s`;
}

function fetchedLine(bytes: number): string {
  const elapsed = LATENCY_S + bytes / BYTES_PER_S;
  return `Fetched ${sizeB(bytes)} in ${timeToStr(elapsed)} (${sizeB(bytes / elapsed)}/s)\n`;
}

/** ShowList: a title, then names wrapped at the screen width with a two-space indent. */
function showList(title: string, names: string[]): string {
  if (names.length === 0) return '';
  let out = title;
  let used = 0;
  for (const name of names) {
    if (used === 0 || used + name.length >= LIST_WIDTH) {
      out += '\n  ';
      used = 0;
    } else {
      out += ' ';
      used++;
    }
    out += name;
    used += name.length;
  }
  return `${out}\n`;
}

// ---- where we are ---------------------------------------------------------------------------

/** The release this machine runs, from /etc/os-release (bookworm when it cannot tell). */
export function aptSuiteOf(tc: ToolContext): AptSuite {
  const osRelease = readText(tc.fs, '/etc/os-release') ?? readText(tc.fs, '/usr/lib/os-release') ?? '';
  const field = (key: string) => new RegExp(`^${key}="?([^"\\n]*)"?$`, 'm').exec(osRelease)?.[1];
  const codename = field('VERSION_CODENAME') ?? (field('ID') === 'ubuntu' ? 'noble' : 'bookworm');
  return debianCatalog.suites[codename] ?? (field('ID') === 'ubuntu' ? debianCatalog.suites.noble : undefined) ?? debianCatalog.suites.bookworm!;
}

/** `libcurl4:amd64` for Multi-Arch: same packages, as dpkg names them. */
function dpkgName(pkg: DebPackage): string {
  return pkg.multiArch === 'same' ? `${pkg.name}:amd64` : pkg.name;
}

function debFileName(pkg: DebPackage): string {
  return `${pkg.name}_${pkg.version.replace(/:/g, '%3a')}_${pkg.arch}.deb`;
}

interface StatusRecord {
  name: string;
  version: string;
  text: string;
}

function readStatus(tc: ToolContext): StatusRecord[] {
  const text = readText(tc.fs, STATUS) ?? '';
  return text
    .split(/\n\n+/)
    .map((block) => block.trim())
    .filter((block) => block.startsWith('Package:'))
    .map((block) => ({
      name: /^Package: (.+)$/m.exec(block)?.[1] ?? '',
      version: /^Version: (.+)$/m.exec(block)?.[1] ?? '',
      text: block,
    }));
}

function writeStatus(tc: ToolContext, records: StatusRecord[]): void {
  writeText(tc.fs, STATUS, records.map((record) => `${record.text}\n`).join('\n'));
}

function readAutoFlags(tc: ToolContext): Set<string> {
  const text = readText(tc.fs, EXTENDED) ?? '';
  const auto = new Set<string>();
  for (const block of text.split(/\n\n+/)) {
    const name = /^Package: (.+)$/m.exec(block)?.[1];
    if (name && /^Auto-Installed: 1$/m.test(block)) auto.add(name);
  }
  return auto;
}

function writeAutoFlags(tc: ToolContext, auto: Set<string>): void {
  const blocks = [...auto].sort().map((name) => `Package: ${name}\nArchitecture: amd64\nAuto-Installed: 1\n`);
  writeText(tc.fs, EXTENDED, blocks.join('\n'));
}

/** Installed packages (name → version): the image's own plus what dpkg recorded since. */
function installedPackages(tc: ToolContext, suite: AptSuite): Map<string, string> {
  const installed = new Map<string, string>(Object.entries(suite.base));
  for (const record of readStatus(tc)) {
    if (/^Status: .* installed$/m.test(record.text)) installed.set(record.name, record.version);
    else installed.delete(record.name);
  }
  return installed;
}

function listsReady(tc: ToolContext, suite: AptSuite): boolean {
  const biggest = [...suite.sources].sort((a, b) => b.listSize - a.listSize)[0]!;
  return exists(tc.fs, `${LISTS}/${biggest.list}`);
}

function dockerClean(tc: ToolContext): boolean {
  return exists(tc.fs, DOCKER_CLEAN);
}

// ---- the files a package puts on disk -------------------------------------------------------

interface PlannedFile {
  path: string;
  size: number;
  kind: 'bin' | 'lib' | 'file' | 'doc';
}

/** The package's files with sizes that add up to its Installed-Size exactly. */
export function debFiles(pkg: DebPackage): PlannedFile[] {
  const total = pkg.installedKiB * 1024;
  const doc = `/usr/share/doc/${pkg.name}`;
  let copyright = Math.min(4_000, Math.max(300, Math.round(total * 0.02)));
  let changelog = Math.min(6_000, Math.max(200, Math.round(total * 0.01)));
  if (copyright + changelog > total) {
    copyright = Math.floor(total / 2);
    changelog = total - copyright;
  }
  let remaining = total - copyright - changelog;
  const explicit = Object.entries(pkg.files);
  const explicitSum = explicit.reduce((sum, [, size]) => sum + size, 0);
  const mains = [...pkg.bin.map((path, i) => ({ path, kind: 'bin' as const, weight: i === 0 ? 6 : 1 })), ...pkg.libs.map((path) => ({ path, kind: 'lib' as const, weight: 3 }))];
  const files: PlannedFile[] = [];
  let explicitSizes = explicit.map(([, size]) => size);
  if (explicitSum > remaining || (mains.length === 0 && explicitSum > 0)) explicitSizes = splitSizes(remaining, explicitSizes.map((size) => Math.max(size, 1)));
  explicit.forEach(([path], i) => files.push({ path, size: explicitSizes[i]!, kind: 'file' }));
  remaining -= explicitSizes.reduce((a, b) => a + b, 0);
  if (mains.length > 0) {
    const shares = splitSizes(remaining, mains.map((main) => main.weight));
    mains.forEach((main, i) => files.push({ path: main.path, size: shares[i]!, kind: main.kind }));
  } else changelog += remaining;
  files.push({ path: `${doc}/copyright`, size: copyright, kind: 'doc' }, { path: `${doc}/changelog.Debian.gz`, size: changelog, kind: 'doc' });
  return files;
}

function placePackage(tc: ToolContext, pkg: DebPackage, suite: AptSuite): string[] {
  const now = tc.ctx.now;
  const paths: string[] = [];
  for (const file of debFiles(pkg)) {
    const marker = /^\/usr\/lib\/python(3\.\d+)\/EXTERNALLY-MANAGED$/.exec(file.path);
    if (marker) {
      const text = externallyManagedFile(suite.distro, marker[1]!);
      putFile(tc.fs, file.path, text.length, text, 0o644, now);
    } else if (file.kind === 'bin') putExecutable(tc.fs, file.path, file.size, 'ELF', now);
    else if (file.kind === 'lib') putFile(tc.fs, file.path, file.size, 'ELF', 0o644, now);
    else if (file.kind === 'doc' && file.path.endsWith('/copyright')) putFile(tc.fs, file.path, file.size, `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: ${pkg.name}\n`, 0o644, now);
    else putFile(tc.fs, file.path, file.size, `# ${file.path} (${pkg.name} ${pkg.version})\n`, 0o644, now);
    paths.push(file.path);
  }
  for (const [path, target] of Object.entries(pkg.links)) {
    putLink(tc.fs, path, target, now);
    paths.push(path);
  }
  return paths;
}

/** The .list dpkg keeps: every directory and file the package owns. */
function listFileText(paths: string[]): string {
  const entries = new Set<string>(['/.']);
  for (const path of paths) {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) entries.add(`/${parts.slice(0, i).join('/')}`);
    entries.add(path);
  }
  return `${[...entries].join('\n')}\n`;
}

function statusText(pkg: DebPackage, suite: AptSuite): string {
  const lines = [
    `Package: ${pkg.name}`,
    'Status: install ok installed',
    `Priority: ${pkg.priority}`,
    `Section: ${pkg.section}`,
    `Installed-Size: ${pkg.installedKiB}`,
    `Maintainer: ${suite.distro === 'ubuntu' ? 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>' : 'Debian QA Group <packages@qa.debian.org>'}`,
    `Architecture: ${pkg.arch}`,
  ];
  if (pkg.multiArch) lines.push(`Multi-Arch: ${pkg.multiArch}`);
  lines.push(`Version: ${pkg.version}`);
  if (pkg.depends.length > 0) lines.push(`Depends: ${pkg.depends.join(', ')}`);
  if (pkg.recommends.length > 0) lines.push(`Recommends: ${pkg.recommends.join(', ')}`);
  lines.push(`Description: ${pkg.description}`);
  return lines.join('\n');
}

/** dpkg's "files and directories currently installed", counting what packages added. */
function databaseEntries(tc: ToolContext, suite: AptSuite): number {
  let count = suite.databaseEntries;
  for (const name of listDir(tc.fs, INFO)) {
    if (!name.endsWith('.list')) continue;
    const pkg = name.slice(0, -5).replace(/:amd64$/, '');
    if (suite.base[pkg] !== undefined) continue;
    count += (readText(tc.fs, `${INFO}/${name}`) ?? '').split('\n').filter(Boolean).length - 1;
  }
  return count;
}

// ---- option parsing -------------------------------------------------------------------------

interface AptOptions {
  yes: boolean;
  quiet: number;
  installRecommends: boolean;
  purge: boolean;
  autoRemove: boolean;
  command: string | undefined;
  args: string[];
  error?: string;
}

function parseOptions(raw: string[]): AptOptions {
  const options: AptOptions = { yes: false, quiet: 0, installRecommends: true, purge: false, autoRemove: false, command: undefined, args: [] };
  const args = expandShortFlags(raw, new Set(['-o', '-c', '-t']));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-y' || arg === '--yes' || arg === '--assume-yes') options.yes = true;
    else if (arg === '-q' || arg === '--quiet') options.quiet++;
    else if (arg.startsWith('--quiet=') || arg.startsWith('-q=')) options.quiet = Number(arg.split('=')[1]) || 0;
    else if (arg === '--no-install-recommends') options.installRecommends = false;
    else if (arg === '--install-recommends') options.installRecommends = true;
    else if (arg === '--purge') options.purge = true;
    else if (arg === '--auto-remove' || arg === '--autoremove') options.autoRemove = true;
    else if (arg === '-o' || arg === '-c' || arg === '-t' || arg === '--option' || arg === '--target-release' || arg === '--default-release') i++;
    else if (arg.startsWith('-')) {
      if (/^--(no-)?(fix-broken|fix-missing|allow-[a-z-]+|show-progress|force-yes|no-upgrade|only-upgrade|reinstall|ignore-missing|download-only|simulate|dry-run|no-download|verbose-versions|show-upgraded|print-uris|assume-no)$|^-[fmsduV]$|^--[a-z-]+=.*$/.test(arg)) continue;
      options.error = `E: Command line option '${arg.replace(/^-+/, '')}' [from ${arg}] is not understood in combination with the other options.\n`;
      if (arg.startsWith('--')) options.error = `E: Command line option --${arg.replace(/^-+/, '').split('=')[0]} is not understood in combination with the other options\n`;
      return options;
    } else if (options.command === undefined) options.command = arg;
    else options.args.push(arg);
  }
  return options;
}

// ---- the commands -----------------------------------------------------------------------------

interface Run {
  tc: ToolContext;
  program: 'apt-get' | 'apt';
  suite: AptSuite;
  options: AptOptions;
  stdin: string;
  env: Map<string, string>;
  out: string[];
  err: string[];
}

const READING = ['Reading package lists...', 'Building dependency tree...', 'Reading state information...'];

function say(run: Run, text: string): void {
  if (run.options.quiet < 2) run.out.push(text);
}

function finish(run: Run, exitCode: number): ToolResult {
  return { stdout: run.out.join(''), stderr: run.err.join(''), exitCode };
}

function lockError(run: Run, lists: boolean): ToolResult {
  if (lists) {
    say(run, 'Reading package lists...\n');
    run.err.push('E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n');
  } else {
    run.err.push('E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
  }
  return finish(run, 100);
}

function update(run: Run): ToolResult {
  const { tc, suite } = run;
  if (!isRootUser(tc.user)) return lockError(run, true);
  const fresh = !listsReady(tc, suite);
  let fetched = 0;
  suite.sources.forEach((source, index) => {
    const have = exists(tc.fs, `${LISTS}/${source.list}`);
    if (have) {
      if (source.description.endsWith('InRelease')) say(run, `Hit:${index + 1} ${source.description}\n`);
      return;
    }
    say(run, `Get:${index + 1} ${source.description} [${sizeB(source.size)}]\n`);
    fetched += source.size;
  });
  // A first update fetches everything; later ones only see the InRelease files unchanged.
  if (fresh || fetched > 0) {
    ensureDir(tc.fs, `${LISTS}/partial`);
    ensureDir(tc.fs, `${LISTS}/auxfiles`);
    if (!exists(tc.fs, `${LISTS}/lock`)) putFile(tc.fs, `${LISTS}/lock`, 0, '', 0o640, tc.ctx.now);
    for (const source of suite.sources) {
      if (!exists(tc.fs, `${LISTS}/${source.list}`)) putFile(tc.fs, `${LISTS}/${source.list}`, source.listSize, `${source.description}\n`, 0o644, tc.ctx.now);
    }
  }
  if (fetched > 0) say(run, fetchedLine(fetched));
  say(run, 'Reading package lists...\n');
  if (run.program === 'apt') say(run, 'Building dependency tree...\nReading state information...\nAll packages are up to date.\n');
  writePackageCaches(run);
  return finish(run, 0);
}

/** Without docker-clean, apt keeps its binary caches; with it, Dir::Cache::pkgcache is "". */
function writePackageCaches(run: Run): void {
  if (dockerClean(run.tc)) return;
  putFile(run.tc.fs, '/var/cache/apt/pkgcache.bin', PKGCACHE_BYTES, 'pkgcache', 0o644, run.tc.ctx.now);
  putFile(run.tc.fs, '/var/cache/apt/srcpkgcache.bin', SRCPKGCACHE_BYTES, 'srcpkgcache', 0o644, run.tc.ctx.now);
}

interface Request {
  name: string;
  version?: string;
}

function parseRequest(arg: string): Request {
  const eq = arg.indexOf('=');
  if (eq > 0) return { name: arg.slice(0, eq), version: arg.slice(eq + 1) };
  const slash = arg.indexOf('/');
  if (slash > 0) return { name: arg.slice(0, slash) };
  return { name: arg.replace(/:amd64$/, '') };
}

/** Packages to install, dependencies first (the order dpkg unpacks and configures them). */
function resolveInstall(roots: DebPackage[], index: Map<string, DebPackage>, installed: Map<string, string>, recommends: boolean): DebPackage[] {
  const order: DebPackage[] = [];
  const seen = new Set<string>();
  const visit = (pkg: DebPackage, depth: number): void => {
    if (seen.has(pkg.name) || depth > 64) return;
    seen.add(pkg.name);
    const wanted = [...pkg.depends, ...(recommends ? pkg.recommends : [])];
    for (const dep of wanted) {
      if (installed.has(dep)) continue;
      const target = index.get(dep);
      if (target) visit(target, depth + 1);
    }
    order.push(pkg);
  };
  for (const root of roots) visit(root, 0);
  return order;
}

function confirm(run: Run): boolean {
  if (run.options.yes || run.options.quiet >= 2) return true;
  say(run, 'Do you want to continue? [Y/n] ');
  if (run.stdin === '') return false;
  const answer = (run.stdin.split('\n')[0] ?? '').trim();
  return answer === '' || /^y(es)?$/i.test(answer);
}

function archiveLine(run: Run, pkg: DebPackage, index: number): string {
  const pocket = run.suite.pockets[pkg.pocket];
  const [uri = '', dist = ''] = pocket.split(' ');
  return `Get:${index} ${uri} ${dist}/main amd64 ${pkg.name} ${pkg.arch} ${pkg.version} [${sizeB(pkg.download)}]\n`;
}

function install(run: Run): ToolResult {
  const { tc, suite, options } = run;
  if (!isRootUser(tc.user)) return lockError(run, false);
  if (options.args.length === 0) {
    for (const line of READING) say(run, `${line}\n`);
    say(run, '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    return finish(run, 0);
  }
  const index = aptPackages(suite);
  const ready = listsReady(tc, suite);
  const installed = installedPackages(tc, suite);
  const auto = readAutoFlags(tc);
  for (const line of READING) say(run, `${line}\n`);

  const errors: string[] = [];
  const roots: DebPackage[] = [];
  const notes: string[] = [];
  for (const arg of options.args) {
    const request = parseRequest(arg);
    const current = installed.get(request.name);
    const pkg = ready ? index.get(request.name) : undefined;
    if (current !== undefined && (request.version === undefined || request.version === current)) {
      notes.push(`${request.name} is already the newest version (${current}).\n`);
      if (auto.delete(request.name)) notes.push(`${request.name} set to manually installed.\n`);
      continue;
    }
    if (!pkg) {
      errors.push(`E: Unable to locate package ${request.name}\n`);
      continue;
    }
    if (request.version !== undefined && request.version !== pkg.version) {
      errors.push(`E: Version '${request.version}' for '${request.name}' was not found\n`);
      continue;
    }
    roots.push(pkg);
  }
  if (errors.length > 0) {
    run.err.push(...errors);
    return finish(run, 100);
  }
  for (const note of notes) say(run, note);
  const plan = resolveInstall(roots, index, installed, options.installRecommends);
  if (plan.length === 0) {
    writeAutoFlags(tc, auto);
    say(run, '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    return finish(run, 0);
  }
  const requested = new Set(roots.map((pkg) => pkg.name));
  const sorted = [...plan].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const planned = new Set(plan.map((pkg) => pkg.name));
  const extra = sorted.filter((pkg) => !requested.has(pkg.name));
  say(run, showList('The following additional packages will be installed:', extra.map((pkg) => pkg.name)));
  const suggested = [...new Set(plan.flatMap((pkg) => pkg.suggests))].filter((name) => !planned.has(name) && !installed.has(name));
  say(run, showList('Suggested packages:', suggested));
  if (!options.installRecommends) {
    const skipped = [...new Set(plan.flatMap((pkg) => pkg.recommends))].filter((name) => !planned.has(name) && !installed.has(name)).sort();
    say(run, showList('Recommended packages:', skipped));
  }
  say(run, showList('The following NEW packages will be installed:', sorted.map((pkg) => pkg.name)));
  const download = plan.reduce((sum, pkg) => sum + pkg.download, 0);
  const disk = plan.reduce((sum, pkg) => sum + pkg.installedKiB * 1024, 0);
  say(run, `0 upgraded, ${plan.length} newly installed, 0 to remove and 0 not upgraded.\n`);
  say(run, `Need to get ${sizeB(download)} of archives.\n`);
  say(run, `After this operation, ${sizeB(disk)} of additional disk space will be used.\n`);
  if (extra.length > 0 && !confirm(run)) {
    say(run, 'Abort.\n');
    return finish(run, 1);
  }
  plan.forEach((pkg, i) => say(run, archiveLine(run, pkg, i + 1)));
  if (!installed.has('apt-utils')) run.err.push('debconf: delaying package configuration, since apt-utils is not installed\n');
  say(run, fetchedLine(download));

  // dpkg's part: unpack everything, then configure in dependency order, then triggers.
  const clean = dockerClean(tc);
  ensureDir(tc.fs, `${ARCHIVES}/partial`);
  const dpkg: string[] = [];
  const entries = databaseEntries(tc, suite);
  const width = Math.max(2, String(plan.length - 1).length);
  plan.forEach((pkg, i) => {
    dpkg.push(`Selecting previously unselected package ${dpkgName(pkg)}.\n`);
    if (i === 0) dpkg.push(`(Reading database ... ${entries} files and directories currently installed.)\n`);
    const prefix = plan.length > 1 ? `${String(i).padStart(width, '0')}-` : '';
    dpkg.push(`Preparing to unpack .../${prefix}${debFileName(pkg)} ...\n`);
    dpkg.push(`Unpacking ${dpkgName(pkg)} (${pkg.version}) ...\n`);
  });
  const records = readStatus(tc).filter((record) => !planned.has(record.name));
  const log: string[] = [];
  const stamp = logStamp(tc.ctx.now);
  for (const pkg of plan) {
    if (!clean) putFile(tc.fs, `${ARCHIVES}/${debFileName(pkg)}`, pkg.download, '!<arch>\n', 0o644, tc.ctx.now);
    const paths = placePackage(tc, pkg, suite);
    writeText(tc.fs, `${INFO}/${dpkgName(pkg)}.list`, listFileText(paths));
    putFile(tc.fs, `${INFO}/${dpkgName(pkg)}.md5sums`, paths.length * 66, paths.map((path) => `${hexFrom(`${pkg.name}${path}`, 32)}  ${path.slice(1)}`).slice(0, 3).join('\n'), 0o644, tc.ctx.now);
    records.push({ name: pkg.name, version: pkg.version, text: statusText(pkg, suite) });
    if (!requested.has(pkg.name)) auto.add(pkg.name);
    log.push(`${stamp} install ${dpkgName(pkg)} <none> ${pkg.version}\n`);
  }
  for (const pkg of plan) {
    dpkg.push(`Setting up ${dpkgName(pkg)} (${pkg.version}) ...\n`);
    for (const line of pkg.setup) dpkg.push(`${line.replace('{{utcdate}}', cDate(tc.ctx.now))}\n`);
  }
  if (plan.some((pkg) => pkg.libs.length > 0)) dpkg.push(`Processing triggers for libc-bin (${suite.libcBin}) ...\n`);
  for (const pkg of plan) {
    if (pkg.trigger.length === 0) continue;
    dpkg.push(`Processing triggers for ${dpkgName(pkg)} (${pkg.version}) ...\n`);
    for (const line of pkg.trigger) dpkg.push(`${line}\n`);
  }
  run.out.push(...dpkg);
  writeStatus(tc, records);
  writeAutoFlags(tc, auto);
  appendText(tc.fs, '/var/log/dpkg.log', log.join(''));
  appendText(tc.fs, '/var/log/apt/history.log', `\nStart-Date: ${stamp.replace(' ', '  ')}\nCommandline: ${run.program} install ${options.args.join(' ')}\nInstall: ${plan.map((pkg) => `${dpkgName(pkg)} (${pkg.version}${requested.has(pkg.name) ? '' : ', automatic'})`).join(', ')}\nEnd-Date: ${stamp.replace(' ', '  ')}\n`);
  appendText(tc.fs, '/var/log/apt/term.log', `\nLog started: ${stamp}\n${dpkg.join('')}Log ended: ${stamp}\n`);
  putFile(tc.fs, '/var/log/apt/eipp.log.xz', 20_000 + plan.length * 150, 'xz', 0o600, tc.ctx.now);
  writePackageCaches(run);
  return finish(run, 0);
}

/** Packages installed as dependencies that no manually installed package needs any more. */
function autoremovable(tc: ToolContext, suite: AptSuite, installed: Map<string, string>, auto: Set<string>, removing: Set<string>): string[] {
  const index = aptPackages(suite);
  const needed = new Set<string>();
  const visit = (name: string, depth: number): void => {
    if (needed.has(name) || depth > 64) return;
    needed.add(name);
    const pkg = index.get(name);
    if (!pkg) return;
    for (const dep of [...pkg.depends, ...pkg.recommends]) if (installed.has(dep) && !removing.has(dep)) visit(dep, depth + 1);
  };
  for (const name of installed.keys()) if (!auto.has(name) && !removing.has(name)) visit(name, 0);
  void tc;
  return [...auto].filter((name) => installed.has(name) && !needed.has(name) && !removing.has(name)).sort();
}

function remove(run: Run, purge: boolean, autoremoveOnly: boolean): ToolResult {
  const { tc, suite, options } = run;
  if (!isRootUser(tc.user)) return lockError(run, false);
  const index = aptPackages(suite);
  const ready = listsReady(tc, suite);
  const installed = installedPackages(tc, suite);
  const auto = readAutoFlags(tc);
  for (const line of READING) say(run, `${line}\n`);
  const targets: string[] = [];
  const errors: string[] = [];
  for (const arg of autoremoveOnly ? [] : options.args) {
    const { name } = parseRequest(arg);
    if (!installed.has(name)) {
      if (!ready || !index.has(name)) errors.push(`E: Unable to locate package ${name}\n`);
      else say(run, `Package '${name}' is not installed, so not removed\n`);
      continue;
    }
    if (suite.base[name] !== undefined) {
      errors.push(`E: Removing ${name}, which came with the image, is not supported by this simulation.\n`);
      continue;
    }
    targets.push(name);
  }
  if (errors.length > 0) {
    run.err.push(...errors);
    return finish(run, 100);
  }
  const removing = new Set(targets);
  const leftovers = autoremovable(tc, suite, installed, auto, removing);
  if (autoremoveOnly || options.autoRemove) for (const name of leftovers) removing.add(name);
  else if (leftovers.length > 0) {
    say(run, showList(`The following package${leftovers.length === 1 ? ' was' : 's were'} automatically installed and ${leftovers.length === 1 ? 'is' : 'are'} no longer required:`, leftovers));
    say(run, `Use 'apt autoremove' to remove ${leftovers.length === 1 ? 'it' : 'them'}.\n`);
  }
  if (removing.size === 0) {
    say(run, '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    return finish(run, 0);
  }
  const names = [...removing].sort();
  say(run, showList('The following packages will be REMOVED:', names.map((name) => (purge ? `${name}*` : name))));
  const freed = names.reduce((sum, name) => sum + (index.get(name)?.installedKiB ?? 0) * 1024, 0);
  say(run, `0 upgraded, 0 newly installed, ${names.length} to remove and 0 not upgraded.\n`);
  say(run, `After this operation, ${sizeB(freed)} disk space will be freed.\n`);
  if (!confirm(run)) {
    say(run, 'Abort.\n');
    return finish(run, 1);
  }
  const entries = databaseEntries(tc, suite);
  run.out.push(`(Reading database ... ${entries} files and directories currently installed.)\n`);
  const stamp = logStamp(tc.ctx.now);
  let libs = false;
  for (const name of names) {
    const pkg = index.get(name);
    const label = pkg ? dpkgName(pkg) : name;
    run.out.push(`Removing ${label} (${installed.get(name)}) ...\n`);
    const list = readText(tc.fs, `${INFO}/${label}.list`) ?? '';
    const paths = list.split('\n').filter((path) => path && path !== '/.');
    // Files first, then the directories the package created, deepest first, if empty.
    for (const path of paths) if (tc.fs.getNode(path, false)?.type !== 'dir') removePath(tc.fs, path);
    for (const path of [...paths].reverse()) {
      if (tc.fs.getNode(path, false)?.type === 'dir' && listDir(tc.fs, path).length === 0 && path.split('/').length > 3) removePath(tc.fs, path);
    }
    removePath(tc.fs, `${INFO}/${label}.list`);
    removePath(tc.fs, `${INFO}/${label}.md5sums`);
    auto.delete(name);
    if (pkg && pkg.libs.length > 0) libs = true;
    appendText(tc.fs, '/var/log/dpkg.log', `${stamp} remove ${label} ${installed.get(name)} <none>\n`);
  }
  if (purge) for (const name of names) run.out.push(`Purging configuration files for ${index.get(name) ? dpkgName(index.get(name)!) : name} (${installed.get(name)}) ...\n`);
  if (libs) run.out.push(`Processing triggers for libc-bin (${suite.libcBin}) ...\n`);
  writeStatus(tc, readStatus(tc).filter((record) => !removing.has(record.name)));
  writeAutoFlags(tc, auto);
  return finish(run, 0);
}

function clean(run: Run): ToolResult {
  if (!isRootUser(run.tc.user)) return lockError(run, false);
  for (const name of listDir(run.tc.fs, ARCHIVES)) if (name.endsWith('.deb')) removePath(run.tc.fs, `${ARCHIVES}/${name}`);
  for (const name of listDir(run.tc.fs, `${ARCHIVES}/partial`)) removePath(run.tc.fs, `${ARCHIVES}/partial/${name}`);
  removePath(run.tc.fs, '/var/cache/apt/pkgcache.bin');
  removePath(run.tc.fs, '/var/cache/apt/srcpkgcache.bin');
  return finish(run, 0);
}

function upgrade(run: Run): ToolResult {
  if (!isRootUser(run.tc.user)) return lockError(run, false);
  for (const line of READING) say(run, `${line}\n`);
  say(run, 'Calculating upgrade...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
  return finish(run, 0);
}

function usage(run: Run): ToolResult {
  const v = run.suite.aptVersion.replace(/build\d+$/, '');
  if (run.program === 'apt') {
    run.out.push(`apt ${v} (amd64)\nUsage: apt [options] command\n\napt is a commandline package manager and provides commands for\nsearching and managing as well as querying information about packages.\n\nMost used commands:\n  list - list packages based on package names\n  search - search in package descriptions\n  show - show package details\n  install - install packages\n  reinstall - reinstall packages\n  remove - remove packages\n  autoremove - automatically remove all unused packages\n  update - update list of available packages\n  upgrade - upgrade the system by installing/upgrading packages\n  full-upgrade - upgrade the system by removing/installing/upgrading packages\n  edit-sources - edit the source information file\n  satisfy - satisfy dependency strings\n\nSee apt(8) for more information about the available commands.\nConfiguration options and syntax is detailed in apt.conf(5).\nInformation about how to configure sources can be found in sources.list(5).\nPackage and version choices can be expressed via apt_preferences(5).\nSecurity details are available in apt-secure(8).\n                                        This APT has Super Cow Powers.\n`);
    return finish(run, 1);
  }
  run.out.push(`apt ${v} (amd64)\nUsage: apt-get [options] command\n       apt-get [options] install|remove pkg1 [pkg2 ...]\n       apt-get [options] source pkg1 [pkg2 ...]\n\napt-get is a command line interface for retrieval of packages\nand information about them from authenticated sources and\nfor installation, upgrade and removal of packages together\nwith their dependencies.\n\nMost used commands:\n  update - Retrieve new lists of packages\n  upgrade - Perform an upgrade\n  install - Install new packages (pkg is libc6 not libc6.deb)\n  reinstall - Reinstall packages (pkg is libc6 not libc6.deb)\n  remove - Remove packages\n  purge - Remove packages and config files\n  autoremove - Remove automatically all unused packages\n  dist-upgrade - Distribution upgrade, see apt-get(8)\n  dselect-upgrade - Follow dselect selections\n  build-dep - Configure build-dependencies for source packages\n  satisfy - Satisfy dependency strings\n  clean - Erase downloaded archive files\n  autoclean - Erase old downloaded archive files\n  check - Verify that there are no broken dependencies\n  source - Download source archives\n  download - Download the binary package into the current directory\n  changelog - Download and display the changelog for the given package\n\nSee apt-get(8) for more information about the available commands.\nConfiguration options and syntax is detailed in apt.conf(5).\nInformation about how to configure sources can be found in sources.list(5).\nPackage and version choices can be expressed via apt_preferences(5).\nSecurity details are available in apt-secure(8).\n                                        This APT has Super Cow Powers.\n`);
  return finish(run, 1);
}

async function runApt(tc: ToolContext, program: 'apt-get' | 'apt', raw: string[], env: Map<string, string>, stdin: string): Promise<ToolResult> {
  const options = parseOptions(raw);
  const run: Run = { tc, program, suite: aptSuiteOf(tc), options, stdin, env, out: [], err: [] };
  // apt (not apt-get) warns when its output is not a terminal, which is always the case here.
  if (program === 'apt' && options.command !== undefined) run.err.push('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
  if (options.error) {
    run.err.push(options.error);
    return finish(run, 100);
  }
  if (raw.includes('--version') || raw.includes('-v')) {
    run.out.push(`apt ${run.suite.aptVersion.replace(/build\d+$/, '')} (amd64)\n`);
    return finish(run, 0);
  }
  switch (options.command) {
    case undefined:
      return usage(run);
    case 'update':
      return update(run);
    case 'install':
    case 'reinstall':
      return install(run);
    case 'remove':
      return remove(run, options.purge, false);
    case 'purge':
      return remove(run, true, false);
    case 'autoremove':
    case 'auto-remove':
      return remove(run, options.purge, true);
    case 'clean':
      return clean(run);
    case 'autoclean':
    case 'auto-clean':
      if (!isRootUser(tc.user)) return lockError(run, false);
      for (const line of READING) say(run, `${line}\n`);
      return finish(run, 0);
    case 'upgrade':
    case 'dist-upgrade':
    case 'full-upgrade':
      return upgrade(run);
    default:
      run.err.push(`E: Invalid operation ${options.command}\n`);
      return finish(run, 100);
  }
}

export function aptGetTool(tc: ToolContext): CustomCommand {
  return tool('apt-get', (args, env, _cwd, stdin) => runApt(tc, 'apt-get', args, env, stdin));
}

export function aptTool(tc: ToolContext): CustomCommand {
  return tool('apt', (args, env, _cwd, stdin) => runApt(tc, 'apt', args, env, stdin));
}
