// What a container's main process (PID 1) does when it starts. Servers stay up and log;
// a shell with no terminal reads end-of-file and exits at once; scripts run in the container
// with a virtual clock, so `sleep 30` makes the container exit 30 real seconds later.
import { defineCommand, type Command } from 'just-bash';
import type { MachineFs } from '../fs/machine-fs';
import { basename } from '../fs/paths';
import type { HostContext } from '../host-context';
import type { Container, ContainerProcess, LogEntry } from '../model/host-state';
import type { ProgramSpec } from '../registry/catalog-schema';
import { containerFs, findExecutable, shellFlavourOf } from './machines';
import { runShell } from './shell';
import { machineTools } from './tools';
import { runApp } from './tools/app';
import type { AppOutcome } from './tools/app-runner';
import { fail, ok, tool, type ToolContext } from './tools/tool-context';

export interface StartOptions {
  /** Output goes to the student's terminal (docker run without -d, start -a). */
  attach: boolean;
  interactive: boolean;
  tty: boolean;
  /** What was piped into `docker run -i` (a shell then runs it as a script). */
  stdin?: string;
}

export type StartOutcome =
  | { kind: 'failed'; message: string; exitCode: 126 | 127 }
  | {
      kind: 'started';
      /** Log entries written during this command (what an attached terminal shows). */
      output: LogEntry[];
      /** Exited before the command returned. */
      exited: boolean;
      exitCode: number;
      /** The student's prompt now belongs to this container (docker run -it). */
      session: { program: string } | null;
      /** Why it ended so soon or what it became, for the explanation. */
      reason: 'server' | 'shell-eof' | 'finished' | 'timed' | 'waiting' | 'interactive' | 'missing-env' | 'oneshot';
    };

/** How long a container's script is simulated ahead; beyond that it counts as running forever. */
const HORIZON_MS = 15 * 60 * 1000;
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);
const MARKER = /\u0000@T(\d+)\u0000/;

