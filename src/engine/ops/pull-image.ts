// docker pull (and the implicit pull of run/create/build): fetch an image from Docker Hub's
// official catalogue or from the class registry; layers the host has are "Already exists".
import { DockerError, limitReached, notFound } from '../errors';
import { event } from '../events';
import type { HostContext } from '../host-context';
import type { Image } from '../model/image';
import type { RegistryImage } from '../registry/catalog';
import {
  canonicalString,
  familiarName,
  familiarString,
  repositoryName,
  type ImageRef,
} from '../registry/reference';
import { localLayerIds, setTag } from './image-store';

export interface RemoteImage {
  remote: RegistryImage;
  /** Official catalogue or a classmate's push. */
  source: 'official' | 'class';
}

/** Looks a reference up on the registries this sandbox can reach; throws Docker's error if absent. */
export function findRemoteImage(ctx: HostContext, ref: ImageRef): RemoteImage {
  if (ref.domain !== 'docker.io') {
    throw new DockerError(
      'Unavailable',
      `Get "https://${ref.domain}/v2/": dial tcp: lookup ${ref.domain.split(':')[0]} on 127.0.0.53:53: no such host`,
      'registry.unreachable',
      ['F03'],
    );
  }
  const key = canonicalString(ref);
  const official = ctx.ports.catalog.official.get(key);
  if (official) return { remote: official, source: 'official' };
  const pushed = ctx.ports.registry.getImage(key);
  if (pushed) return { remote: pushed, source: 'class' };
  const repository = repositoryName(ref);
  if (ctx.ports.catalog.repositories.has(repository) || ctx.ports.registry.hasRepository(repository)) {
    throw notFound(
      `manifest for ${familiarString(ref)} not found: manifest unknown: manifest unknown`,
      'image.tag-unknown',
      ['F03'],
    );
  }
  throw new DockerError(
    'Forbidden',
    `pull access denied for ${familiarName(ref)}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
    'image.repository-unknown',
    ['F03'],
  );
}

export interface PullResult {
  image: Image;
  /** Progress lines as a terminal shows them when the pull is done. */
  lines: string[];
  changed: boolean;
}

/** Pulls `ref` (tag already defaulted). Adds the image and moves the tag. */
export function pullImage(ctx: HostContext, ref: ImageRef): PullResult {
  const { remote, source } = findRemoteImage(ctx, ref);
  const key = canonicalString(ref);
  const local = localLayerIds(ctx);
  const alreadyTagged = ctx.state.tags[key] === remote.image.id && ctx.state.images[remote.image.id] !== undefined;
  const lines: string[] = [];
  const path = ref.path;
  lines.push(`${ref.digest ?? ref.tag}: Pulling from ${path}`);
  if (alreadyTagged) {
    lines.push(`Digest: ${remote.digest}`);
    lines.push(`Status: Image is up to date for ${familiarString(ref)}`);
    return { image: remote.image, lines, changed: false };
  }

  if (!ctx.state.images[remote.image.id] && Object.keys(ctx.state.images).length >= ctx.limits.maxImages) {
    throw limitReached(
      `Baleia limit: your host already has ${ctx.limits.maxImages} images. Remove some with docker rmi or docker image prune before pulling more.`,
    );
  }

  let reused = 0;
  let downloaded = 0;
  let compressed = 0;
  let uncompressed = 0;
  for (const diffId of remote.image.layers) {
    const layer = ctx.layer(diffId);
    const shortBlob = layer.blobDigest.slice(7, 19);
    if (local.has(diffId)) {
      reused++;
      lines.push(`${shortBlob}: Already exists`);
    } else {
      downloaded++;
      compressed += layer.compressedSize;
      uncompressed += layer.size;
      lines.push(`${shortBlob}: Pull complete`);
      local.add(diffId);
    }
  }
  lines.push(`Digest: ${remote.digest}`);
  lines.push(`Status: Downloaded newer image for ${familiarString(ref)}`);

  const existing = ctx.state.images[remote.image.id];
  const repoDigest = `${familiarName(ref)}@${remote.digest}`;
  const image: Image = existing ?? structuredClone(remote.image);
  if (!image.repoDigests.includes(repoDigest)) image.repoDigests.push(repoDigest);
  ctx.state.images[image.id] = image;
  const previous = setTag(ctx, ref, image.id);

  ctx.emit(
    event('image.pulled', reused > 0 ? ['F03', 'F06', 'F28'] : ['F03', 'F28'], {
      ref: familiarString(ref),
      source,
      layers: remote.image.layers.length,
      downloaded,
      reused,
      compressedBytes: compressed,
      uncompressedBytes: uncompressed,
    }),
  );
  if (previous && ctx.state.images[previous] && !Object.values(ctx.state.tags).includes(previous)) {
    ctx.emit(event('image.dangling', ['F04'], { id: previous.slice(7, 19), ref: familiarString(ref) }));
  }
  return { image, lines, changed: true };
}
