// node, python3 and the Python servers' commands (flask, uvicorn, gunicorn) in a shell: the
// student's app is read by the app runner (it never executes real code). In a shell a server
// would hold the terminal; as a container's main process it becomes the container's server.
import { defineCommand, type Command } from 'just-bash';
import { basename } from '../../fs/paths';
import { analyzeApp, type AppOutcome } from './app-runner';
import type { ToolContext } from './tool-context';

export type AppProgram = 'node' | 'python3' | 'flask' | 'uvicorn' | 'gunicorn' | 'nodemon';

export function runApp(tc: ToolContext, program: string, args: string[], cwd: string, env: Map<string, string>): AppOutcome {
  return analyzeApp(tc.fs, [program, ...args], cwd, Object.fromEntries(env), {
    tty: tc.container?.config.tty ?? false,
    now: tc.ctx.now,
    hostname: tc.container?.config.hostname ?? 'baleia',
    ...(tc.container ? { ip: Object.values(tc.container.networks)[0]?.ipAddress ?? '' } : {}),
  });
}

/** In a shell: run to the end, or show a server's start-up and say it would keep running. */
export function appCommand(tc: ToolContext, program: string): Command {
  return defineCommand(program, async (args, ctx) => {
    const outcome = runApp(tc, basename(program), args, ctx.cwd, ctx.env);
    if (outcome.kind === 'exit') return { stdout: outcome.stdout, stderr: outcome.stderr, exitCode: outcome.exitCode };
    const logs = outcome.logs.map((line) => `${line}\n`).join('');
    const note = outcome.kind === 'server'
      ? `baleia: this server keeps running in the foreground, listening on port ${outcome.port}; a real terminal would stay here until Ctrl-C. Run it as a container's command (docker run -d) to reach it.\n`
      : 'baleia: this program keeps running in the foreground; a real terminal would stay here until Ctrl-C.\n';
    return { stdout: logs, stderr: note, exitCode: 130 };
  });
}
