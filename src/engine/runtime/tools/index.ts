// The simulated programs a machine may run, each only where the machine ships it: commands in
// /bin and /usr/bin run directly; programs elsewhere (/usr/local/bin/node, /sbin/apk) and
// interpreter scripts reach them through the binary dispatcher.
import { defineCommand, type Command } from 'just-bash';
import { goCommand } from '../../build/go-program';
import { runShell } from '../shell';
import { shellFlavourOf } from '../machines';
import { appCommand } from './app';
import { apkTool } from './apk';
import { aptGetTool, aptTool } from './apt';
import { binaryDispatcher, nginxCommand } from './binary';
import { curlTool } from './curl';
import { npmTool } from './npm';
import { pipTool } from './pip';
import { psTool } from './ps';
import { starterTool } from './starter';
import { dateTool, hostnameTool, idTool, unameTool, whoamiTool } from './system-info';
import type { ToolContext } from './tool-context';
import { wgetTool } from './wget';

/** npm runs package.json scripts through this machine's shell, in the directory it was run from. */
function npmCommand(tc: ToolContext, overrides: Command[]): Command {
  return defineCommand('npm', async (args, ctx) => {
    const runLine = async (line: string) => {
      const result = await runShell({ fs: tc.fs, line, cwd: ctx.cwd, env: Object.fromEntries(ctx.env), flavour: shellFlavourOf(tc.fs), commands: machineTools(tc, overrides), ...(ctx.signal ? { signal: ctx.signal } : {}) });
      return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
    };
    return (npmTool(tc, runLine) as Command).execute(args, ctx);
  });
}

export function machineTools(tc: ToolContext, overrides: Command[] = []): Command[] {
  const direct = [
    curlTool(tc),
    psTool(tc),
    dateTool(tc),
    hostnameTool(tc),
    idTool(tc),
    unameTool(tc),
    whoamiTool(tc),
    wgetTool(tc),
    aptGetTool(tc) as Command,
    aptTool(tc) as Command,
    // Baleia's own command, on the student's host only.
    ...(tc.container === null ? [starterTool(tc)] : []),
  ];
  const byName: Record<string, Command> = {};
  for (const command of [...direct, apkTool(tc) as Command, pipTool(tc) as Command, npmCommand(tc, overrides), nginxCommand(), goCommand(tc)]) byName[command.name] = command;
  for (const program of ['node', 'nodemon', 'python3', 'flask', 'uvicorn', 'gunicorn']) byName[program] = appCommand(tc, program);
  for (const command of overrides) byName[command.name] = command;
  return [...direct, binaryDispatcher(byName), ...overrides];
}
