// The working state of one command on one student's host: the host data being changed, the
// ports to shared data (catalogue, stored layers, class registry), the clock and the seeded
// random generator, and what the command produced besides output (events, new layers,
// registry writes). The use case saves all of it in one transaction, or nothing.
import type { EngineEvent } from './events';
import type { Layer, Image } from './model/image';
import type { HostState } from './model/host-state';
import type { CatalogIndex, RegistryImage } from './registry/catalog';
import { createRng, randomHex, type Rng } from './util/rng';

/** Read access to the class registry of the student's Discord server. */
export interface ClassRegistryReader {
  /** A pushed image by canonical reference (`docker.io/ana/app:1.0`). */
  getImage(canonicalRef: string): RegistryImage | undefined;
  /** True when the repository (`docker.io/ana/app`) has any tag. */
  hasRepository(repository: string): boolean;
  /** Repositories that already hold a layer (for "Layer already exists" / "Mounted from"). */
  repositoriesWithLayer(diffId: string): string[];
}

export interface RegistryPush {
  repository: string;
  tag: string;
  image: RegistryImage;
  layers: string[];
}

export interface HostLimits {
  maxContainers: number;
  maxImages: number;
  maxVolumes: number;
  maxNetworks: number;
  /** Largest single file. */
  maxFileBytes: number;
  /** Bytes of the student's own data: writable layers, volumes, home, their layers. */
  maxOwnBytes: number;
  maxLineLength: number;
  /** Log lines kept per container. */
  maxLogLines: number;
}

export const DEFAULT_LIMITS: HostLimits = {
  maxContainers: 50,
  maxImages: 60,
  maxVolumes: 50,
  maxNetworks: 20,
  maxFileBytes: 1_000_000,
  maxOwnBytes: 20_000_000,
  maxLineLength: 8_000,
  maxLogLines: 2_000,
};

export interface EnginePorts {
  catalog: CatalogIndex;
  /** Layers students made (build, commit, push), stored once by DiffID. */
  getStoredLayer(diffId: string): Layer | undefined;
  registry: ClassRegistryReader;
  limits?: HostLimits;
}

export class HostContext {
  readonly state: HostState;
  readonly ports: EnginePorts;
  readonly limits: HostLimits;
  /** Milliseconds since the epoch when the command started. */
  readonly now: number;
  readonly rng: Rng;
  readonly events: EngineEvent[] = [];
  readonly newLayers = new Map<string, Layer>();
  readonly registryPushes: RegistryPush[] = [];

  constructor(state: HostState, ports: EnginePorts, now: number) {
    this.state = state;
    this.ports = ports;
    this.limits = ports.limits ?? DEFAULT_LIMITS;
    this.now = now;
    this.rng = createRng(state.rng);
  }

  emit(event: EngineEvent): void {
    this.events.push(event);
  }

  layer(diffId: string): Layer {
    const layer = this.newLayers.get(diffId) ?? this.ports.catalog.layers.get(diffId) ?? this.ports.getStoredLayer(diffId);
    if (!layer) throw new Error(`layer ${diffId} is missing from the store`);
    return layer;
  }

  image(id: string): Image {
    const image = this.state.images[id];
    if (!image) throw new Error(`image ${id} is missing`);
    return image;
  }

  /** 64 hex characters, never all digits in the first 12 (Docker regenerates those). */
  newId(): string {
    for (;;) {
      const id = randomHex(this.rng, 64);
      if (!/^\d{12}/.test(id.slice(0, 12))) return id;
    }
  }

  /** Saves the generator's position so the next command continues the sequence. */
  finish(): void {
    this.state.rng = this.rng.state();
  }
}
