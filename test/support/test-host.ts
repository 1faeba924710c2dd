// A simulated host for engine tests: the real engine over in-memory ports, a clock the test
// moves, and a fixed seed, so output is exact and repeatable.
import { readFileSync } from 'node:fs';
import { executeLine, type LineResult } from '../../src/engine/execute-line';
import { HostContext, type ClassRegistryReader, type EnginePorts, type RegistryPush } from '../../src/engine/host-context';
import type { HostState } from '../../src/engine/model/host-state';
import type { Layer } from '../../src/engine/model/image';
import { newHostState } from '../../src/engine/new-host';
import { buildCatalogIndex, type CatalogIndex, type RegistryImage } from '../../src/engine/registry/catalog';

const catalogs = new Map<string, CatalogIndex>();

export function catalogFrom(path: string): CatalogIndex {
  let catalog = catalogs.get(path);
  if (!catalog) catalogs.set(path, (catalog = buildCatalogIndex(JSON.parse(readFileSync(path, 'utf8')))));
  return catalog;
}

export const MINI_CATALOG = new URL('../fixtures/mini-catalog.json', import.meta.url).pathname;
export const REAL_CATALOG = new URL('../../data/images/catalog.json', import.meta.url).pathname;

/** A class registry shared by several TestHosts (one Discord server). */
export class MemoryRegistry implements ClassRegistryReader {
  readonly images = new Map<string, RegistryImage>();
  readonly layers = new Map<string, Set<string>>();

  getImage(canonicalRef: string) {
    return this.images.get(canonicalRef);
  }
  hasRepository(repository: string) {
    return [...this.images.keys()].some((key) => key.startsWith(`${repository}:`));
  }
  repositoriesWithLayer(diffId: string) {
    return [...(this.layers.get(diffId) ?? [])].map((repo) => repo.replace(/^docker\.io\//, '')).sort();
  }
  apply(push: RegistryPush) {
    this.images.set(`${push.repository}:${push.tag}`, push.image);
    for (const diffId of push.layers) {
      const repos = this.layers.get(diffId) ?? new Set<string>();
      repos.add(push.repository);
      this.layers.set(diffId, repos);
    }
  }
}

export const START = Date.parse('2026-03-02T12:00:00Z');

export class TestHost {
  state: HostState;
  now = START;
  readonly storedLayers: Map<string, Layer>;
  readonly registry: MemoryRegistry;
  readonly catalog: CatalogIndex;

  constructor(options: { user?: string; catalog?: string; registry?: MemoryRegistry; layers?: Map<string, Layer>; seed?: number } = {}) {
    this.catalog = catalogFrom(options.catalog ?? MINI_CATALOG);
    this.registry = options.registry ?? new MemoryRegistry();
    this.storedLayers = options.layers ?? new Map();
    this.state = newHostState(options.user ?? 'ana', this.now, options.seed ?? 42);
  }

  advance(seconds: number): void {
    this.now += seconds * 1000;
  }

  /** Runs a line like the app does: on a copy of the state, kept only if nothing threw. */
  async run(line: string, stdin?: string): Promise<LineResult> {
    const draft = structuredClone(this.state);
    const ports: EnginePorts = { catalog: this.catalog, getStoredLayer: (id) => this.storedLayers.get(id), registry: this.registry };
    const ctx = new HostContext(draft, ports, this.now);
    const result = await executeLine(ctx, line, stdin === undefined ? {} : { stdin });
    this.state = draft;
    for (const layer of ctx.newLayers.values()) this.storedLayers.set(layer.diffId, layer);
    for (const push of ctx.registryPushes) this.registry.apply(push);
    return result;
  }

  /** Runs lines in order and returns the last result. */
  async runAll(lines: string[]): Promise<LineResult> {
    let last: LineResult | undefined;
    for (const line of lines) last = await this.run(line);
    return last!;
  }

  /** stdout and stderr as a terminal shows them. */
  static text(result: LineResult): string {
    return result.chunks.map((chunk) => chunk.text).join('');
  }
}
