// docker exec: another process in a running container, in the same filesystem and namespaces
// (F07, F10). `-it sh` moves the student's prompt into the container until `exit`.
import { DockerError, conflict } from '../../errors';
import { event } from '../../events';
import { findContainer } from '../../ops/containers';
import { containerFs, findExecutable, shellFlavourOf } from '../../runtime/machines';
import { envMap, shellQuote } from '../../runtime/main-process';
import { runShell } from '../../runtime/shell';
import { machineTools } from '../../runtime/tools';
import { resolvePath } from '../../fs/paths';
import { flagBool, flagList, flagString, printDaemonError, type Invocation } from '../invocation';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

export async function exec(inv: Invocation): Promise<number> {
  const { ctx, cmd, io } = inv;
  const [name = '', ...argv] = cmd.args;
  try {
    const container = findContainer(ctx, name);
    if (container.state.status === 'paused') throw conflict(`Container ${container.id} is paused, unpause the container before exec`, 'exec.paused');
    if (container.state.status !== 'running') throw conflict(`container ${container.id} is not running`, 'exec.not-running', ['F21']);
    const fs = containerFs(ctx, container);
    const env = envMap(container.config.env);
    for (const entry of flagList(cmd, 'env')) {
      const eq = entry.indexOf('=');
      if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
      else if (inv.hostEnv[entry] !== undefined) env[entry] = inv.hostEnv[entry]!;
    }
    env.HOSTNAME = container.config.hostname;
    const user = flagString(cmd, 'user') ?? container.config.user;
    env.HOME ??= user && user !== 'root' ? '/' : '/root';
    const workdir = flagString(cmd, 'workdir');
    const cwd = workdir ? resolvePath('/', workdir) : container.config.workingDir || '/';
    const path = env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
    if (!findExecutable(fs, argv[0]!, path, cwd)) {
      io.err(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown\n`);
      ctx.emit(event('exec.not-found', ['F10'], { name: container.name, program: argv[0]! }));
      return 127;
    }
    const program = argv[0]!.split('/').pop()!;
    const interactive = flagBool(cmd, 'interactive');
    const tty = flagBool(cmd, 'tty');
    if (SHELLS.has(program) && argv.length === 1) {
      if (interactive && tty) {
        ctx.state.session = { containerId: container.id, mode: 'exec', program, cwd, env: {}, user };
        ctx.emit(event('session.exec', ['F07', 'F10'], { name: container.name, program }));
        return 0;
      }
      if (interactive && inv.stdin) argv.push('-c', inv.stdin);
      else return 0;
    }
    if (['python3', 'python', 'node'].includes(program) && argv.length === 1 && interactive && tty) {
      ctx.state.session = { containerId: container.id, mode: 'exec', program, cwd, env: {}, user };
      const banner = ctx.ports.catalog.programs[program]?.banner;
      if (banner) io.out(`${banner}\n`);
      return 0;
    }
    const line = SHELLS.has(program) && argv[1] === '-c' ? argv[2] ?? '' : shellQuote(argv);
    const result = await runShell({
      fs,
      line,
      cwd,
      env,
      flavour: shellFlavourOf(fs, SHELLS.has(program) ? program : 'sh'),
      commands: machineTools({ ctx, fs, container, user }),
      ...(interactive && inv.stdin ? { stdin: inv.stdin } : {}),
    });
    io.out(result.stdout);
    io.err(result.stderr);
    ctx.emit(event('exec.ran', ['F07', 'F10'], { name: container.name, program, exitCode: result.exitCode, writableFiles: Object.keys(container.upper).length }));
    if (flagBool(cmd, 'detach')) return 0;
    return result.exitCode;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    printDaemonError(io, error);
    return 1;
  }
}
