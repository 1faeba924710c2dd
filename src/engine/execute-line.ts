// The engine's entry point: one line typed by a student, run where their prompt is (the host
// shell, or a container after `docker run -it`), with the output a terminal would show.
import type { CustomCommand } from 'just-bash';
import { runDockerCli } from './cli/docker';
import type { EngineEvent } from './events';
import { event } from './events';
import type { HostContext } from './host-context';
import type { OutputChunk } from './io';
import type { Container, ShellSession } from './model/host-state';
import { findContainer } from './ops/containers';
import { markExited, reconcile } from './ops/lifecycle';
import { containerFs, homeDir, hostFs, shellFlavourOf } from './runtime/machines';
import { envMap } from './runtime/main-process';
import { nodeRepl, pythonRepl } from './runtime/repl';
import { runShell, type ShellResult } from './runtime/shell';
import { machineTools } from './runtime/tools';
import { HOST_NAME } from './runtime/tools/system-info';
import { tool } from './runtime/tools/tool-context';

export interface LineResult {
  /** Output in the order a terminal would show it. */
  chunks: OutputChunk[];
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The prompt for the next line (`ana@baleia:~$ `, `root@3f4e5d6c7b8a:/# `, `>>> `). */
  prompt: string;
  events: EngineEvent[];
}

export interface LineOptions {
  /** Standard input for the line (a playground script, a heredoc body is part of the line). */
  stdin?: string;
}

/** Variables the shell sets itself: not carried from one line to the next. */
const SHELL_OWNED = new Set(['PWD', 'OLDPWD', 'SHLVL', '_', '?', 'IFS', 'OPTIND', 'SHELLOPTS', 'BASHOPTS', 'PPID', 'BASH_VERSION', 'OSTYPE', 'MACHTYPE', 'HOSTTYPE', 'RANDOM', 'LINENO', 'SECONDS']);

function carryEnv(session: ShellSession, before: Record<string, string>, after: Record<string, string>): void {
  if (Object.keys(after).length === 0) return;
  if (after.PWD) session.cwd = after.PWD;
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(after)) {
    if (SHELL_OWNED.has(key)) continue;
    if (before[key] !== value || session.env[key] !== undefined) kept[key] = value;
  }
  session.env = kept;
}

export function promptFor(ctx: HostContext): string {
  const session = ctx.state.session;
  if (!session || session.containerId === null) {
    const home = homeDir(ctx);
    const cwd = ctx.state.hostShell.cwd;
    const shown = cwd === home ? '~' : cwd.startsWith(`${home}/`) ? `~${cwd.slice(home.length)}` : cwd;
    return `${ctx.state.userName}@${HOST_NAME}:${shown}$ `;
  }
  const container = ctx.state.containers[session.containerId];
  if (session.program === 'python3' || session.program === 'python') return '>>> ';
  if (session.program === 'node') return '> ';
  const user = session.user === '' ? 'root' : session.user;
  const sign = user === 'root' || user === '0' ? '#' : '$';
  if (!container) return `${sign} `;
  const fs = containerFs(ctx, container);
  const flavour = shellFlavourOf(fs, session.program);
  if (flavour === 'bash') {
    const home = user === 'root' ? '/root' : `/home/${user}`;
    const shown = session.cwd === home ? '~' : session.cwd;
    return `${user}@${container.config.hostname}:${shown}${sign} `;
  }
  if (flavour === 'ash') return `${session.cwd} ${sign} `;
  return `${sign} `;
}

/** The docker command of the student's host. */
function dockerCommand(ctx: HostContext, transcript: OutputChunk[], stdinFallback: string | undefined): CustomCommand {
  return tool('docker', async (args, env, cwd, stdin) => {
    const result = await runDockerCli(ctx, args, { hostCwd: cwd, hostEnv: () => Object.fromEntries(env), stdin: stdin || stdinFallback || '' });
    transcript.push(...result.chunks);
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
  });
}

function linesOf(result: ShellResult): OutputChunk[] {
  const chunks: OutputChunk[] = [];
  if (result.stdout) chunks.push({ stream: 'stdout', text: result.stdout });
  if (result.stderr) chunks.push({ stream: 'stderr', text: result.stderr });
  return chunks;
}

async function runOnHost(ctx: HostContext, line: string, options: LineOptions): Promise<{ chunks: OutputChunk[]; result: ShellResult }> {
  const fs = hostFs(ctx);
  const shell = ctx.state.hostShell;
  const transcript: OutputChunk[] = [];
  const env: Record<string, string> = {
    HOME: homeDir(ctx),
    USER: ctx.state.userName,
    LOGNAME: ctx.state.userName,
    HOSTNAME: HOST_NAME,
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    SHELL: '/bin/bash',
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    ...shell.env,
  };
  const tc = { ctx, fs, container: null, user: ctx.state.userName };
  const result = await runShell({
    fs,
    line,
    cwd: shell.cwd,
    env,
    flavour: 'bash',
    commands: [...machineTools(tc), dockerCommand(ctx, transcript, options.stdin)],
    ...(options.stdin !== undefined && { stdin: options.stdin }),
  });
  carryEnv(shell, env, result.env);
  // When the line was docker commands only, their interleaved transcript is exact.
  const transcriptOut = transcript.filter((chunk) => chunk.stream === 'stdout').map((chunk) => chunk.text).join('');
  const transcriptErr = transcript.filter((chunk) => chunk.stream === 'stderr').map((chunk) => chunk.text).join('');
  const chunks = transcript.length > 0 && transcriptOut === result.stdout && transcriptErr === result.stderr ? transcript : linesOf(result);
  return { chunks, result };
}

