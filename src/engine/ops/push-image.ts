// docker push to the class registry: a student pushes under their own name; layers the
// registry has print "Layer already exists" or "Mounted from"; what travels is compressed (F28).
import { DockerError, notFound } from '../errors';
import { event } from '../events';
import type { HostContext } from '../host-context';
import { manifestFor } from '../registry/catalog';
import { canonicalString, familiarName, repositoryName, type ImageRef } from '../registry/reference';
import { findImage } from './image-store';

export interface PushResult {
  lines: string[];
  /** Set when the push was refused after the layer lines (not the student's namespace). */
  denied: boolean;
}

export function pushImage(ctx: HostContext, ref: ImageRef, typed: string): PushResult {
  const image = findImage(ctx, canonicalString(ref));
  if (!image) throw notFound(`An image does not exist locally with the tag: ${typed.replace(/:latest$/, '')}`, 'push.no-image', ['F03']);
  if (ref.domain !== 'docker.io') {
    throw new DockerError('Unavailable', `Get "https://${ref.domain}/v2/": dial tcp: lookup ${ref.domain.split(':')[0]} on 127.0.0.53:53: no such host`, 'registry.unreachable');
  }
  const lines = [`The push refers to repository [${repositoryName(ref)}]`];
  const layers = image.layers.map((diffId) => ctx.layer(diffId));
  const owner = ref.path.split('/')[0];
  if (ref.path.split('/').length < 2 || owner !== ctx.state.userName) {
    for (const layer of [...layers].reverse()) lines.push(`${layer.diffId.slice(7, 19)}: Preparing`);
    ctx.emit(event('push.denied', ['F03'], { ref: familiarName(ref), owner: owner ?? '', user: ctx.state.userName }));
    return { lines, denied: true };
  }
  const repository = ref.path;
  let pushed = 0;
  let bytes = 0;
  for (const layer of [...layers].reverse()) {
    const holders = ctx.ports.registry.repositoriesWithLayer(layer.diffId);
    const official = ctx.ports.catalog.layerRepository.get(layer.diffId);
    let status: string;
    if (holders.includes(repository)) status = 'Layer already exists';
    else if (holders.length > 0) status = `Mounted from ${holders[0]}`;
    else if (official) status = `Mounted from ${official}`;
    else {
      status = 'Pushed';
      pushed++;
      bytes += layer.compressedSize;
    }
    lines.push(`${layer.diffId.slice(7, 19)}: ${status}`);
  }
  const manifest = manifestFor(image, layers);
  lines.push(`${ref.tag ?? 'latest'}: digest: ${manifest.digest} size: ${manifest.size}`);
  const repoDigest = `${familiarName(ref)}@${manifest.digest}`;
  if (!image.repoDigests.includes(repoDigest)) image.repoDigests.push(repoDigest);
  ctx.registryPushes.push({
    repository: repositoryName(ref),
    tag: ref.tag ?? 'latest',
    image: { image: { ...structuredClone(image), repoDigests: [] }, digest: manifest.digest, manifestSize: manifest.size },
    layers: image.layers,
  });
  for (const layer of layers) if (!ctx.ports.catalog.layers.has(layer.diffId)) ctx.newLayers.set(layer.diffId, layer);
  ctx.emit(event('image.pushed', ['F03', 'F28'], { ref: familiarName(ref), tag: ref.tag ?? 'latest', pushed, reused: layers.length - pushed, compressedBytes: bytes }));
  return { lines, denied: false };
}