export function envMap(env: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of env) {
    const eq = entry.indexOf('=');
    if (eq > 0) map[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return map;
}

/** Quotes argv for the shell, so exec-form commands run with their exact words. */
export function shellQuote(argv: string[]): string {
  return argv.map((arg) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export function fillTemplate(text: string, ctx: HostContext, container: Container, at: number): string {
  const date = new Date(at).toISOString();
  return text
    .replace(/\{\{date\}\}/g, date.slice(0, 10).replace(/-/g, '/'))
    .replace(/\{\{isodate\}\}/g, date.slice(0, 10))
    .replace(/\{\{time\}\}/g, date.slice(11, 19))
    .replace(/\{\{iso\}\}/g, date)
    .replace(/\{\{pid\}\}/g, '1')
    .replace(/\{\{hostname\}\}/g, container.config.hostname);
}

function logEntries(ctx: HostContext, container: Container, lines: ProgramSpec['startLogs'], at: number): LogEntry[] {
  return lines.map((line) => ({ t: at, stream: line.stream, text: `${fillTemplate(line.text, ctx, container, at)}\n` }));
}

function parseDuration(text: string): number | undefined {
  if (text === 'infinity' || text === 'inf') return Infinity;
  const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text);
  if (!match) return undefined;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? ''] ?? 1000;
  return Number(match[1]) * unit;
}

interface ScriptRun {
  logs: LogEntry[];
  exitCode: number;
  /** Virtual milliseconds the script took (Infinity when it would run forever). */
  duration: number;
  becameServer?: string;
  /** The student's app (node/python) that the script ended up running for good. */
  becameApp?: { program: string; outcome: Exclude<AppOutcome, { kind: 'exit' }> };
}

/** Runs a script as PID 1 with a virtual clock: sleep moves time forward instead of blocking. */
async function runScriptAsMain(
  ctx: HostContext,
  container: Container,
  fs: MachineFs,
  line: string,
  startedAt: number,
): Promise<ScriptRun> {
  let virtual = 0;
  let runsForever = false;
  let becameServer: string | undefined;
  let becameApp: ScriptRun['becameApp'];
  const controller = new AbortController();
  const stop = () => controller.abort();
  const tc: ToolContext = { ctx, fs, container, user: container.config.user };
  const sleep = tool('sleep', (args) => {
    let total = 0;
    for (const arg of args) {
      const ms = parseDuration(arg);
      if (ms === undefined) return fail(`sleep: invalid time interval '${arg}'\n`);
      total += ms;
    }
    if (args.length === 0) return fail('sleep: missing operand\n');
    virtual += total;
    if (virtual > HORIZON_MS) {
      runsForever = true;
      stop();
    }
    return ok(`\u0000@T${Math.min(virtual, HORIZON_MS)}\u0000`);
  });
  const tailFollow = tool('tail', (args) => {
    if (args.some((arg) => arg === '-f' || arg === '-F' || arg === '--follow')) {
      runsForever = true;
      stop();
      return ok();
    }
    return fail('tail: simulated tail only follows here\n');
  });
  // As PID 1, an app that listens or loops is the container's process from then on.
  const apps: Command[] = ['node', 'nodemon', 'python3', 'flask', 'uvicorn', 'gunicorn'].map((program) =>
    defineCommand(program, async (args, shell) => {
      const outcome = runApp(tc, program, args, shell.cwd, shell.env);
      if (outcome.kind === 'exit') return { stdout: outcome.stdout, stderr: outcome.stderr, exitCode: outcome.exitCode };
      becameApp = { program, outcome };
      stop();
      return { stdout: '', stderr: '', exitCode: 0 };
    }),
  );
  const servers: Command[] = Object.entries(ctx.ports.catalog.programs)
    .filter(([, spec]) => spec.kind === 'server')
    .map(([name]) =>
      tool(name, () => {
        becameServer = name;
        stop();
        return ok();
      }),
    );
  const commands = [...machineTools(tc, apps), sleep, ...servers];
  if (/\btail\b/.test(line)) commands.push(tailFollow);
  const env = envMap(container.config.env);
  env.HOSTNAME = container.config.hostname;
  env.HOME ??= container.config.user && container.config.user !== 'root' ? '/' : '/root';
  const result = await runShell({
    fs,
    line,
    cwd: container.config.workingDir || '/',
    env,
    flavour: shellFlavourOf(fs),
    commands,
    signal: controller.signal,
  });

  const logs: LogEntry[] = [];
  let clock = 0;
  for (const piece of result.stdout.split(MARKER)) {
    if (/^\d+$/.test(piece) && result.stdout.includes(`\u0000@T${piece}\u0000`)) {
      clock = Number(piece);
      continue;
    }
    for (const text of piece.match(/[^\n]*\n|[^\n]+$/g) ?? []) logs.push({ t: startedAt + clock, stream: 'stdout', text });
  }
  // Stopping the script on purpose (it became a server, or runs forever) is not an error to show.
  const stderr = controller.signal.aborted ? result.stderr.replace(/^bash: execution aborted\n?/m, '') : result.stderr;
  for (const text of stderr.match(/[^\n]*\n|[^\n]+$/g) ?? []) logs.push({ t: startedAt + clock, stream: 'stderr', text });
  if (becameServer) return { logs, exitCode: 0, duration: Infinity, becameServer };
  if (becameApp) return { logs, exitCode: 0, duration: Infinity, becameApp };
  if (runsForever || result.limited) return { logs, exitCode: 0, duration: Infinity };
  return { logs, exitCode: result.exitCode, duration: virtual };
}

/**
 * The behaviour the catalogue gives a program (nginx serves, hello prints its message) applies
 * to the official image's own file only: a student's binary that happens to be called `hello`
 * is just a program. Shells and interpreters keep their behaviour wherever they come from.
 */
function catalogProgram(ctx: HostContext, container: Container, fs: MachineFs, executable: string, typed: string): ProgramSpec | undefined {
  const name = basename(executable);
  const spec = ctx.ports.catalog.programs[name] ?? ctx.ports.catalog.programs[basename(typed)];
  if (!spec || spec.kind === 'interactive') return spec;
  const node = fs.getNode(executable);
  const image = ctx.state.images[container.imageId];
  if (!node || !image) return undefined;
  const fromCatalogue = image.layers.some((diffId) => {
    const layer = ctx.ports.catalog.layers.get(diffId);
    if (!layer) return false;
    return Object.values(layer.files).includes(node);
  });
  return fromCatalogue ? spec : undefined;
}

function ociNotFound(name: string): { kind: 'failed'; message: string; exitCode: 127 } {
  const detail = name.includes('/') ? `exec: "${name}": stat ${name}: no such file or directory` : `exec: "${name}": executable file not found in $PATH`;
  return {
    kind: 'failed',
    message: `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${detail}: unknown`,
    exitCode: 127,
  };
}

function setProcess(container: Container, process: ContainerProcess | null): void {
  container.process = process;
}

/** Starts PID 1 of a container that is about to run. The caller sets the running state first. */
export async function runMainProcess(ctx: HostContext, container: Container, options: StartOptions): Promise<StartOutcome> {
  const fs = containerFs(ctx, container);
  const env = envMap(container.config.env);
  const path = env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  const cwd = container.config.workingDir || '/';
  const startedAt = container.state.startedAt;
  let argv = [container.path, ...container.args];
  const output: LogEntry[] = [];

  for (;;) {
    const executable = findExecutable(fs, argv[0]!, path, cwd);
    if (!executable) {
      const node = fs.getNode(argv[0]!);
      if (node?.type === 'dir') {
        return { kind: 'failed', message: `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${argv[0]}": is a directory: unknown`, exitCode: 126 };
      }
      return ociNotFound(argv[0]!);
    }
    const spec = catalogProgram(ctx, container, fs, executable, argv[0]!);
    if (spec?.kind === 'wrapper') {
      output.push(...logEntries(ctx, container, spec.startLogs, startedAt));
      argv = argv.slice(1);
      if (argv.length === 0) {
        setProcess(container, null);
        return { kind: 'started', output, exited: true, exitCode: 0, session: null, reason: 'finished' };
      }
      continue;
    }
    break;
  }

  const program = basename(argv[0]!);
  const resolvedProgram = findExecutable(fs, argv[0]!, path, cwd);
  const spec = resolvedProgram ? catalogProgram(ctx, container, fs, resolvedProgram, argv[0]!) : undefined;
  if (spec?.kind === 'server') {
    if (spec.requiresEnv && !spec.requiresEnv.anyOf.some((name) => (env[name] ?? '') !== '')) {
      output.push(...logEntries(ctx, container, spec.requiresEnv.logs, startedAt));
      setProcess(container, null);
      return { kind: 'started', output, exited: true, exitCode: spec.requiresEnv.exitCode, session: null, reason: 'missing-env' };
    }
    output.push(...logEntries(ctx, container, spec.startLogs, startedAt));
    setProcess(container, { kind: 'server', program, stopsOnSignal: spec.stopExitCode !== 137 });
    return { kind: 'started', output, exited: false, exitCode: 0, session: null, reason: 'server' };
  }
  if (spec?.kind === 'oneshot') {
    output.push(...logEntries(ctx, container, spec.startLogs, startedAt));
    setProcess(container, null);
    return { kind: 'started', output, exited: true, exitCode: spec.exitCode, session: null, reason: 'oneshot' };
  }

  const isShell = SHELLS.has(program);
  const isRepl = spec?.kind === 'interactive';
  if ((isShell || isRepl) && argv.length === 1) {
    if (spec?.banner && options.tty) output.push({ t: startedAt, stream: 'stdout', text: `${spec.banner}\n` });
    if (options.tty && options.interactive && options.attach) {
      setProcess(container, { kind: 'waiting', program, stopsOnSignal: false });
      return { kind: 'started', output, exited: false, exitCode: 0, session: { program }, reason: 'interactive' };
    }
    if (options.interactive && !options.tty && options.stdin && isShell) {
      // `echo ls | docker run -i alpine sh`: the shell reads its script from stdin.
      const run = await runScriptAsMain(ctx, container, fs, options.stdin, startedAt);
      output.push(...run.logs);
      setProcess(container, null);
      return { kind: 'started', output, exited: true, exitCode: run.exitCode, session: null, reason: 'finished' };
    }
    if (options.tty) {
      // With a terminal the shell waits for input that never comes: it stays up.
      setProcess(container, { kind: 'waiting', program, stopsOnSignal: false });
      return { kind: 'started', output, exited: false, exitCode: 0, session: null, reason: 'waiting' };
    }
    // No terminal: the shell reads end-of-file on stdin and exits 0 at once.
    setProcess(container, null);
    return { kind: 'started', output, exited: true, exitCode: 0, session: null, reason: 'shell-eof' };
  }

  const line = isShell && argv[1] === '-c' ? argv.slice(2, 3).join('') : shellQuote(argv);
  const run = await runScriptAsMain(ctx, container, fs, line, startedAt);
  output.push(...run.logs);
  if (run.becameServer) {
    const serverSpec = ctx.ports.catalog.programs[run.becameServer];
    if (serverSpec) output.push(...logEntries(ctx, container, serverSpec.startLogs, startedAt));
    setProcess(container, { kind: 'server', program: run.becameServer, stopsOnSignal: true });
    return { kind: 'started', output, exited: false, exitCode: 0, session: null, reason: 'server' };
  }
  if (run.becameApp) {
    const { program: appProgram, outcome } = run.becameApp;
    for (const text of outcome.logs) output.push({ t: startedAt, stream: 'stdout', text: `${text}\n` });
    if (outcome.kind === 'running' && outcome.repeat && outcome.repeat.everyMs > 0) {
      // A worker loop keeps printing: its lines appear in docker logs as time passes.
      const rounds = Math.min(200, Math.floor(HORIZON_MS / outcome.repeat.everyMs));
      for (let round = 1; round <= rounds; round++) {
        for (const text of outcome.repeat.lines) output.push({ t: startedAt + round * outcome.repeat.everyMs, stream: 'stdout', text: `${text}\n` });
      }
    }
    setProcess(container, {
      kind: outcome.kind === 'server' ? 'server' : 'waiting',
      program: appProgram,
      stopsOnSignal: appProgram !== 'node',
      ...(outcome.kind === 'server' ? { app: { port: outcome.port, host: outcome.host, body: outcome.body, contentType: outcome.contentType, status: outcome.status, routes: outcome.routes } } : {}),
    });
    return { kind: 'started', output, exited: false, exitCode: 0, session: null, reason: outcome.kind === 'server' ? 'server' : 'waiting' };
  }
  if (run.duration === Infinity) {
    setProcess(container, { kind: 'waiting', program: isShell ? program : basename(argv[0]!), stopsOnSignal: false });
    return { kind: 'started', output, exited: false, exitCode: 0, session: null, reason: 'waiting' };
  }
  if (run.duration > 0) {
    setProcess(container, { kind: 'timed', program, until: startedAt + run.duration, duration: run.duration, exitCode: run.exitCode, stopsOnSignal: false });
    return { kind: 'started', output, exited: false, exitCode: run.exitCode, session: null, reason: 'timed' };
  }
  setProcess(container, null);
  return { kind: 'started', output, exited: true, exitCode: run.exitCode, session: null, reason: 'finished' };
}