/** ash and bash write the session's commands to ~/.ash_history or ~/.bash_history on exit. */
function saveShellHistory(ctx: HostContext, session: ShellSession, container: Container): void {
  if (!session.history || session.history.length === 0) return;
  const fs = containerFs(ctx, container);
  const flavour = shellFlavourOf(fs, session.program);
  if (flavour === 'dash' || session.program === 'python3' || session.program === 'node') return;
  const home = session.user && session.user !== 'root' && session.user !== '0' ? `/home/${session.user}` : '/root';
  const file = `${home}/${flavour === 'ash' ? '.ash_history' : '.bash_history'}`;
  try {
    if (!fs.getNode(home)) return;
    const previous = fs.getNode(file)?.type === 'file' ? fs.readText(file) : '';
    fs.writeText(file, `${previous}${session.history.map((line) => `${line}\n`).join('')}`, 0o600);
  } catch {
    // A read-only home (a :ro mount) simply keeps no history, as in a real shell.
  }
}

function endSession(ctx: HostContext, container: Container | undefined, exitCode: number): void {
  const session = ctx.state.session;
  ctx.state.session = null;
  if (!session || !container) return;
  saveShellHistory(ctx, { ...session, history: [...(session.history ?? []), 'exit'] }, container);
  if (session.mode === 'attach' && container.state.status === 'running') {
    ctx.emit(event('session.exit-stops-container', ['F21', 'F11'], { name: container.name, exitCode }));
    markExited(ctx, container, exitCode, ctx.now, 'shell-exit');
  } else {
    ctx.emit(event('session.exec-exit', ['F07'], { name: container.name }));
  }
}

async function runInContainer(ctx: HostContext, session: ShellSession, line: string, options: LineOptions): Promise<{ chunks: OutputChunk[]; exitCode: number }> {
  let container: Container | undefined;
  try {
    container = findContainer(ctx, session.containerId!);
  } catch {
    container = undefined;
  }
  if (!container || container.state.status !== 'running') {
    ctx.state.session = null;
    return { chunks: [{ stream: 'stderr', text: 'The container is no longer running; you are back on your host.\n' }], exitCode: 1 };
  }
  const exit = /^\s*(?:exit|logout)(?:\s+(\d+))?\s*$/.exec(line);
  if (exit) {
    const code = Number(exit[1] ?? 0) & 255;
    endSession(ctx, container, code);
    return { chunks: session.program === 'bash' ? [{ stream: 'stdout', text: 'exit\n' }] : [], exitCode: code };
  }
  session.history = [...(session.history ?? []), line].slice(-200);
  if (session.program === 'python3' || session.program === 'python' || session.program === 'node') {
    const repl = session.program === 'node' ? nodeRepl(line) : pythonRepl(line);
    if (repl.exit) endSession(ctx, container, 0);
    return { chunks: repl.output ? [{ stream: 'stdout', text: repl.output }] : [], exitCode: 0 };
  }
  const fs = containerFs(ctx, container);
  const env: Record<string, string> = {
    ...envMap(container.config.env),
    HOSTNAME: container.config.hostname,
    HOME: session.user && session.user !== 'root' ? '/' : '/root',
    TERM: 'xterm',
    ...session.env,
  };
  const tc = { ctx, fs, container, user: session.user };
  const result = await runShell({
    fs,
    line,
    cwd: session.cwd,
    env,
    flavour: shellFlavourOf(fs, session.program),
    commands: machineTools(tc),
    ...(options.stdin !== undefined && { stdin: options.stdin }),
  });
  carryEnv(session, env, result.env);
  return { chunks: linesOf(result), exitCode: result.exitCode };
}

export async function executeLine(ctx: HostContext, line: string, options: LineOptions = {}): Promise<LineResult> {
  reconcile(ctx);
  let chunks: OutputChunk[];
  let exitCode: number;
  if (line.length > ctx.limits.maxLineLength) {
    chunks = [{ stream: 'stderr', text: `baleia: line too long (${line.length} characters; the limit is ${ctx.limits.maxLineLength}). Write long content to a file in smaller pieces.\n` }];
    exitCode = 2;
  } else if (ctx.state.session && ctx.state.session.containerId !== null) {
    ({ chunks, exitCode } = await runInContainer(ctx, ctx.state.session, line, options));
  } else {
    const { chunks: hostChunks, result } = await runOnHost(ctx, line, options);
    chunks = hostChunks;
    exitCode = result.exitCode;
    if (result.limited) ctx.emit(event('shell.limited', [], { line: line.slice(0, 80) }));
  }
  ctx.finish();
  const stdout = chunks.filter((chunk) => chunk.stream === 'stdout').map((chunk) => chunk.text).join('');
  const stderr = chunks.filter((chunk) => chunk.stream === 'stderr').map((chunk) => chunk.text).join('');
  return { chunks, stdout, stderr, exitCode, prompt: promptFor(ctx), events: ctx.events };
}
