// docker kill: SIGKILL by default (exit 137), or the signal given with -s.
import { findContainer } from '../../ops/containers';
import { killContainer } from '../../ops/lifecycle';
import { eachArgument, flagString, type Invocation } from '../invocation';

export function kill(inv: Invocation): Promise<number> {
  const signal = flagString(inv.cmd, 'signal') ?? 'KILL';
  return eachArgument(inv, (arg) => killContainer(inv.ctx, findContainer(inv.ctx, arg), signal, arg));
}
