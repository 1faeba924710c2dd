// pip and pip3, as pip 25 prints without a terminal in the official python images: the
// lazy metadata downloads, the wheels, "Installing collected packages", the warning about
// running as root and the notice about a newer pip. Downloads are cached in ~/.cache/pip
// unless --no-cache-dir, which is why Dockerfiles write `pip install --no-cache-dir -r
// requirements.txt` (F24, F25). Distribution Pythons (Debian, Ubuntu, Alpine) carry a PEP 668
// marker and refuse system-wide installs, a real surprise for `FROM debian` Dockerfiles.
import type { CustomCommand } from 'just-bash';
import { resolvePath } from '../../fs/paths';
import { aptPackages, apkPackages, canonicalPyName, debianCatalog, pyPackages, pypiCatalog } from './packages/catalogs';
import { ensureDir, exists, hexFrom, isRootUser, listDir, putExecutable, putFile, readText, removePath, splitSizes, writeText } from './packages/files';
import { externallyManagedError } from './packages/pep668';
import type { PyPackage } from './packages/schema';
import { tool, type ToolContext, type ToolResult } from './tool-context';

const MAX_REQUIREMENT_FILES = 8;
const MAX_RESOLVED = 200;

// ---- the Python this pip belongs to -----------------------------------------------------------

export interface PythonEnv {
  /** `3.13` */
  version: string;
  /** Where packages go for root: site-packages (or Debian's dist-packages). */
  site: string;
  /** Directory for console scripts. */
  bin: string;
  pipVersion: string;
  /** The newer pip the notice advertises; absent for distribution-packaged pip. */
  pipLatest?: string;
  /** The PEP 668 marker's text when the system Python is externally managed. */
  externallyManaged?: string;
}

function pythonDirs(tc: ToolContext, base: string): string[] {
  return listDir(tc.fs, base)
    .filter((name) => /^python3\.\d+$/.test(name))
    .sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1]));
}

/** Finds the Python pip installs into: the official image's, or the distribution's. */
export function pythonEnvOf(tc: ToolContext, env: Map<string, string> | Record<string, string> = {}): PythonEnv {
  const get = (key: string) => (env instanceof Map ? env.get(key) : env[key]);
  const local = pythonDirs(tc, '/usr/local/lib').find((name) => exists(tc.fs, `/usr/local/lib/${name}/site-packages`));
  if (local || !pythonDirs(tc, '/usr/lib').length) {
    const version = local?.slice('python'.length) ?? get('PYTHON_VERSION')?.split('.').slice(0, 2).join('.') ?? '3.13';
    const site = `/usr/local/lib/python${version}/site-packages`;
    const dist = listDir(tc.fs, site).find((name) => /^pip-[\d.]+\.dist-info$/.test(name));
    return { version, site, bin: '/usr/local/bin', pipVersion: dist?.slice(4, -'.dist-info'.length) ?? pypiCatalog.pip.version, pipLatest: pypiCatalog.pip.latest };
  }
  const system = pythonDirs(tc, '/usr/lib')[0]!;
  const version = system.slice('python'.length);
  const marker = readText(tc.fs, `/usr/lib/${system}/EXTERNALLY-MANAGED`);
  const alpine = exists(tc.fs, '/etc/alpine-release');
  const suite = Object.values(debianCatalog.suites).find((candidate) => aptPackages(candidate).get(`python${version}`));
  const pipVersion = alpine
    ? (apkPackages.get('py3-pip')?.version.replace(/-r\d+$/, '') ?? pypiCatalog.pip.version)
    : (suite ? aptPackages(suite).get('python3-pip')?.version.replace(/\+.*$/, '') : undefined) ?? pypiCatalog.pip.version;
  return {
    version,
    site: alpine ? `/usr/lib/${system}/site-packages` : `/usr/local/lib/${system}/dist-packages`,
    bin: alpine ? '/usr/bin' : '/usr/local/bin',
    pipVersion,
    ...(marker !== undefined && { externallyManaged: marker }),
  };
}

// ---- versions and requirements --------------------------------------------------------------

function versionParts(version: string): number[] {
  return version.split(/[.+-]/).map((part) => Number.parseInt(part, 10)).map((n) => (Number.isNaN(n) ? 0 : n));
}

