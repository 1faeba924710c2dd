// docker restart = stop (same timeout) + start; works on stopped containers too.
import { DockerError } from '../../errors';
import { findContainer } from '../../ops/containers';
import { startContainer, stopContainer } from '../../ops/lifecycle';
import { eachArgument, flagNumber, type Invocation } from '../invocation';

export function restart(inv: Invocation): Promise<number> {
  const timeout = flagNumber(inv.cmd, 'timeout') ?? flagNumber(inv.cmd, 'time') ?? 10;
  return eachArgument(inv, async (arg) => {
    const container = findContainer(inv.ctx, arg);
    stopContainer(inv.ctx, container, timeout);
    if (inv.ctx.state.containers[container.id]) {
      const outcome = await startContainer(inv.ctx, container, { attach: false, interactive: false, tty: container.config.tty });
      if (outcome.kind === 'failed') throw new DockerError('System', outcome.message, 'container.start-failed');
    }
  });
}
