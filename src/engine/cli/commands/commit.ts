// docker commit CONTAINER [REPOSITORY[:TAG]]: prints the new image's full ID.
import { DockerError } from '../../errors';
import { commitContainer } from '../../ops/commit';
import { findContainer } from '../../ops/containers';
import { setTag } from '../../ops/image-store';
import { parseImageRef, withDefaultTag } from '../../registry/reference';
import { flagList, flagString, printDaemonError, type Invocation } from '../invocation';

export function commit(inv: Invocation): number {
  const [name = '', target] = inv.cmd.args;
  try {
    let ref;
    if (target !== undefined) {
      const parsed = parseImageRef(target);
      if (!parsed.ok) {
        inv.io.err(`Error response from daemon: ${parsed.error}\n`);
        return 1;
      }
      ref = withDefaultTag(parsed.ref);
    }
    const container = findContainer(inv.ctx, name);
    const message = flagString(inv.cmd, 'message');
    const author = flagString(inv.cmd, 'author');
    const image = commitContainer(inv.ctx, container, {
      changes: flagList(inv.cmd, 'change'),
      ...(message !== undefined && { message }),
      ...(author !== undefined && { author }),
    });
    if (ref) setTag(inv.ctx, ref, image.id);
    inv.io.out(`${image.id}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    printDaemonError(inv.io, error);
    return 1;
  }
}
