// The `docker` command on the student's host: parse argv exactly as the docker 28.2.2 client
// does, then hand the command to its subcommand (one file each in ./commands).
import { DockerError } from '../errors';
import { event } from '../events';
import type { HostContext } from '../host-context';
import { CommandIO, type OutputChunk } from '../io';
import { parseDockerArgs } from './parse-args';
import { printDaemonError, type Handler, type Invocation } from './invocation';
import { attach } from './commands/attach';
import { build, builderPrune } from './commands/build';
import { commit } from './commands/commit';
import { cp } from './commands/cp';
import { create } from './commands/create';
import { diff } from './commands/diff';
import { exec } from './commands/exec';
import { history } from './commands/history';
import { images } from './commands/images';
import { containerInspectCommand, imageInspectCommand, inspect, networkInspectCommand, volumeInspectCommand } from './commands/inspect';
import { kill } from './commands/kill';
import { login, logout } from './commands/login';
import { logs } from './commands/logs';
import { networkConnect, networkCreate, networkDisconnect, networkLs, networkPrune, networkRm } from './commands/network';
import { pause, unpause } from './commands/pause';
import { port } from './commands/port';
import { containerPrune, imagePrune } from './commands/prune';
import { ps } from './commands/ps';
import { pull } from './commands/pull';
import { push } from './commands/push';
import { rename } from './commands/rename';
import { restart } from './commands/restart';
import { rm } from './commands/rm';
import { rmi } from './commands/rmi';
import { run } from './commands/run';
import { start } from './commands/start';
import { stats } from './commands/stats';
import { stop } from './commands/stop';
import { info, systemDf, systemPrune, version } from './commands/system';
import { tag } from './commands/tag';
import { top } from './commands/top';
import { volumeCreate, volumeLs, volumePrune, volumeRm } from './commands/volume';

const HANDLERS: Record<string, Handler> = {
  'container run': run,
  'container create': create,
  'container start': start,
  'container stop': stop,
  'container restart': restart,
  'container kill': kill,
  'container pause': pause,
  'container unpause': unpause,
  'container rm': rm,
  'container attach': attach,
  'container ls': ps,
  'container logs': logs,
  'container exec': exec,
  'container inspect': containerInspectCommand,
  'container port': port,
  'container rename': rename,
  'container diff': diff,
  'container commit': commit,
  'container top': top,
  'container stats': stats,
  'container cp': cp,
  'container prune': containerPrune,
  'image build': build,
  'builder prune': builderPrune,
  'image ls': images,
  'image pull': pull,
  'image push': push,
  'image tag': tag,
  'image rm': rmi,
  'image history': history,
  'image inspect': imageInspectCommand,
  'image prune': imagePrune,
  'volume create': volumeCreate,
  'volume ls': volumeLs,
  'volume inspect': volumeInspectCommand,
  'volume rm': volumeRm,
  'volume prune': volumePrune,
  'network ls': networkLs,
  'network create': networkCreate,
  'network rm': networkRm,
  'network connect': networkConnect,
  'network disconnect': networkDisconnect,
  'network inspect': networkInspectCommand,
  'network prune': networkPrune,
  'system df': systemDf,
  'system prune': systemPrune,
  'system info': info,
  inspect,
  version,
  login,
  logout,
};

/** Commands Baleia recognises but does not simulate, with the reason shown to the student. */
const NOT_SIMULATED: Record<string, string> = {
  'container export': 'exporting a filesystem as a tar file is not part of the course',
  'container update': 'changing limits of a running container is not simulated',
  'container wait': 'waiting blocks the terminal; check docker ps -a instead',
  'image save': 'tar archives of images are not part of the course',
  'image load': 'tar archives of images are not part of the course',
  'image import': 'tar archives of images are not part of the course',
  'system events': 'the event stream never ends in a chat',
  search: 'Docker Hub search needs the internet; the catalogue is listed in /help',
};

export interface DockerCliResult {
  chunks: OutputChunk[];
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface DockerCliEnvironment {
  hostCwd: string;
  /** The shell's variables, read only when a flag needs them (`-e NAME`, `--build-arg NAME`). */
  hostEnv: () => Record<string, string>;
  stdin: string;
}

export async function runDockerCli(ctx: HostContext, argv: string[], environment: DockerCliEnvironment): Promise<DockerCliResult> {
  const io = new CommandIO();
  const exitCode = await dispatch(ctx, argv, environment, io);
  return { chunks: io.chunks, stdout: io.stdout, stderr: io.stderr, exitCode };
}

async function dispatch(ctx: HostContext, argv: string[], environment: DockerCliEnvironment, io: CommandIO): Promise<number> {
  const parsed = parseDockerArgs(argv, { daemon: 'linux', buildx: true });
  if (!parsed.ok) {
    io.out(parsed.stdout);
    io.err(parsed.stderr);
    if (parsed.exitCode !== 0) ctx.emit(event('cli.error', [], { command: argv.slice(0, 2).join(' ') }));
    return parsed.exitCode;
  }
  io.out(parsed.stdout);
  io.err(parsed.stderr);
  const key = parsed.path.join(' ');
  const handler = HANDLERS[key];
  if (!handler) {
    const reason = NOT_SIMULATED[key] ?? 'it is outside what this course simulates';
    io.err(`baleia: \`docker ${parsed.commandPath.join(' ')}\` is not simulated here (${reason}).\n`);
    return 1;
  }
  let hostEnv: Record<string, string> | undefined;
  const invocation: Invocation = {
    ctx,
    cmd: { path: parsed.path, typedPath: parsed.commandPath, flags: parsed.flags, args: parsed.args },
    io,
    hostCwd: environment.hostCwd,
    get hostEnv() {
      return (hostEnv ??= environment.hostEnv());
    },
    stdin: environment.stdin,
  };
  let exitCode: number;
  try {
    exitCode = await handler(invocation);
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    printDaemonError(io, error);
    exitCode = 1;
  }
  for (const error of io.errors) ctx.emit(event('docker.error', error.facts as `F${string}`[], { code: error.code, message: error.message }));
  return exitCode;
}
