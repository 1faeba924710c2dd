// What a docker subcommand receives: the parsed command line, the host, and its output.
import { DockerError } from '../errors';
import type { HostContext } from '../host-context';
import type { CommandIO } from '../io';

export type FlagValue = boolean | string | string[] | number;

export interface ParsedCommand {
  /** Canonical path, e.g. ['container', 'run']. */
  path: string[];
  /** What the student typed, e.g. ['run'] (used in messages like "docker run --help"). */
  typedPath: string[];
  /** Flags given, by long name. */
  flags: Record<string, FlagValue>;
  args: string[];
}

export interface Invocation {
  ctx: HostContext;
  cmd: ParsedCommand;
  io: CommandIO;
  hostCwd: string;
  hostEnv: Record<string, string>;
  stdin: string;
}

/** A subcommand writes to `io` and returns its exit code; daemon errors may be thrown. */
export type Handler = (inv: Invocation) => Promise<number> | number;

export function flagBool(cmd: ParsedCommand, name: string): boolean {
  const value = cmd.flags[name];
  return value === true || value === 'true';
}

export function flagString(cmd: ParsedCommand, name: string): string | undefined {
  const value = cmd.flags[name];
  if (value === undefined || typeof value === 'boolean') return undefined;
  if (Array.isArray(value)) return value[value.length - 1];
  return String(value);
}

export function flagList(cmd: ParsedCommand, name: string): string[] {
  const value = cmd.flags[name];
  if (value === undefined || typeof value === 'boolean') return [];
  if (Array.isArray(value)) return value;
  return [String(value)];
}

export function flagNumber(cmd: ParsedCommand, name: string): number | undefined {
  const value = cmd.flags[name];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

/** `docker x` as typed, for messages: `docker container rm`, `docker rm`. */
export function typedCommand(cmd: ParsedCommand): string {
  return ['docker', ...cmd.typedPath].join(' ');
}

/** Prints a daemon error the way the CLI does for most commands (exit 1). */
export function printDaemonError(io: CommandIO, error: unknown): void {
  if (!(error instanceof DockerError)) throw error;
  io.err(`Error response from daemon: ${error.message}\n`);
  io.errors.push({ code: error.code, message: error.message, facts: error.facts });
}

/** Runs `action` for each argument like `docker rm a b`: echo successes, print failures, exit 1 if any failed. */
export async function eachArgument(inv: Invocation, action: (arg: string) => void | Promise<void>, echo = true): Promise<number> {
  let failed = false;
  for (const arg of inv.cmd.args) {
    try {
      await action(arg);
      if (echo) inv.io.out(`${arg}\n`);
    } catch (error) {
      failed = true;
      printDaemonError(inv.io, error);
    }
  }
  return failed ? 1 : 0;
}
