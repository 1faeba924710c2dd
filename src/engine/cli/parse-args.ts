// Turns a shell-split `docker ...` line into a structured command, or into exactly what the
// real docker 28.2.2 client prints when it stops on its own (flag errors, argument counts,
// unknown commands, help, --version).
//
// The algorithm follows the client step by step because its quirks are visible to students:
//   1. global flags are parsed up to the first word that is not a flag (pflag, not interspersed);
//   2. `cobra.Command.Find` walks the tree once (only to merge the inherited --help flag into
//      the commands it passes, which changes how a later step reads `-h`);
//   3. build/builder lines go to the buildx plugin when it is installed, else they print the
//      legacy-builder warning;
//   4. `cobra.Command.Traverse` walks again, parsing the flags met before each sub-command;
//   5. the final command parses its flags, then help / --version / argument checks run.

import {
  type ArgRule,
  CLIENT_VERSION_LINE,
  COMMANDS_BY_KEY,
  type CommandNode,
  type CommandSpec,
  type FlagSpec,
  HELP_FLAG,
  ROOT,
} from './args/command-tree';
import { applyFlagValue, type FlagValue } from './args/flag-values';
import { goQuote, goQuoteRune } from './args/go-values';
import { sha256Hex } from '../util/sha256';

export type { ArgRule, CommandSpec, FlagSpec } from './args/command-tree';
export type { FlagValue } from './args/flag-values';
export { type ImageReference, parseNormalizedNamed, type ReferenceResult } from './args/reference';

export interface ParsedDockerCommand {
  ok: true;
  /** Canonical management path: `docker ps` → ['container', 'ls'], `docker rmi` → ['image', 'rm']. */
  path: string[];
  /** cobra's own path for the command that ran (['ps'] for `docker ps`); messages use it. */
  commandPath: string[];
  /** The words the user typed for the command (`docker container list` → ['container', 'list']). */
  typedPath: string[];
  /**
   * Flags given, keyed by long name (hidden aliases are folded: `--net` → `network`,
   * `--time` → `timeout`). bool → boolean; string → string; int/uint/float → number;
   * bytes → number of bytes (`-m 512m` → 536870912; `--memory-swap -1` → -1);
   * decimal → number (`--cpus 1.5` → 1.5); duration → nanoseconds;
   * list/map/filter/mount/network/ulimit/... → string[] in order (list validators may
   * normalise a value as the client does, e.g. `--add-host a=1.2.3.4` → `a:1.2.3.4`,
   * filters → lower-case trimmed `name=value`); strings (CSV) → the split fields.
   */
  flags: Record<string, FlagValue>;
  /** Every raw value given per flag (same keys as `flags`); bools get 'true'/'false'. */
  rawFlags: Record<string, string[]>;
  /** Positional arguments; for run/create/exec everything after the image/container. */
  args: string[];
  /** How many positional args came before a `--`, or -1 when there was none. */
  argsLenAtDash: number;
  /** Global flags given before the command (`-D`, `-H`, `--context`, `-l`, `--config`, ...). */
  global: Record<string, FlagValue>;
  /** Text the client prints before doing the command (deprecation notices), in order. */
  stdout: string;
  stderr: string;
}

/**
 * The client finished by itself: an error (exit 1 or 125), or help / `--version` (exit 0).
 */
export interface DockerCliFailure {
  ok: false;
  stdout: string;
  stderr: string;
  exitCode: number;
}

export type DockerCliResult = ParsedDockerCommand | DockerCliFailure;

export interface ParseOptions {
  /**
   * What answers the client's ping. 'linux' (default): the simulated Docker 28 engine on Linux,
   * not experimental, not in a swarm — Windows-only and experimental flags are refused and help
   * hides what such a host hides. 'none': no daemon at all, exactly like the captured client
   * with DOCKER_HOST pointing nowhere (experimental features then count as available).
   */
  daemon?: 'linux' | 'none';
  /**
   * The buildx plugin is installed (the simulated host has it): `build`, `builder` and
   * `image build` are forwarded to `buildx` as docker/cli's cmd/docker/builder.go does, with no
   * legacy-builder warning. Default false: the captured client, which has no buildx.
   */
  buildx?: boolean;
}

