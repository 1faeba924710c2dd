// Nodes -> typed instructions grouped in stages, as BuildKit's frontend/dockerfile/instructions
// package does it (parse.go, bflag.go, commands_run*.go): argument counts, builder flags,
// stage names, heredoc sources. No variable is expanded here; plan.ts does that.
import { dockerfileError, type DockerfileError } from './errors';
import { goQuote, goTrimSpace, parseGoDuration, withSuggestion } from './go-compat';
import {
  chompHeredocContent,
  parseHeredocWord,
  type DockerfileNode,
  type Heredoc,
  type ParsedDockerfile,
} from './parse';

export const INSTRUCTION_NAMES = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
] as const;

export interface KeyValue {
  key: string;
  value: string;
  /** Written in the legacy `ENV key value` form (no `=`). */
  noDelim: boolean;
}

export interface ArgDefinition {
  key: string;
  /** The default as written (unexpanded); undefined for `ARG NAME`. */
  value?: string;
  /** A `# NAME description` comment above the ARG. */
  comment: string;
}

export interface SourceContent {
  /** The heredoc's name, which becomes the file name (`COPY <<app.conf /etc/`). */
  path: string;
  data: string;
  expand: boolean;
}

export interface HealthConfig {
  /** `['CMD-SHELL', 'curl -f http://localhost/']`, `['CMD', 'x']`, `['NONE']`. */
  test: string[];
  /** Durations in nanoseconds, 0 = inherit (Docker's default). */
  interval: number;
  timeout: number;
  startPeriod: number;
  startInterval: number;
  retries: number;
}

interface TypedBase {
  /** The keyword as written. */
  name: string;
  /** BuildKit's String(): the instruction's text, trimmed. */
  code: string;
  startLine: number;
  endLine: number;
  node: DockerfileNode;
}

export type TypedCommand = TypedBase & (
  | { kind: 'ENV'; env: KeyValue[] }
  | { kind: 'MAINTAINER'; maintainer: string }
  | { kind: 'LABEL'; labels: KeyValue[] }
  | {
      kind: 'ADD';
      sourcePaths: string[];
      sourceContents: SourceContent[];
      destPath: string;
      chown: string;
      chmod: string;
      link: boolean;
      keepGitDir: boolean;
      checksum: string;
      exclude: string[];
    }
  | {
      kind: 'COPY';
      sourcePaths: string[];
      sourceContents: SourceContent[];
      destPath: string;
      from: string;
      chown: string;
      chmod: string;
      link: boolean;
      parents: boolean;
      exclude: string[];
    }
  | { kind: 'ONBUILD'; expression: string }
  | { kind: 'WORKDIR'; path: string }
  | {
      kind: 'RUN';
      cmdLine: string[];
      files: Heredoc[];
      prependShell: boolean;
      mounts: string[];
      network: string;
      security: string;
      devices: string[];
      flagsUsed: string[];
    }
  | { kind: 'CMD'; cmdLine: string[]; files: Heredoc[]; prependShell: boolean }
  | { kind: 'ENTRYPOINT'; cmdLine: string[] | null; files: Heredoc[]; prependShell: boolean }
  | { kind: 'HEALTHCHECK'; health: HealthConfig }
  | { kind: 'EXPOSE'; ports: string[] }
  | { kind: 'USER'; user: string }
  | { kind: 'VOLUME'; volumes: string[] }
  | { kind: 'STOPSIGNAL'; signal: string }
  | { kind: 'ARG'; args: ArgDefinition[] }
  | { kind: 'SHELL'; shell: string[] }
);

export interface TypedStage {
  /** Lower-cased `AS` name, '' when unnamed. */
  name: string;
  /** The `AS` name as written. */
  nameAsWritten: string;
  /** The keyword as written (`FROM`, `from`). */
  origCmd: string;
  /** The `AS` keyword as written, when present. */
  asWord?: string;
  /** The base as written, before ARG expansion. */
  baseName: string;
  platform: string;
  comment: string;
  code: string;
  startLine: number;
  endLine: number;
  node: DockerfileNode;
  commands: TypedCommand[];
}

