/**
 * Captures the real docker 28.2.2 client's command tree, help texts, flags and argument
 * rules into data/docker-cli/commands.json, and runs the client on a list of good and bad
 * lines to record golden outputs in test/fixtures/docker-cli/*.json.
 *
 * Re-run with: npx tsx scripts/capture-docker-cli.ts   (needs /usr/local/bin/docker, no daemon)
 *
 * The client talks to DOCKER_HOST=unix:///tmp/none.sock (nothing listens there), so a line
 * that parses fine ends in "Cannot connect to the Docker daemon". Help is wrapped at 80
 * columns because stdin is /dev/null (the client reads the width from fd 0, not COLUMNS).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DOCKER = process.env.DOCKER_BIN ?? '/usr/local/bin/docker';
const ROOT = new URL('..', import.meta.url).pathname;
const NONE_SOCK = 'unix:///tmp/none.sock';

// A private config dir keeps probes like `docker logout` away from the real ~/.docker, but the
// help texts mention the config dir in defaults, so help is captured with the usual HOME.
let SKIP_FIXTURES = false;
// `docker build .` reads ./Dockerfile before it talks to the daemon: give it one.
const buildDir = mkdtempSync(join(tmpdir(), 'docker-cli-build-'));
writeFileSync(join(buildDir, 'Dockerfile'), 'FROM alpine\n');
const scratchConfig = mkdtempSync(join(tmpdir(), 'docker-cli-capture-'));

interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

// A stand-in daemon that only answers /_ping like a Linux Docker 28.2 engine that is neither
// experimental nor in a swarm: the client then hides what such a host hides (Windows-only and
// experimental flags, swarm-manager commands), which it cannot know with no daemon at all.
const FAKE_SOCK_PATH = join(tmpdir(), `baleia-fake-dockerd-${process.pid}.sock`);
const FAKE_SOCK = `unix://${FAKE_SOCK_PATH}`;
const FAKE_DAEMON_JS = `
const http = require('node:http');
const fs = require('node:fs');
const path = process.argv[1];
try { fs.unlinkSync(path); } catch {}
http.createServer((req, res) => {
  const headers = { 'Api-Version': '1.50', 'Ostype': 'linux', 'Docker-Experimental': 'false',
    'Swarm': 'inactive', 'Builder-Version': '2', 'Server': 'Docker/28.2.2 (linux)',
    'Content-Type': 'application/json' };
  if (req.url.endsWith('/_ping')) { res.writeHead(200, headers); res.end(req.method === 'HEAD' ? '' : 'OK'); return; }
  res.writeHead(404, headers); res.end(JSON.stringify({ message: 'page not found' }) + '\\n');
}).listen(path);
`;

function startFakeDaemon(): ChildProcess {
  const child = spawn(process.execPath, ['-e', FAKE_DAEMON_JS, FAKE_SOCK_PATH], { stdio: 'ignore' });
  const until = Date.now() + 5000;
  while (!existsSync(FAKE_SOCK_PATH)) {
    if (Date.now() > until) throw new Error('fake daemon did not start');
    spawnSync('sleep', ['0.05']);
  }
  return child;
}

function run(argv: string[], opts: { scratch?: boolean; daemon?: 'none' | 'linux' } = {}): RunResult {
  const env: Record<string, string> = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: '/root',
    DOCKER_HOST: opts.daemon === 'linux' ? FAKE_SOCK : NONE_SOCK,
    LANG: 'C',
  };
  if (opts.scratch) env.DOCKER_CONFIG = scratchConfig;
  const r = spawnSync(DOCKER, argv, {
    env,
    cwd: buildDir,
    input: '',
    encoding: 'utf8',
    timeout: 15_000,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? -1 };
}

// ---------------------------------------------------------------------------------------------
// Help text parsing

interface HelpFlag {
  long: string;
  short?: string;
  /** The word pflag prints after the name (`string`, `list`, `bytes`...); absent for bools. */
  type?: string;
  usage: string;
  default?: string;
  deprecated?: string;
}

interface ParsedHelp {
  usageLine: string;
  description: string;
  aliases: string[];
  flags: HelpFlag[];
  /** Sub-commands listed under "Commands:" / "Management Commands:" / "Swarm Commands:" ... */
  subcommands: { name: string; short: string; section: string }[];
}

function sections(help: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current = '';
  out.set(current, []);
  for (const line of help.split('\n')) {
    const m = /^([A-Z][A-Za-z ]*):$/.exec(line);
    if (m && m[1] !== undefined) {
      current = m[1];
      out.set(current, []);
      continue;
    }
    out.get(current)!.push(line);
  }
  return out;
}