const HELP_HINT = "Run 'docker --help' for more information";

// ---------------------------------------------------------------------------------------------
// Run state

interface FlagSetValues {
  values: Map<string, FlagValue>;
  raw: Map<string, string[]>;
  /** Long names given (aliases under their own name, as pflag's Changed). */
  changed: Set<string>;
}

interface RunState {
  daemon: 'linux' | 'none';
  buildx: boolean;
  /** Commands whose inherited flags (the root's --help/-h) are merged into their flag set. */
  merged: Set<CommandNode>;
  /** The root's persistent --help value, shared by every command that inherits it. */
  help: boolean;
  /** cobra's flagErrorBuf per command: deprecation notices, printed (whole) after a clean parse. */
  notices: Map<CommandNode, string>;
  values: Map<CommandNode, FlagSetValues>;
  stdout: string;
  stderr: string;
}

function newValues(): FlagSetValues {
  return { values: new Map(), raw: new Map(), changed: new Set() };
}

function valuesOf(st: RunState, c: CommandNode): FlagSetValues {
  let v = st.values.get(c);
  if (!v) {
    v = newValues();
    st.values.set(c, v);
  }
  return v;
}

function lookupLong(st: RunState, c: CommandNode, name: string): FlagSpec | undefined {
  const own = c.longFlags.get(name);
  if (own) return own;
  if (!st.merged.has(c)) return undefined;
  if (name === 'help') return HELP_FLAG;
  for (let p = c.parent; p; p = p.parent) {
    const f = p.longFlags.get(name);
    if (f?.persistent) return f;
  }
  return undefined;
}

function lookupShort(st: RunState, c: CommandNode, ch: string): FlagSpec | undefined {
  const own = c.shortFlags.get(ch);
  if (own) return own;
  if (!st.merged.has(c)) return undefined;
  if (ch === 'h' && !c.ownHelp) return HELP_FLAG;
  for (let p = c.parent; p; p = p.parent) {
    const f = p.shortFlags.get(ch);
    if (f?.persistent) return f;
  }
  return undefined;
}

function hasNoOptDefVal(f: FlagSpec | undefined): boolean {
  return f !== undefined && f.type === 'bool';
}

// ---------------------------------------------------------------------------------------------
// pflag's FlagSet.Parse

interface PflagResult {
  args: string[];
  argsLenAtDash: number;
  error?: string;
}

interface FlagSetAccess {
  long(name: string): FlagSpec | undefined;
  short(ch: string): FlagSpec | undefined;
  set(flag: FlagSpec, value: string): string | undefined;
  notice(text: string): void;
}

function pflagParse(argv: string[], fs: FlagSetAccess, interspersed: boolean): PflagResult {
  const out: string[] = [];
  let argsLenAtDash = -1;
  let args = argv.slice();
  while (args.length > 0) {
    const s = args[0]!;
    args = args.slice(1);
    if (s.length === 0 || s[0] !== '-' || s.length === 1) {
      if (!interspersed) {
        out.push(s, ...args);
        return { args: out, argsLenAtDash };
      }
      out.push(s);
      continue;
    }
    if (s[1] === '-') {
      if (s.length === 2) {
        argsLenAtDash = out.length;
        out.push(...args);
        break;
      }
      const r = parseLongArg(s, args, fs);
      if (r.error !== undefined) return { args: out, argsLenAtDash, error: r.error };
      args = r.args;
    } else {
      const r = parseShortArg(s, args, fs);
      if (r.error !== undefined) return { args: out, argsLenAtDash, error: r.error };
      args = r.args;
    }
  }
  return { args: out, argsLenAtDash };
}

