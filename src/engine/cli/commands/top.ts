// docker top: the container's processes as the host sees them (host PIDs: F09, F10).
import { conflict, DockerError } from '../../errors';
import { formatTable } from '../../format/table';
import { findContainer } from '../../ops/containers';
import { containerCommand } from '../../format/ids';
import { printDaemonError, type Invocation } from '../invocation';

export function top(inv: Invocation): number {
  try {
    const container = findContainer(inv.ctx, inv.cmd.args[0] ?? '');
    if (container.state.status !== 'running' && container.state.status !== 'paused') {
      throw conflict(`container ${container.id} is not running`, 'top.not-running');
    }
    const started = new Date(container.state.startedAt).toISOString().slice(11, 16);
    const rows = [['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']];
    const pid = container.state.pid;
    rows.push([container.config.user || 'root', String(pid), String(pid - 21), '0', started, container.config.tty ? 'pts/0' : '?', '00:00:00', containerCommand(container.path, container.args)]);
    if (container.process?.program === 'nginx') {
      rows.push(['message+', String(pid + 45), String(pid), '0', started, '?', '00:00:00', 'nginx: worker process']);
      rows.push(['message+', String(pid + 46), String(pid), '0', started, '?', '00:00:00', 'nginx: worker process']);
    }
    // docker top's own tabwriter: minimum width 20, padding 3.
    inv.io.out(formatTable(rows, { minWidth: 20, padding: 3 }));
    return 0;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    printDaemonError(inv.io, error);
    return 1;
  }
}