function parseOptions(lines: string[]): HelpFlag[] {
  const flags: HelpFlag[] = [];
  let descCol = -1;
  for (const line of lines) {
    const m = /^ {2}(?:-(\S), |    )--([A-Za-z0-9][\w.-]*)(?: (\S+))? {2,}(.*)$/.exec(line);
    if (m) {
      const [, short, long, type, usage] = m;
      descCol = line.length - (usage ?? '').length;
      const f: HelpFlag = { long: long!, usage: usage ?? '' };
      if (short) f.short = short;
      if (type) f.type = type;
      flags.push(f);
      continue;
    }
    if (line.trim() === '') continue;
    const last = flags[flags.length - 1];
    if (!last || descCol < 0 || !line.startsWith(' '.repeat(descCol))) {
      throw new Error(`unexpected options line: ${JSON.stringify(line)}`);
    }
    last.usage += '\n' + line.slice(descCol);
  }
  for (const f of flags) {
    const joined = f.usage.replace(/\n/g, ' ');
    const dep = /\(DEPRECATED: (.*)\)$/.exec(joined);
    if (dep) f.deprecated = dep[1];
    const def = /\(default (.*)\)$/.exec(joined.replace(/ \(DEPRECATED: .*\)$/, ''));
    if (def && def[1] !== undefined) f.default = def[1];
  }
  return flags;
}

function parseHelp(help: string): ParsedHelp {
  const secs = sections(help);
  const head = secs.get('')!;
  const usageLine = /^Usage: {2}(.*)$/.exec(head[0] ?? '')?.[1];
  if (usageLine === undefined) throw new Error(`no usage line in help: ${help.slice(0, 200)}`);
  // A Use with several forms continues on tab-indented lines (`docker cp`).
  let usage = usageLine;
  let i = 1;
  while (head[i]?.startsWith('\t')) usage += '\n' + head[i++];
  const description = head.slice(i + 1).join('\n').trim();
  const aliases = (secs.get('Aliases') ?? [])
    .join(' ')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  // The root command lists its own flags under "Global Options".
  const flags = parseOptions(trimBlank(secs.get('Options') ?? secs.get('Global Options') ?? []));
  const subcommands: ParsedHelp['subcommands'] = [];
  for (const section of ['Common Commands', 'Management Commands', 'Swarm Commands', 'Commands']) {
    for (const line of secs.get(section) ?? []) {
      const m = /^ {2}(\S+?)\*? +(.*)$/.exec(line);
      if (m) subcommands.push({ name: m[1]!, short: m[2]!, section });
    }
  }
  return { usageLine: usage, description, aliases, flags, subcommands };
}

function trimBlank(lines: string[]): string[] {
  const out = [...lines];
  while (out.length && out[out.length - 1]!.trim() === '') out.pop();
  while (out.length && out[0]!.trim() === '') out.shift();
  // Stop at the first blank line followed by a non-indented line (end of section).
  const end = out.findIndex((l, i) => l.trim() === '' && i + 1 < out.length && !out[i + 1]!.startsWith(' '));
  return end >= 0 ? out.slice(0, end) : out;
}

// ---------------------------------------------------------------------------------------------
// Argument rules, probed with too few and too many arguments.

type ArgRule =
  | { kind: 'any' }
  | { kind: 'none' }
  | { kind: 'min'; min: number }
  | { kind: 'max'; max: number }
  | { kind: 'exact'; n: number }
  | { kind: 'range'; min: number; max: number }
  /** cobra's own ExactArgs (not docker's): "accepts 1 arg(s), received 0". */
  | { kind: 'cobraExact'; n: number };