function parseLongArg(s: string, args: string[], fs: FlagSetAccess): { args: string[]; error?: string } {
  let name = s.slice(2);
  if (name.length === 0 || name[0] === '-' || name[0] === '=') return { args, error: `bad flag syntax: ${s}` };
  const eq = name.indexOf('=');
  const inline = eq >= 0 ? name.slice(eq + 1) : undefined;
  if (eq >= 0) name = name.slice(0, eq);
  const flag = fs.long(name);
  if (!flag) return { args, error: `unknown flag: --${name}` };
  let value: string;
  if (inline !== undefined) value = inline;
  else if (flag.type === 'bool') value = 'true';
  else if (args.length > 0) {
    value = args[0]!;
    args = args.slice(1);
  } else return { args, error: `flag needs an argument: ${s}` };
  const err = fs.set(flag, value);
  return err === undefined ? { args } : { args, error: err };
}

function parseShortArg(s: string, args: string[], fs: FlagSetAccess): { args: string[]; error?: string } {
  let shorthands = s.slice(1);
  let outArgs = args;
  while (shorthands.length > 0) {
    // pflag skips Go test flags such as -test.v.
    if (shorthands.startsWith('test.')) break;
    const c = shorthands[0]!;
    let rest = shorthands.slice(1);
    const flag = fs.short(c);
    if (!flag) {
      return { args: outArgs, error: `unknown shorthand flag: ${quoteShorthand(shorthands)} in -${shorthands}` };
    }
    let value: string;
    if (shorthands.length > 2 && shorthands[1] === '=') {
      value = shorthands.slice(2);
      rest = '';
    } else if (flag.type === 'bool') {
      value = 'true';
    } else if (shorthands.length > 1) {
      value = shorthands.slice(1);
      rest = '';
    } else if (args.length > 0) {
      value = args[0]!;
      outArgs = args.slice(1);
    } else {
      return { args: outArgs, error: `flag needs an argument: ${quoteShorthand(shorthands)} in -${shorthands}` };
    }
    if (flag.shorthandDeprecated) {
      fs.notice(`Flag shorthand -${flag.short} has been deprecated, ${flag.shorthandDeprecated}\n`);
    }
    const err = fs.set(flag, value);
    if (err !== undefined) return { args: outArgs, error: err };
    shorthands = rest;
  }
  return { args: outArgs };
}

/** pflag quotes the first byte of the shorthand group with Go's %q of a byte. */
function quoteShorthand(shorthands: string): string {
  const code = shorthands.charCodeAt(0);
  if (code < 0x80) return goQuoteRune(shorthands[0]!);
  const firstUtf8Byte = new TextEncoder().encode(shorthands)[0]!;
  return goQuoteRune(String.fromCharCode(firstUtf8Byte));
}

function flagDisplayName(f: FlagSpec): string {
  return f.short && !f.shorthandDeprecated ? `-${f.short}, --${f.long}` : `--${f.long}`;
}

/** A FlagSet view of one command (its own flags plus the inherited --help once merged). */
function commandFlagSet(st: RunState, c: CommandNode, notice: (t: string) => void): FlagSetAccess {
  const vals = valuesOf(st, c);
  return {
    long: (name) => lookupLong(st, c, name),
    short: (ch) => lookupShort(st, c, ch),
    notice,
    set: (flag, value) => setFlag(st, c, vals, flag, value, notice),
  };
}

function setFlag(
  st: RunState,
  c: CommandNode,
  vals: FlagSetValues,
  flag: FlagSpec,
  value: string,
  notice: (t: string) => void,
): string | undefined {
  const key = flag.aliasOf ?? flag.long;
  const r = applyFlagValue(c.canonicalKey, { name: key, type: flag.type }, value, vals.values.get(key));
  if (!r.ok) return `invalid argument ${goQuote(value)} for "${flagDisplayName(flag)}" flag: ${r.error}`;
  if (flag === HELP_FLAG) st.help = r.value as boolean;
  vals.values.set(key, r.value);
  vals.raw.set(key, [...(vals.raw.get(key) ?? []), value]);
  vals.changed.add(flag.long);
  if (flag.deprecated) notice(`Flag --${flag.long} has been deprecated, ${flag.deprecated}\n`);
  return undefined;
}