export interface TypedDockerfile {
  stages: TypedStage[];
  /** ARG instructions before the first FROM. */
  metaArgs: Extract<TypedCommand, { kind: 'ARG' }>[];
}

export interface TypingOptions {
  /** `# syntax=docker/dockerfile:1-labs` features: COPY --parents/--exclude, RUN --security. */
  labs?: boolean;
}

class TypingError extends Error {}

// Builder flags (bflag.go) ----------------------------------------------------------------

type FlagType = 'bool' | 'string' | 'strings';

interface Flag {
  name: string;
  type: FlagType;
  value: string;
  values: string[];
}

class BFlags {
  private readonly flags = new Map<string, Flag>();
  private readonly used = new Map<string, Flag>();

  constructor(private readonly args: readonly string[]) {}

  private add(name: string, type: FlagType, value: string): Flag {
    const flag: Flag = { name, type, value, values: [] };
    this.flags.set(name, flag);
    return flag;
  }

  addBool(name: string, def: boolean): Flag {
    return this.add(name, 'bool', def ? 'true' : 'false');
  }

  addString(name: string, def: string): Flag {
    return this.add(name, 'string', def);
  }

  addStrings(name: string): Flag {
    return this.add(name, 'strings', '');
  }

  usedNames(): string[] {
    return [...this.used.keys()];
  }

  parse(): void {
    for (const a of this.args) {
      if (a === '--') return;
      if (!a.startsWith('--')) throw new TypingError(`arg should start with -- : ${a}`);
      const eq = a.indexOf('=');
      const flagName = eq < 0 ? a : a.slice(0, eq);
      const hasValue = eq >= 0;
      const value = hasValue ? a.slice(eq + 1) : '';
      const arg = flagName.slice(2);
      const flag = this.flags.get(arg);
      if (!flag) {
        throw new TypingError(withSuggestion(`unknown flag: ${flagName}`, arg, [...this.flags.keys()], true));
      }
      if (this.used.has(arg) && flag.type !== 'strings') {
        throw new TypingError(`duplicate flag specified: ${flagName}`);
      }
      this.used.set(arg, flag);
      switch (flag.type) {
        case 'bool': {
          if (hasValue && value === '') throw new TypingError(`missing a value on flag: ${flagName}`);
          const v = value.toLowerCase();
          if (v === 'true' || v === '') flag.value = 'true';
          else if (v === 'false') flag.value = 'false';
          else throw new TypingError(`expecting boolean value for flag ${flagName}, not: ${value}`);
          break;
        }
        case 'string':
          if (!hasValue) throw new TypingError(`missing a value on flag: ${flagName}`);
          flag.value = value;
          break;
        case 'strings':
          if (!hasValue) throw new TypingError(`missing a value on flag: ${flagName}`);
          flag.values.push(value);
          break;
      }
    }
  }
}

// Helpers ---------------------------------------------------------------------------------

/** parse.go nodeArgs: ONBUILD's trigger contributes its keyword and its own arguments. */
function nodeArgs(node: DockerfileNode): string[] {
  if (node.child) return [node.child.value, ...nodeArgs(node.child)];
  return node.next;
}

function errAtLeastOneArgument(command: string): TypingError {
  return new TypingError(`${command} requires at least one argument`);
}

function errExactlyOneArgument(command: string): TypingError {
  return new TypingError(`${command} requires exactly one argument`);
}

function errNoDestinationArgument(command: string): TypingError {
  return new TypingError(
    `${command} requires at least two arguments, but only one was provided. Destination could not be determined`,
  );
}

function handleJSONArgs(args: string[], json: boolean): string[] {
  if (args.length === 0) return [];
  if (json) return args;
  return [args.join(' ')];
}

