// The local image store: tags, lookups the way the daemon resolves names, sizes and usage.
import type { HostContext } from '../host-context';
import type { Image } from '../model/image';
import {
  canonicalString,
  familiarString,
  parseImageRef,
  refFromCanonical,
  withDefaultTag,
  type ImageRef,
} from '../registry/reference';

/** Finds an image the way the daemon does: a reference in the tag store, else a unique ID prefix. */
export function findImage(ctx: HostContext, text: string): Image | undefined {
  const parsed = parseImageRef(text);
  if (parsed.ok) {
    const ref = withDefaultTag(parsed.ref);
    if (ref.digest) {
      const wanted = `${familiarString({ ...ref, digest: undefined, tag: undefined })}@${ref.digest}`;
      const byDigest = Object.values(ctx.state.images).find((image) => image.repoDigests.includes(wanted));
      if (byDigest) return byDigest;
    } else {
      const id = ctx.state.tags[canonicalString(ref)];
      if (id) return ctx.state.images[id];
    }
  }
  const hex = text.startsWith('sha256:') ? text.slice(7) : text;
  if (/^[a-f0-9]+$/.test(hex) && hex.length > 0) {
    const matches = Object.keys(ctx.state.images).filter((id) => id.slice(7).startsWith(hex));
    if (matches.length === 1) return ctx.state.images[matches[0]!];
  }
  return undefined;
}

/** `No such image: x:latest`: the daemon echoes the familiar name with :latest added. */
export function noSuchImageName(text: string): string {
  const parsed = parseImageRef(text);
  if (!parsed.ok) return text;
  return familiarString(withDefaultTag(parsed.ref));
}

/** Canonical references pointing at an image, sorted as Docker lists RepoTags. */
export function tagsOf(ctx: HostContext, imageId: string): string[] {
  return Object.entries(ctx.state.tags)
    .filter(([, id]) => id === imageId)
    .map(([key]) => key)
    .sort();
}

export function familiarTagsOf(ctx: HostContext, imageId: string): string[] {
  return tagsOf(ctx, imageId).map((key) => familiarString(refFromCanonical(key)));
}

export function setTag(ctx: HostContext, ref: ImageRef, imageId: string): string | undefined {
  const key = canonicalString(withDefaultTag(ref));
  const previous = ctx.state.tags[key];
  ctx.state.tags[key] = imageId;
  const image = ctx.state.images[imageId];
  if (image) image.lastTagTime = new Date(ctx.now).toISOString();
  return previous !== imageId ? previous : undefined;
}

/** Uncompressed size of all the image's layers, what `docker images` shows. */
export function imageSize(ctx: HostContext, image: Image): number {
  let total = 0;
  for (const diffId of image.layers) total += ctx.layer(diffId).size;
  return total;
}

export function isDangling(ctx: HostContext, imageId: string): boolean {
  return tagsOf(ctx, imageId).length === 0;
}

/** DiffIDs present on this host (any image uses them). */
export function localLayerIds(ctx: HostContext): Set<string> {
  const ids = new Set<string>();
  for (const image of Object.values(ctx.state.images)) for (const diffId of image.layers) ids.add(diffId);
  return ids;
}

/** Containers (any state) created from an image. */
export function containersUsing(ctx: HostContext, imageId: string) {
  return Object.values(ctx.state.containers).filter((container) => container.imageId === imageId);
}
