// A RUN step: the command runs in a build container (BuildKit's `buildkitsandbox`) whose root
// is the stage's layers plus a fresh writable layer; what it writes there becomes the step's
// layer. Time is simulated: `sleep` and the amount written decide how long the step "took".
import type { Command } from 'just-bash';
import { MachineFs, type MountSpec } from '../fs/machine-fs';
import type { TreeStack } from '../fs/tree-stack';
import type { HostContext } from '../host-context';
import { treeSize, type FileTree } from '../model/file-tree';
import type { Container } from '../model/host-state';
import { findExecutable, shellFlavourOf } from '../runtime/machines';
import { envMap, shellQuote } from '../runtime/main-process';
import { runShell } from '../runtime/shell';
import { machineTools } from '../runtime/tools';
import { fail, ok, tool, type ToolContext } from '../runtime/tools/tool-context';
import type { RunInstruction } from '../dockerfile';
import { fnv } from './hash';

/** A RUN may not pretend to take longer than this (sleep 3600 in a chat is not a lesson). */
export const MAX_RUN_MS = 10 * 60 * 1000;

export interface RunStepInput {
  ctx: HostContext;
  run: RunInstruction;
  /** The stage's layers, base first. */
  lowers: FileTree[];
  /** Trees a `RUN --mount=type=bind` may name: '' is the build context, else a stage name/index. */
  mountSource: (from: string) => TreeStack | undefined;
}

export interface RunStepResult {
  upper: FileTree;
  exitCode: number;
  /** Output lines in order (stdout, then stderr: the shell keeps them apart). */
  lines: string[];
  /** Simulated milliseconds the step took. */
  duration: number;
  /** Why Baleia stopped it, when it did (endless loop, too much output, too long a sleep). */
  stopped?: string;
  /** The process could not start at all (no shell in the image...). */
  startError?: string;
}

const SHELLS = /(^|\/)(sh|bash|ash|dash|zsh)$/;

/** The container BuildKit runs a step in: never listed, named as BuildKit names it. */
export function buildSandbox(ctx: HostContext, user: string, workdir: string, env: string[]): Container {
  return {
    id: fnv(`buildkitsandbox:${ctx.now}:${workdir}`).repeat(8),
    name: 'buildkitsandbox',
    created: ctx.now,
    imageId: '',
    path: '/bin/sh',
    args: [],
    config: {
      hostname: 'buildkitsandbox',
      user,
      env,
      cmd: null,
      entrypoint: null,
      workingDir: workdir,
      exposedPorts: [],
      labels: {},
      tty: false,
      openStdin: false,
      image: '',
      volumes: [],
    },
    hostConfig: {
      binds: [],
      portBindings: {},
      publishAllPorts: false,
      memory: 0,
      memorySwap: 0,
      nanoCpus: 0,
      restartPolicy: { name: 'no', maximumRetryCount: 0 },
      autoRemove: true,
      mounts: [],
      networkMode: 'default',
    },
    mounts: [],
    state: { status: 'running', pid: 1, exitCode: 0, error: '', startedAt: ctx.now, finishedAt: 0, oomKilled: false },
    upper: {},
    logs: [],
    process: null,
    ports: {},
    networks: {},
    restartCount: 0,
  };
}

function parseSleep(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text);
  if (!m) return undefined;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}

/** The shell line for the RUN's argv: `sh -c "x"` runs x; flags before -c become `set` options. */
function shellLine(args: string[]): { program: string; line: string } | undefined {
  const program = args[0] ?? '';
  if (!SHELLS.test(program)) return undefined;
  const c = args.indexOf('-c');
  if (c < 0) return undefined;
  const opts: string[] = [];
  for (let i = 1; i < c; i++) {
    const a = args[i] as string;
    if (a === '-o' && args[i + 1]) opts.push(`set -o ${args[++i]};`);
    else if (/^-[a-z]+$/.test(a)) opts.push(`set ${a};`);
  }
  return { program, line: `${opts.join(' ')}${opts.length ? ' ' : ''}${args[c + 1] ?? ''}` };
}

/** Simulated duration: start-up, plus time that grows with what the step wrote and printed. */
function stepDuration(bytes: number, lines: number, slept: number, seed: string): number {
  const jitter = (parseInt(fnv(seed), 16) % 100) - 50;
  const work = 250 + jitter + 900 * Math.sqrt(bytes / 1e6) + 8 * Math.min(lines, 200);
  return Math.round(work + slept);
}

