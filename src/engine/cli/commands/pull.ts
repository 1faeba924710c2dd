// docker pull: layers the host already has print "Already exists" (F06); what moves over the
// network is compressed (F28).
import { DockerError } from '../../errors';
import { canonicalString, parseImageRef, withDefaultTag } from '../../registry/reference';
import { pullImage } from '../../ops/pull-image';
import { flagBool, printDaemonError, type Invocation } from '../invocation';

export function pull(inv: Invocation): number {
  const text = inv.cmd.args[0] ?? '';
  const parsed = parseImageRef(text);
  if (!parsed.ok) {
    inv.io.err(`${parsed.error}\n`);
    return 1;
  }
  if (flagBool(inv.cmd, 'all-tags') && (parsed.ref.tag !== undefined || parsed.ref.digest !== undefined)) {
    inv.io.err("tag can't be used with --all-tags/-a\n");
    return 1;
  }
  const quiet = flagBool(inv.cmd, 'quiet');
  const ref = withDefaultTag(parsed.ref);
  try {
    const result = pullImage(inv.ctx, ref);
    if (!quiet) {
      if (parsed.ref.tag === undefined && parsed.ref.digest === undefined) inv.io.out('Using default tag: latest\n');
      inv.io.out(result.lines.map((line) => `${line}\n`).join(''));
    }
    inv.io.out(`${canonicalString(ref)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    if (!quiet && parsed.ref.tag === undefined && parsed.ref.digest === undefined) inv.io.out('Using default tag: latest\n');
    printDaemonError(inv.io, error);
    return 1;
  }
}