function ruleFromMessage(stderr: string): ArgRule | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^accepts (\d+) arg\(s\), received \d+/.exec(stderr))) return { kind: 'cobraExact', n: Number(m[1]) };
  if (/' accepts no arguments\n/.test(stderr)) return { kind: 'none' };
  if (/: unknown command: /.test(stderr)) return { kind: 'none' };
  if ((m = /' requires at least (\d+) and at most (\d+) argument/.exec(stderr)))
    return { kind: 'range', min: Number(m[1]), max: Number(m[2]) };
  if ((m = /' requires at least (\d+) argument/.exec(stderr))) return { kind: 'min', min: Number(m[1]) };
  if ((m = /' requires at most (\d+) argument/.exec(stderr))) return { kind: 'max', max: Number(m[1]) };
  if ((m = /' requires (\d+) argument/.exec(stderr))) return { kind: 'exact', n: Number(m[1]) };
  return undefined;
}

function probeArgRule(path: string[]): { rule: ArgRule; evidence: Record<string, string> } {
  const few = run([...path], { scratch: true });
  const many = run([...path, ...Array.from({ length: 12 }, (_, i) => `zzarg${i}`)], { scratch: true });
  const stable = (t: string) => firstLine(t).replaceAll(scratchConfig, '$DOCKER_CONFIG').replaceAll(buildDir, '$PWD');
  const evidence = { zeroArgs: stable(few.stderr || few.stdout), manyArgs: stable(many.stderr || many.stdout) };
  const a = ruleFromMessage(few.stderr);
  const b = ruleFromMessage(many.stderr);
  // With no arguments a group-style "unknown command" cannot happen, so any rule found is real.
  if (a) return { rule: a, evidence };
  if (b) return { rule: b, evidence };
  return { rule: { kind: 'any' }, evidence };
}

const BUILDER_WARNING = /^DEPRECATED: The legacy builder is deprecated[^]*?buildx\/\n\n/;

function firstLine(s: string): string {
  return s.split('\n')[0] ?? '';
}

// ---------------------------------------------------------------------------------------------
// Flags the help hides but the client accepts (found in docker/cli v28.2.2 and checked below).

interface ExtraFlag extends HelpFlag {
  hidden: true;
  /** Another flag sharing the same value (pflag flags bound to one variable). */
  aliasOf?: string;
}

const HIDDEN_FLAGS: Record<string, ExtraFlag[]> = {
  'container run': [
    { long: 'dns-opt', type: 'list', usage: 'Set DNS options', hidden: true, aliasOf: 'dns-option' },
    { long: 'net', type: 'network', usage: 'Connect a container to a network', hidden: true, aliasOf: 'network' },
    { long: 'net-alias', type: 'list', usage: 'Add network-scoped alias for the container', hidden: true, aliasOf: 'network-alias' },
  ],
  'container create': [
    { long: 'dns-opt', type: 'list', usage: 'Set DNS options', hidden: true, aliasOf: 'dns-option' },
    { long: 'net', type: 'network', usage: 'Connect a container to a network', hidden: true, aliasOf: 'network' },
    { long: 'net-alias', type: 'list', usage: 'Add network-scoped alias for the container', hidden: true, aliasOf: 'network-alias' },
  ],
  'container stop': [
    { long: 'time', type: 'int', usage: 'Seconds to wait before killing the container (deprecated: use --timeout)', hidden: true, aliasOf: 'timeout', deprecated: 'use --timeout instead' },
  ],
  'container restart': [
    { long: 'time', type: 'int', usage: 'Seconds to wait before killing the container (deprecated: use --timeout)', hidden: true, aliasOf: 'timeout', deprecated: 'use --timeout instead' },
  ],
  'container update': [{ long: 'kernel-memory', type: 'bytes', usage: 'Kernel memory limit (deprecated)', hidden: true }],
  'volume create': [{ long: 'name', type: 'string', usage: 'Specify volume name', hidden: true }],
};

/** Flags a group declares as persistent (inherited by its sub-commands), hidden in help. */
const PERSISTENT_FLAGS: Record<string, ExtraFlag[]> = {
  stack: [{ long: 'orchestrator', type: 'string', usage: 'Orchestrator to use (swarm|all)', hidden: true, deprecated: 'option will be ignored' }],
};

/** Commands whose flags end at the first non-flag word (docker/cli v28.2.2 `SetInterspersed(false)`). */
const NON_INTERSPERSED = new Set([
  'run', 'create', 'exec', 'commit', 'top', 'tag',
  'container run', 'container create', 'container exec', 'container commit', 'container top',
  'image tag', 'service create',
]);

/** Command annotations the client checks against the daemon (docker/cli v28.2.2). */
const COMMAND_ANNOTATIONS: Record<string, Record<string, string>> = {
  checkpoint: { experimental: '', ostype: 'linux' },
  config: { swarm: 'manager' },
  node: { swarm: 'manager' },
  secret: { swarm: 'manager' },
  service: { swarm: 'manager' },
  stack: { swarm: 'manager' },
  'swarm ca': { swarm: 'manager' },
  'swarm join-token': { swarm: 'manager' },
  'swarm leave': { swarm: 'active' },
  'swarm unlock': { swarm: 'manager' },
  'swarm unlock-key': { swarm: 'manager' },
  'swarm update': { swarm: 'manager' },
  'volume update': { swarm: 'manager' },
};

/** Flag annotations keyed by the management path (`container run`), applied to shortcuts too. */
const FLAG_ANNOTATIONS: Record<string, Record<string, string>> = {
  'container run:cpu-count': { ostype: 'windows' },
  'container run:cpu-percent': { ostype: 'windows' },
  'container run:io-maxbandwidth': { ostype: 'windows' },
  'container run:io-maxiops': { ostype: 'windows' },
  'container create:cpu-count': { ostype: 'windows' },
  'container create:cpu-percent': { ostype: 'windows' },
  'container create:io-maxbandwidth': { ostype: 'windows' },
  'container create:io-maxiops': { ostype: 'windows' },
  'container start:checkpoint': { experimental: '', ostype: 'linux' },
  'container start:checkpoint-dir': { experimental: '', ostype: 'linux' },
  'image build:squash': { experimental: '' },
  'volume create:group': { swarm: 'manager' },
  'volume create:scope': { swarm: 'manager' },
  'volume create:sharing': { swarm: 'manager' },
  'volume create:availability': { swarm: 'manager' },
  'volume create:type': { swarm: 'manager' },
  'volume create:secret': { swarm: 'manager' },
  'volume create:limit-bytes': { swarm: 'manager' },
  'volume create:required-bytes': { swarm: 'manager' },
  'volume create:topology-required': { swarm: 'manager' },
  'volume create:topology-preferred': { swarm: 'manager' },
  'volume ls:cluster': { swarm: 'manager' },
  'volume update:availability': { swarm: 'manager' },
};

const SHORTCUTS: Record<string, string> = {
  run: 'container run', create: 'container create', exec: 'container exec', ps: 'container ls',
  attach: 'container attach', commit: 'container commit', cp: 'container cp', diff: 'container diff',
  export: 'container export', kill: 'container kill', logs: 'container logs', pause: 'container pause',
  port: 'container port', rename: 'container rename', restart: 'container restart', rm: 'container rm',
  start: 'container start', stats: 'container stats', stop: 'container stop', top: 'container top',
  unpause: 'container unpause', update: 'container update', wait: 'container wait',
  build: 'image build', pull: 'image pull', push: 'image push', images: 'image ls', history: 'image history',
  import: 'image import', load: 'image load', rmi: 'image rm', save: 'image save', tag: 'image tag',
  events: 'system events', info: 'system info', 'builder build': 'image build',
};

function canonicalKey(path: string[]): string {
  const key = path.join(' ');
  return SHORTCUTS[key] ?? key;
}

// ---------------------------------------------------------------------------------------------
// Walk the tree

interface CapturedCommand {
  path: string[];
  /** cobra's CommandPath (what messages print), e.g. "docker container ls". */
  commandPath: string;
  /** The management path this command is a shortcut of (`ps` -> container ls); its own path otherwise. */
  canonical?: string[];
  /** Usage line shown in help. */
  usageLine: string;
  /** cobra's UseLine, shown in error messages (differs from usageLine for groups). */
  useLine?: string;
  description: string;
  aliases: string[];
  /** Other names for this command inside its parent (`container list` for `container ls`). */
  localAliases: string[];
  group: boolean;
  argRule: ArgRule | null;
  argEvidence?: Record<string, string>;
  help: string;
  /** What the client prints before the help when the command is reached (the legacy builder warning). */
  helpPrefixStderr?: string;
  /** Help as printed when a Linux 28.2 daemon (not experimental, not in a swarm) answers; only when it differs. */
  helpLinux?: string;
  flags: (HelpFlag & {
    hidden?: boolean;
    hiddenOnLinux?: boolean;
    persistent?: boolean;
    aliasOf?: string;
    verified?: string;
    annotations?: Record<string, string>;
  })[];
  /** pflag interspersed parsing: false means the first non-flag word ends the flags. */
  interspersed: boolean;
  runnable: boolean;
  annotations?: Record<string, string>;
  subcommands: string[];
  hidden?: boolean;
}

const commands: CapturedCommand[] = [];
const seen = new Set<string>();

function capture(path: string[], hidden = false): CapturedCommand | undefined {
  const key = path.join(' ');
  if (seen.has(key)) return commands.find((c) => c.path.join(' ') === key);
  seen.add(key);
  const r = run([...path, '--help']);
  if (r.exitCode !== 0) {
    console.warn(`skip ${key}: exit ${r.exitCode}: ${firstLine(r.stderr)}`);
    return undefined;
  }
  let helpText = r.stdout;
  let prefix: string | undefined;
  if (r.stderr !== '') prefix = r.stderr;
  const parsed = parseHelp(helpText);
  const group = parsed.subcommands.length > 0 && path.length > 0;
  const cmd: CapturedCommand = {
    path,
    commandPath: ['docker', ...path].join(' '),
    usageLine: parsed.usageLine,
    description: parsed.description,
    aliases: parsed.aliases,
    localAliases: [],
    group,
    argRule: null,
    help: helpText,
    flags: parsed.flags,
    interspersed: !NON_INTERSPERSED.has(key),
    runnable: key !== 'completion',
    subcommands: parsed.subcommands.map((s) => s.name),
  };
  const ann = COMMAND_ANNOTATIONS[key];
  if (ann) cmd.annotations = ann;
  for (const f of cmd.flags) {
    const fa = FLAG_ANNOTATIONS[`${canonicalKey(path)}:${f.long}`];
    if (fa) f.annotations = fa;
  }
  if (prefix) cmd.helpPrefixStderr = prefix;
  if (hidden) cmd.hidden = true;
  const linux = run([...path, '--help'], { daemon: 'linux' });
  if (linux.exitCode !== 0) throw new Error(`${key} --help failed against the fake daemon`);
  if (linux.stdout !== helpText) {
    cmd.helpLinux = linux.stdout;
    // An experimental command prints only "... is only supported on a Docker daemon with experimental features enabled".
    if (linux.stdout.startsWith('Usage:')) {
      const shown = new Set(parseHelp(linux.stdout).flags.map((f) => f.long));
      for (const f of cmd.flags) if (!shown.has(f.long)) f.hiddenOnLinux = true;
    }
  }
  const selfPath = cmd.commandPath;
  const parentPrefix = ['docker', ...path.slice(0, -1)].join(' ') + ' ';
  for (const a of parsed.aliases) {
    if (a !== selfPath && a.startsWith(parentPrefix) && !a.slice(parentPrefix.length).includes(' ')) {
      cmd.localAliases.push(a.slice(parentPrefix.length));
    }
  }
  for (const extra of HIDDEN_FLAGS[canonicalKey(path)] ?? []) cmd.flags.push({ ...extra });
  for (const extra of PERSISTENT_FLAGS[key] ?? []) cmd.flags.push({ ...extra, persistent: true });
  commands.push(cmd);
  console.log(`captured ${key || '(root)'} (${cmd.flags.length} flags)`);
  for (const sub of parsed.subcommands) capture([...path, sub.name]);
  return cmd;
}

function main(): void {
  mkdirSync(join(ROOT, 'data/docker-cli'), { recursive: true });
  mkdirSync(join(ROOT, 'test/fixtures/docker-cli'), { recursive: true });

  const daemon = startFakeDaemon();
  try {
    captureAll();
    if (!SKIP_FIXTURES) captureFixtures();
  } finally {
    daemon.kill();
  }
}

function captureAll(): void {
  const version = run(['--version']).stdout.trim();
  const root = capture([])!;
  // Commands the root help does not list but the client runs.
  capture(['help'], true);
  capture(['completion'], true);
  capture(['system', 'dial-stdio'], true);
  capture(['bake'], true);

  // Top-level shortcuts are separate cobra commands (`docker ps` vs `docker container ls`).
  for (const c of commands) {
    if (c.path.length === 0 || c.group) continue;
    const probe = probeArgRule(c.path);
    c.argRule = probe.rule;
    c.argEvidence = probe.evidence;
  }
  for (const c of commands) {
    c.canonical = canonicalKey(c.path).split(' ').filter((w) => w !== '');
    c.useLine = c.usageLine;
    if (!c.group && c.path.length > 0) continue;
    // Groups print "COMMAND" in their help but errors use cobra's UseLine, which differs
    // (`docker container` vs `docker volume COMMAND`): read it from a real error.
    const probe = run([...c.path, '--zzzbogus']);
    const m = /\nUsage: {2}(.*)\n/.exec(probe.stderr);
    if (!m) throw new Error(`no usage line in error of ${c.path.join(' ')}: ${probe.stderr}`);
    c.useLine = m[1]!;
    if (c.group) c.argRule = { kind: 'none' };
  }

  verifyFlags();

  const data = {
    client: version,
    capturedWith: {
      dockerHost: NONE_SOCK,
      width: 80,
      builder:
        'legacy builder: the buildx plugin is not installed on the capture machine, so `docker build --help` is the classic builder help and every build/builder line prints the DEPRECATED warning first',
    },
    rootPath: root.path,
    commands: Object.fromEntries(commands.map((c) => [c.path.join(' '), c])),
  };
  writeFileSync(join(ROOT, 'data/docker-cli/commands.json'), JSON.stringify(data, null, 1) + '\n');
  console.log(`wrote ${commands.length} commands`);

}

/**
 * Runs every flag once without a value: a bool flag parses, a value flag says
 * "flag needs an argument". This catches help lines whose type word we misread.
 */
function verifyFlags(): void {
  for (const c of commands) {
    if (c.group || c.path.length === 0 || c.path[0] === 'help') continue;
    for (const f of c.flags) {
      if (f.long === 'help') continue;
      const r = run([...c.path, `--${f.long}`], { scratch: true });
      r.stderr = r.stderr.replace(BUILDER_WARNING, '');
      const needs = r.stderr.startsWith(`flag needs an argument: --${f.long}`);
      const unknown = r.stderr.startsWith(`unknown flag: --${f.long}`);
      if (unknown) throw new Error(`${c.path.join(' ')}: --${f.long} is unknown to the client`);
      const isBool = f.type === undefined;
      if (isBool === needs) {
        throw new Error(`${c.path.join(' ')}: --${f.long} typed ${f.type ?? 'bool'} but client says ${firstLine(r.stderr)}`);
      }
      f.verified = needs ? 'needs-argument' : 'bool';
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Golden lines

function captureFixtures(): void {
  const byFile = new Map<string, unknown[]>();
  for (const c of FIXTURE_CASES) {
    const r = run(c.argv, { daemon: c.daemon });
    // The legacy builder streams the context while the connection fails; whether it logs these
    // (timestamped) tar errors is a race, so they are dropped to keep the fixtures stable.
    r.stderr = r.stderr.replace(/^time="[^"]*" level=error msg="Can't (add file|close tar writer)[^\n]*\n/gm, '');
    // With the fake Linux daemon a line that parses fine reaches the API and gets a 404.
    const parsesFine = r.stderr.includes('Cannot connect to the Docker daemon') || r.stderr.includes('page not found');
    const entry: Record<string, unknown> = {
      line: 'docker ' + c.argv.map(shellQuote).join(' '),
      argv: c.argv,
      stdout: r.stdout,
      stderr: r.stderr,
      exitCode: r.exitCode,
      parsesFine,
      daemon: c.daemon,
    };
    if (c.postParse) entry.postParse = true;
    const list = byFile.get(c.file) ?? [];
    list.push(entry);
    byFile.set(c.file, list);
  }
  for (const [file, list] of byFile) {
    writeFileSync(join(ROOT, 'test/fixtures/docker-cli', `${file}.json`), JSON.stringify(list, null, 1) + '\n');
    console.log(`wrote ${list.length} lines to ${file}.json`);
  }
}

function shellQuote(s: string): string {
  if (s !== '' && /^[\w@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

interface FixtureCase {
  file: string;
  argv: string[];
  /** Which daemon answers: none (DOCKER_HOST points nowhere) or the fake Linux ping. */
  daemon: 'none' | 'linux';
  /** The client refuses the line after parsing it (a run/pull validation, not a parse error). */
  postParse?: boolean;
}

/**
 * One line per case: `file | line`, or `file | post | line` for lines the client refuses only
 * after a successful parse. Words split on spaces; '...' quotes a word.
 */
const CASE_TEXT = `
global | 
global | --help
global | -h
global | --version
global | -v
global | -v ps
global | foo -v
global | --bogus
global | -Z
global | -D ps
global | -D
global | -l bogus ps
global | -l DEBUG ps
global | -l
global | -H tcp://1.2.3.4:2375 -c default ps
global | --context nope ps
global | --config /tmp/nowhere ps
global | -H
global | PS
global | foo
global | foo bar
global | foo --bogus
global | foo --help
global | foo -h
global | --help ps
global | -h ps
global | --help run
global | --help volume ls
global | --help volume
global | -- ps
global | - ps
global | help
global | help run
global | help foo
global | help volume foo
global | help container ls
global | help --bogus
global | --version=false
global | -v=false ps
global | ---x
global | -=
global | buildx build .
global | compose up
global | bake
global | Run alpine
run | run
run | run --bogus x
run | run -itZ alpine
run | run -p
run | run --name
run | run --cpus abc x
run | run --cpus 1.5 x
run | run --cpus 1.0000000001 x
run | run --cpus 3/2 x
run | run -m abc x
run | run -m 512m x
run | run -m 1x x
run | run -m -1 x
run | run -m 1.5.2 x
run | run --memory-swap -1 x
run | run -e alpine
run | run alpine --rm
run | run -dit --name web -p 8080:80 nginx
run | run -p8080:80 nginx
run | run -p=8080:80 nginx
run | run --name=web nginx
run | run --rm=false nginx
run | run -d=false nginx
run | run -d= nginx
run | run --rm=maybe nginx
run | run -h web nginx
run | run -h
run | run --help=false
run | run -e A=1 -e B=2 alpine env
run | run -e =x alpine
run | run --add-host foo alpine
run | run --add-host foo:1.2.3.999 alpine
run | run --add-host db=10.0.0.5 alpine
run | run --label ' =x' alpine
run | run --dns abc alpine
run | run --attach foo alpine
run | run --ulimit nofile=abc alpine
run | run --ulimit bogus=1 alpine
run | run --ulimit nofile=2048:1024 alpine
run | run --mount type=volume alpine
run | run --mount type=bind,src=/a,dst=/b,volume-nocopy alpine
run | run --mount foo alpine
run | run --mount type=volume,source=data,target=/data alpine
run | run --mount type=tmpfs,dst=/t,tmpfs-size=abc alpine
run | run --network host alpine
run | run --net host alpine
run | run --stop-timeout abc alpine
run | run --health-interval 5 alpine
run | run --health-interval 5x alpine
run | run --health-interval 1m30s alpine
run | run --blkio-weight 70000 alpine
run | run --pids-limit 0x10 alpine
run | run -v /a:/b -v data:/data alpine
run | run -t 5 alpine
run | run --sysctl kernel.foo=1 alpine
run | run --cpu-count 2 alpine
run | run -- alpine ls
run | run --rm -d --name x alpine sleep 60
run | run --gpus foo alpine
run | run --device-read-bps /dev/sda:abc alpine
run | run --link a:b:c alpine
run | run --restart always -d nginx
run | run -w
run | run --help
run | run -X
run | post | run --pull bogus alpine
run | post | run -p abc nginx
run | post | run -p 8080:80:90:100 nginx
run | post | run Nginx
run | post | run -v :/data alpine
run | post | run --restart bogus alpine
run | create
run | create --name web nginx
run | create -it alpine sh
run | create --bogus
run | container run alpine
run | container create -p 80 nginx
run | exec
run | exec web
run | exec -it web sh
run | exec web ls -la
run | exec -e =x web sh
run | exec --bogus web sh
run | exec web --bogus
run | exec -u
run | exec -w /tmp web pwd
run | exec -d web sleep 5
containers | ps
containers | ps -a
containers | ps -aq
containers | ps a
containers | ps --bogus
containers | ps -Z
containers | ps -n abc
containers | ps -n 3
containers | ps -f status=exited
containers | ps -f status
containers | ps --filter
containers | ps --format '{{.Names}}'
containers | ps -h
containers | ps --help=bogus
containers | ps -qa --no-trunc
containers | container ls -a
containers | container list
containers | container ps
containers | container
containers | container foo
containers | container --bogus
containers | container --bogus ls
containers | container --bogus=1 ls
containers | container -q ls
containers | container ls --bogus
containers | volume -h ls
containers | stop
containers | stop web
containers | stop -t 5 web
containers | stop -t abc web
containers | stop --time 5 web
containers | stop --timeout=5 web
containers | stop -t
containers | stop -t -1 web
containers | start
containers | start -ai web
containers | restart -t 0 a b
containers | kill -s KILL web
containers | kill
containers | rm
containers | rm -fv a b
containers | rm -f
containers | rm --force=false a
containers | pause
containers | unpause a
containers | logs
containers | logs a b
containers | logs -f --tail 10 web
containers | logs --since 5m web
containers | diff
containers | diff a b
containers | commit
containers | commit a b c
containers | commit -m msg web img:v1
containers | commit web -m x
containers | inspect
containers | inspect -f '{{.Id}}' web
containers | top
containers | top web aux
containers | port
containers | port web 80/tcp extra
containers | cp
containers | cp a
containers | cp a:/x /tmp/y
containers | rename a
containers | rename a b
containers | stats --no-stream
containers | stats -a a b
containers | wait
containers | attach
containers | update --cpus 2 web
containers | update
containers | export
containers | container prune --bogus
containers | container prune -f extra
containers | container rm
containers | container remove x
images | images
images | images -a --digests
images | images -q
images | images a b
images | images --filter dangling=true
images | images -f
images | images --format
images | image
images | image ls
images | image list
images | image foo
images | rmi
images | rmi nginx
images | rmi -f a b
images | image rm
images | image remove x
images | tag
images | tag a
images | tag a b
images | tag a b c
images | image tag a b
images | pull
images | pull nginx
images | pull -a nginx
images | pull a b
images | pull --platform linux/amd64 nginx
images | pull -q alpine
images | post | pull -a nginx:latest
images | post | pull Nginx
images | post | pull nginx:Bad^tag
images | push
images | push a b
images | history
images | history nginx
images | history -H=false nginx
images | history --no-trunc -q nginx
images | image history
images | image inspect
images | image prune -a -f
images | image prune a
images | build
images | build .
images | build -t web .
images | build -t Web .
images | build -t 'bad tag' .
images | build -f
images | build a b
images | build --bogus .
images | build --build-arg =x .
images | image build .
images | builder build .
images | builder prune -f
images | builder
images | post | load -i x.tar
images | save
images | save -o x.tar nginx
images | login a b
images | logout a b
volumes | volume
volumes | volume foo
volumes | volume create a b
volumes | volume create data
volumes | volume create --name data
volumes | volume create -d
volumes | volume create --label =x v
volumes | volume create -o type=tmpfs v
volumes | volume ls
volumes | volume ls -q
volumes | volume ls a
volumes | volume list
volumes | volume ls -f dangling=true
volumes | volume ls -f dangling
volumes | volume rm
volumes | volume rm a b
volumes | volume rm -f a
volumes | volume remove a
volumes | volume inspect
volumes | volume inspect a
volumes | volume prune -f
volumes | volume prune -a -f
volumes | volume prune a
volumes | network
volumes | network ls
volumes | network ls -q
volumes | network ls a
volumes | network create
volumes | network create net1
volumes | network create -d bridge net1
volumes | network create --subnet 10.0.0.0/24 net1
volumes | network create --label = n
volumes | network rm
volumes | network rm a b
volumes | network connect
volumes | network connect n c
volumes | network connect --alias x n c
volumes | network disconnect n
volumes | network inspect
volumes | network prune -f
volumes | network foo
volumes | network ls --bogus
system | system
system | system foo
system | system df
system | system df -v
system | system df a
system | system prune -af
system | system prune --volumes -f
system | system info
system | info
system | info a
system | version --bogus
system | version a
system | system events --since 1m
system | context
system | context use
system | post | context ls
global | --help=false ps
global | -h volume ls
global | container --help ls
global | container ls --help
global | --log-level=debug ps
global | -Dl debug ps
global | -lD ps
global | --tls ps
global | --tlsverify=false ps
global | --tlscacert /x/ca.pem --tls ps
global | --tlscacert /x/ca.pem ps
global | -H foo://x ps
global | -H tcp://:abc ps
global | -H '' ps
global | -l bogus -H tcp://a:1 -c default ps
global | -H tcp://a:1 -c default --tls ps
global | stack --orchestrator swarm ls
global | -H unix:///var/run/x.sock ps
global | -H tcp://h:1 -H tcp://h:2 ps
global | -c default ps
global | stack ls --orchestrator swarm
global | image ls --bogus
global | image --help
global | builder --help
global | system prune --bogus
global | network create --bogus n
global | volume create --bogus
global | completion
global | completion bash --bogus
global | help completion
global | -D help ps
global | ps -- -a
run | run -dp 8080:80 nginx
run | post | run -itp80:80 nginx
run | post | run -i -t alpine sh
run | run --rm --rm alpine
run | run -e
run | run --entrypoint '' alpine
run | run -v
run | run --volume=/a:/b alpine
run | run --mount type=bind,source=/src,target=/app,readonly alpine
run | run --tmpfs /run alpine
run | run --cap-add
run | run -u 1000:1000 alpine id
run | run --workdir=/app alpine pwd
run | run --privileged --init --read-only alpine
run | run --log-opt max-size=10m alpine
run | run --shm-size 1g alpine
run | run --shm-size 1gb alpine
run | run --shm-size 1gib alpine
run | run --shm-size 1gx alpine
run | run -m 0.5g alpine
run | run -m '' alpine
run | run --cpus '' alpine
run | run --cpus -1 alpine
run | run --stop-timeout -5 alpine
run | run --oom-score-adj 9999999999999999999 alpine
run | post | run --health-interval -5s alpine
run | run --health-interval 1.5h alpine
run | run --health-interval 1h2m3.5s alpine
run | run --health-interval '' alpine
run | run --pids-limit 1_000 alpine
run | run --pids-limit 0b101 alpine
run | run --pids-limit 010 alpine
run | run --pids-limit 1e3 alpine
containers | ps -n -1
containers | ps -n=-1
containers | ps --all=false
containers | ps -a=false
containers | ps --format=json
containers | ps --last 0x10
containers | logs --tail=5 web
containers | logs -n 5 web
containers | exec -it web
containers | rm -f -v a
containers | start -a
containers | inspect --type container --size web
containers | inspect --format '{{.State.Status}}' a b
containers | update --memory 1g --memory-swap -1 web
containers | update --restart unless-stopped web
containers | kill --signal=SIGTERM web
images | images nginx:latest
images | images -q --no-trunc alpine
images | rmi --no-prune x
images | image prune --filter until=24h -f
images | image inspect -f '{{.Id}}' nginx
images | pull --all-tags nginx
images | push -a user/app
images | save nginx -o x.tar
images | build -t a -t b --no-cache --pull .
images | build --build-arg A=1 --target prod -f Dockerfile .
images | build --network=host .
images | build -q .
images | build --platform linux/arm64 .
images | build --progress plain .
volumes | volume create --driver local --opt type=tmpfs --opt device=tmpfs v
volumes | volume inspect -f '{{.Mountpoint}}' v
volumes | network create --driver overlay --attachable n
volumes | network ls --filter driver=bridge
volumes | network connect --ip 10.0.0.5 n c
volumes | network inspect --verbose n
system | system df --format '{{.Type}}'
system | system info --format '{{.ServerVersion}}'
system | version --format '{{.Client.Version}}'
system | events --filter type=container --since 10m --until 0s
run | run --name 'a b' nginx
run | run --mount '' alpine
run | run --mount 'type=bind,"src=/a' alpine
run | run --mount 'type=bind,src=/a,dst=/b,bind-recursive=x' alpine
run | run --mount type=volume,dst=/d,tmpfs-mode=abc alpine
run | run --gpus all alpine
run | run --gpus count=2,count=3 alpine
run | run --network name=n1,alias=web alpine
run | run --network name=n1,bogus=1 alpine
run | run --network alias=web alpine
run | run --env-file
run | run --sysctl net.ipv4.ip_forward=1 alpine
run | run --device-cgroup-rule 'c 1:3 mr' alpine
run | run --device-cgroup-rule 'x 1:3 mr' alpine
run | run --blkio-weight-device /dev/sda:5 alpine
run | run --dns-search 123 alpine
run | run --dns 8.8.8.8 --dns ::1 alpine
run | run --link a:b alpine
run | run --ulimit nofile=1024 --ulimit nproc=-1:10 alpine
containers | ps -é
containers | ps --filter ''
containers | ps -f ''
containers | ps -f =x
images | build --cache-from 'a"b' .
images | build --cache-from a,b .
images | build --ulimit nofile=x .
images | build --add-host h:999.1.1.1 .
volumes | volume create -o
volumes | network create --subnet 10.0.0.0/33 n
linux | run --cpu-count 2 alpine
linux | run --cpu-count 2 --io-maxiops 5 alpine
linux | start --checkpoint c1 web
linux | start --checkpoint c1 --bogus web
linux | checkpoint ls web
linux | checkpoint
linux | checkpoint --help
linux | volume create --help
linux | volume ls --help
linux | volume --help
linux | --help
linux | run --help
linux | start --help
linux | swarm --help
linux | volume ls --cluster
linux | build --squash .
linux | run -dit --name web -p 8080:80 nginx
linux | ps -a
linux | stop -t 5 web
`;

function splitWords(line: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) words.push(m[1] ?? m[2]!);
  return words;
}

const FIXTURE_CASES: FixtureCase[] = CASE_TEXT.split('\n')
  .filter((l) => l.includes('|'))
  .map((l) => {
    const parts = l.split('|').map((p) => p.trim());
    const file = parts[0]!;
    const postParse = parts.length === 3 && parts[1] === 'post';
    const line = parts[parts.length - 1]!;
    const c: FixtureCase = { file, argv: splitWords(line), daemon: file === 'linux' ? 'linux' : 'none' };
    if (postParse) c.postParse = true;
    return c;
  });

if (process.argv.includes('--tree-only')) {
  SKIP_FIXTURES = true;
}
main();