/** cobra's Command.ParseFlags: parse, then print the notices buffer if parsing succeeded. */
function parseCommandFlags(st: RunState, c: CommandNode, args: string[]): PflagResult {
  st.merged.add(c);
  const before = st.notices.get(c) ?? '';
  let buf = before;
  const fs = commandFlagSet(st, c, (t) => (buf += t));
  const r = pflagParse(args, fs, c.spec.interspersed);
  st.notices.set(c, buf);
  if (buf.length > before.length && r.error === undefined) st.stdout += buf;
  return r;
}

// ---------------------------------------------------------------------------------------------
// cobra's Find (for its side effect of merging inherited flags) and Traverse

function findNext(st: RunState, c: CommandNode, name: string): CommandNode | undefined {
  const next = c.children.get(name);
  // A plugin's commands exist only where the plugin is installed.
  if (next?.spec.plugin === 'buildx' && !st.buildx) return undefined;
  return next;
}

/** docker/cli's forwardBuilder: the words that send a line to the buildx plugin. */
function forwardToBuildx(args: string[]): string[] {
  if (args[0] === 'builder') return ['buildx', ...args.slice(1)];
  if (args[0] === 'build') return ['buildx', 'build', ...args.slice(1)];
  if (args[0] === 'image' && args[1] === 'build') return ['buildx', 'build', ...args.slice(2)];
  return args;
}

function stripFlags(st: RunState, args: string[], c: CommandNode): string[] {
  st.merged.add(c);
  const commands: string[] = [];
  let rest = args.slice();
  while (rest.length > 0) {
    const s = rest[0]!;
    rest = rest.slice(1);
    if (s === '--') break;
    const longWithValue = s.startsWith('--') && !s.includes('=') && !hasNoOptDefVal(lookupLong(st, c, s.slice(2)));
    const shortWithValue =
      s.startsWith('-') && !s.includes('=') && s.length === 2 && !hasNoOptDefVal(lookupShort(st, c, s.slice(1, 2)));
    if (longWithValue || shortWithValue) {
      if (rest.length <= 1) break;
      rest = rest.slice(1);
      continue;
    }
    if (s !== '' && !s.startsWith('-')) commands.push(s);
  }
  return commands;
}

function argsMinusFirstX(st: RunState, args: string[], x: string, c: CommandNode): string[] {
  for (let pos = 0; pos < args.length; pos++) {
    const s = args[pos]!;
    if (s === '--') break;
    const longWithValue = s.startsWith('--') && !s.includes('=') && !hasNoOptDefVal(lookupLong(st, c, s.slice(2)));
    const shortWithValue =
      s.startsWith('-') && !s.includes('=') && s.length === 2 && !hasNoOptDefVal(lookupShort(st, c, s.slice(1, 2)));
    if (longWithValue || shortWithValue) {
      pos++;
      continue;
    }
    if (!s.startsWith('-') && s === x) return [...args.slice(0, pos), ...args.slice(pos + 1)];
  }
  return args;
}

/** cobra's Command.Find; returns the command, the args left and whether cobra reports an error. */
function find(st: RunState, args: string[]): { cmd: CommandNode; args: string[]; unknown: boolean } {
  let c = ROOT;
  let a = args;
  for (;;) {
    const stripped = stripFlags(st, a, c);
    const next = stripped.length > 0 ? findNext(st, c, stripped[0]!) : undefined;
    if (!next) break;
    a = argsMinusFirstX(st, a, stripped[0]!, c);
    c = next;
  }
  // legacyArgs: only the root (no Args validator, has sub-commands) refuses a leftover word.
  const unknown = c === ROOT && stripFlags(st, a, c).length > 0;
  return { cmd: c, args: a, unknown };
}

interface TraverseResult {
  cmd: CommandNode;
  args: string[];
  typed: string[];
  error?: string;
}