function getComment(comments: string[], name: string): string {
  if (name === '') return '';
  for (const line of comments) if (line.startsWith(name + ' ')) return line.slice(name.length + 1);
  return '';
}

function parseKvps(args: string[], cmdName: string): KeyValue[] {
  if (args.length === 0) throw errAtLeastOneArgument(cmdName);
  if (args.length % 3 !== 0) throw new TypingError(`Bad input to ${cmdName}, too many arguments`);
  const res: KeyValue[] = [];
  for (let j = 0; j < args.length; j += 3) {
    const key = args[j] as string;
    if (key.length === 0) throw new TypingError(`${cmdName} names can not be blank`);
    res.push({ key, value: args[j + 1] as string, noDelim: args[j + 2] === '' });
  }
  return res;
}

function parseSourcesAndDest(args: string[], heredocs: Heredoc[], command: string) {
  const srcs = args.slice(0, -1);
  const dest = args[args.length - 1] as string;
  const destDoc = parseHeredocWord(dest);
  if (destDoc && !('error' in destDoc)) throw new TypingError(`${command} cannot accept a heredoc as a destination`);
  const lookup = new Map<string, Heredoc>();
  for (const h of heredocs) lookup.set(h.name, h);
  const sourcePaths: string[] = [];
  const sourceContents: SourceContent[] = [];
  for (const src of srcs) {
    const h = parseHeredocWord(src);
    if (h && !('error' in h)) {
      let data = lookup.get(h.name)?.content ?? '';
      if (h.chomp) data = chompHeredocContent(data);
      sourceContents.push({ path: h.name, data, expand: h.expand });
    } else {
      sourcePaths.push(src);
    }
  }
  return { sourcePaths, sourceContents, destPath: dest };
}

function parseOptInterval(flag: Flag): number {
  if (flag.value === '') return 0;
  const d = parseGoDuration(flag.value);
  if (typeof d !== 'number') throw new TypingError(d.error);
  if (d === 0) return 0;
  if (d < 1e6) throw new TypingError(`Interval ${goQuote(flag.name)} cannot be less than 1ms`);
  return d;
}

const VALID_STAGE_NAME = /^[a-z][a-z0-9\-_.]*$/;

const ONBUILD_PREFIX = /^\s*ONBUILD\s*/i;

// One instruction -------------------------------------------------------------------------

