// docker stop: the stop signal, then SIGKILL after the timeout; the container keeps its
// writable layer and can start again (F11, F20).
import { findContainer } from '../../ops/containers';
import { stopContainer } from '../../ops/lifecycle';
import { eachArgument, flagNumber, type Invocation } from '../invocation';

export function stop(inv: Invocation): Promise<number> {
  const timeout = flagNumber(inv.cmd, 'timeout') ?? flagNumber(inv.cmd, 'time') ?? 10;
  return eachArgument(inv, (arg) => {
    stopContainer(inv.ctx, findContainer(inv.ctx, arg), timeout);
  });
}
