// docker rename: a new name, same container (ID, layer and settings unchanged).
import { DockerError } from '../../errors';
import { event } from '../../events';
import { checkContainerName, findContainer } from '../../ops/containers';
import { printDaemonError, type Invocation } from '../invocation';

export function rename(inv: Invocation): number {
  const [from = '', to = ''] = inv.cmd.args;
  try {
    const container = findContainer(inv.ctx, from);
    const name = checkContainerName(inv.ctx, to, container.id);
    const old = container.name;
    container.name = name;
    inv.ctx.emit(event('container.renamed', ['F13'], { from: old, to: name }));
    return 0;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    printDaemonError(inv.io, error);
    return 1;
  }
}