function typeCommand(node: DockerfileNode, opts: TypingOptions): TypedCommand | TypedStage {
  const args = nodeArgs(node);
  const flags = new BFlags(node.flags);
  const base = {
    name: node.value,
    code: goTrimSpace(node.original),
    startLine: node.startLine,
    endLine: node.endLine,
    node,
  };
  switch (node.value.toLowerCase()) {
    case 'env': {
      flags.parse();
      return { ...base, kind: 'ENV', env: parseKvps(args, 'ENV') };
    }
    case 'maintainer': {
      if (args.length !== 1) throw errExactlyOneArgument('MAINTAINER');
      flags.parse();
      return { ...base, kind: 'MAINTAINER', maintainer: args[0] as string };
    }
    case 'label': {
      flags.parse();
      return { ...base, kind: 'LABEL', labels: parseKvps(args, 'LABEL') };
    }
    case 'add': {
      if (args.length < 2) throw errNoDestinationArgument('ADD');
      const exclude = opts.labs ? flags.addStrings('exclude') : undefined;
      const chown = flags.addString('chown', '');
      const chmod = flags.addString('chmod', '');
      const link = flags.addBool('link', false);
      const keepGitDir = flags.addBool('keep-git-dir', false);
      const checksum = flags.addString('checksum', '');
      flags.parse();
      return {
        ...base,
        kind: 'ADD',
        ...parseSourcesAndDest(args, node.heredocs, 'ADD'),
        chown: chown.value,
        chmod: chmod.value,
        link: link.value === 'true',
        keepGitDir: keepGitDir.value === 'true',
        checksum: checksum.value,
        exclude: exclude?.values ?? [],
      };
    }
    case 'copy': {
      if (args.length < 2) throw errNoDestinationArgument('COPY');
      const exclude = opts.labs ? flags.addStrings('exclude') : undefined;
      const parents = opts.labs ? flags.addBool('parents', false) : undefined;
      const chown = flags.addString('chown', '');
      const from = flags.addString('from', '');
      const chmod = flags.addString('chmod', '');
      const link = flags.addBool('link', false);
      flags.parse();
      return {
        ...base,
        kind: 'COPY',
        ...parseSourcesAndDest(args, node.heredocs, 'COPY'),
        from: from.value,
        chown: chown.value,
        chmod: chmod.value,
        link: link.value === 'true',
        parents: parents?.value === 'true',
        exclude: exclude?.values ?? [],
      };
    }
    case 'from': {
      let name = '';
      let asWord: string | undefined;
      if (args.length === 3 && (args[1] as string).toLowerCase() === 'as') {
        name = (args[2] as string).toLowerCase();
        asWord = args[1];
        if (!VALID_STAGE_NAME.test(name)) {
          throw new TypingError(
            `invalid name for build stage: ${goQuote(args[2] as string)}, name can't start with a number or contain symbols`,
          );
        }
      } else if (args.length !== 1) {
        throw new TypingError('FROM requires either one or three arguments');
      }
      const platform = flags.addString('platform', '');
      flags.parse();
      const stage: TypedStage = {
        name,
        nameAsWritten: args.length === 3 ? (args[2] as string) : '',
        origCmd: node.value,
        baseName: args[0] as string,
        platform: platform.value,
        comment: getComment(node.prevComment, name),
        code: goTrimSpace(node.original),
        startLine: node.startLine,
        endLine: node.endLine,
        node,
        commands: [],
      };
      if (asWord !== undefined) stage.asWord = asWord;
      return stage;
    }
    case 'onbuild': {
      if (args.length === 0) throw errAtLeastOneArgument('ONBUILD');
      flags.parse();
      const trigger = goTrimSpace(args[0] as string).toUpperCase();
      if (trigger === 'ONBUILD') throw new TypingError("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      if (trigger === 'MAINTAINER' || trigger === 'FROM') {
        throw new TypingError(`${trigger} isn't allowed as an ONBUILD trigger`);
      }
      let expression = node.original.replace(ONBUILD_PREFIX, '');
      // The parser attaches heredocs to the ONBUILD node itself, not to its trigger.
      for (const h of node.heredocs) expression += '\n' + h.content + h.name;
      return { ...base, kind: 'ONBUILD', expression };
    }
    case 'workdir': {
      if (args.length !== 1) throw errExactlyOneArgument('WORKDIR');
      flags.parse();
      return { ...base, kind: 'WORKDIR', path: args[0] as string };
    }
    case 'run': {
      // Registration order follows BuildKit's init() order (file names): device, mount, network.
      const device = flags.addStrings('device');
      const mount = flags.addStrings('mount');
      const network = flags.addString('network', 'default');
      const security = opts.labs ? flags.addString('security', 'sandbox') : undefined;
      flags.parse();
      for (const m of mount.values) checkMountFromAtParse(m);
      if (!['default', 'none', 'host'].includes(network.value)) {
        throw new TypingError(`invalid network mode ${goQuote(network.value)}`);
      }
      if (security && !['insecure', 'sandbox'].includes(security.value)) {
        throw new TypingError(`security ${goQuote(security.value)} is not valid`);
      }
      return {
        ...base,
        kind: 'RUN',
        cmdLine: handleJSONArgs(args, node.json),
        files: node.heredocs,
        prependShell: !node.json,
        mounts: mount.values,
        network: network.value,
        security: security?.value ?? 'sandbox',
        devices: device.values,
        flagsUsed: flags.usedNames(),
      };
    }
    case 'cmd': {
      flags.parse();
      return { ...base, kind: 'CMD', cmdLine: handleJSONArgs(args, node.json), files: node.heredocs, prependShell: !node.json };
    }
    case 'entrypoint': {
      flags.parse();
      const cmdLine = handleJSONArgs(args, node.json);
      return {
        ...base,
        kind: 'ENTRYPOINT',
        cmdLine: cmdLine.length === 0 ? null : cmdLine,
        files: node.heredocs,
        prependShell: !node.json,
      };
    }
    case 'healthcheck':
      return { ...base, kind: 'HEALTHCHECK', health: parseHealthcheck(args, flags, node.json) };
    case 'expose': {
      if (args.length === 0) throw errAtLeastOneArgument('EXPOSE');
      flags.parse();
      return { ...base, kind: 'EXPOSE', ports: [...args].sort(compareGoStrings) };
    }
    case 'user': {
      if (args.length !== 1) throw errExactlyOneArgument('USER');
      flags.parse();
      return { ...base, kind: 'USER', user: args[0] as string };
    }
    case 'volume': {
      if (args.length === 0) throw errAtLeastOneArgument('VOLUME');
      flags.parse();
      const volumes: string[] = [];
      for (const v of args) {
        const t = goTrimSpace(v);
        if (t === '') throw new TypingError('VOLUME specified can not be an empty string');
        volumes.push(t);
      }
      return { ...base, kind: 'VOLUME', volumes };
    }
    case 'stopsignal': {
      // BuildKit never parses STOPSIGNAL's flags, so unknown ones are silently ignored.
      if (args.length !== 1) throw errExactlyOneArgument('STOPSIGNAL');
      return { ...base, kind: 'STOPSIGNAL', signal: args[0] as string };
    }
    case 'arg': {
      if (args.length < 1) throw errAtLeastOneArgument('ARG');
      const defs: ArgDefinition[] = [];
      for (const arg of args) {
        const eq = arg.indexOf('=');
        const def: ArgDefinition = { key: arg, comment: '' };
        if (eq >= 0) {
          if (eq === 0) throw new TypingError('ARG names can not be blank');
          def.key = arg.slice(0, eq);
          def.value = arg.slice(eq + 1);
        }
        def.comment = getComment(node.prevComment, def.key);
        defs.push(def);
      }
      return { ...base, kind: 'ARG', args: defs };
    }
    case 'shell': {
      flags.parse();
      const shell = handleJSONArgs(args, node.json);
      if (shell.length === 0) throw errAtLeastOneArgument('SHELL');
      if (!node.json) throw new TypingError('SHELL requires the arguments to be in JSON form');
      return { ...base, kind: 'SHELL', shell };
    }
  }
  throw new TypingError(
    withSuggestion(`unknown instruction: ${node.value}`, node.value, INSTRUCTION_NAMES, false),
  );
}