function traverse(st: RunState, start: CommandNode, args: string[]): TraverseResult {
  let c = start;
  let rest = args;
  const typed: string[] = [];
  outer: for (;;) {
    const flags: string[] = [];
    let inFlag = false;
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i]!;
      if (arg.startsWith('--') && !arg.includes('=')) {
        // cobra's own TODO: it guesses whether the next word is this flag's value.
        inFlag = !hasNoOptDefVal(lookupLong(st, c, arg.slice(2)));
        flags.push(arg);
        continue;
      }
      if (arg.startsWith('-') && !arg.includes('=') && arg.length === 2 && !hasNoOptDefVal(lookupShort(st, c, arg.slice(1)))) {
        inFlag = true;
        flags.push(arg);
        continue;
      }
      if (inFlag) {
        inFlag = false;
        flags.push(arg);
        continue;
      }
      if ((arg.length >= 3 && arg.startsWith('--')) || (arg.length >= 2 && arg[0] === '-' && arg[1] !== '-')) {
        flags.push(arg);
        continue;
      }
      const next = findNext(st, c, arg);
      if (!next) return { cmd: c, args: rest, typed };
      const r = parseCommandFlags(st, c, flags);
      if (r.error !== undefined) return { cmd: c, args: rest, typed, error: r.error };
      typed.push(arg);
      c = next;
      rest = rest.slice(i + 1);
      continue outer;
    }
    return { cmd: c, args: rest, typed };
  }
}

// ---------------------------------------------------------------------------------------------
// Messages

function commandPathOf(c: CommandNode): string {
  return c.spec.commandPath;
}

function helpFor(st: RunState, c: CommandNode): string {
  return st.daemon === 'linux' ? (c.spec.helpLinux ?? c.spec.help) : c.spec.help;
}

function flagErrorText(c: CommandNode, err: string): string {
  return `${err}\n\nUsage:  ${c.spec.useLine}\n\nRun '${commandPathOf(c)} --help' for more information`;
}

function plural(n: number): string {
  return n === 1 ? 'argument' : 'arguments';
}

/** docker/cli's cli/required.go, including the "SRun" typo of 28.2.2. */
function argError(c: CommandNode, rule: ArgRule, n: number): string | undefined {
  const cp = commandPathOf(c);
  const usage = `\n\nUsage:  ${c.spec.useLine}\n\n`;
  switch (rule.kind) {
    case 'any':
      return undefined;
    case 'none':
      if (n === 0) return undefined;
      if (c.spec.group || c === ROOT) {
        return `docker: unknown command: ${cp} ${'{ARG0}'}${usage}Run '${cp} --help' for more information`;
      }
      return `docker: '${cp}' accepts no arguments${usage}Run '${cp} --help' for more information`;
    case 'min':
      if (n >= rule.min) return undefined;
      return `docker: '${cp}' requires at least ${rule.min} ${plural(rule.min)}${usage}See '${cp} --help' for more information`;
    case 'max':
      if (n <= rule.max) return undefined;
      return `docker: '${cp}' requires at most ${rule.max} ${plural(rule.max)}${usage}SRun '${cp} --help' for more information`;
    case 'exact':
      if (n === rule.n) return undefined;
      return `docker: '${cp}' requires ${rule.n} ${plural(rule.n)}${usage}Run '${cp} --help' for more information`;
    case 'range':
      if (n >= rule.min && n <= rule.max) return undefined;
      return `docker: '${cp}' requires at least ${rule.min} and at most ${rule.max} ${plural(rule.max)}${usage}Run '${cp} --help' for more information`;
    case 'cobraExact':
      if (n === rule.n) return undefined;
      return `accepts ${rule.n} arg(s), received ${n}`;
  }
}

/**
 * The client's isSupported check against what the daemon's ping said. With no daemon the
 * client assumes experimental features exist and knows no OS, so nothing is refused.
 */
