// docker tag SOURCE TARGET: one more name for the same image ID; nothing is copied.
import { event } from '../../events';
import { findImage, noSuchImageName, setTag } from '../../ops/image-store';
import { familiarString, parseImageRef, withDefaultTag } from '../../registry/reference';
import type { Invocation } from '../invocation';

export function tag(inv: Invocation): number {
  const [source = '', target = ''] = inv.cmd.args;
  const parsed = parseImageRef(target);
  if (!parsed.ok) {
    inv.io.err(`Error parsing reference: "${target}" is not a valid repository/tag: ${parsed.error}\n`);
    return 1;
  }
  const image = findImage(inv.ctx, source);
  if (!image) {
    inv.io.err(`Error response from daemon: No such image: ${noSuchImageName(source)}\n`);
    return 1;
  }
  const ref = withDefaultTag(parsed.ref);
  const previous = setTag(inv.ctx, ref, image.id);
  inv.ctx.emit(event('image.tagged', ['F03', 'F04'], { source, target: familiarString(ref), id: image.id.slice(7, 19), moved: previous !== undefined }));
  return 0;
}
