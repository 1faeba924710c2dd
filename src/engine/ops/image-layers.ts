// Layer identities: ChainIDs (what `docker rmi` prints as it frees layers) and layers made
// from a container's writable layer (docker commit) or a build step.
import type { HostContext } from '../host-context';
import { treeSize, type FileTree } from '../model/file-tree';
import type { Layer } from '../model/image';
import { serializeTree } from '../registry/catalog';
import { sha256Digest } from '../util/sha256';

/** ChainID(L1) = DiffID(L1); ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln)). */
export function chainIds(diffIds: string[]): string[] {
  const chains: string[] = [];
  for (const diffId of diffIds) {
    const previous = chains[chains.length - 1];
    chains.push(previous === undefined ? diffId : sha256Digest(`${previous} ${diffId}`));
  }
  return chains;
}

/** Compressed size as gzip would roughly make it: text compresses well, binaries less. */
export function estimateCompressed(size: number): number {
  return Math.max(32, Math.round(size * 0.38));
}

/** Stores a new layer (content-addressed: the same files give the same DiffID, stored once). */
export function layerFromTree(ctx: HostContext, files: FileTree): Layer {
  const diffId = sha256Digest(`baleia-layer:${serializeTree(files)}`);
  const existing = ctx.newLayers.get(diffId) ?? ctx.ports.catalog.layers.get(diffId) ?? ctx.ports.getStoredLayer(diffId);
  if (existing) return existing;
  const size = treeSize(files);
  const layer: Layer = { diffId, blobDigest: sha256Digest(`gzip:${diffId}`), size, compressedSize: estimateCompressed(size), files };
  ctx.newLayers.set(diffId, layer);
  return layer;
}