function unsupported(st: RunState, c: CommandNode): string | undefined {
  if (st.daemon === 'none') return undefined;
  for (let cur: CommandNode | undefined = c; cur; cur = cur.parent) {
    const ann = cur.spec.annotations;
    if (!ann) continue;
    if (ann.ostype !== undefined && ann.ostype !== 'linux') {
      return `${commandPathOf(c)} is only supported on a Docker daemon running on ${ann.ostype}, but the Docker daemon is running on linux`;
    }
    if (ann.experimental !== undefined) {
      return `${commandPathOf(c)} is only supported on a Docker daemon with experimental features enabled`;
    }
  }
  const vals = st.values.get(c);
  if (!vals) return undefined;
  const errs: string[] = [];
  const changed = [...vals.changed].sort();
  for (const name of changed) {
    const f = lookupLong(st, c, name);
    const ann = f?.annotations;
    if (!ann) continue;
    if (ann.ostype !== undefined && ann.ostype !== 'linux') {
      errs.push(`"--${name}" is only supported on a Docker daemon running on ${ann.ostype}, but the Docker daemon is running on linux`);
      continue;
    }
    if (ann.experimental !== undefined) errs.push(`"--${name}" is only supported on a Docker daemon with experimental features enabled`);
  }
  return errs.length > 0 ? errs.join('\n') : undefined;
}

// ---------------------------------------------------------------------------------------------
// Global flags and client initialisation

const LOG_LEVELS = new Set(['panic', 'fatal', 'error', 'warn', 'warning', 'info', 'debug', 'trace']);

function initializeError(global: Map<string, FlagValue>): string | undefined {
  const level = global.get('log-level');
  if (typeof level === 'string' && level !== '' && !LOG_LEVELS.has(level.toLowerCase())) {
    return `Unable to parse logging level: ${level}`;
  }
  const ctx = global.get('context');
  const hosts = (global.get('host') as string[] | undefined) ?? [];
  if (typeof ctx === 'string' && ctx !== '' && hosts.length > 0) {
    return 'conflicting options: cannot specify both --host and --context';
  }
  const config = typeof global.get('config') === 'string' ? (global.get('config') as string) : '/root/.docker';
  const endpoint = (why: string) => `Failed to initialize: unable to resolve docker endpoint: ${why}`;
  if (typeof ctx === 'string' && ctx !== '' && ctx !== 'default') {
    return endpoint(
      `context ${goQuote(ctx)}: context not found: open ${config}/contexts/meta/${sha256Hex(ctx)}/meta.json: no such file or directory`,
    );
  }
  if (hosts.length > 1) return endpoint('Specify only one -H');
  if (hosts.length === 1) {
    const bad = daemonHostError(hosts[0]!.trim());
    if (bad !== undefined) return endpoint(bad);
  }
  // Naming --tlsverify at all (even =false) turns TLS on; the CA file is read first.
  if (global.get('tls') === true || global.has('tlsverify')) {
    const ca = typeof global.get('tlscacert') === 'string' ? (global.get('tlscacert') as string) : `${config}/ca.pem`;
    return endpoint(`open ${ca}: no such file or directory`);
  }
  return undefined;
}

/** docker/cli opts.parseDockerDaemonHost, for the -H values students try. */
function daemonHostError(addr: string): string | undefined {
  if (addr === '') return undefined;
  const sep = addr.indexOf('://');
  const proto = sep >= 0 ? addr.slice(0, sep) : 'tcp';
  const rest = sep >= 0 ? addr.slice(sep + 3) : addr;
  switch (proto) {
    case 'tcp': {
      if (rest.includes('://') || rest === '') return `invalid proto, expected tcp: ${addr}`;
      const authority = rest.split('/')[0]!;
      const colon = authority.startsWith('[') ? authority.indexOf(':', authority.indexOf(']')) : authority.lastIndexOf(':');
      if (colon >= 0 && !/^\d*$/.test(authority.slice(colon + 1))) {
        return `parse ${goQuote('tcp://' + rest)}: invalid port ${goQuote(authority.slice(colon))} after host`;
      }
      return undefined;
    }
    case 'unix':
    case 'npipe':
      return rest.includes('://') ? `invalid proto, expected ${proto}: ${rest}` : undefined;
    case 'fd':
    case 'ssh':
      return undefined;
    default:
      return `invalid bind address format: ${addr}`;
  }
}

const BUILDX_MISSING_WARNING = `DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
            Install the buildx component to build images with BuildKit:
            https://docs.docker.com/go/buildx/

`;

