// Turns the catalogue (data/images) into content-addressed Layers and Images, once at start.
import { DIR_MODE, EXEC_MODE, FILE_MODE, type FileNode, type FileTree } from '../model/file-tree';
import type { HistoryEntry, Image, ImageConfig, Layer } from '../model/image';
import { ancestors } from '../fs/paths';
import { sha256Digest } from '../util/sha256';
import { CatalogSchema, type Catalog, type FileSpec, type LayerSpec, type ProgramSpec } from './catalog-schema';
import { canonicalString, parseImageRef } from './reference';

/** An image as the registry serves it: the image plus what pull prints. */
export interface RegistryImage {
  image: Image;
  /** The manifest digest (`Digest:` in pull, RepoDigests). */
  digest: string;
  /** Manifest size in bytes (printed by push). */
  manifestSize: number;
}

export interface CatalogIndex {
  /** Official images by canonical reference (`docker.io/library/nginx:latest`). */
  official: Map<string, RegistryImage>;
  /** Repositories that exist (for "manifest unknown" vs "repository does not exist"). */
  repositories: Set<string>;
  /** Every catalogue layer by DiffID. */
  layers: Map<string, Layer>;
  programs: Record<string, ProgramSpec>;
  hostLayer: Layer;
  /** The official repository each catalogue layer first appears in (`library/node`), for push's "Mounted from". */
  layerRepository: Map<string, string>;
}

/** What stands for a compiled program in a layer: `cat` shows this; running it goes to the dispatcher. */
export const BINARY_STAND_IN = '\u007fELF (compiled program)\n';

export function isBinaryStandIn(content: string): boolean {
  return content.startsWith('\u007fELF');
}

function specToNode(spec: FileSpec): FileNode {
  if (typeof spec === 'string') return { type: 'file', mode: FILE_MODE, content: spec };
  if ('symlink' in spec) return { type: 'symlink', target: spec.symlink };
  if ('whiteout' in spec) return { type: 'whiteout' };
  if ('dir' in spec) return { type: 'dir', mode: spec.mode ?? DIR_MODE };
  const binary = isBinaryStandIn(spec.content);
  return {
    type: 'file',
    mode: spec.mode ?? (binary ? EXEC_MODE : FILE_MODE),
    content: binary ? BINARY_STAND_IN : spec.content,
    // A stand-in is as big as the program it stands for, not as its few bytes of text.
    ...(spec.size !== undefined ? { size: spec.size } : binary ? { size: 0 } : {}),
  };
}

/** Materialises a layer's files with every parent directory explicit. */
export function layerTreeFromSpec(spec: LayerSpec): FileTree {
  const tree: FileTree = {};
  const addParents = (path: string) => {
    for (const dir of ancestors(path)) if (!tree[dir]) tree[dir] = { type: 'dir', mode: DIR_MODE };
  };
  for (const [path, fileSpec] of Object.entries(spec.files)) {
    addParents(path);
    tree[path] = specToNode(fileSpec);
  }
  for (const path of spec.executables) {
    addParents(path);
    if (!tree[path]) tree[path] = { type: 'file', mode: EXEC_MODE, content: BINARY_STAND_IN };
  }
  return Object.fromEntries(Object.entries(tree).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A stable serialisation of a tree: equal content gives an equal DiffID. */
export function serializeTree(tree: FileTree): string {
  return JSON.stringify(Object.keys(tree).sort().map((path) => [path, tree[path]]));
}

/** The JSON Docker hashes into an image ID (the image config blob). */
export function imageConfigBlob(image: Pick<Image, 'config' | 'layers' | 'history' | 'created' | 'author'>): string {
  return JSON.stringify({
    architecture: 'amd64',
    ...(image.author ? { author: image.author } : {}),
    config: image.config,
    created: image.created,
    history: image.history.map((entry) => ({
      created: entry.created,
      created_by: entry.createdBy,
      ...(entry.author ? { author: entry.author } : {}),
      ...(entry.comment ? { comment: entry.comment } : {}),
      ...(entry.emptyLayer ? { empty_layer: true } : {}),
    })),
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: image.layers },
  });
}

export function computeImageId(image: Pick<Image, 'config' | 'layers' | 'history' | 'created' | 'author'>): string {
  return sha256Digest(imageConfigBlob(image));
}

/** The registry manifest for an image: its digest and size, as push and pull print them. */
export function manifestFor(image: Image, layers: Layer[]): { digest: string; size: number } {
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: imageConfigBlob(image).length, digest: image.id },
    layers: layers.map((layer) => ({
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      size: layer.compressedSize,
      digest: layer.blobDigest,
    })),
  }, null, 3);
  return { digest: sha256Digest(manifest), size: manifest.length };
}

export function buildCatalogIndex(raw: unknown): CatalogIndex {
  const catalog: Catalog = CatalogSchema.parse(raw);
  const layersByKey = new Map<string, Layer>();
  const layers = new Map<string, Layer>();
  for (const [key, spec] of Object.entries(catalog.layers)) {
    const files = layerTreeFromSpec(spec);
    const diffId = sha256Digest(`baleia-layer:${key}:${serializeTree(files)}`);
    const layer: Layer = {
      diffId,
      blobDigest: sha256Digest(`gzip:${diffId}`),
      size: spec.size,
      compressedSize: spec.compressedSize,
      files,
    };
    layersByKey.set(key, layer);
    layers.set(diffId, layer);
  }

  const official = new Map<string, RegistryImage>();
  const repositories = new Set<string>();
  const layerRepository = new Map<string, string>();
  for (const spec of catalog.images) {
    const history: HistoryEntry[] = spec.history.map((entry) => ({
      created: entry.created,
      createdBy: entry.createdBy,
      ...(entry.comment !== undefined && { comment: entry.comment }),
      ...(entry.layer === undefined && { emptyLayer: true }),
    }));
    const imageLayers = spec.history.flatMap((entry) => {
      if (entry.layer === undefined) return [];
      const layer = layersByKey.get(entry.layer);
      if (!layer) throw new Error(`catalogue: image ${spec.repository} uses unknown layer ${entry.layer}`);
      return [layer];
    });
    const base: Omit<Image, 'id'> = {
      config: spec.config as ImageConfig,
      layers: imageLayers.map((layer) => layer.diffId),
      history,
      created: spec.created,
      repoDigests: [],
    };
    const image: Image = { id: computeImageId(base), ...base };
    const manifest = manifestFor(image, imageLayers);
    // Official images are multi-platform: the digest users see is the index's.
    const indexDigest = sha256Digest(`index:${manifest.digest}`);
    for (const tag of spec.tags) {
      const parsed = parseImageRef(`${spec.repository}:${tag}`);
      if (!parsed.ok) throw new Error(`catalogue: bad reference ${spec.repository}:${tag}`);
      const key = canonicalString(parsed.ref);
      if (official.has(key)) throw new Error(`catalogue: duplicate tag ${key}`);
      official.set(key, { image, digest: indexDigest, manifestSize: manifest.size });
      repositories.add(`${parsed.ref.domain}/${parsed.ref.path}`);
      for (const diffId of image.layers) if (!layerRepository.has(diffId)) layerRepository.set(diffId, parsed.ref.path);
    }
  }

  const hostLayer = layersByKey.get(catalog.hostLayer);
  if (!hostLayer) throw new Error(`catalogue: unknown host layer ${catalog.hostLayer}`);
  return { official, repositories, layers, programs: catalog.programs, hostLayer, layerRepository };
}
