// docker rm: deletes containers and their writable layers; volumes stay unless -v (anonymous).
import { DockerError } from '../../errors';
import { findContainer } from '../../ops/containers';
import { removeContainer } from '../../ops/lifecycle';
import { flagBool, printDaemonError, type Invocation } from '../invocation';

export function rm(inv: Invocation): number {
  const force = flagBool(inv.cmd, 'force');
  const volumes = flagBool(inv.cmd, 'volumes');
  let failed = false;
  for (const arg of inv.cmd.args) {
    try {
      removeContainer(inv.ctx, findContainer(inv.ctx, arg), { force, volumes, typed: arg });
      inv.io.out(`${arg}\n`);
    } catch (error) {
      if (!(error instanceof DockerError)) throw error;
      printDaemonError(inv.io, error);
      // `docker rm -f missing` reports the error but does not fail.
      if (!(force && error.kind === 'NotFound')) failed = true;
    }
  }
  return failed ? 1 : 0;
}
