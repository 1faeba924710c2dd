// Typed instructions -> the build plan, as BuildKit's dockerfile2llb (convert.go) prepares a
// build before running anything: global ARGs and --build-arg, FROM expansion, stage names and
// dependencies, --target, ARG/ENV scoping, variable expansion where BuildKit applies it, step
// names (`[2/5] WORKDIR /app`), history rows (`RUN /bin/sh -c npm install # buildkit`), the
// resulting image config, and the build-check warnings BuildKit raises on the way.
import type { ImageConfig } from '../model/image';
import { parseRamInBytes } from '../format/size';
import {
  dockerfileError,
  type CheckRecord,
  type DockerfileError,
} from './errors';
import {
  formatGoDuration,
  goList,
  goQuote,
  goQuoteList,
  goQuoteRune,
  suggest,
  withSuggestion,
} from './go-compat';
import {
  splitCsv,
  typeDockerfile,
  typeSingleCommand,
  type TypedCommand,
  type TypedStage,
} from './instructions';
import { parseDockerfile, parseHeredocWord, chompHeredocContent, type DockerfileNode, type ParsedDockerfile } from './parse';
import {
  DEFAULT_PLATFORM,
  formatPlatform,
  formatTagNameOnly,
  parseNormalizedNamed,
  parsePlatform,
  type Platform,
} from './reference';
import { EnvList, processWord, type EnvGetter, type LexOptions } from './shell-lex';
import { DOCKERFILE_LIMITS } from './limits';
import { DOCKER_RULES, ruleMessage, type DockerRuleName } from './lint/rules';
import { checkConfigFor } from './lint/check-config';
import type {
  BaseImageInfo,
  CopyFrom,
  HistoryRecord,
  Instruction,
  RunInstruction,
  RunMount,
  Stage,
  StepInfo,
} from './types';

export interface PlanOptions {
  /** `--build-arg KEY=VALUE` pairs. */
  buildArgs?: Record<string, string>;
  /** `--target NAME`. */
  target?: string;
  /** Plan every stage, as `docker build --check` does; a build plans only what the target needs. */
  allStages?: boolean;
  /** Looks up a base image by its normalized name (`docker.io/library/node:22-alpine`). */
  resolveImage?: (image: string) => BaseImageInfo | undefined;
  /** For the experimental CopyIgnoredFile check: is this context path excluded by .dockerignore? */
  isIgnored?: (path: string) => boolean;
  /** The build's platform; Baleia's host is linux/amd64. */
  platform?: Platform;
}

export interface DockerfilePlan {
  kind: 'dockerfile-plan';
  /** Every stage in file order (unreached ones have `dispatched: false` in a normal build). */
  stages: Stage[];
  /** Index of the stage that becomes the image. */
  target: number;
  /** Values of the ARGs before the first FROM, after --build-arg (undefined = declared without a value). */
  metaArgs: { key: string; value?: string }[];
  /** Images `COPY --from=<image>` and `RUN --mount=from=<image>` read from (normalized names). */
  externalImages: string[];
  /** Build-check warnings as BuildKit raises them, in BuildKit's order, before `# check=` filtering. */
  checks: CheckRecord[];
  escapeToken: '\\' | '`';
  syntax?: string;
}

class PlanError extends Error {
  constructor(
    message: string,
    readonly startLine?: number,
    readonly endLine?: number,
    readonly phase: DockerfileError['phase'] = 'dispatch',
  ) {
    super(message);
  }
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const NON_ENV_ARGS = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);
const RESERVED_STAGE_NAMES = new Set(['context', 'scratch']);
const SECRET_RE = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const SECRET_ALLOW_RE = /(?:_|^)(?:public)(?:_|$)/i;

interface Loc {
  startLine: number;
  endLine: number;
}

interface PlannedCommand {
  cmd: TypedCommand;
  sources: DState[];
  isOnBuild: boolean;
}

interface DState {
  typed?: TypedStage;
  stageIndex: number;
  unregistered: boolean;
  baseName: string;
  loc: Loc;
  stageName: string;
  base?: DState;
  platform?: Platform;
  deps: Map<DState, TypedCommand>;
  commands: PlannedCommand[];
  cmdTotal: number;
  cmdIndex: number;
  dispatched: boolean;
  resolved: boolean;
  onBuildInit: boolean;
  isScratch: boolean;
  baseImage?: string;
  baseInfo?: BaseImageInfo;
  // Dispatch state.
  env: EnvList;
  config: ImageConfig;
  author?: string;
  buildArgs: { key: string; value?: string }[];
  workdirSet: boolean;
  trackers: { cmd?: Loc; entrypoint?: Loc; healthcheck?: Loc };
  instructions: Instruction[];
  envSnapshot?: string[];
  envSnapshotVersion?: number;
  fromStep?: StepInfo;
}

function newState(partial: Partial<DState> & Pick<DState, 'baseName' | 'loc' | 'stageIndex' | 'unregistered'>): DState {
  return {
    stageName: '',
    deps: new Map(),
    commands: [],
    cmdTotal: 0,
    cmdIndex: 0,
    dispatched: false,
    resolved: false,
    onBuildInit: false,
    isScratch: false,
    env: new EnvList(),
    config: {},
    buildArgs: [],
    workdirSet: false,
    trackers: {},
    instructions: [],
    ...partial,
  };
}

function cloneConfig(c: ImageConfig): ImageConfig {
  return JSON.parse(JSON.stringify(c)) as ImageConfig;
}

// Build checks ----------------------------------------------------------------------------

class Checks {
  readonly records: CheckRecord[] = [];

  add(rule: DockerRuleName, message: string, loc: Loc): void {
    this.records.push({ rule: DOCKER_RULES[rule].name, message, startLine: loc.startLine, endLine: loc.endLine });
  }
}

function nodeLoc(node: DockerfileNode): Loc {
  return { startLine: node.startLine, endLine: node.endLine };
}

function validateDefinitionDescription(instruction: string, keys: string[], comments: string[], loc: Loc, checks: Checks): void {
  if (comments.length === 0 || keys.length === 0) return;
  const first = (comments[comments.length - 1] as string).split(' ')[0] as string;
  if (keys.includes(first)) return;
  const example = keys.length > 1 ? '<arg_key>' : (keys[0] as string);
  checks.add('InvalidDefinitionDescription', ruleMessage.InvalidDefinitionDescription(instruction, example), loc);
}

/** The checks instructions.Parse runs per node (before typing the node, and after for descriptions). */
function nodeChecks(node: DockerfileNode, typedOk: boolean, checks: Checks, typed?: TypedCommand | TypedStage): void {
  const cmd = node.value.toLowerCase();
  const loc = nodeLoc(node);
  if (cmd === 'maintainer') checks.add('MaintainerDeprecated', ruleMessage.MaintainerDeprecated(), loc);
  if (cmd === 'from') {
    const args = node.next;
    if (args.length === 3 && args[2] !== (args[2] as string).toLowerCase()) {
      checks.add('StageNameCasing', ruleMessage.StageNameCasing(args[2] as string), loc);
    }
    if (args.length >= 3) {
      const lower = node.value === node.value.toLowerCase();
      const upper = node.value === node.value.toUpperCase();
      const as = args[1] as string;
      if ((lower && as !== as.toLowerCase()) || (!lower && upper && as !== as.toUpperCase())) {
        checks.add('FromAsCasing', ruleMessage.FromAsCasing(node.value, as), loc);
      }
    }
    if (typedOk && typed && 'commands' in typed && typed.name !== '') {
      validateDefinitionDescription('FROM', [typed.name], node.prevComment, loc, checks);
    }
  }
  if (cmd === 'arg' && typedOk && typed && !('commands' in typed) && typed.kind === 'ARG') {
    validateDefinitionDescription('ARG', typed.args.map((a) => a.key), node.prevComment, loc, checks);
  }
}