function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseHealthcheck(args: string[], flags: BFlags, json: boolean): HealthConfig {
  if (args.length === 0) throw errAtLeastOneArgument('HEALTHCHECK');
  let typ = (args[0] as string).toUpperCase();
  const rest = args.slice(1);
  if (typ === 'NONE') {
    if (rest.length !== 0) throw new TypingError('HEALTHCHECK NONE takes no arguments');
    return { test: [typ], interval: 0, timeout: 0, startPeriod: 0, startInterval: 0, retries: 0 };
  }
  const interval = flags.addString('interval', '');
  const timeout = flags.addString('timeout', '');
  const startPeriod = flags.addString('start-period', '');
  const startInterval = flags.addString('start-interval', '');
  const retries = flags.addString('retries', '');
  flags.parse();
  if (typ !== 'CMD') throw new TypingError(`Unknown type ${goQuote(typ)} in HEALTHCHECK (try CMD)`);
  const cmd = handleJSONArgs(rest, json);
  if (cmd.length === 0) throw new TypingError('Missing command after HEALTHCHECK CMD');
  if (!json) typ = 'CMD-SHELL';
  const health: HealthConfig = {
    test: [typ, ...cmd],
    interval: parseOptInterval(interval),
    timeout: parseOptInterval(timeout),
    startPeriod: parseOptInterval(startPeriod),
    startInterval: parseOptInterval(startInterval),
    retries: 0,
  };
  if (retries.value !== '') {
    if (!/^[+-]?[0-9]+$/.test(retries.value)) {
      throw new TypingError(`strconv.ParseInt: parsing ${goQuote(retries.value)}: invalid syntax`);
    }
    const n = Number(retries.value);
    if (n > 2147483647 || n < -2147483648) {
      throw new TypingError(`strconv.ParseInt: parsing ${goQuote(retries.value)}: value out of range`);
    }
    if (n < 0) throw new TypingError(`--retries cannot be negative (${n})`);
    health.retries = n;
  }
  return health;
}

