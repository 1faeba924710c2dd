// docker stats --no-stream: a snapshot of resource use. Figures are a plausible simulation:
// a server at rest uses a little memory and almost no CPU.
import { formatTable } from '../../format/table';
import type { Container } from '../../model/host-state';
import { findContainer, isRunning } from '../../ops/containers';
import { sha256Hex } from '../../util/sha256';
import { DockerError } from '../../errors';
import { flagBool, printDaemonError, type Invocation } from '../invocation';
import { event } from '../../events';

const BASE_MEMORY: Record<string, number> = { nginx: 9.2, redis: 4.1, 'redis-server': 4.1, postgres: 38.5, mysqld: 420, mongod: 160, 'httpd-foreground': 7.8, node: 45, python3: 28 };

function binaryMiB(mib: number): string {
  return mib >= 1024 ? `${(mib / 1024).toFixed(3)}GiB` : `${mib.toFixed(2)}MiB`;
}

function row(container: Container) {
  const seed = parseInt(sha256Hex(container.id).slice(0, 6), 16);
  const running = container.state.status === 'running';
  const memory = running ? (BASE_MEMORY[container.process?.program ?? ''] ?? 0.6) * (1 + (seed % 20) / 100) : 0;
  const limitMiB = container.hostConfig.memory > 0 ? container.hostConfig.memory / 1024 / 1024 : 3914.7;
  const cpu = running ? ((seed % 9) / 100).toFixed(2) : '0.00';
  return [
    container.id.slice(0, 12),
    container.name,
    `${cpu}%`,
    `${running ? binaryMiB(memory) : '0B'} / ${binaryMiB(limitMiB)}`,
    `${running ? ((memory / limitMiB) * 100).toFixed(2) : '0.00'}%`,
    running ? `${(1 + (seed % 50) / 10).toFixed(2)}kB / 126B` : '0B / 0B',
    running ? '0B / 0B' : '0B / 0B',
    running ? String(container.process?.program === 'nginx' ? 3 : 1) : '0',
  ];
}

export function stats(inv: Invocation): number {
  const { ctx, cmd, io } = inv;
  try {
    const containers = cmd.args.length > 0
      ? cmd.args.map((name) => findContainer(ctx, name))
      : Object.values(ctx.state.containers).filter((container) => flagBool(cmd, 'all') || isRunning(container));
    io.out(formatTable([['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'], ...containers.map(row)]));
    if (!flagBool(cmd, 'no-stream')) ctx.emit(event('stats.snapshot', ['F38', 'F13'], { count: containers.length }));
    return 0;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    printDaemonError(io, error);
    return 1;
  }
}
