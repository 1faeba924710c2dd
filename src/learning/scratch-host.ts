// A throwaway simulated host: questions and labs run commands here, never on a student's own
// host. Layers it builds and images it pushes stay in memory and vanish with it; what it reads
// (catalogue, stored layers, the class registry) comes through the same ports as a real host.
import { executeLine, type LineResult } from '../engine/execute-line';
import { HostContext, type ClassRegistryReader, type EnginePorts, type RegistryPush } from '../engine/host-context';
import type { HostState } from '../engine/model/host-state';
import type { Layer } from '../engine/model/image';
import type { RegistryImage } from '../engine/registry/catalog';

/** Reads the class registry, seeing this scratch host's own pushes first. */
class OverlayRegistry implements ClassRegistryReader {
  private readonly pushed = new Map<string, RegistryImage>();
  private readonly layerRepos = new Map<string, Set<string>>();

  constructor(private readonly base: ClassRegistryReader | undefined) {}

  getImage(canonicalRef: string): RegistryImage | undefined {
    return this.pushed.get(canonicalRef) ?? this.base?.getImage(canonicalRef);
  }

  hasRepository(repository: string): boolean {
    for (const key of this.pushed.keys()) if (key.startsWith(`${repository}:`)) return true;
    return this.base?.hasRepository(repository) ?? false;
  }

  repositoriesWithLayer(diffId: string): string[] {
    const own = [...(this.layerRepos.get(diffId) ?? [])].map((repo) => repo.replace(/^docker\.io\//, ''));
    return [...new Set([...(this.base?.repositoriesWithLayer(diffId) ?? []), ...own])].sort();
  }

  apply(push: RegistryPush): void {
    this.pushed.set(`${push.repository}:${push.tag}`, push.image);
    for (const diffId of push.layers) {
      const repos = this.layerRepos.get(diffId) ?? new Set<string>();
      repos.add(push.repository);
      this.layerRepos.set(diffId, repos);
    }
  }
}

export interface ScratchPorts {
  catalog: EnginePorts['catalog'];
  getStoredLayer?: (diffId: string) => Layer | undefined;
  registry?: ClassRegistryReader;
  limits?: EnginePorts['limits'];
}

export class ScratchHost {
  private state: HostState;
  private readonly layers: Map<string, Layer>;
  private readonly registry: OverlayRegistry;
  private readonly ports: EnginePorts;

  /** `state` is copied: the host it came from is never touched. */
  constructor(state: HostState, private readonly basePorts: ScratchPorts, readonly now: number, shared?: { layers: Map<string, Layer> }) {
    const ports = basePorts;
    this.state = structuredClone(state);
    this.layers = shared?.layers ?? new Map();
    this.registry = new OverlayRegistry(ports.registry);
    this.ports = {
      catalog: ports.catalog,
      getStoredLayer: (diffId) => this.layers.get(diffId) ?? ports.getStoredLayer?.(diffId),
      registry: this.registry,
      ...(ports.limits && { limits: ports.limits }),
    };
  }

  async run(line: string): Promise<LineResult> {
    const ctx = new HostContext(this.state, this.ports, this.now);
    const result = await executeLine(ctx, line);
    for (const layer of ctx.newLayers.values()) this.layers.set(layer.diffId, layer);
    for (const push of ctx.registryPushes) this.registry.apply(push);
    return result;
  }

  /** Runs lines in order; returns the first that failed, if any. */
  async runAll(lines: readonly string[]): Promise<{ line: string; result: LineResult } | undefined> {
    for (const line of lines) {
      const result = await this.run(line);
      if (result.exitCode !== 0) return { line, result };
    }
    return undefined;
  }

  /** An independent copy of this host as it is now (for probes that must not see each other). */
  fork(): ScratchHost {
    return new ScratchHost(this.state, { ...this.basePorts, registry: this.registry }, this.now, { layers: this.layers });
  }

  get hostState(): HostState {
    return this.state;
  }
}