function isSelfConsistentCasing(s: string): boolean {
  return s === s.toLowerCase() || s === s.toUpperCase();
}

function validateCommandCasing(stages: TypedStage[], checks: Checks): void {
  let lower = 0;
  let upper = 0;
  const count = (name: string) => {
    if (!isSelfConsistentCasing(name)) return;
    if (name.toLowerCase() === name) lower++;
    else upper++;
  };
  for (const s of stages) {
    count(s.origCmd);
    for (const c of s.commands) count(c.name);
  }
  const majorityLower = lower > upper;
  const check = (name: string, loc: Loc) => {
    let casing = '';
    if (majorityLower && name.toLowerCase() !== name) casing = 'lowercase';
    else if (!majorityLower && name.toUpperCase() !== name) casing = 'uppercase';
    if (casing) checks.add('ConsistentInstructionCasing', ruleMessage.ConsistentInstructionCasing(name, casing), loc);
  };
  for (const s of stages) {
    check(s.origCmd, s);
    for (const c of s.commands) check(c.name, c);
  }
}

function validateStageNames(stages: TypedStage[], checks: Checks): void {
  const seen = new Set<string>();
  for (const s of stages) {
    if (s.name === '') continue;
    if (RESERVED_STAGE_NAMES.has(s.name)) checks.add('ReservedStageName', ruleMessage.ReservedStageName(s.name), s);
    if (seen.has(s.name)) checks.add('DuplicateStageName', ruleMessage.DuplicateStageName(s.name), s);
    seen.add(s.name);
  }
}

function validateNoSecretKey(instruction: string, key: string, loc: Loc, checks: Checks): void {
  if (SECRET_RE.test(key) && !SECRET_ALLOW_RE.test(key)) {
    checks.add('SecretsUsedInArgOrEnv', ruleMessage.SecretsUsedInArgOrEnv(instruction, key), loc);
  }
}

// Global ARGs -----------------------------------------------------------------------------

function defaultArgs(platform: Platform, overrides: Record<string, string>, target: string): EnvList {
  const env = new EnvList();
  const pairs: [string, string][] = [
    ['BUILDPLATFORM', formatPlatform({ os: platform.os, architecture: platform.architecture, ...(platform.variant ? { variant: platform.variant } : {}) })],
    ['BUILDOS', platform.os],
    ['BUILDOSVERSION', platform.osVersion ?? ''],
    ['BUILDARCH', platform.architecture],
    ['BUILDVARIANT', platform.variant ?? ''],
    ['TARGETPLATFORM', formatPlatform(platform)],
    ['TARGETOS', platform.os],
    ['TARGETOSVERSION', platform.osVersion ?? ''],
    ['TARGETARCH', platform.architecture],
    ['TARGETVARIANT', platform.variant ?? ''],
    ['TARGETSTAGE', target || 'default'],
  ];
  for (const [k, v] of pairs) env.set(k, Object.hasOwn(overrides, k) ? (overrides[k] as string) : v);
  return env;
}

interface MetaArgInfo {
  value?: string;
}

function buildMetaArgs(
  globals: EnvList,
  escape: string,
  metaArgs: Extract<TypedCommand, { kind: 'ARG' }>[],
  buildArgs: Record<string, string> | undefined,
): { env: EnvList; all: Map<string, MetaArgInfo> } {
  const env = globals.clone();
  const all = new Map<string, MetaArgInfo>();
  for (const cmd of metaArgs) {
    for (const kp of cmd.args) {
      let value = kp.value;
      if (buildArgs && Object.hasOwn(buildArgs, kp.key)) {
        value = buildArgs[kp.key];
      } else if (value !== undefined) {
        const r = processWord(value, env, { escapeToken: escape });
        if (!r.ok) throw new PlanError(r.error, cmd.startLine, cmd.endLine);
        value = r.result;
      }
      const info: MetaArgInfo = {};
      if (value !== undefined) {
        env.set(kp.key, value);
        info.value = value;
      }
      all.set(kp.key, info);
    }
  }
  return { env, all };
}

// Paths -----------------------------------------------------------------------------------

function cleanPath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (abs) return '/' + joined;
  return joined === '' ? '.' : joined;
}

function joinPath(...parts: string[]): string {
  const nonEmpty = parts.filter((p) => p !== '');
  if (nonEmpty.length === 0) return '';
  return cleanPath(nonEmpty.join('/'));
}

/** util/system.NormalizePath for Linux. */
function normalizePath(parent: string, newPath: string, keepSlash: boolean): string {
  const orig = newPath;
  if (parent === '') parent = '/';
  if (!parent.startsWith('/')) parent = joinPath('/', parent);
  if (newPath === '') newPath = parent;
  if (!newPath.startsWith('/')) newPath = joinPath(parent, newPath);
  if (keepSlash) {
    if (orig.endsWith('/') && !newPath.endsWith('/')) newPath += '/';
    else if (orig.endsWith('/.')) {
      if (newPath !== '/') newPath += '/';
      newPath += '.';
    }
  }
  return newPath;
}

function pathRelativeToWorkingDir(dir: string, p: string): string {
  if (p.startsWith('/')) return normalizePath('/', p, true);
  if (p === '.' || p === '') p = './';
  return normalizePath(dir, p, true);
}

// Formatting ------------------------------------------------------------------------------

function uppercaseCmd(str: string): string {
  const sp = str.indexOf(' ');
  if (sp < 0) return str.toUpperCase();
  return (str.slice(0, sp) as string).toUpperCase() + str.slice(sp);
}

function processCmdEnv(cmd: string, env: EnvGetter, opts: LexOptions): string {
  const r = processWord(cmd, env, opts);
  return r.ok ? r.result : cmd;
}

function prefixCommand(d: DState, text: string, isOnBuild: boolean): StepInfo | undefined {
  if (d.cmdTotal === 0) return undefined;
  d.cmdIndex++;
  const width = String(d.cmdTotal).length;
  let prefix = '[';
  if (d.stageName !== '') prefix += d.stageName + ' ';
  prefix += `${String(d.cmdIndex).padStart(width)}/${d.cmdTotal}] `;
  if (isOnBuild) prefix += 'ONBUILD ';
  return { index: d.cmdIndex, total: d.cmdTotal, prefix, text, name: prefix + text };
}

function summarizeHeredoc(doc: string): string {
  const lines = doc.trim().replace(/\r\n/g, '\n').split('\n');
  return (lines[0] as string) + (lines.length > 1 ? '...' : '');
}

function withShell(config: ImageConfig, args: string[]): string[] {
  const shell = config.Shell && config.Shell.length > 0 ? [...config.Shell] : ['/bin/sh', '-c'];
  return [...shell, args.join(' ')];
}

function runCommandString(args: string[], buildArgs: { key: string; value?: string }[], env: EnvGetter): string {
  const tmp: string[] = [];
  const idx = new Map<string, number>();
  for (const arg of buildArgs) {
    const v = env.get(arg.key) ?? arg.value ?? '';
    const at = idx.get(arg.key);
    if (at !== undefined) tmp[at] = `${arg.key}=${v}`;
    else {
      idx.set(arg.key, tmp.length);
      tmp.push(`${arg.key}=${v}`);
    }
  }
  if (tmp.length > 0) tmp.unshift(`|${tmp.length}`);
  return [...tmp, ...args].join(' ');
}

function addEnv(list: string[] | undefined, k: string, v: string): string[] {
  const env = list ? [...list] : [];
  const at = env.findIndex((e) => (e.split('=')[0] as string) === k);
  if (at >= 0) env[at] = `${k}=${v}`;
  else env.push(`${k}=${v}`);
  return env;
}

function isHttpSource(src: string): boolean {
  return (src.startsWith('http://') || src.startsWith('https://')) && !isGitSource(src);
}

