// Runs shell lines with just-bash over a machine's layered filesystem. just-bash speaks
// bash; the messages are adjusted to the shell the machine really has (busybox ash on
// alpine, dash as /bin/sh on Debian), since students compare them with real terminals.
import { Bash, type CustomCommand } from 'just-bash';
import type { MachineFs } from '../fs/machine-fs';

export type ShellFlavour = 'bash' | 'ash' | 'dash';

export interface ShellLimits {
  /** Commands one line may run (loops count every iteration). */
  maxCommands: number;
  maxLoopIterations: number;
  /** Bytes of output kept. */
  maxOutputBytes: number;
}

export const DEFAULT_SHELL_LIMITS: ShellLimits = {
  maxCommands: 20_000,
  maxLoopIterations: 10_000,
  maxOutputBytes: 1_000_000,
};

export interface ShellRequest {
  fs: MachineFs;
  line: string;
  cwd: string;
  env: Record<string, string>;
  flavour: ShellFlavour;
  commands: CustomCommand[];
  stdin?: string;
  limits?: ShellLimits;
  /** Called by `sleep`; the engine decides what passing time means (it never blocks). */
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The shell's variables after the line (PWD included), to carry over to the next line. */
  env: Record<string, string>;
  /** True when a limit stopped the line (endless loop, too much output). */
  limited: boolean;
}

const NOT_FOUND = /^bash: ([^\n:]+): command not found$/gm;

function adjustMessages(text: string, flavour: ShellFlavour): string {
  if (flavour === 'bash' || !text.includes('command not found')) return text;
  return text.replace(NOT_FOUND, (_match, name: string) => (flavour === 'ash' ? `sh: ${name}: not found` : `sh: 1: ${name}: not found`));
}

const FS_ERROR = /^(E[A-Z]+): ([^,]+), \w+(?: '([^']*)')?/;

const DESCRIPTIONS: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EROFS: 'Read-only file system',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EFBIG: 'File too large',
  ENOSPC: 'No space left on device',
  EACCES: 'Permission denied',
  EBUSY: 'Device or resource busy',
};

/** Limits just-bash reports as errors: the line ran away. */
const LIMIT_MESSAGE = /too many commands executed|too many loop iterations|maximum output|exceeded|limit/i;

export async function runShell(request: ShellRequest): Promise<ShellResult> {
  const limits = request.limits ?? DEFAULT_SHELL_LIMITS;
  const bash = new Bash({
    fs: request.fs,
    cwd: request.cwd,
    env: request.env,
    customCommands: request.commands,
    defenseInDepth: false,
    executionLimits: {
      maxCommandCount: limits.maxCommands,
      maxLoopIterations: limits.maxLoopIterations,
      maxAwkIterations: limits.maxLoopIterations,
      maxSedIterations: limits.maxLoopIterations,
      maxOutputSize: limits.maxOutputBytes,
      maxStringLength: limits.maxOutputBytes,
      maxHeredocSize: limits.maxOutputBytes,
      maxBraceExpansionResults: 10_000,
      maxExecutionTimeMs: 5_000,
      maxCallDepth: 100,
    },
    sleep: request.sleep ?? (async () => undefined),
  });
  const shellName = request.flavour === 'bash' ? 'bash' : 'sh';
  try {
    const result = await bash.exec(request.line, {
      ...(request.stdin !== undefined && { stdin: request.stdin }),
      ...(request.signal && { signal: request.signal }),
      rawScript: true,
    });
    const limited = result.exitCode === 126 && LIMIT_MESSAGE.test(result.stderr);
    return {
      stdout: result.stdout,
      stderr: adjustMessages(result.stderr, request.flavour),
      exitCode: result.exitCode,
      env: { ...(result.env ?? {}) },
      limited,
    };
  } catch (error) {
    // just-bash lets filesystem errors in redirections escape; a real shell prints them.
    const message = error instanceof Error ? error.message : String(error);
    const match = FS_ERROR.exec(message);
    if (match) {
      const [, code = '', , path] = match;
      const description = DESCRIPTIONS[code] ?? code;
      const where = path ? `${path}: ` : '';
      const text = request.flavour === 'dash' ? `sh: 1: cannot create ${path}: ${description}\n` : `${shellName}: ${where}${description}\n`;
      return { stdout: '', stderr: text, exitCode: request.flavour === 'dash' ? 2 : 1, env: {}, limited: false };
    }
    throw error;
  }
}
