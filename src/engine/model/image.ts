import type { FileTree } from './file-tree';

/** The image config Docker hashes into the image ID (keys as in the OCI/Docker config). */
export interface ImageConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, Record<string, never>>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
  ArgsEscaped?: boolean;
  Healthcheck?: {
    Test: string[];
    Interval?: number;
    Timeout?: number;
    StartPeriod?: number;
    StartInterval?: number;
    Retries?: number;
  };
  OnBuild?: string[];
  Shell?: string[];
}

export interface HistoryEntry {
  created: string;
  createdBy: string;
  comment?: string;
  author?: string;
  /** True for metadata-only steps (ENV, CMD, ...): no filesystem layer. */
  emptyLayer?: boolean;
}

/** A read-only filesystem layer, stored once and addressed by its DiffID. */
export interface Layer {
  /** sha256 of the uncompressed layer content. */
  diffId: string;
  /** sha256 of the compressed blob, as a registry stores it (pull shows its first 12 hex). */
  blobDigest: string;
  /** Uncompressed bytes (what `docker images` adds up). */
  size: number;
  /** Compressed bytes (what pull and push transfer). */
  compressedSize: number;
  files: FileTree;
}

/** An image in a host's local store. */
export interface Image {
  /** `sha256:` + hex of the config JSON. */
  id: string;
  config: ImageConfig;
  /** DiffIDs, base first. */
  layers: string[];
  history: HistoryEntry[];
  created: string;
  author?: string;
  comment?: string;
  /** The image this one was committed from (docker commit), when known locally. */
  parent?: string;
  /** `repo@sha256:…` references known for this image (set by pull and push). */
  repoDigests: string[];
  lastTagTime?: string;
  /** `docker build` metadata: the build cache records which steps made this image. */
  architecture?: string;
}
