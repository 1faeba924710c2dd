// docker pause / unpause: freeze and thaw every process of a container.
import { findContainer } from '../../ops/containers';
import { pauseContainer, unpauseContainer } from '../../ops/lifecycle';
import { eachArgument, type Invocation } from '../invocation';

export function pause(inv: Invocation): Promise<number> {
  return eachArgument(inv, (arg) => pauseContainer(inv.ctx, findContainer(inv.ctx, arg)));
}

export function unpause(inv: Invocation): Promise<number> {
  return eachArgument(inv, (arg) => unpauseContainer(inv.ctx, findContainer(inv.ctx, arg)));
}
