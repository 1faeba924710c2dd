// What the simulated programs (curl, ps, apt-get, docker...) know about where they run.
import { decodeBytesToUtf8, defineCommand, type Command } from 'just-bash';
import type { MachineFs } from '../../fs/machine-fs';
import type { HostContext } from '../../host-context';
import type { Container } from '../../model/host-state';

export interface ToolContext {
  ctx: HostContext;
  fs: MachineFs;
  /** The container the shell runs in, or null on the student's host. */
  container: Container | null;
  user: string;
}

export interface ToolResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export type ToolRun = (args: string[], env: Map<string, string>, cwd: string, stdin: string) => Promise<ToolResult> | ToolResult;

export function ok(stdout = ''): ToolResult {
  return { stdout, stderr: '', exitCode: 0 };
}

export function fail(stderr: string, exitCode = 1, stdout = ''): ToolResult {
  return { stdout, stderr, exitCode };
}

/** Wraps a simulated program as a just-bash command. */
export function tool(name: string, run: ToolRun): Command {
  return defineCommand(name, async (args, shell) => {
    return run(args, shell.env, shell.cwd, decodeBytesToUtf8(shell.stdin));
  });
}