export async function runStep(input: RunStepInput): Promise<RunStepResult> {
  const { ctx, run } = input;
  const upper: FileTree = {};
  const mounts: MountSpec[] = [];
  for (const m of run.mounts) {
    if (m.type === 'bind') {
      const stack = input.mountSource(m.from);
      if (stack) mounts.push({ target: m.target, stack, source: m.source === '' ? '/' : m.source.startsWith('/') ? m.source : `/${m.source}`, readonly: m.readOnly });
    } else if (m.type === 'cache' || m.type === 'tmpfs') {
      mounts.push({ target: m.target, stack: { lowers: [], upper: {} }, source: '/', readonly: false });
    } else if (m.type === 'secret') {
      const target = m.target || `/run/secrets/${m.id}`;
      mounts.push({ target: target.slice(0, target.lastIndexOf('/')) || '/', stack: { lowers: [], upper: {} }, source: '/', readonly: true });
    }
  }
  if (run.script) {
    const dir = run.script.path.slice(0, run.script.path.lastIndexOf('/')) || '/';
    const name = run.script.path.slice(dir.length + 1);
    mounts.push({
      target: dir,
      stack: { lowers: [{ [`/${name}`]: { type: 'file', mode: 0o755, content: run.script.content } }], upper: null },
      source: '/',
      readonly: true,
    });
  }
  const fs = new MachineFs({
    root: { lowers: input.lowers, upper },
    mounts,
    now: () => ctx.now,
    limits: { maxFileBytes: ctx.limits.maxFileBytes },
  });
  const user = run.user === '' ? 'root' : run.user;
  const workdir = run.workdir || '/';
  // runc creates the working directory when it is missing, and that directory lands in the layer.
  if (!fs.getNode(workdir)) {
    try {
      fs.makeDir(workdir, true);
    } catch {
      /* a file in the way: the shell reports the bad cwd */
    }
  }
  const env = envMap(run.env);
  if (env.HOME === undefined) env.HOME = user === 'root' || user === '0' ? '/root' : '/';
  env.HOSTNAME = 'buildkitsandbox';
  const container = buildSandbox(ctx, user === 'root' ? '' : user, workdir, run.env);
  const tc: ToolContext = { ctx, fs, container, user: user === 'root' ? '' : user };
  let slept = 0;
  let stopped: string | undefined;
  const controller = new AbortController();
  const sleep = tool('sleep', (args) => {
    if (args.length === 0) return fail('sleep: missing operand\n');
    let total = 0;
    for (const arg of args) {
      const ms = parseSleep(arg);
      if (ms === undefined) return fail(`sleep: invalid number '${arg}'\n`);
      total += ms;
    }
    slept += total;
    if (slept > MAX_RUN_MS) {
      stopped = `baleia: this RUN would sleep for more than ${MAX_RUN_MS / 60_000} minutes, so Baleia stopped it.`;
      controller.abort();
      return fail('', 137);
    }
    return ok();
  });
  const commands: Command[] = machineTools(tc, [sleep]);

  let line: string;
  let flavour = shellFlavourOf(fs);
  const shell = shellLine(run.args);
  if (shell) {
    if (!fs.getNode(shell.program.startsWith('/') ? shell.program : `/bin/${shell.program}`)) {
      return startFailure(upper, `exec: "${shell.program}": stat ${shell.program}: no such file or directory`);
    }
    flavour = shellFlavourOf(fs, shell.program.split('/').pop());
    line = shell.line;
  } else {
    const exe = run.args[0] ?? '';
    const found = findExecutable(fs, exe, env.PATH ?? '', workdir);
    if (!found) return startFailure(upper, `exec: "${exe}": executable file not found in $PATH`);
    line = shellQuote(run.args);
  }

  const result = await runShell({ fs, line, cwd: workdir, env, flavour, commands, sleep: async () => undefined, signal: controller.signal });
  if (result.limited && !stopped) stopped = 'baleia: this RUN never finished (an endless loop?), so Baleia stopped it. A real build would hang here until you press Ctrl+C.';
  const lines = [...splitLines(result.stdout), ...splitLines(result.stderr)];
  if (stopped) lines.push(stopped);
  const exitCode = stopped && result.exitCode === 0 ? 137 : result.exitCode;
  return {
    upper,
    exitCode,
    lines: lines.slice(-400),
    duration: stepDuration(treeSize(upper), lines.length, Math.min(slept, MAX_RUN_MS), `${run.source}:${ctx.now}`),
    ...(stopped ? { stopped } : {}),
  };
}

function startFailure(upper: FileTree, message: string): RunStepResult {
  return {
    upper,
    exitCode: 127,
    lines: [],
    duration: 120,
    startError: `runc run failed: unable to start container process: error during container init: ${message}: unknown`,
  };
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
