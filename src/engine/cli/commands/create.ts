// docker create: a container from an image, with its writable layer and settings, not started.
import { DockerError } from '../../errors';
import { createContainer } from '../../ops/create-container';
import { printDaemonError, typedCommand, type Invocation } from '../invocation';
import { ClientError, createOptionsFromFlags, imageForRun, printRunFailure } from '../run-options';

export function create(inv: Invocation): number {
  try {
    const options = createOptionsFromFlags(inv);
    const { image } = imageForRun(inv, options.imageText);
    const container = createContainer(inv.ctx, image, options);
    inv.io.out(`${container.id}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ClientError) {
      printRunFailure(inv.io, typedCommand(inv.cmd), error.message);
      return 125;
    }
    if (error instanceof DockerError) {
      printDaemonError(inv.io, error);
      return 1;
    }
    throw error;
  }
}