/** A simplified gitutil.ParseGitRef: sources BuildKit fetches with git. */
function isGitSource(src: string): boolean {
  if (/^(git:\/\/|ssh:\/\/|git@[^:]+:)/.test(src)) return true;
  if (/^https?:\/\//.test(src)) return /\.git(?:$|[#/?])/.test(src.replace(/^https?:\/\/[^/]+/, ''));
  return false;
}

// nat.ParsePortSpecs, only what EXPOSE uses.
function parsePortRange(s: string): [number, number] | undefined {
  if (s === '') return undefined;
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = m[2] !== undefined ? Number(m[2]) : start;
  if (start > 65535 || end > 65535 || end < start) return undefined;
  return [start, end];
}

function parseExposedPorts(specs: string[]): string[] | string {
  const out = new Set<string>();
  for (const raw of specs) {
    const parts = raw.split(':');
    let container = parts[parts.length - 1] as string;
    let hostPort = '';
    let ip = '';
    if (parts.length === 2) hostPort = parts[0] as string;
    else if (parts.length >= 3) {
      hostPort = parts[parts.length - 2] as string;
      ip = parts.slice(0, parts.length - 2).join(':');
    }
    let proto = '';
    const slash = container.split('/');
    if (container === '' || (slash[0] as string) === '') {
      proto = '';
      container = '';
    } else if (slash.length === 1) proto = 'tcp';
    else if ((slash[1] as string) === '') {
      proto = 'tcp';
      container = slash[0] as string;
    } else {
      proto = slash[1] as string;
      container = slash[0] as string;
    }
    if (ip !== '' && !/^\[?[0-9a-fA-F:.]+\]?$/.test(ip)) return `invalid IP address: ${ip}`;
    if (container === '') return `no port specified: ${raw}<empty>`;
    const range = parsePortRange(container);
    if (!range) return `invalid containerPort: ${container}`;
    if (hostPort !== '' && !parsePortRange(hostPort)) return `invalid hostPort: ${hostPort}`;
    if (!['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) return `invalid proto: ${proto}`;
    for (let p = range[0]; p <= range[1]; p++) out.add(`${p}/${proto.toLowerCase()}`);
  }
  return [...out];
}

function compareGo(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SIGNALS = new Set([
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL',
  'PROF', 'PWR', 'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1',
  'USR2', 'VTALRM', 'WINCH', 'XCPU', 'XFSZ', 'RTMIN', 'RTMAX',
  ...Array.from({ length: 15 }, (_, i) => `RTMIN+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `RTMAX-${i + 1}`),
]);

function checkSignal(sig: string): string | undefined {
  if (/^[+-]?\d+$/.test(sig)) return Number(sig) === 0 ? `invalid signal: ${sig}` : undefined;
  const name = sig.toUpperCase().replace(/^SIG/, '');
  return SIGNALS.has(name) ? undefined : `invalid signal: ${sig}`;
}

function checkChmod(chmod: string): string | undefined {
  const nonOctal = `invalid chmod parameter: '${chmod}'. it should be octal string and between 0 and 07777`;
  if (/^[0-9]+$/.test(chmod)) {
    if (!/^[0-7]+$/.test(chmod) || parseInt(chmod, 8) > 0o7777) return nonOctal;
    return undefined;
  }
  if (/^([ugoa]*[-+=]([rwxXst]*|[ugo]))(,[ugoa]*[-+=]([rwxXst]*|[ugo]))*$/.test(chmod)) return undefined;
  return nonOctal;
}

// Mounts ----------------------------------------------------------------------------------

const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const SHARING_MODES = ['shared', 'private', 'locked'];
const MOUNT_KEYS = [
  'type', 'from', 'source', 'target', 'readonly', 'id', 'sharing', 'required', 'size', 'mode', 'uid', 'gid', 'src',
  'dst', 'destination', 'ro', 'rw', 'readwrite', 'env',
];

function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** commands_runmount.go parseMount, with variables expanded. */
function parseMount(val: string, expand: (w: string) => string): RunMount {
  const m: RunMount = {
    type: 'bind', from: '', source: '', target: '', readOnly: false, sizeLimit: 0, id: '', sharing: '', required: false,
  };
  let roAuto = true;
  for (const field of splitCsv(val)) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0) {
      if (key === 'readonly' || key === 'ro') {
        m.readOnly = true;
        roAuto = false;
        continue;
      }
      if (key === 'readwrite' || key === 'rw') {
        m.readOnly = false;
        roAuto = false;
        continue;
      }
      if (key === 'required') {
        if (m.type === 'secret' || m.type === 'ssh') {
          m.required = true;
          continue;
        }
        throw new PlanError(`unexpected key '${key}' for mount type '${m.type}'`);
      }
      throw new PlanError(`invalid field '${field}' must be a key=value pair`);
    }
    const value = expand(field.slice(eq + 1));
    const invalid = () => new PlanError(`invalid value for ${key}: ${value}`);
    switch (key) {
      case 'type': {
        const t = value.toLowerCase();
        if (!MOUNT_TYPES.includes(t)) {
          throw new PlanError(withSuggestion(`unsupported mount type ${goQuote(value)}`, value, MOUNT_TYPES, true));
        }
        m.type = t as RunMount['type'];
        break;
      }
      case 'from': m.from = value; break;
      case 'source': case 'src': m.source = value; break;
      case 'target': case 'dst': case 'destination': m.target = value; break;
      case 'readonly': case 'ro': {
        const b = parseBool(value);
        if (b === undefined) throw invalid();
        m.readOnly = b;
        roAuto = false;
        break;
      }
      case 'readwrite': case 'rw': {
        const b = parseBool(value);
        if (b === undefined) throw invalid();
        m.readOnly = !b;
        roAuto = false;
        break;
      }
      case 'required': {
        if (m.type !== 'secret' && m.type !== 'ssh') throw new PlanError(`unexpected key '${key}' for mount type '${m.type}'`);
        const b = parseBool(value);
        if (b === undefined) throw invalid();
        m.required = b;
        break;
      }
      case 'size': {
        if (m.type !== 'tmpfs') throw new PlanError(`unexpected key '${key}' for mount type '${m.type}'`);
        const n = parseRamInBytes(value);
        if (n === undefined) throw invalid();
        m.sizeLimit = n;
        break;
      }
      case 'id': m.id = value; break;
      case 'sharing': {
        const s = value.toLowerCase();
        if (!SHARING_MODES.includes(s)) {
          throw new PlanError(withSuggestion(`unsupported sharing value ${goQuote(value)}`, value, SHARING_MODES, true));
        }
        m.sharing = s as RunMount['sharing'];
        break;
      }
      case 'mode':
        if (!/^[0-7]+$/.test(value)) throw new PlanError(`invalid value ${value} for mode`);
        m.mode = parseInt(value, 8);
        break;
      case 'uid':
        if (!/^\d+$/.test(value)) throw new PlanError(`invalid value ${value} for uid`);
        m.uid = Number(value);
        break;
      case 'gid':
        if (!/^\d+$/.test(value)) throw new PlanError(`invalid value ${value} for gid`);
        m.gid = Number(value);
        break;
      case 'env': m.env = value; break;
      default:
        throw new PlanError(withSuggestion(`unexpected key '${key}' in '${field}'`, key, MOUNT_KEYS, true));
    }
  }
  const fileInfoAllowed = m.type === 'secret' || m.type === 'ssh' || m.type === 'cache';
  if (!fileInfoAllowed) {
    if (m.mode !== undefined) throw new PlanError(`mode not allowed for ${goQuote(m.type)} type mounts`);
    if (m.uid !== undefined) throw new PlanError(`uid not allowed for ${goQuote(m.type)} type mounts`);
    if (m.gid !== undefined) throw new PlanError(`gid not allowed for ${goQuote(m.type)} type mounts`);
  }
  if (roAuto) m.readOnly = !(m.type === 'cache' || m.type === 'tmpfs');
  if (m.type === 'secret') {
    if (m.from !== '') throw new PlanError('secret mount should not have a from');
    if (m.sharing !== '') throw new PlanError('secret mount should not define sharing');
    if (m.source === '' && m.target === '' && m.id === '') throw new PlanError('invalid secret mount. one of source, target required');
    if (m.source !== '' && m.id !== '') throw new PlanError("both source and id can't be set");
  }
  if (m.sharing !== '' && m.type !== 'cache') throw new PlanError(`invalid cache sharing set for ${m.type} mount`);
  return m;
}

/** The `from=` of each mount as BuildKit reads it before expansion (to find dependencies). */
function mountFromAtParse(val: string): string {
  for (const field of splitCsv(val)) {
    const eq = field.indexOf('=');
    if (eq >= 0 && field.slice(0, eq).toLowerCase() === 'from') return field.slice(eq + 1);
  }
  return '';
}

// The planner -----------------------------------------------------------------------------

class Planner {
  readonly checks = new Checks();
  private readonly states: DState[] = [];
  private readonly byName = new Map<string, DState>();
  private readonly escape: string;
  private readonly platform: Platform;
  private globalArgs = new EnvList();

  constructor(private readonly parsed: ParsedDockerfile, private readonly opts: PlanOptions) {
    this.escape = parsed.escapeToken;
    this.platform = opts.platform ?? DEFAULT_PLATFORM;
  }

  private lex(extra: LexOptions = {}): LexOptions {
    return { escapeToken: this.escape, ...extra };
  }

  private addState(ds: DState): void {
    this.states.push(ds);
    const base = this.byName.get(ds.baseName);
    if (base) ds.base = base;
    if (ds.typed && ds.typed.name !== '') this.byName.set(ds.typed.name.toLowerCase(), ds);
  }

  private names(): string[] {
    return this.states.filter((s) => s.stageName !== '').map((s) => s.stageName);
  }

  plan(): DockerfilePlan {
    const parsed = this.parsed;
    const checks = this.checks;
    const cfg = checkConfigFor(parsed.check?.value, this.opts.buildArgs);
    if ('error' in cfg) throw new PlanError(cfg.error, undefined, undefined, 'lint');
    for (const w of parsed.warnings) {
      checks.add('NoEmptyContinuation', ruleMessage.NoEmptyContinuation(), { startLine: w.line, endLine: w.line });
    }
    const labs = /labs/.test(parsed.syntax ?? '');
    const typed = typeDockerfile(parsed, { labs });
    if ('kind' in typed) {
      // Checks BuildKit raised for the nodes before the failing one (and the failing one's pre-checks).
      const failAt = typed.location?.startLine ?? Infinity;
      for (const node of parsed.nodes) {
        if (node.startLine > failAt) break;
        const failing = node.startLine === failAt;
        const ok = !failing || !typed.message.startsWith('dockerfile parse error');
        nodeChecks(node, ok, checks, ok ? typeForChecks(node, labs) : undefined);
      }
      throw new PlanError(typed.message, typed.location?.startLine, typed.location?.endLine, typed.phase);
    }
    {
      let si = 0;
      let ci = 0;
      for (const node of parsed.nodes) {
        const owner = typed.stages[si];
        let t: TypedCommand | TypedStage | undefined;
        if (owner && owner.node === node) {
          t = owner;
          ci = 0;
          si++;
        } else if (si === 0) {
          t = typed.metaArgs.find((a) => a.node === node);
        } else {
          t = typed.stages[si - 1]?.commands[ci++];
        }
        nodeChecks(node, true, checks, t);
      }
    }
    const stages = typed.stages;
    if (stages.length === 0) throw new PlanError('dockerfile contains no stages to build', undefined, undefined, 'instruction');
    validateStageNames(stages, checks);
    validateCommandCasing(stages, checks);

    const buildArgs = this.opts.buildArgs ?? {};
    const targetName = this.opts.target || (stages[stages.length - 1] as TypedStage).name;
    const globals = defaultArgs(this.platform, buildArgs, targetName);

    // InvalidDefaultArgInFrom: the base names must be valid with the defaults alone.
    try {
      const { env } = buildMetaArgs(globals, this.escape, typed.metaArgs, undefined);
      for (const st of stages) {
        const r = processWord(st.baseName, env, this.lex());
        if (!r.ok) break;
        if (typeof parseNormalizedNamed(r.result) === 'string') {
          checks.add('InvalidDefaultArgInFrom', ruleMessage.InvalidDefaultArgInFrom(st.baseName), st);
        }
      }
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
    }

    const meta = buildMetaArgs(globals, this.escape, typed.metaArgs, buildArgs);
    this.globalArgs = meta.env;
    const fromKeys = new Set<string>([...meta.all.keys(), ...meta.env.keys()]);
    const reportUnusedFromArgs = (unmatched: Set<string>, loc: Loc) => {
      for (const arg of unmatched) {
        if (fromKeys.has(arg)) continue;
        checks.add('UndefinedArgInFrom', ruleMessage.UndefinedArgInFrom(arg, suggest(arg, [...fromKeys], true)), loc);
      }
    };

    for (const [i, st] of stages.entries()) {
      const loc: Loc = { startLine: st.startLine, endLine: st.endLine };
      const nameMatch = processWord(st.baseName, meta.env, this.lex());
      if (nameMatch.ok) reportUnusedFromArgs(nameMatch.unmatched, loc);
      if (!nameMatch.ok) throw new PlanError(nameMatch.error, loc.startLine, loc.endLine);
      if (nameMatch.result === '') {
        throw new PlanError(`base name (${st.baseName}) should not be blank`, loc.startLine, loc.endLine);
      }
      const ds = newState({ typed: st, stageIndex: i, unregistered: false, baseName: nameMatch.result, loc });
      if (st.platform !== '') ds.platform = this.resolvePlatform(st, meta.env, loc, reportUnusedFromArgs);
      ds.stageName = st.name !== '' ? st.name : `stage-${i}`;
      this.addState(ds);
      let total = 0;
      if (ds.baseName !== 'scratch' && !ds.base) total = 1;
      for (const c of st.commands) {
        if (c.kind === 'ADD' || c.kind === 'COPY' || c.kind === 'RUN' || c.kind === 'WORKDIR') total++;
      }
      ds.cmdTotal = total;
    }

    let target: DState;
    if (!this.opts.target) {
      target = this.states[this.states.length - 1] as DState;
    } else {
      const found = this.byName.get(this.opts.target.toLowerCase());
      if (!found) {
        throw new PlanError(
          withSuggestion(`target stage ${goQuote(this.opts.target)} could not be found`, this.opts.target, this.names(), true),
          undefined,
          undefined,
          'target',
        );
      }
      target = found;
    }

    // Dependencies: COPY --from and RUN --mount=from add sources (images become extra states).
    for (const d of [...this.states]) {
      d.commands = (d.typed?.commands ?? []).map((cmd) => this.toCommand(cmd, false));
      for (const c of d.commands) for (const src of c.sources) d.deps.set(src, c.cmd);
    }
    this.validateCircularDependency();
    if (this.states.length === 1) (this.states[0] as DState).stageName = '';

    const reachable = new Set<DState>();
    const addReachable = (s: DState) => {
      if (reachable.has(s)) return;
      reachable.add(s);
      if (s.base) addReachable(s.base);
      for (const dep of s.deps.keys()) addReachable(dep);
    };

    for (;;) {
      reachable.clear();
      addReachable(target);
      this.resolveStages(reachable);
      let newDeps = false;
      for (const d of this.states) {
        if (!reachable.has(d)) continue;
        this.init(d);
        const triggers = [...(d.config.OnBuild ?? [])];
        if (d.base && !d.onBuildInit) {
          for (const c of d.base.commands) if (c.cmd.kind === 'ONBUILD') triggers.push(c.cmd.expression);
          d.onBuildInit = true;
        }
        if (triggers.length > 0) {
          if (this.initOnBuildTriggers(d, triggers)) newDeps = true;
          delete d.config.OnBuild;
        }
      }
      if (!newDeps) break;
    }

    for (const d of this.states) {
      if (!this.opts.allStages && (!reachable.has(d) || d.dispatched)) continue;
      if (d.unregistered) continue;
      this.init(d);
      d.dispatched = true;
      if (!EnvList.fromKeyValues(d.config.Env ?? []).has('PATH')) {
        d.config.Env = [...(d.config.Env ?? []), `PATH=${DEFAULT_PATH}`];
      }
      for (const kv of d.config.Env ?? []) {
        const eq = kv.indexOf('=');
        d.env.set(eq < 0 ? kv : kv.slice(0, eq), eq < 0 ? '' : kv.slice(eq + 1));
      }
      if (d.config.WorkingDir) d.config.WorkingDir = normalizePath(d.config.WorkingDir, d.config.WorkingDir, false);
      for (const c of d.commands) this.dispatch(d, c);
    }

    const out: Stage[] = [];
    for (const d of this.states) {
      if (!d.typed) continue;
      out.push(this.toStage(d, reachable, target));
    }
    const externalImages: string[] = [];
    for (const d of this.states) {
      if (d.unregistered && d.baseImage && !externalImages.includes(d.baseImage)) externalImages.push(d.baseImage);
    }
    const plan: DockerfilePlan = {
      kind: 'dockerfile-plan',
      stages: out,
      target: target.stageIndex,
      metaArgs: typed.metaArgs.flatMap((c) =>
        c.args.map((a) => {
          const v = meta.all.get(a.key)?.value;
          return v === undefined ? { key: a.key } : { key: a.key, value: v };
        }),
      ),
      externalImages,
      checks: checks.records,
      escapeToken: parsed.escapeToken,
    };
    if (parsed.syntax) plan.syntax = parsed.syntax;
    return plan;
  }

  private resolvePlatform(
    st: TypedStage,
    env: EnvList,
    loc: Loc,
    reportUnusedFromArgs: (u: Set<string>, l: Loc) => void,
  ): Platform {
    const m = processWord(st.platform, env, this.lex());
    if (m.ok) {
      reportUnusedFromArgs(m.unmatched, loc);
      if (m.matched.size === 1 && m.unmatched.size === 0 && m.matched.has('TARGETPLATFORM')) {
        if (m.result === env.get('TARGETPLATFORM')) {
          this.checks.add('RedundantTargetPlatform', ruleMessage.RedundantTargetPlatform(st.platform), loc);
        }
      }
      if (m.matched.size === 0 && m.unmatched.size === 0) {
        const p = parsePlatform(m.result);
        if (typeof p !== 'string' && !st.name.includes(p.os) && !st.name.includes(p.architecture)) {
          this.checks.add('FromPlatformFlagConstDisallowed', ruleMessage.FromPlatformFlagConstDisallowed(m.result), loc);
        }
      }
    }
    if (!m.ok) {
      throw new PlanError(`failed to process arguments for platform : ${m.error}`, loc.startLine, loc.endLine);
    }
    const withHint = (msg: string) => {
      for (const k of m.unmatched) {
        const s = suggest(k, env.keys(), true);
        if (s) return `${msg} (did you mean ${s}?)`;
      }
      return msg;
    };
    if (m.result === '') {
      throw new PlanError(withHint(`empty platform value from expression ${st.platform}`), loc.startLine, loc.endLine);
    }
    const p = parsePlatform(m.result);
    if (typeof p === 'string') {
      throw new PlanError(`failed to parse platform ${st.platform}: ${withHint(p)}`, loc.startLine, loc.endLine);
    }
    return p;
  }

  private toCommand(cmd: TypedCommand, isOnBuild: boolean): PlannedCommand {
    const sources: DState[] = [];
    if (cmd.kind === 'COPY' && cmd.from !== '') {
      if (/^[+-]?\d+$/.test(cmd.from)) {
        const index = Number(cmd.from);
        const s = this.states[index];
        if (index < 0 || !s) throw new PlanError(`invalid stage index ${index}`);
        sources.push(s);
      } else {
        let s = this.byName.get(cmd.from.toLowerCase());
        if (!s) {
          s = newState({ baseName: cmd.from, loc: { startLine: cmd.startLine, endLine: cmd.endLine }, stageIndex: -1, unregistered: true });
          this.addState(s);
        }
        sources.push(s);
      }
    }
    if (cmd.kind === 'RUN') {
      for (const mount of cmd.mounts) {
        const from = mountFromAtParse(mount) || 'scratch';
        let s = this.byName.get(from.toLowerCase());
        if (!s) {
          // BuildKit registers a state even for mounts without `from` (as "scratch").
          s = newState({ baseName: from, loc: { startLine: cmd.startLine, endLine: cmd.endLine }, stageIndex: -1, unregistered: true });
          this.addState(s);
        }
        sources.push(s);
      }
    }
    return { cmd, sources, isOnBuild };
  }

  private validateCircularDependency(): void {
    const visited = new Set<DState>();
    const path = new Set<DState>();
    const visit = (s: DState, current: TypedCommand[]): TypedCommand[] | undefined => {
      if (visited.has(s)) return undefined;
      visited.add(s);
      path.add(s);
      for (const [dep, c] of s.deps) {
        const next = [...current, c];
        if (path.has(dep)) return next;
        const found = visit(dep, next);
        if (found) return found;
      }
      path.delete(s);
      return undefined;
    };
    for (const s of this.states) {
      const cycle = visit(s, []);
      if (cycle) {
        const first = cycle[0] as TypedCommand;
        throw new PlanError(`circular dependency detected on stage: ${s.stageName}`, first.startLine, first.endLine);
      }
    }
  }

  private resolveStages(reachable: Set<DState>): void {
    for (const d of this.states) {
      if (d.base || d.dispatched || d.resolved) continue;
      const isReachable = reachable.has(d) || !!this.opts.allStages;
      d.resolved = isReachable;
      if (d.baseName === 'scratch') {
        d.isScratch = true;
        // BuildKit's emptyImage: scratch starts with PATH and WorkingDir "/".
        d.config = { Env: [`PATH=${DEFAULT_PATH}`], WorkingDir: '/' };
        if (d.unregistered) d.dispatched = true;
        continue;
      }
      const ref = parseNormalizedNamed(d.baseName);
      if (typeof ref === 'string') {
        throw new PlanError(`failed to parse stage name ${goQuote(d.baseName)}: ${ref}`, d.loc.startLine, d.loc.endLine);
      }
      d.baseImage = formatTagNameOnly(ref);
      if (isReachable) {
        const info = this.opts.resolveImage?.(d.baseImage);
        if (info) {
          d.baseInfo = info;
          d.config = cloneConfig(info.config);
          const expected = d.platform ?? this.platform;
          if (!d.unregistered && info.os && info.architecture && (info.os !== expected.os || info.architecture !== expected.architecture)) {
            const actual = formatPlatform({ os: info.os, architecture: info.architecture });
            this.checks.add(
              'InvalidBaseImagePlatform',
              ruleMessage.InvalidBaseImagePlatform(d.baseName, formatPlatform(expected), actual),
              d.loc,
            );
          }
        }
      }
      if (d.unregistered) {
        d.dispatched = true;
        continue;
      }
      const step = prefixCommand(d, `FROM ${d.baseImage}`, false);
      if (step) d.fromStep = step;
    }
  }

  /** dispatchState.init: a stage built on another stage starts from that stage's state. */
  private init(d: DState): void {
    const b = d.base;
    if (!b) return;
    d.env = b.env.clone();
    d.platform = b.platform ?? d.platform;
    d.config = cloneConfig(b.config);
    delete d.config.OnBuild;
    d.workdirSet = b.workdirSet;
    d.buildArgs = [...d.buildArgs, ...b.buildArgs];
  }

  private initOnBuildTriggers(d: DState, triggers: string[]): boolean {
    let hasNewDeps = false;
    const cmds: PlannedCommand[] = [];
    const fail = (msg: string): never => {
      throw new PlanError(msg, d.loc.startLine, d.loc.endLine);
    };
    for (const trigger of triggers) {
      const ast = parseDockerfile(trigger);
      if ('message' in ast) fail(ast.message);
      const parsedTrigger = ast as ParsedDockerfile;
      if (parsedTrigger.nodes.length !== 1) fail('onbuild trigger should be a single expression');
      const node = { ...(parsedTrigger.nodes[0] as DockerfileNode), startLine: d.loc.startLine, endLine: d.loc.endLine };
      const typed = typeSingleCommand(node);
      if (typeof typed === 'string') fail(typed);
      const planned = this.toCommand(typed as TypedCommand, true);
      if (planned.sources.length > 0) hasNewDeps = true;
      cmds.push(planned);
      for (const src of planned.sources) d.deps.set(src, planned.cmd);
    }
    d.commands = [...cmds, ...d.commands];
    d.cmdTotal += cmds.length;
    return hasNewDeps;
  }

  // Dispatch --------------------------------------------------------------------------------

  private expandWord(d: DState, cmd: TypedCommand, word: string): string {
    const r = processWord(word, d.env, this.lex());
    const unmatched = r.ok ? r.unmatched : new Set<string>();
    this.reportUnmatched(d, cmd, unmatched);
    if (!r.ok) throw new PlanError(r.error);
    return r.result;
  }

  private reportUnmatched(d: DState, cmd: TypedCommand, unmatched: Set<string>): void {
    if (unmatched.size === 0) return;
    const declared = new Set(d.buildArgs.map((a) => a.key));
    for (const v of unmatched) {
      if (declared.has(v) || NON_ENV_ARGS.has(v)) continue;
      this.checks.add('UndefinedVar', ruleMessage.UndefinedVar(v, suggest(v, d.env.keys(), true)), cmd);
    }
  }

  private dispatch(d: DState, c: PlannedCommand): void {
    try {
      this.dispatchCommand(d, c);
    } catch (e) {
      if (e instanceof PlanError && e.startLine === undefined) {
        throw new PlanError(e.message, c.cmd.startLine, c.cmd.endLine, e.phase);
      }
      throw e;
    }
  }

  private base(c: PlannedCommand): Omit<Instruction, 'kind'> & { onBuild: boolean } {
    return {
      keyword: c.cmd.name,
      startLine: c.cmd.startLine,
      endLine: c.cmd.endLine,
      source: c.cmd.code,
      onBuild: c.isOnBuild,
    };
  }

  private history(createdBy: string, withLayer: boolean, buildkitSuffix: boolean): HistoryRecord {
    return { createdBy: buildkitSuffix ? `${createdBy} # buildkit` : createdBy, emptyLayer: !withLayer };
  }

  /** Sets a build variable, refusing environments past Baleia's bound (limits.ts). */
  private setEnv(d: DState, key: string, value: string): void {
    d.env.set(key, value);
    let size = 0;
    for (const [k, v] of d.env.entries()) size += k.length + v.length + 1;
    if (size > DOCKERFILE_LIMITS.maxEnvLength) {
      throw new PlanError(`the stage's variables (ENV and ARG) exceed ${DOCKERFILE_LIMITS.maxEnvLength} characters`, undefined, undefined, 'limit');
    }
  }

  private dir(d: DState): string {
    return d.config.WorkingDir || '/';
  }

  private dispatchCommand(d: DState, c: PlannedCommand): void {
    const cmd = c.cmd;
    const expand = (w: string) => this.expandWord(d, cmd, w);
    switch (cmd.kind) {
      case 'MAINTAINER': {
        d.author = cmd.maintainer;
        d.instructions.push({ ...this.base(c), kind: 'MAINTAINER', maintainer: cmd.maintainer, history: this.history(`MAINTAINER ${cmd.maintainer}`, false, false) });
        return;
      }
      case 'ENV': {
        const pairs = cmd.env.map((kv) => ({ key: expand(kv.key), value: expand(kv.value), noDelim: kv.noDelim }));
        let msg = 'ENV';
        for (const p of pairs) {
          if (p.noDelim) this.checks.add('LegacyKeyValueFormat', ruleMessage.LegacyKeyValueFormat(cmd.name), cmd);
          validateNoSecretKey('ENV', p.key, cmd, this.checks);
          msg += ` ${p.key}=${p.value}`;
          this.setEnv(d, p.key, p.value);
          d.config.Env = addEnv(d.config.Env, p.key, p.value);
        }
        d.instructions.push({
          ...this.base(c),
          kind: 'ENV',
          pairs: pairs.map(({ key, value }) => ({ key, value })),
          legacy: pairs.some((p) => p.noDelim),
          history: this.history(msg, false, false),
        });
        return;
      }
      case 'LABEL': {
        const labels = cmd.labels.map((kv) => ({ key: expand(kv.key), value: expand(kv.value), noDelim: kv.noDelim }));
        let msg = 'LABEL';
        d.config.Labels = { ...(d.config.Labels ?? {}) };
        for (const l of labels) {
          if (l.noDelim) this.checks.add('LegacyKeyValueFormat', ruleMessage.LegacyKeyValueFormat(cmd.name), cmd);
          d.config.Labels[l.key] = l.value;
          msg += ` ${l.key}=${l.value}`;
        }
        d.instructions.push({
          ...this.base(c),
          kind: 'LABEL',
          labels: labels.map(({ key, value }) => ({ key, value })),
          history: this.history(msg, false, false),
        });
        return;
      }
      case 'WORKDIR': {
        const path = expand(cmd.path);
        if (!d.workdirSet && !path.startsWith('/')) {
          this.checks.add('WorkdirRelativePath', ruleMessage.WorkdirRelativePath(path), cmd);
        }
        d.workdirSet = true;
        const wd = normalizePath(d.config.WorkingDir ?? '', path, false);
        d.config.WorkingDir = wd;
        let step: StepInfo | undefined;
        const createsLayer = wd !== '/';
        if (createsLayer) {
          step = prefixCommand(d, uppercaseCmd(processCmdEnv(cmd.code, d.env, this.lex())), c.isOnBuild);
        }
        d.instructions.push({
          ...this.base(c),
          kind: 'WORKDIR',
          path,
          workdir: wd,
          createsLayer,
          ...(step ? { step } : {}),
          history: this.history(`WORKDIR ${wd}`, createsLayer, false),
        });
        return;
      }
      case 'RUN':
        this.dispatchRun(d, c, cmd);
        return;
      case 'ADD':
      case 'COPY':
        this.dispatchCopy(d, c, cmd);
        return;
      case 'ONBUILD': {
        d.config.OnBuild = [...(d.config.OnBuild ?? []), cmd.expression];
        d.instructions.push({ ...this.base(c), kind: 'ONBUILD', expression: cmd.expression });
        return;
      }
      case 'CMD': {
        this.usedOnce(d, 'cmd', cmd);
        let args = cmd.cmdLine;
        if (cmd.prependShell) {
          if (!d.config.Shell || d.config.Shell.length === 0) {
            this.checks.add('JSONArgsRecommended', ruleMessage.JSONArgsRecommended(cmd.name), cmd);
          }
          args = withShell(d.config, args);
        }
        d.config.Cmd = args;
        d.config.ArgsEscaped = true;
        d.instructions.push({
          ...this.base(c),
          kind: 'CMD',
          form: cmd.prependShell ? 'shell' : 'exec',
          args,
          history: this.history(`CMD ${goQuoteList(args)}`, false, false),
        });
        return;
      }
      case 'ENTRYPOINT': {
        this.usedOnce(d, 'entrypoint', cmd);
        let args = cmd.cmdLine;
        if (cmd.prependShell) {
          if (!d.config.Shell || d.config.Shell.length === 0) {
            this.checks.add('JSONArgsRecommended', ruleMessage.JSONArgsRecommended(cmd.name), cmd);
          }
          args = withShell(d.config, args ?? []);
        }
        d.config.Entrypoint = args;
        const resetsCmd = !d.trackers.cmd;
        if (resetsCmd) d.config.Cmd = null;
        d.instructions.push({
          ...this.base(c),
          kind: 'ENTRYPOINT',
          form: cmd.prependShell ? 'shell' : 'exec',
          args,
          resetsCmd,
          history: this.history(`ENTRYPOINT ${goQuoteList(args ?? [])}`, false, false),
        });
        return;
      }
      case 'HEALTHCHECK': {
        this.usedOnce(d, 'healthcheck', cmd);
        const h = cmd.health;
        d.config.Healthcheck = { Test: h.test };
        if (h.interval) d.config.Healthcheck.Interval = h.interval;
        if (h.timeout) d.config.Healthcheck.Timeout = h.timeout;
        if (h.startPeriod) d.config.Healthcheck.StartPeriod = h.startPeriod;
        if (h.startInterval) d.config.Healthcheck.StartInterval = h.startInterval;
        if (h.retries) d.config.Healthcheck.Retries = h.retries;
        // fmt's %q of *HealthcheckConfig: durations quoted, Retries as a rune literal.
        const createdBy = `HEALTHCHECK &{${goQuoteList(h.test)} ${goQuote(formatGoDuration(h.interval))} ${goQuote(
          formatGoDuration(h.timeout),
        )} ${goQuote(formatGoDuration(h.startPeriod))} ${goQuote(formatGoDuration(h.startInterval))} ${goQuoteRune(h.retries)}}`;
        d.instructions.push({ ...this.base(c), kind: 'HEALTHCHECK', ...h, history: this.history(createdBy, false, false) });
        return;
      }
      case 'EXPOSE': {
        const ports: string[] = [];
        for (const p of cmd.ports) {
          const r = processWord(p, d.env, this.lex());
          if (!r.ok) throw new PlanError(r.error);
          ports.push(...r.words);
        }
        const parsed = parseExposedPorts(ports);
        if (typeof parsed === 'string') throw new PlanError(parsed);
        const keys = [...parsed].sort(compareGo);
        d.config.ExposedPorts = { ...(d.config.ExposedPorts ?? {}) };
        for (const k of keys) d.config.ExposedPorts[k] = {};
        d.instructions.push({
          ...this.base(c),
          kind: 'EXPOSE',
          ports: keys,
          history: this.history(`EXPOSE map[${keys.map((k) => `${k}:{}`).join(' ')}]`, false, false),
        });
        return;
      }
      case 'USER': {
        const user = expand(cmd.user);
        d.config.User = user;
        d.instructions.push({ ...this.base(c), kind: 'USER', user, history: this.history(`USER ${user}`, false, false) });
        return;
      }
      case 'VOLUME': {
        const volumes = cmd.volumes.map(expand);
        d.config.Volumes = { ...(d.config.Volumes ?? {}) };
        for (const v of volumes) {
          if (v === '') throw new PlanError('VOLUME specified can not be an empty string');
          d.config.Volumes[v] = {};
        }
        d.instructions.push({ ...this.base(c), kind: 'VOLUME', volumes, history: this.history(`VOLUME ${goList(volumes)}`, false, false) });
        return;
      }
      case 'STOPSIGNAL': {
        const signal = expand(cmd.signal);
        const bad = checkSignal(signal);
        if (bad) throw new PlanError(bad);
        d.config.StopSignal = signal;
        d.instructions.push({ ...this.base(c), kind: 'STOPSIGNAL', signal, history: this.history(`STOPSIGNAL ${signal}`, false, false) });
        return;
      }
      case 'SHELL': {
        d.config.Shell = [...cmd.shell];
        d.instructions.push({ ...this.base(c), kind: 'SHELL', shell: [...cmd.shell], history: this.history(`SHELL ${goList(cmd.shell)}`, false, false) });
        return;
      }
      case 'ARG':
        this.dispatchArg(d, c, cmd);
        return;
    }
  }

  private usedOnce(d: DState, which: 'cmd' | 'entrypoint' | 'healthcheck', cmd: TypedCommand): void {
    const prev = d.trackers[which];
    if (prev) this.checks.add('MultipleInstructionsDisallowed', ruleMessage.MultipleInstructionsDisallowed(cmd.name), prev);
    d.trackers[which] = { startLine: cmd.startLine, endLine: cmd.endLine };
  }

  private dispatchArg(d: DState, c: PlannedCommand, cmd: Extract<TypedCommand, { kind: 'ARG' }>): void {
    const buildArgs = this.opts.buildArgs ?? {};
    const commit: string[] = [];
    const out: { key: string; value?: string }[] = [];
    for (const arg of cmd.args) {
      validateNoSecretKey('ARG', arg.key, cmd, this.checks);
      const hasValue = Object.hasOwn(buildArgs, arg.key);
      let value = arg.value;
      if (value === undefined && !hasValue) {
        const g = this.globalArgs.get(arg.key);
        if (g !== undefined) value = g;
      }
      if (hasValue) {
        value = buildArgs[arg.key] as string;
      } else if (arg.value !== undefined) {
        const r = processWord(arg.value, d.env, this.lex());
        this.reportUnmatched(d, cmd, r.ok ? r.unmatched : new Set());
        if (!r.ok) throw new PlanError(r.error);
        value = r.result;
      }
      if (value !== undefined && !NON_ENV_ARGS.has(arg.key)) this.setEnv(d, arg.key, value);
      d.buildArgs.push(value === undefined ? { key: arg.key } : { key: arg.key, value });
      out.push(value === undefined ? { key: arg.key } : { key: arg.key, value });
      commit.push(value === undefined ? arg.key : `${arg.key}=${value}`);
    }
    d.instructions.push({ ...this.base(c), kind: 'ARG', args: out, history: this.history(`ARG ${commit.join(' ')}`, false, false) });
  }

  private dispatchRun(d: DState, c: PlannedCommand, cmd: Extract<TypedCommand, { kind: 'RUN' }>): void {
    const expand = (w: string) => this.expandWord(d, cmd, w);
    const mounts = cmd.mounts.map((m) => parseMount(m, expand));
    let customName = cmd.code;
    let args = cmd.cmdLine;
    let script: { path: string; content: string } | undefined;
    const files = cmd.files;
    if (files.length > 0) {
      if (args.length !== 1 || !cmd.prependShell) {
        throw new PlanError(`parsing produced an invalid run command: ${goList(args)}`);
      }
      const only = parseHeredocWord(args[0] as string);
      const first = files[0] as (typeof files)[number];
      if (only && !('error' in only)) {
        const data = first.chomp ? chompHeredocContent(first.content) : first.content;
        if (first.content.startsWith('#!')) {
          const path = `/dev/pipes/${first.name}`.replace(/\/+/g, '/');
          script = { path, content: data };
          args = [path];
        } else {
          args = [data];
        }
        customName += ` (${summarizeHeredoc(first.content)})`;
      } else {
        let full = args[0] as string;
        for (const f of files) full += '\n' + f.content + f.name;
        args = [full];
      }
    }
    if (cmd.prependShell) args = withShell(d.config, args);
    for (const [i, m] of mounts.entries()) {
      const src = c.sources[i];
      const from = m.from !== '' ? m.from : m.type === 'cache' ? 'scratch' : '';
      if (from !== '' && src && !src.dispatched) {
        throw new PlanError(`cannot mount from stage ${goQuote(from)} to ${goQuote(m.target)}, stage needs to be defined before current command`);
      }
    }
    const step = prefixCommand(
      d,
      uppercaseCmd(processCmdEnv(customName, d.env, this.lex({ rawQuotes: true, skipUnsetEnv: true }))),
      c.isOnBuild,
    );
    const run: RunInstruction = {
      kind: 'RUN',
      keyword: cmd.name,
      startLine: cmd.startLine,
      endLine: cmd.endLine,
      source: cmd.code,
      onBuild: c.isOnBuild,
      form: cmd.prependShell ? 'shell' : 'exec',
      args,
      heredocs: files,
      mounts,
      network: cmd.network as RunInstruction['network'],
      env: this.envSnapshot(d),
      workdir: this.dir(d),
      user: d.config.User ?? '',
      history: this.history(`RUN ${runCommandString(args, d.buildArgs, d.env)}`, true, true),
    };
    if (script) run.script = script;
    if (step) run.step = step;
    d.instructions.push(run);
  }

  /** The environment as `K=V` lines, shared between RUNs while no ENV or ARG changes it. */
  private envSnapshot(d: DState): string[] {
    if (d.envSnapshot && d.envSnapshotVersion === d.env.version) return d.envSnapshot;
    d.envSnapshot = d.env.toKeyValues();
    d.envSnapshotVersion = d.env.version;
    return d.envSnapshot;
  }

  private dispatchCopy(d: DState, c: PlannedCommand, cmd: Extract<TypedCommand, { kind: 'ADD' | 'COPY' }>): void {
    const expand = (w: string) => this.expandWord(d, cmd, w);
    const chown = expand(cmd.chown);
    const chmod = expand(cmd.chmod);
    const checksum = cmd.kind === 'ADD' ? expand(cmd.checksum) : '';
    const sources = cmd.sourcePaths.map(expand);
    const dest = expand(cmd.destPath);
    const contents = cmd.sourceContents.map((sc) => {
      if (!sc.expand) return { path: sc.path, data: sc.data };
      const r = processWord(sc.data, d.env, { escapeToken: '\\', skipProcessQuotes: true });
      this.reportUnmatched(d, cmd, r.ok ? r.unmatched : new Set());
      if (!r.ok) throw new PlanError(r.error);
      return { path: sc.path, data: r.result };
    });

    let from: CopyFrom | undefined;
    if (cmd.kind === 'COPY' && cmd.from !== '') {
      const src = c.sources[0] as DState;
      if (!src.dispatched) {
        throw new PlanError(
          `cannot copy from stage ${goQuote(cmd.from)}, it needs to be defined before current stage ${goQuote(d.stageName)}`,
        );
      }
      from = src.unregistered
        ? { kind: 'image', ref: cmd.from, image: src.baseImage ?? cmd.from }
        : { kind: 'stage', stage: src.stageIndex, name: src.typed?.name ?? '' };
    }
    const destPath = pathRelativeToWorkingDir(this.dir(d), dest);
    if (chmod !== '') {
      const bad = checkChmod(chmod);
      if (bad) throw new PlanError(bad);
    }
    if (checksum !== '') {
      if (sources.length !== 1) throw new PlanError("checksum can't be specified for multiple sources");
      if (!isHttpSource(sources[0] as string) && !isGitSource(sources[0] as string)) {
        throw new PlanError('checksum requires HTTP(S) or Git sources');
      }
    }
    let msg = cmd.kind;
    if (cmd.kind === 'COPY' && cmd.parents) msg += ' --parents';
    if (chown !== '') msg += ` --chown=${chown}`;
    if (chmod !== '') msg += ` --chmod=${chmod}`;
    const stepText = uppercaseCmd(processCmdEnv(cmd.code, d.env, this.lex()));
    const step = prefixCommand(d, stepText, c.isOnBuild);
    for (const src of sources) {
      msg += ` ${src}`;
      if (isGitSource(src)) {
        if (cmd.kind === 'COPY') throw new PlanError("source can't be a git ref for COPY");
      } else if (isHttpSource(src)) {
        if (cmd.kind === 'COPY') throw new PlanError("source can't be a URL for COPY");
      } else if (this.opts.isIgnored && !(cmd.kind === 'COPY' && from) && this.opts.isIgnored(src)) {
        this.checks.add('CopyIgnoredFile', ruleMessage.CopyIgnoredFile(cmd.kind === 'ADD' ? 'Add' : 'Copy', src), cmd);
      }
    }
    for (const sc of contents) msg += ` <<${sc.path}`;
    msg += ` ${dest}`;
    const common = {
      ...this.base(c),
      sources,
      contents,
      dest,
      destPath,
      ...(chown !== '' ? { chown } : {}),
      ...(chmod !== '' ? { chmod } : {}),
      link: cmd.link,
      workdir: this.dir(d),
      user: d.config.User ?? '',
      ...(step ? { step } : {}),
      history: this.history(msg, true, true),
    };
    if (cmd.kind === 'COPY') {
      d.instructions.push({ ...common, kind: 'COPY', ...(from ? { from } : {}), parents: cmd.parents, exclude: cmd.exclude });
    } else {
      d.instructions.push({ ...common, kind: 'ADD', ...(checksum !== '' ? { checksum } : {}), keepGitDir: cmd.keepGitDir, exclude: cmd.exclude });
    }
  }

  private toStage(d: DState, reachable: Set<DState>, target: DState): Stage {
    const t = d.typed as TypedStage;
    const stage: Stage = {
      index: d.stageIndex,
      name: t.name,
      stepName: d.stageName,
      keyword: t.origCmd,
      startLine: t.startLine,
      endLine: t.endLine,
      source: t.code,
      comment: t.comment,
      baseRaw: t.baseName,
      base: d.baseName,
      baseKind: d.base ? 'stage' : d.baseName === 'scratch' ? 'scratch' : 'image',
      reachable: reachable.has(d),
      isTarget: d === target,
      dispatched: d.dispatched,
      instructions: d.instructions,
      config: d.config,
    };
    if (d.base) stage.baseStage = d.base.stageIndex;
    if (d.baseImage && !d.base) stage.baseImage = d.baseImage;
    if (d.platform) stage.platform = formatPlatform(d.platform);
    if (d.fromStep) stage.fromStep = d.fromStep;
    if (d.author !== undefined) stage.author = d.author;
    return stage;
  }
}

/** Types a node on its own for the post-typing checks (descriptions) of a failing file. */
function typeForChecks(node: DockerfileNode, labs: boolean): TypedCommand | TypedStage | undefined {
  if (node.value.toLowerCase() === 'from' || node.value.toLowerCase() === 'arg') {
    const r = typeDockerfile({ kind: 'parsed-dockerfile', text: '', nodes: [node], directives: [], escapeToken: '\\', warnings: [] }, { labs });
    if ('kind' in r) return undefined;
    return r.stages[0] ?? r.metaArgs[0];
  }
  return undefined;
}

/**
 * Types and plans a parsed Dockerfile for a build (or, with `allStages`, for
 * `docker build --check`). Returns the plan, or the error BuildKit would stop the build with;
 * the error carries the build-check warnings raised before it (`checks`).
 */
export function toInstructions(parsed: ParsedDockerfile, opts: PlanOptions = {}): DockerfilePlan | DockerfileError {
  const planner = new Planner(parsed, opts);
  try {
    return planner.plan();
  } catch (e) {
    if (e instanceof PlanError) {
      const err = dockerfileError(e.phase, e.message, e.startLine, e.endLine);
      err.checks = planner.checks.records;
      return err;
    }
    throw e;
  }
}