function compareVersions(a: string, b: string): number {
  const x = versionParts(a);
  const y = versionParts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function satisfies(version: string, specifier: string): boolean {
  for (const clause of specifier.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^(===|==|!=|<=|>=|~=|<|>)\s*(.+)$/.exec(clause);
    if (!match) continue;
    const [, op, target = ''] = match;
    if (target.endsWith('.*')) {
      const prefix = target.slice(0, -2);
      const hit = version === prefix || version.startsWith(`${prefix}.`);
      if ((op === '==' && !hit) || (op === '!=' && hit)) return false;
      continue;
    }
    const c = compareVersions(version, target);
    if ((op === '==' || op === '===') && c !== 0) return false;
    if (op === '!=' && c === 0) return false;
    if (op === '<' && c >= 0) return false;
    if (op === '<=' && c > 0) return false;
    if (op === '>' && c <= 0) return false;
    if (op === '>=' && c < 0) return false;
    if (op === '~=' && (c < 0 || versionParts(version)[0] !== versionParts(target)[0])) return false;
  }
  return true;
}

interface Requirement {
  /** As written, for "Collecting <text>". */
  text: string;
  name: string;
  specifier: string;
  /** `(from flask)` or `(from -r requirements.txt (line 2))`. */
  from?: string;
}

function parseRequirement(text: string, from?: string): Requirement | undefined {
  const clean = text.split(';')[0]!.trim();
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/.exec(clean);
  if (!match) return undefined;
  return { text: clean.replace(/\s+/g, ''), name: match[1]!, specifier: (match[3] ?? '').replace(/\s+/g, ''), ...(from !== undefined && { from }) };
}

interface Chosen {
  pkg: PyPackage;
  version: string;
  /** The canonical project name, which the resolver's summary lines show. */
  display: string;
}

function wheelName(pkg: PyPackage, version: string, pythonVersion: string): string {
  const tag = `cp${pythonVersion.replace('.', '')}`;
  return pkg.wheel.replace(`-${pkg.version}-`, `-${version}-`).replace(/cp3\d+-cp3\d+/, `${tag}-${tag}`);
}

/** pip's format_size: `8.5 kB`, `103 kB`, `16.6 MB`. */
export function pipSize(bytes: number): string {
  if (bytes > 1000 * 1000) return `${(bytes / 1000 / 1000).toFixed(1)} MB`;
  if (bytes > 10 * 1000) return `${Math.floor(bytes / 1000)} kB`;
  if (bytes > 1000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${Math.floor(bytes)} bytes`;
}

// ---- installed distributions ------------------------------------------------------------------

interface Installed {
  name: string;
  version: string;
  site: string;
}

function distInfoName(name: string, version: string): string {
  return `${name.replace(/-/g, '_')}-${version}.dist-info`;
}

function installedIn(tc: ToolContext, site: string): Installed[] {
  const out: Installed[] = [];
  for (const entry of listDir(tc.fs, site)) {
    const match = /^(.+)-([^-]+)\.dist-info$/.exec(entry);
    if (!match) continue;
    const metadata = readText(tc.fs, `${site}/${entry}/METADATA`) ?? '';
    const name = /^Name: (.+)$/m.exec(metadata)?.[1] ?? match[1]!;
    out.push({ name, version: match[2]!, site });
  }
  return out;
}

// ---- the cache ----------------------------------------------------------------------------------

function cacheFile(cacheDir: string, url: string): string {
  const key = hexFrom(url, 56);
  return `${cacheDir}/http-v2/${key[0]}/${key[1]}/${key[2]}/${key[3]}/${key[4]}/${key}`;
}

function wheelUrl(wheel: string): string {
  return `https://files.pythonhosted.org/packages/${hexFrom(wheel, 2)}/${hexFrom(`${wheel}/1`, 2)}/${hexFrom(`${wheel}/2`, 60)}/${wheel}`;
}

function cacheWrite(tc: ToolContext, cacheDir: string, url: string, size: number): void {
  const path = cacheFile(cacheDir, url);
  putFile(tc.fs, path, 1_100, 'cc=4,', 0o600, tc.ctx.now);
  putFile(tc.fs, `${path}.body`, size, 'PK', 0o600, tc.ctx.now);
}

// ---- placing a distribution -------------------------------------------------------------------

function place(tc: ToolContext, py: PythonEnv, site: string, chosen: Chosen, requestedBy: string | undefined): void {
  const { pkg, version } = chosen;
  const now = tc.ctx.now;
  const tag = `cpython-${py.version.replace('.', '')}`;
  const distInfo = `${site}/${distInfoName(pkg.name, version)}`;
  const record = Math.max(300, Math.round(pkg.installed * 0.02));
  const entryPoints = pkg.scripts.length > 0 ? 40 + pkg.scripts.length * 30 : 0;
  const purelib = pkg.wheel.endsWith('-none-any.whl');
  const wheelText = `Wheel-Version: 1.0\nGenerator: ${purelib ? 'flit 3.12.0' : 'setuptools (80.9.0)'}\nRoot-Is-Purelib: ${purelib}\nTag: ${wheelName(pkg, version, py.version).split('-').slice(2).join('-').replace(/\.whl$/, '')}\n`;
  const fixed = pkg.metadata + record + wheelText.length + 4 + entryPoints;
  const codeTotal = Math.max(0, pkg.installed - fixed);
  const perModule = splitSizes(codeTotal, pkg.modules.map(() => 1));
  pkg.modules.forEach((module, i) => {
    const [source = 0, compiled = 0] = splitSizes(perModule[i]!, [6, 4]);
    putFile(tc.fs, `${site}/${module}/__init__.py`, source, `# ${module} ${version}\n`, 0o644, now);
    putFile(tc.fs, `${site}/${module}/__pycache__/__init__.${tag}.pyc`, compiled, '\u0000', 0o644, now);
  });
  putFile(tc.fs, `${distInfo}/METADATA`, pkg.metadata, `Metadata-Version: 2.4\nName: ${pkg.name}\nVersion: ${version}\n${pkg.requires.map((req) => `Requires-Dist: ${req}`).join('\n')}\n`, 0o644, now);
  putFile(tc.fs, `${distInfo}/RECORD`, record, `${pkg.modules[0]}/__init__.py,sha256=${hexFrom(pkg.name, 43)},${perModule[0]}\n`, 0o644, now);
  writeText(tc.fs, `${distInfo}/WHEEL`, wheelText);
  writeText(tc.fs, `${distInfo}/INSTALLER`, 'pip\n');
  if (requestedBy === undefined) writeText(tc.fs, `${distInfo}/REQUESTED`, '');
  if (pkg.scripts.length > 0) {
    putFile(tc.fs, `${distInfo}/entry_points.txt`, entryPoints, `[console_scripts]\n${pkg.scripts.map((script) => `${script} = ${pkg.modules[0]}.cli:main`).join('\n')}\n`, 0o644, now);
    // pip's own launchers are left alone: the image's pip stays the program that runs.
    for (const script of pkg.name === 'pip' ? [] : pkg.scripts) {
      const body = `#!${py.bin === '/usr/local/bin' ? `/usr/local/bin/python${py.version}` : '/usr/bin/python3'}\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom ${pkg.modules[0]}.cli import main\nif __name__ == "__main__":\n    sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])\n    sys.exit(main())\n`;
      ensureDir(tc.fs, py.bin);
      putExecutable(tc.fs, `${py.bin}/${script}`, body.length, body, now);
    }
  }
}

// ---- commands -------------------------------------------------------------------------------------

interface Run {
  tc: ToolContext;
  program: string;
  env: Map<string, string>;
  cwd: string;
  stdin: string;
  py: PythonEnv;
  out: string[];
  err: string[];
}

function finish(run: Run, exitCode: number): ToolResult {
  return { stdout: run.out.join(''), stderr: run.err.join(''), exitCode };
}

function notice(run: Run, disabled: boolean): void {
  if (disabled || !run.py.pipLatest || compareVersions(run.py.pipLatest, run.py.pipVersion) <= 0) return;
  const off = run.env.get('PIP_DISABLE_PIP_VERSION_CHECK');
  if (off && !/^(0|false|no|off)$/i.test(off)) return;
  run.err.push(`\n[notice] A new release of pip is available: ${run.py.pipVersion} -> ${run.py.pipLatest}\n[notice] To update, run: pip install --upgrade pip\n`);
}

interface InstallOptions {
  noCache: boolean;
  user: boolean;
  upgrade: boolean;
  noDeps: boolean;
  quiet: number;
  breakSystem: boolean;
  rootWarning: boolean;
  versionCheck: boolean;
  requirements: Requirement[];
  files: string[];
}

function readRequirementFiles(run: Run, files: string[], into: Requirement[]): string | undefined {
  const queue = [...files];
  let opened = 0;
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (++opened > MAX_REQUIREMENT_FILES) break;
    const text = readText(run.tc.fs, resolvePath(run.cwd, file));
    if (text === undefined) return `ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${file}'\n`;
    text.split('\n').forEach((raw, index) => {
      const line = raw.replace(/(^|\s)#.*$/, '').trim();
      if (!line) return;
      const nested = /^(?:-r|--requirement)\s*(\S+)$/.exec(line);
      if (nested) {
        queue.push(nested[1]!);
        return;
      }
      if (line.startsWith('-')) return;
      const requirement = parseRequirement(line, `-r ${file} (line ${index + 1})`);
      if (requirement) into.push(requirement);
    });
  }
  return undefined;
}

function install(run: Run, args: string[]): ToolResult {
  const { tc, py, env } = run;
  const truthy = (key: string) => {
    const value = env.get(key);
    return value !== undefined && value !== '' && !/^(0|false|no|off)$/i.test(value);
  };
  const options: InstallOptions = {
    noCache: truthy('PIP_NO_CACHE_DIR') || env.get('PIP_NO_CACHE_DIR') === '0',
    user: false,
    upgrade: false,
    noDeps: false,
    quiet: 0,
    breakSystem: truthy('PIP_BREAK_SYSTEM_PACKAGES'),
    rootWarning: env.get('PIP_ROOT_USER_ACTION') !== 'ignore',
    versionCheck: true,
    requirements: [],
    files: [],
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--no-cache-dir') options.noCache = true;
    else if (arg === '-r' || arg === '--requirement') options.files.push(args[++i] ?? '');
    else if (arg.startsWith('--requirement=')) options.files.push(arg.slice('--requirement='.length));
    else if (arg.startsWith('-r') && arg.length > 2) options.files.push(arg.slice(2));
    else if (arg === '--user') options.user = true;
    else if (arg === '-U' || arg === '--upgrade') options.upgrade = true;
    else if (arg === '--no-deps') options.noDeps = true;
    else if (arg === '-q' || arg === '--quiet') options.quiet++;
    else if (arg === '--break-system-packages') options.breakSystem = true;
    else if (arg === '--root-user-action=ignore') options.rootWarning = false;
    else if (arg === '--root-user-action') options.rootWarning = args[++i] !== 'ignore';
    else if (arg === '--disable-pip-version-check') options.versionCheck = false;
    else if (arg === '-i' || arg === '--index-url' || arg === '--extra-index-url' || arg === '--trusted-host' || arg === '-c' || arg === '--constraint' || arg === '--target' || arg === '-t' || arg === '--prefix') i++;
    else if (arg.startsWith('-')) continue;
    else {
      const requirement = parseRequirement(arg);
      if (requirement) options.requirements.push(requirement);
    }
  }
  const fileError = readRequirementFiles(run, options.files, options.requirements);
  if (fileError) {
    run.err.push(fileError);
    return finish(run, 1);
  }
  if (options.requirements.length === 0) {
    run.err.push('ERROR: You must give at least one requirement to install (see "pip help install")\n');
    return finish(run, 1);
  }
  const root = isRootUser(tc.user);
  if (py.externallyManaged !== undefined && !options.breakSystem && !options.user) {
    const lines = externallyManagedError(py.externallyManaged).split('\n');
    run.err.push(`error: externally-managed-environment\n\n× This environment is externally managed\n╰─> ${lines[0]}\n${lines.slice(1).map((line) => `    ${line}\n`).join('')}\nnote: If you believe this is a mistake, please contact your Python installation or OS distributor about this issue. You can override this, at the risk of breaking your Python installation or OS, by passing --break-system-packages.\nhint: See PEP 668 for the detailed specification.\n`);
    return finish(run, 1);
  }
  const home = env.get('HOME') || (root ? '/root' : `/home/${tc.user.split(':')[0]}`);
  let site = py.site;
  if (options.user || !root) {
    if (!options.user) run.out.push('Defaulting to user installation because normal site-packages is not writeable\n');
    site = `${home}/.local/lib/python${py.version}/site-packages`;
  }
  const cacheDir = env.get('PIP_CACHE_DIR') || `${env.get('XDG_CACHE_HOME') || `${home}/.cache`}/pip`;
  const say = (text: string) => {
    if (options.quiet === 0) run.out.push(text);
  };

  const installed = new Map<string, Installed>();
  for (const entry of [...installedIn(tc, py.site), ...(site !== py.site ? installedIn(tc, site) : [])]) installed.set(canonicalPyName(entry.name), entry);
  if (!installed.has('pip')) installed.set('pip', { name: 'pip', version: py.pipVersion, site: py.site });
  const chosen = new Map<string, Chosen>();
  const order: string[] = [];
  const requestedBy = new Map<string, string | undefined>();
  const queue: Requirement[] = [...options.requirements];
  let resolved = 0;
  const failure = (requirement: Requirement, versions: string) => {
    run.err.push(`ERROR: Could not find a version that satisfies the requirement ${requirement.text} (from versions: ${versions})\nERROR: No matching distribution found for ${requirement.text}\n`);
    notice(run, !options.versionCheck);
    return finish(run, 1);
  };
  while (queue.length > 0 && resolved++ < MAX_RESOLVED) {
    const requirement = queue.shift()!;
    const key = canonicalPyName(requirement.name);
    if (chosen.has(key)) continue;
    const from = requirement.from ? ` (from ${requirement.from})` : '';
    const present = installed.get(key);
    const pkg = pyPackages.get(key);
    if (present && satisfies(present.version, requirement.specifier)) {
      say(`Requirement already satisfied: ${requirement.text} in ${present.site}${from} (${present.version})\n`);
      // --upgrade still looks for something newer; without it the installed one is kept.
      if (!options.upgrade || !pkg || compareVersions(pkg.version, present.version) <= 0) {
        if (pkg && !options.noDeps) for (const dep of pkg.requires) queue.push(parseRequirement(dep, requirement.name)!);
        if (pkg) chosen.set(key, { pkg, version: present.version, display: key });
        continue;
      }
    }
    if (!pkg) return failure(requirement, 'none');
    let version = pkg.version;
    if (!satisfies(version, requirement.specifier)) {
      const pinned = /^===?([^,]+)$/.exec(requirement.specifier)?.[1];
      // Only the newest release is catalogued; an older pinned release installs the same files.
      if (pinned && compareVersions(pinned, pkg.version) < 0 && /^\d+(\.\d+)*$/.test(pinned)) version = pinned;
      else return failure(requirement, pkg.version);
    }
    say(`Collecting ${requirement.text}${from}\n`);
    const wheel = wheelName(pkg, version, py.version);
    const cachedMeta = !options.noCache && exists(tc.fs, `${cacheFile(cacheDir, `${wheelUrl(wheel)}.metadata`)}.body`);
    say(`  ${cachedMeta ? 'Using cached' : 'Downloading'} ${wheel}.metadata (${pipSize(pkg.metadata)})\n`);
    chosen.set(key, { pkg, version, display: key });
    order.push(key);
    requestedBy.set(key, requirement.from && !requirement.from.startsWith('-r') ? requirement.from : undefined);
    if (!options.noDeps) for (const dep of pkg.requires) queue.push(parseRequirement(dep, requirement.name)!);
  }
  if (order.length === 0) {
    notice(run, !options.versionCheck);
    return finish(run, 0);
  }
  for (const key of order) {
    const { pkg, version } = chosen.get(key)!;
    const wheel = wheelName(pkg, version, py.version);
    const url = wheelUrl(wheel);
    const cached = !options.noCache && exists(tc.fs, `${cacheFile(cacheDir, url)}.body`);
    say(`${cached ? 'Using cached' : 'Downloading'} ${wheel} (${pipSize(pkg.download)})\n`);
    if (!options.noCache) {
      cacheWrite(tc, cacheDir, `${url}.metadata`, pkg.metadata);
      cacheWrite(tc, cacheDir, url, pkg.download);
    }
  }
  // Installation order: dependencies before the packages that need them.
  const installOrder: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string, depth: number) => {
    if (seen.has(key) || depth > 64 || !order.includes(key)) return;
    seen.add(key);
    for (const dep of chosen.get(key)!.pkg.requires) visit(canonicalPyName(parseRequirement(dep)!.name), depth + 1);
    installOrder.push(key);
  };
  for (const key of order) visit(key, 0);
  say(`Installing collected packages: ${installOrder.map((key) => chosen.get(key)!.display).join(', ')}\n`);
  for (const key of installOrder) {
    const old = installed.get(key);
    if (old && old.site === site) {
      say(`  Attempting uninstall: ${chosen.get(key)!.display}\n    Found existing installation: ${old.name} ${old.version}\n    Uninstalling ${old.name}-${old.version}:\n      Successfully uninstalled ${old.name}-${old.version}\n`);
      uninstallFiles(tc, site, old);
    }
    place(tc, py, site, chosen.get(key)!, requestedBy.get(key));
  }
  const summary = installOrder.map((key) => chosen.get(key)!).map((item) => `${item.display}-${item.version}`);
  summary.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  say(`Successfully installed ${summary.join(' ')}\n`);
  if (root && options.rootWarning) {
    run.err.push("WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.\n");
  }
  // The version check runs after the install, so an upgraded pip no longer sees itself as old.
  if (chosen.has('pip') && order.includes('pip')) run.py = { ...py, pipVersion: chosen.get('pip')!.version };
  if (!options.noCache) writeText(tc.fs, `${cacheDir}/selfcheck/${hexFrom(py.site, 56)}.json`, `{"key":"${py.site}","last_check":"${new Date(tc.ctx.now).toISOString()}","pypi_version":"${py.pipLatest ?? py.pipVersion}"}`);
  notice(run, !options.versionCheck);
  return finish(run, 0);
}

function uninstallFiles(tc: ToolContext, site: string, entry: Installed): void {
  const pkg = pyPackages.get(canonicalPyName(entry.name));
  for (const module of pkg?.modules ?? []) removePath(tc.fs, `${site}/${module}`);
  for (const name of listDir(tc.fs, site)) {
    if (name.endsWith('.dist-info') && canonicalPyName(name.replace(/-[^-]+\.dist-info$/, '')) === canonicalPyName(entry.name)) removePath(tc.fs, `${site}/${name}`);
  }
}

function uninstall(run: Run, args: string[]): ToolResult {
  const yes = args.includes('-y') || args.includes('--yes');
  const names = args.filter((arg) => !arg.startsWith('-'));
  if (names.length === 0) {
    run.err.push('ERROR: You must give at least one requirement to uninstall (see "pip help uninstall")\n');
    return finish(run, 1);
  }
  const all = [...installedIn(run.tc, run.py.site), ...installedIn(run.tc, `${run.env.get('HOME') || '/root'}/.local/lib/python${run.py.version}/site-packages`)];
  for (const name of names) {
    const entry = all.find((candidate) => canonicalPyName(candidate.name) === canonicalPyName(name));
    if (!entry) {
      run.err.push(`WARNING: Skipping ${name} as it is not installed.\n`);
      continue;
    }
    run.out.push(`Found existing installation: ${entry.name} ${entry.version}\nUninstalling ${entry.name}-${entry.version}:\n`);
    if (!yes) {
      const modules = pyPackages.get(canonicalPyName(entry.name))?.modules ?? [];
      run.out.push(`  Would remove:\n    ${entry.site}/${distInfoName(entry.name, entry.version)}/*\n${modules.map((module) => `    ${entry.site}/${module}/*\n`).join('')}Proceed (Y/n)? `);
      if (!/^(y|yes|)$/i.test((run.stdin.split('\n')[0] ?? 'n').trim()) || run.stdin === '') {
        run.out.push('\n');
        run.err.push('ERROR: Exception:\nEOFError: EOF when reading a line\n');
        return finish(run, 2);
      }
    }
    uninstallFiles(run.tc, entry.site, entry);
    run.out.push(`  Successfully uninstalled ${entry.name}-${entry.version}\n`);
  }
  return finish(run, 0);
}

function allInstalled(run: Run): Installed[] {
  const home = run.env.get('HOME') || '/root';
  const entries = [...installedIn(run.tc, run.py.site), ...installedIn(run.tc, `${home}/.local/lib/python${run.py.version}/site-packages`)];
  if (!entries.some((entry) => entry.name === 'pip')) entries.push({ name: 'pip', version: run.py.pipVersion, site: run.py.site });
  return entries.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
}

function list(run: Run, args: string[]): ToolResult {
  const entries = allInstalled(run);
  if (args.includes('--format=freeze')) return freeze(run);
  const width = Math.max(7, ...entries.map((entry) => entry.name.length));
  const vwidth = Math.max(7, ...entries.map((entry) => entry.version.length));
  run.out.push(`${'Package'.padEnd(width)} Version\n${'-'.repeat(width)} ${'-'.repeat(vwidth)}\n`);
  for (const entry of entries) run.out.push(`${entry.name.padEnd(width)} ${entry.version}\n`);
  notice(run, args.includes('--disable-pip-version-check'));
  return finish(run, 0);
}

function freeze(run: Run): ToolResult {
  for (const entry of allInstalled(run)) if (entry.name !== 'pip') run.out.push(`${entry.name}==${entry.version}\n`);
  return finish(run, 0);
}

const USAGE = `
Usage:   
  pip <command> [options]

Commands:
  install                     Install packages.
  download                    Download packages.
  uninstall                   Uninstall packages.
  freeze                      Output installed packages in requirements format.
  inspect                     Inspect the python environment.
  list                        List installed packages.
  show                        Show information about installed packages.
  check                       Verify installed packages have compatible dependencies.
  config                      Manage local and global configuration.
  search                      Search PyPI for packages.
  cache                       Inspect and manage pip's wheel cache.
  index                       Inspect information available from package indexes.
  wheel                       Build wheels from your requirements.
  hash                        Compute hashes of package archives.
  completion                  A helper command used for command completion.
  debug                       Show information useful for debugging.
  help                        Show help for commands.
`;

/** Runs pip with its arguments; `program` is how it was invoked (pip, pip3, python3 -m pip). */
export async function runPip(tc: ToolContext, program: string, args: string[], env: Map<string, string>, cwd: string, stdin = ''): Promise<ToolResult> {
  const run: Run = { tc, program, env, cwd, stdin, py: pythonEnvOf(tc, env), out: [], err: [] };
  const command = args.find((arg) => !arg.startsWith('-'));
  if (args.includes('--version') || args.includes('-V')) {
    run.out.push(`pip ${run.py.pipVersion} from ${run.py.site.replace(/\/(site|dist)-packages$/, '/$1-packages')}/pip (python ${run.py.version})\n`);
    return finish(run, 0);
  }
  const rest = command === undefined ? [] : args.slice(args.indexOf(command) + 1);
  switch (command) {
    case undefined:
    case 'help':
      run.out.push(USAGE);
      return finish(run, 0);
    case 'install':
      return install(run, rest);
    case 'uninstall':
      return uninstall(run, rest);
    case 'list':
      return list(run, rest);
    case 'freeze':
      return freeze(run);
    case 'cache':
      if (rest[0] === 'purge') {
        const dir = `${env.get('HOME') || '/root'}/.cache/pip`;
        const files = listDir(tc.fs, `${dir}/http-v2`).length;
        removePath(tc.fs, `${dir}/http-v2`);
        removePath(tc.fs, `${dir}/wheels`);
        run.out.push(`Files removed: ${files}\n`);
        return finish(run, 0);
      }
      run.out.push(`${env.get('HOME') || '/root'}/.cache/pip\n`);
      return finish(run, 0);
    default:
      run.err.push(`ERROR: unknown command "${command}"\n`);
      return finish(run, 1);
  }
}

export function pipTool(tc: ToolContext): CustomCommand {
  return tool('pip', (args, env, cwd, stdin) => runPip(tc, 'pip', args, env, cwd, stdin));
}

export function pip3Tool(tc: ToolContext): CustomCommand {
  return tool('pip3', (args, env, cwd, stdin) => runPip(tc, 'pip3', args, env, cwd, stdin));
}
