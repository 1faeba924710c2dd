// docker rmi / docker image rm: untag, and delete the image once nothing names or uses it.
import { conflict, DockerError, notFound } from '../../errors';
import { event } from '../../events';
import { shortId } from '../../format/ids';
import type { HostContext } from '../../host-context';
import { chainIds } from '../../ops/image-layers';
import { containersUsing, familiarTagsOf, findImage, noSuchImageName, tagsOf } from '../../ops/image-store';
import { isRunning } from '../../ops/containers';
import { canonicalString, familiarString, parseImageRef, refFromCanonical, withDefaultTag } from '../../registry/reference';
import { flagBool, printDaemonError, type Invocation } from '../invocation';

function deleteImage(ctx: HostContext, imageId: string, lines: string[]): void {
  const image = ctx.image(imageId);
  for (const key of tagsOf(ctx, imageId)) {
    delete ctx.state.tags[key];
    lines.push(`Untagged: ${familiarString(refFromCanonical(key))}`);
  }
  for (const digest of image.repoDigests) lines.push(`Untagged: ${digest}`);
  delete ctx.state.images[imageId];
  lines.push(`Deleted: ${imageId}`);
  const stillUsed = new Set<string>();
  for (const other of Object.values(ctx.state.images)) for (const chain of chainIds(other.layers)) stillUsed.add(chain);
  const chains = chainIds(image.layers);
  let freed = 0;
  for (let i = chains.length - 1; i >= 0; i--) {
    if (stillUsed.has(chains[i]!)) break;
    lines.push(`Deleted: ${chains[i]}`);
    freed++;
  }
  ctx.emit(event('image.removed', ['F06', 'F04'], { id: shortId(imageId), freedLayers: freed, sharedLayers: chains.length - freed }));
}

export function removeImage(ctx: HostContext, arg: string, force: boolean): string[] {
  const image = findImage(ctx, arg);
  if (!image) throw notFound(`No such image: ${noSuchImageName(arg)}`, 'image.not-found');
  const lines: string[] = [];
  const parsed = parseImageRef(arg);
  const key = parsed.ok ? canonicalString(withDefaultTag(parsed.ref)) : undefined;
  const byReference = key !== undefined && ctx.state.tags[key] === image.id;
  const tags = tagsOf(ctx, image.id);
  const users = containersUsing(ctx, image.id);

  if (byReference) {
    if (tags.length > 1) {
      delete ctx.state.tags[key];
      lines.push(`Untagged: ${familiarString(refFromCanonical(key))}`);
      ctx.emit(event('image.untagged', ['F04'], { ref: arg, id: shortId(image.id), remainingTags: tags.length - 1 }));
      return lines;
    }
    if (users.length > 0) {
      if (!force) {
        throw conflict(
          `conflict: unable to remove repository reference "${arg}" (must force) - container ${users[0]!.id.slice(0, 12)} is using its referenced image ${shortId(image.id)}`,
          'image.in-use',
          ['F18', 'F07'],
        );
      }
      delete ctx.state.tags[key];
      lines.push(`Untagged: ${familiarString(refFromCanonical(key))}`);
      ctx.emit(event('image.untagged', ['F04'], { ref: arg, id: shortId(image.id), remainingTags: 0, dangling: true }));
      return lines;
    }
    deleteImage(ctx, image.id, lines);
    return lines;
  }

  const running = users.find(isRunning);
  if (running) {
    throw conflict(`conflict: unable to delete ${shortId(image.id)} (cannot be forced) - image is being used by running container ${running.id.slice(0, 12)}`, 'image.in-use-running', ['F07']);
  }
  if (Object.values(ctx.state.images).some((other) => other.parent === image.id)) {
    throw conflict(`conflict: unable to delete ${shortId(image.id)} (cannot be forced) - image has dependent child images`, 'image.has-children', ['F05']);
  }
  if (force && users.length > 0) {
    // A stopped container still stands on these layers: Docker unlinks the names and the
    // layers stay until the container goes (Baleia keeps the image record for it, nameless).
    for (const tagKey of tags) {
      delete ctx.state.tags[tagKey];
      lines.push(`Untagged: ${familiarString(refFromCanonical(tagKey))}`);
    }
    ctx.emit(event('image.untagged', ['F04'], { ref: arg, id: shortId(image.id), remainingTags: 0, dangling: true }));
    return lines;
  }
  if (!force) {
    const repositories = new Set(familiarTagsOf(ctx, image.id).map((ref) => ref.split(':')[0]));
    if (repositories.size > 1) {
      throw conflict(`conflict: unable to delete ${shortId(image.id)} (must be forced) - image is referenced in multiple repositories`, 'image.multiple-repos');
    }
    if (users.length > 0) {
      throw conflict(`conflict: unable to delete ${shortId(image.id)} (must be forced) - image is being used by stopped container ${users[0]!.id.slice(0, 12)}`, 'image.in-use-stopped', ['F20']);
    }
  }
  deleteImage(ctx, image.id, lines);
  return lines;
}

export function rmi(inv: Invocation): number {
  const force = flagBool(inv.cmd, 'force');
  let failed = false;
  for (const arg of inv.cmd.args) {
    try {
      inv.io.out(removeImage(inv.ctx, arg, force).map((line) => `${line}\n`).join(''));
    } catch (error) {
      if (!(error instanceof DockerError)) throw error;
      printDaemonError(inv.io, error);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}