const BAKE_MISSING_ERROR = `ERROR: docker bake requires the buildx component but it is missing or broken.
       Install the buildx component to use bake:
       https://docs.docker.com/go/buildx/`;

// ---------------------------------------------------------------------------------------------
// The whole client

function done(st: RunState, exitCode: number, extra: { stdout?: string; stderr?: string } = {}): DockerCliFailure {
  return { ok: false, stdout: st.stdout + (extra.stdout ?? ''), stderr: st.stderr + (extra.stderr ?? ''), exitCode };
}

function errorExit(st: RunState, message: string, exitCode: number): DockerCliFailure {
  return done(st, exitCode, { stderr: message + '\n' });
}

function toRecord<T>(m: Map<string, T>): Record<string, T> {
  return Object.fromEntries(m);
}

/** Parses argv (the words after `docker`) as the docker 28.2.2 client does. Pure. */
export function parseDockerArgs(argv: readonly string[], options: ParseOptions = {}): DockerCliResult {
  const st: RunState = {
    daemon: options.daemon ?? 'linux',
    buildx: options.buildx ?? false,
    merged: new Set(),
    help: false,
    notices: new Map(),
    values: new Map(),
    stdout: '',
    stderr: '',
  };

  // 1. Global flags: the root's own flags and --help, stopping at the first command word.
  //    This FlagSet is not cobra's, so its notices go straight to stderr.
  const rootVals = valuesOf(st, ROOT);
  const globalSet: FlagSetAccess = {
    long: (name) => ROOT.longFlags.get(name) ?? (name === 'help' ? HELP_FLAG : undefined),
    short: (ch) => ROOT.shortFlags.get(ch) ?? (ch === 'h' ? HELP_FLAG : undefined),
    notice: (t) => (st.stderr += t),
    set: (flag, value) => setFlag(st, ROOT, rootVals, flag, value, (t) => (st.stderr += t)),
  };
  const g = pflagParse([...argv], globalSet, false);
  if (g.error !== undefined) return errorExit(st, flagErrorText(ROOT, g.error), 125);
  const global = new Map(rootVals.values);
  global.delete('help');

  const initErr = initializeError(global);
  if (initErr !== undefined) return errorExit(st, initErr, 1);

  // 3. The builder shim: with buildx, build lines go to the plugin; without it they warn and
  //    bake fails.
  const args = st.buildx ? forwardToBuildx(g.args) : g.args;
  if (args.length > 0) find(st, args);
  if (!st.buildx) {
    if (args[0] === 'bake') return errorExit(st, BAKE_MISSING_ERROR, 1);
    if (args[0] === 'build' || args[0] === 'builder' || (args[0] === 'image' && args[1] === 'build')) {
      st.stderr += BUILDX_MISSING_WARNING;
    }
  }

  // 4. Traverse.
  const t = traverse(st, ROOT, args);
  if (t.error !== undefined) return errorExit(st, t.error, 1);
  const c = t.cmd;

  // 5. Execute the command found.
  st.merged.add(c);
  const parsed = parseCommandFlags(st, c, t.args);
  if (parsed.error !== undefined) {
    const u = unsupported(st, c);
    if (u !== undefined) return errorExit(st, u, 1);
    return errorExit(st, flagErrorText(c, parsed.error), 125);
  }
  const vals = valuesOf(st, c);
  const helpAsked = c.ownHelp ? vals.values.get('help') === true : st.help;
  if (helpAsked) return printHelp(st, c, args, 'stdout');
  if (c === ROOT && rootVals.values.get('version') === true) {
    return done(st, 0, { stdout: `${CLIENT_VERSION_LINE}\n` });
  }
  if (!c.spec.runnable) return printHelp(st, c, args, 'stdout');

  const positional = parsed.args;
  if (c.key === 'help') return runHelpCommand(st, positional);

  const rule = c === ROOT ? { kind: 'any' as const } : (c.spec.argRule ?? { kind: 'any' as const });
  if (rule.kind !== 'any') {
    const u = unsupported(st, c);
    if (u !== undefined) return errorExit(st, u, 1);
  }
  const argErr = argError(c, rule, positional.length);
  // A plugin returns the argument error to its main, which prints it after `ERROR: `.
  const argPrefix = c.spec.plugin ? 'ERROR: ' : '';
  if (argErr !== undefined) return errorExit(st, argPrefix + argErr.replace('{ARG0}', positional[0] ?? ''), 1);
  const u = unsupported(st, c);
  if (u !== undefined) return errorExit(st, u, 1);

  if (c === ROOT) {
    if (positional.length === 0) return printHelp(st, c, [], 'stderr');
    return errorExit(st, `docker: unknown command: docker ${positional[0]}\n\n${HELP_HINT}`, 1);
  }
  if (c.spec.group) return printHelp(st, c, [], 'stderr');

  const flags = new Map(vals.values);
  if (!c.ownHelp) flags.delete('help');
  const raw = new Map(vals.raw);
  if (!c.ownHelp) raw.delete('help');
  return {
    ok: true,
    path: [...c.spec.canonical],
    commandPath: [...c.spec.path],
    typedPath: t.typed,
    flags: toRecord(flags),
    rawFlags: toRecord(raw),
    args: positional,
    argsLenAtDash: parsed.argsLenAtDash,
    global: toRecord(global),
    stdout: st.stdout,
    stderr: st.stderr,
  };
}

