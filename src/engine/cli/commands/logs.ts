// docker logs: everything the container's main process wrote, even after it stopped.
import { findContainer } from '../../ops/containers';
import { logTimestampPrefix } from '../../format/time';
import { flagBool, flagString, printDaemonError, type Invocation } from '../invocation';
import { DockerError } from '../../errors';

export function logs(inv: Invocation): number {
  try {
    const container = findContainer(inv.ctx, inv.cmd.args[0] ?? '');
    const timestamps = flagBool(inv.cmd, 'timestamps');
    const tail = flagString(inv.cmd, 'tail');
    let entries = container.logs.filter((entry) => entry.t <= inv.ctx.now);
    if (tail !== undefined && tail !== 'all') {
      const count = Number(tail);
      if (Number.isInteger(count) && count >= 0) entries = count === 0 ? [] : entries.slice(-count);
    }
    for (const entry of entries) {
      const text = timestamps ? `${logTimestampPrefix(entry.t)}${entry.text}` : entry.text;
      // With a TTY both streams are one, and docker logs prints it all on stdout.
      if (entry.stream === 'stderr' && !container.config.tty) inv.io.err(text);
      else inv.io.out(text);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    printDaemonError(inv.io, error);
    return 1;
  }
}
