// docker push NAME[:TAG]
import { DockerError } from '../../errors';
import { pushImage } from '../../ops/push-image';
import { parseImageRef, withDefaultTag } from '../../registry/reference';
import { printDaemonError, type Invocation } from '../invocation';

export function push(inv: Invocation): number {
  const text = inv.cmd.args[0] ?? '';
  const parsed = parseImageRef(text);
  if (!parsed.ok) {
    inv.io.err(`${parsed.error}\n`);
    return 1;
  }
  if (parsed.ref.tag === undefined && parsed.ref.digest === undefined) inv.io.out('Using default tag: latest\n');
  try {
    const result = pushImage(inv.ctx, withDefaultTag(parsed.ref), text);
    inv.io.out(result.lines.map((line) => `${line}\n`).join(''));
    if (result.denied) {
      inv.io.err('denied: requested access to the resource is denied\n');
      return 1;
    }
    return 0;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    printDaemonError(inv.io, error);
    return 1;
  }
}