function printHelp(st: RunState, c: CommandNode, execArgs: string[], stream: 'stdout' | 'stderr'): DockerCliFailure {
  // docker's help func first walks the line again looking for a plugin, which re-parses the
  // flags of the commands on the way (and re-prints their notices).
  if (execArgs.length > 0) traverse(st, ROOT, execArgs);
  const u = unsupported(st, c);
  if (u !== undefined) return done(st, 0, { stdout: u + '\n' });
  const text = helpFor(st, c);
  return done(st, 0, stream === 'stdout' ? { stdout: text } : { stderr: text });
}

function runHelpCommand(st: RunState, topic: string[]): DockerCliFailure {
  const f = find({ ...st, merged: new Set(st.merged) }, topic);
  if (f.unknown || f.args.length > 0) return errorExit(st, `unknown help topic: ${f.args.join(' ')}`, 1);
  const u = unsupported(st, f.cmd);
  if (u !== undefined) return done(st, 0, { stdout: u + '\n' });
  return done(st, 0, { stdout: helpFor(st, f.cmd) });
}

// ---------------------------------------------------------------------------------------------
// Lookups for the sub-command authors

function nodeFor(path: readonly string[]): CommandNode | undefined {
  let c: CommandNode | undefined = ROOT;
  for (const word of path) {
    c = c?.children.get(word);
    if (!c) return undefined;
  }
  return c;
}

/** The spec of a command by any path that reaches it (`['ps']`, `['container', 'list']`). */
export function commandSpec(path: readonly string[]): CommandSpec | undefined {
  return nodeFor(path)?.spec;
}

/**
 * The help text `docker <path> --help` prints (what a Linux daemon host shows, unless
 * `daemon: 'none'`). Unknown paths give ''.
 */
export function helpText(path: readonly string[], options: ParseOptions = {}): string {
  const c = nodeFor(path);
  if (!c) return '';
  const daemon = options.daemon ?? 'linux';
  return daemon === 'linux' ? (c.spec.helpLinux ?? c.spec.help) : c.spec.help;
}

/** Every command path the client knows, by its own path (`ps`, `container ls`, ...). */
export function allCommandPaths(): string[][] {
  return [...COMMANDS_BY_KEY.values()].map((c) => [...c.spec.path]);
}

/**
 * The argument-count error the client prints for a command (for sub-command authors that
 * re-check counts after their own parsing); undefined when the count is fine.
 */
export function argumentCountError(path: readonly string[], count: number): string | undefined {
  const c = nodeFor(path);
  if (!c?.spec.argRule) return undefined;
  return argError(c, c.spec.argRule, count);
}
