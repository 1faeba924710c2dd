// docker diff: the container's writable layer: A added, C changed, D deleted (F13, F14).
import { DockerError } from '../../errors';
import { event } from '../../events';
import { findContainer } from '../../ops/containers';
import { writableLayerChanges } from '../../ops/changes';
import { printDaemonError, type Invocation } from '../invocation';

export function diff(inv: Invocation): number {
  try {
    const container = findContainer(inv.ctx, inv.cmd.args[0] ?? '');
    const changes = writableLayerChanges(inv.ctx, container);
    inv.io.out(changes.map((change) => `${change.kind} ${change.path}\n`).join(''));
    inv.ctx.emit(event('container.diff', ['F13', 'F14'], { name: container.name, changes: changes.length }));
    return 0;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    printDaemonError(inv.io, error);
    return 1;
  }
}