/** commands_runmount.go at parse time: only `from=` is checked (no variables allowed). */
function checkMountFromAtParse(value: string): void {
  for (const field of splitCsv(value)) {
    const eq = field.indexOf('=');
    if (eq < 0) continue;
    if (field.slice(0, eq).toLowerCase() !== 'from') continue;
    const v = field.slice(eq + 1);
    const idx = v.indexOf('$');
    if (idx !== -1 && idx !== v.length - 1) {
      throw new TypingError("'from' doesn't support variable expansion, define alias stage instead");
    }
  }
}

/** One CSV record, as go-csvvalue reads a `--mount` value (double quotes group commas). */
export function splitCsv(value: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let i = 0;
  let quoted = false;
  let atStart = true;
  while (i < value.length) {
    const c = value[i] as string;
    if (quoted) {
      if (c === '"') {
        if (value[i + 1] === '"') {
          cur += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cur += c;
      i++;
      continue;
    }
    if (c === '"' && atStart) {
      quoted = true;
      atStart = false;
      i++;
      continue;
    }
    if (c === ',') {
      fields.push(cur);
      cur = '';
      atStart = true;
      i++;
      continue;
    }
    cur += c;
    atStart = false;
    i++;
  }
  fields.push(cur);
  return fields;
}

// The whole file --------------------------------------------------------------------------

/**
 * BuildKit's instructions.Parse: stages with their commands, and the ARGs before the first
 * FROM. Errors are worded and located as BuildKit does (`dockerfile parse error on line 3:
 * unknown instruction: FORM (did you mean FROM?)`, `no build stage in current context`).
 */
export function typeDockerfile(parsed: ParsedDockerfile, opts: TypingOptions = {}): TypedDockerfile | DockerfileError {
  const stages: TypedStage[] = [];
  const metaArgs: Extract<TypedCommand, { kind: 'ARG' }>[] = [];
  for (const node of parsed.nodes) {
    let cmd: TypedCommand | TypedStage;
    try {
      cmd = typeCommand(node, opts);
    } catch (e) {
      if (e instanceof TypingError) {
        return dockerfileError(
          'instruction',
          `dockerfile parse error on line ${node.startLine}: ${e.message}`,
          node.startLine,
          node.endLine,
        );
      }
      throw e;
    }
    if ('commands' in cmd) {
      stages.push(cmd);
      continue;
    }
    if (stages.length === 0) {
      if (cmd.kind === 'ARG') {
        metaArgs.push(cmd);
        continue;
      }
      return dockerfileError('instruction', 'no build stage in current context', node.startLine, node.endLine);
    }
    (stages[stages.length - 1] as TypedStage).commands.push(cmd);
  }
  return { stages, metaArgs };
}

/** Types one instruction on its own (ONBUILD triggers replayed from a base image). */
export function typeSingleCommand(node: DockerfileNode, opts: TypingOptions = {}): TypedCommand | string {
  try {
    const cmd = typeCommand(node, opts);
    if ('commands' in cmd) return 'FROM isn\'t allowed as an ONBUILD trigger';
    return cmd;
  } catch (e) {
    if (e instanceof TypingError) return e.message;
    throw e;
  }
}
