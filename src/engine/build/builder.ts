// `docker build` on the simulated host: BuildKit (through buildx 0.24, the docker driver)
// building a Dockerfile from a directory of the student's host. The frontend (engine/dockerfile)
// parses and plans; this runs the planned stages step by step over layered filesystems, keeps
// the build cache, writes the image and tags, and prints what buildx prints.
import { dockerfileError, formatDockerfileFailure, planDockerfile, checkDockerfile, formatBuildWarnings } from '../dockerfile';
import type { AddInstruction, BaseImageInfo, CopyInstruction, DockerfilePlan, Finding, Instruction, PlannedDockerfile, RunInstruction, Stage } from '../dockerfile';
import { limitReached } from '../errors';
import { event, type EngineEvent } from '../events';
import { MachineFs } from '../fs/machine-fs';
import { basename } from '../fs/paths';
import type { TreeStack } from '../fs/tree-stack';
import type { HostContext } from '../host-context';
import { treeSize, type FileTree } from '../model/file-tree';
import type { HistoryEntry, Image, ImageConfig } from '../model/image';
import { layerFromTree } from '../ops/image-layers';
import { localLayerIds, setTag } from '../ops/image-store';
import { computeImageId, imageConfigBlob, manifestFor } from '../registry/catalog';
import { canonicalString, familiarString, type ImageRef } from '../registry/reference';
import { sha256Hex } from '../util/sha256';
import { goQuote } from '../cli/args/go-values';
import { authVertexName, resolveBase, type ResolvedBase } from './base-image';
import { cacheKey, findRecord, putRecord, records, siblings, touch, type StepCacheRecord } from './cache';
import { readContext, transferSize, type BuildContext } from './context';
import { applyCopy, heredocSelection, selectSources, sourceFs, treeStack, type CopySelection } from './copy';
import { parseDockerIgnore } from './dockerignore';
import { fnv } from './hash';
import { renderErrorLogs, renderPlain, renderTty, type Vertex } from './progress';
import { runStep } from './run-step';

export type ProgressMode = 'tty' | 'plain' | 'quiet';

export interface BuildRequest {
  /** Absolute host path of the context directory. */
  contextDir: string;
  /** Absolute host path of the Dockerfile (`-f`, else `<context>/Dockerfile`). */
  dockerfilePath: string;
  tags: ImageRef[];
  buildArgs: Record<string, string>;
  target?: string;
  noCache: boolean;
  pull: boolean;
  progress: ProgressMode;
  /** `--check`: run the build checks instead of building. */
  check: boolean;
  /** `--label k=v`: added to the image's labels. */
  labels: Record<string, string>;
}

export interface BuildOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** `sha256:<id>` of the image, on success. */
  imageId?: string;
}

// ---------------------------------------------------------------------------------------------
// Timeline

/** A deterministic number in [0, 1) for `key` (timings vary plausibly but repeat exactly). */
function jitter(key: string): number {
  return (parseInt(fnv(key), 16) % 1000) / 1000;
}

interface StageResult {
  stage: Stage;
  layers: string[];
  trees: FileTree[];
  /** History rows; `at` is absolute ms, or relative to the build start when `rel`. */
  rows: Array<{ entry: Omit<HistoryEntry, 'created'>; created?: string; at?: number; rel?: boolean; layer: boolean }>;
  key: string;
  /** Bytes of the layers this build added (for the multi-stage explanation). */
  size: number;
}

interface StepReport {
  stage: number;
  text: string;
  kind: Instruction['kind'];
  cached: boolean;
  /** Why a step that ran did not hit the cache (only for the first miss of a stage). */
  cause?: MissCause;
  size: number;
  layer: boolean;
  instruction: Instruction;
}

interface MissCause {
  cause: 'new' | 'instruction-changed' | 'files-changed' | 'env-changed' | 'source-changed' | 'no-cache';
  was?: string;
  changed?: string;
}

/** Recent plans by their inputs (bounded; plans are pure functions of these inputs). */
const PLAN_MEMO = new Map<string, { planned: PlannedDockerfile; bases: Map<string, string> }>();
const PLAN_MEMO_SIZE = 64;

class BuildFailure {
  constructor(
    readonly message: string,
    readonly location?: { startLine: number; endLine: number },
    readonly eventKind = 'build.failed',
    readonly data: EngineEvent['data'] = {},
  ) {}
}

const INSTALL = /\b(npm (ci|install|i)\b|yarn( install)?\s*$|pnpm install|pip3? install|poetry install|go mod download|bundle install|composer install)/;

function manifestFor_(install: string): string {
  if (/npm|yarn|pnpm/.test(install)) return 'package.json';
  if (/pip|poetry/.test(install)) return 'requirements.txt';
  if (/go mod/.test(install)) return 'go.mod';
  if (/bundle/.test(install)) return 'Gemfile';
  return 'composer.json';
}

// ---------------------------------------------------------------------------------------------

export class Builder {
  private readonly vertices: Vertex[] = [];
  private readonly events: EngineEvent[] = [];
  private readonly reports: StepReport[] = [];
  private readonly pendingRecords: Array<{ record: StepCacheRecord; relEnd: number }> = [];
  private readonly results = new Map<number, StageResult>();
  private readonly bases = new Map<string, ResolvedBase>();
  private context: BuildContext | undefined;
  private t = 0;
  private text = '';
  private filename = 'Dockerfile';
  private hostFs!: MachineFs;

  constructor(
    private readonly ctx: HostContext,
    private readonly req: BuildRequest,
  ) {}

  private vertex(name: string, start: number, duration: number, extra: Partial<Vertex> = {}): Vertex {
    const v: Vertex = { name, start, end: start + duration, statuses: [], logs: [], ...extra };
    this.vertices.push(v);
    return v;
  }

  // ---- entry point ------------------------------------------------------------------------

  async run(fs: MachineFs): Promise<BuildOutcome> {
    this.hostFs = fs;
    const { ctx, req } = this;
    this.filename = basename(req.dockerfilePath);

    // [internal] load build definition
    let text: string | undefined;
    try {
      const node = fs.getNode(req.dockerfilePath);
      if (node?.type === 'file') text = fs.readText(req.dockerfilePath);
    } catch {
      text = undefined;
    }
    const def = this.vertex(`[internal] load build definition from ${this.filename}`, 0, 30);
    def.statuses.push({ id: 'transferring dockerfile:', current: text === undefined ? 2 : transferSize([{ path: this.filename, size: new TextEncoder().encode(text).length }]), start: 10, end: 20 });
    this.t = 40;
    if (text === undefined) {
      this.emit('build.no-dockerfile', ['F23'], { file: this.filename });
      return this.fail(`failed to read dockerfile: open ${this.filename}: no such file or directory`);
    }
    this.text = text;

    const ignoreText = this.readIgnore();
    const resolveImage = (image: string): BaseImageInfo | undefined => {
      const found = this.lookupBase(image);
      return found ? { config: found.image.config, os: 'linux', architecture: 'amd64' } : undefined;
    };
    const imageSize = (image: string): number | undefined => {
      const found = this.lookupBase(image);
      return found ? found.image.layers.reduce((sum, id) => sum + this.ctx.layer(id).size, 0) : undefined;
    };
    const ignoreForPlan = readContextIgnore(ignoreText);
    const planOptions = {
      buildArgs: req.buildArgs,
      ...(req.target !== undefined ? { target: req.target } : {}),
      resolveImage,
      imageSize,
      isIgnored: (path: string) => ignoreForPlan(path),
      filename: this.filename,
    };

    if (req.check) return this.check(text, planOptions, ignoreText);

    const planned = this.plan(text, planOptions, ignoreText);
    if (!planned.ok) {
      this.emit('build.dockerfile-error', ['F22'], { message: planned.error.message });
      return this.finish({ stdout: '', stderr: planned.stderr, exitCode: 1 }, true);
    }
    const plan = planned.plan;
    const warnings = planned.warnings;

    try {
      this.loadMetadata(plan);
      this.vertexIgnore(ignoreText);
      this.fromVertices(plan);
      if (this.usesContext(plan)) {
        this.context = readContext(fs, req.contextDir, ignoreText);
        const start = this.fromStart;
        const v = this.vertex('[internal] load build context', start, 40);
        v.statuses.push({ id: 'transferring context:', current: this.context.transfer, start: start + 10, end: start + 20 });
        if (this.context.tooLarge) throw new BuildFailure('baleia: the build context is too large for this course (keep it under 5000 files and 50 MB; a .dockerignore helps)');
        if (this.context.excluded.length > 0) {
          this.emit('build.dockerignore', ['F26'], { excluded: this.context.excluded.length, example: this.context.excluded[0] ?? '' });
        }
      }
      this.t = Math.max(this.t, this.fromEnd);
      for (const stage of plan.stages) {
        if (!stage.reachable || !stage.dispatched) {
          if (!stage.reachable) this.emit('build.stage-skipped', ['F27'], { stage: stage.name || `stage-${stage.index}`, target: plan.stages[plan.target]?.name || `stage-${plan.target}` });
          continue;
        }
        await this.buildStage(plan, stage);
      }
      const target = this.results.get(plan.target);
      if (!target) throw new BuildFailure(`target stage could not be built`);
      return this.export(target, warnings, planned.findings);
    } catch (error) {
      if (!(error instanceof BuildFailure)) throw error;
      this.emit(error.eventKind, ['F22'], { message: error.message, ...error.data });
      return this.fail(error.message, error.location, warnings);
    }
  }

  // ---- inputs -----------------------------------------------------------------------------

  /**
   * Plans the Dockerfile, reusing the plan of an identical earlier build (same text, args,
   * target, .dockerignore) when its base images still resolve to the same images: a student's
   * edit-and-rebuild loop then skips parsing and planning. Plans are never modified.
   */
  private plan(text: string, options: Parameters<typeof planDockerfile>[1], ignoreText: string | undefined): PlannedDockerfile {
    const key = JSON.stringify([text, this.filename, this.req.buildArgs, this.req.target ?? '', this.req.pull, ignoreText ?? null]);
    const memo = PLAN_MEMO.get(key);
    if (memo && [...memo.bases].every(([name, id]) => this.lookupBase(name)?.image.id === id)) {
      PLAN_MEMO.delete(key);
      PLAN_MEMO.set(key, memo);
      return memo.planned;
    }
    const planned = planDockerfile(text, options);
    const bases = new Map<string, string>();
    for (const [name, base] of this.bases) bases.set(name, base.image.id);
    PLAN_MEMO.set(key, { planned, bases });
    if (PLAN_MEMO.size > PLAN_MEMO_SIZE) PLAN_MEMO.delete(PLAN_MEMO.keys().next().value as string);
    return planned;
  }

  private readIgnore(): string | undefined {
    const fs = this.hostFs;
    const specific = `${this.req.dockerfilePath}.dockerignore`;
    for (const path of [specific, `${this.req.contextDir === '/' ? '' : this.req.contextDir}/.dockerignore`]) {
      const node = fs.getNode(path);
      if (node?.type === 'file') {
        try {
          return fs.readText(path);
        } catch {
          return undefined;
        }
      }
    }
    return undefined;
  }

  private lookupBase(image: string): ResolvedBase | undefined {
    const cached = this.bases.get(image);
    if (cached) return cached;
    const found = resolveBase(this.ctx, image, this.req.pull);
    if (!found.ok) return undefined;
    this.bases.set(image, found.base);
    return found.base;
  }

  private usesContext(plan: DockerfilePlan): boolean {
    return plan.stages.some(
      (s) =>
        s.reachable &&
        s.dispatched &&
        s.instructions.some(
          (i) =>
            ((i.kind === 'COPY' && !i.from) || i.kind === 'ADD') ? i.sources.length > 0 : i.kind === 'RUN' && i.mounts.some((m) => m.type === 'bind' && m.from === ''),
        ),
    );
  }

  // ---- metadata, FROM ---------------------------------------------------------------------

  private baseImagesInOrder(plan: DockerfilePlan): Array<{ name: string; written: string; loc: { startLine: number; endLine: number } }> {
    const seen = new Set<string>();
    const out: Array<{ name: string; written: string; loc: { startLine: number; endLine: number } }> = [];
    for (const s of plan.stages) {
      if (!s.reachable || !s.dispatched) continue;
      if (s.baseKind === 'image' && s.baseImage && !seen.has(s.baseImage)) {
        seen.add(s.baseImage);
        out.push({ name: s.baseImage, written: s.base, loc: { startLine: s.startLine, endLine: s.endLine } });
      }
      for (const i of s.instructions) {
        if (i.kind === 'COPY' && i.from?.kind === 'image' && !seen.has(i.from.image)) {
          seen.add(i.from.image);
          out.push({ name: i.from.image, written: i.from.ref, loc: { startLine: i.startLine, endLine: i.endLine } });
        }
      }
    }
    return out;
  }

  private hasBaseRecord(base: ResolvedBase): boolean {
    return findRecord(this.ctx, baseKey(base.image.id)) !== undefined;
  }

  private loadMetadata(plan: DockerfilePlan): void {
    const start = this.t;
    let end = start;
    const auth: Vertex[] = [];
    for (const { name, written, loc } of this.baseImagesInOrder(plan)) {
      const found = resolveBase(this.ctx, name, this.req.pull);
      const vname = `[internal] load metadata for ${name}`;
      if (!found.ok) {
        const v = this.vertex(vname, start, 700 + Math.round(400 * jitter(name + this.ctx.now)));
        v.error = `${written}: failed to resolve source metadata for ${name}: ${found.reason}`;
        this.t = v.end;
        throw new BuildFailure(v.error, loc, 'build.base-unknown', { image: written });
      }
      this.bases.set(name, found.base);
      const known = this.hasBaseRecord(found.base);
      const duration = found.base.local ? 20 : known ? 400 + Math.round(300 * jitter(name + this.ctx.now)) : 900 + Math.round(500 * jitter(name + this.ctx.now));
      const v = this.vertex(vname, start, duration);
      end = Math.max(end, v.end);
      if (!found.base.local && !known) auth.push({ name: authVertexName(found.base), start: start + 100, end: start + 100, statuses: [], logs: [] });
    }
    this.vertices.push(...auth);
    this.t = end + 10;
  }

  private vertexIgnore(ignoreText: string | undefined): void {
    const start = this.t;
    const v = this.vertex('[internal] load .dockerignore', start, 20);
    const size = ignoreText === undefined ? 2 : transferSize([{ path: '.dockerignore', size: new TextEncoder().encode(ignoreText).length }]);
    v.statuses.push({ id: 'transferring context:', current: size, start: start + 5, end: start + 15 });
    this.t = v.end + 10;
  }

  private fromStart = 0;
  private fromEnd = 0;
  private fromNames = new Map<number, string>();

  private fromVertices(plan: DockerfilePlan): void {
    const start = this.t;
    this.fromStart = start;
    let end = start;
    const known = localLayerIds(this.ctx);
    for (const r of records(this.ctx)) if (r.kind === 'base' && r.diffId) for (const id of r.diffId.split(',')) known.add(id);
    const emitted = new Set<string>();
    const fromFor = (base: ResolvedBase, name: string): void => {
      const v = this.vertex(name, start, 10);
      if (emitted.has(base.name)) return;
      emitted.add(base.name);
      const missing = base.image.layers.filter((id) => !known.has(id));
      if (base.local || missing.length === 0 && this.hasBaseRecord(base)) {
        this.touchBase(base);
        return;
      }
      v.statuses.push({ id: `resolve ${base.name}@${base.digest ?? ''}`, start, end: start + 10 });
      const layers = base.image.layers.map((id) => this.ctx.layer(id));
      const manifest = manifestFor(base.image, layers);
      v.statuses.push({ id: manifest.digest, current: manifest.size, total: manifest.size, start: start + 20, end: start + 30 });
      const config = imageConfigBlob(base.image).length;
      v.statuses.push({ id: base.image.id, current: config, total: config, start: start + 20, end: start + 40 });
      let downloadEnd = start + 40;
      for (const layer of layers) {
        if (known.has(layer.diffId)) continue;
        const d = 60 + Math.round((layer.compressedSize / 25e6) * 1000);
        v.statuses.push({ id: layer.blobDigest, current: layer.compressedSize, total: layer.compressedSize, start: start + 30, end: start + 30 + d });
        downloadEnd = Math.max(downloadEnd, start + 30 + d);
      }
      let t = downloadEnd;
      for (const layer of layers) {
        if (known.has(layer.diffId)) continue;
        const d = 30 + Math.round((layer.size / 150e6) * 1000);
        v.statuses.push({ id: `extracting ${layer.blobDigest}`, start: t, end: t + d });
        t += d;
        known.add(layer.diffId);
      }
      v.end = t + 10;
      end = Math.max(end, v.end);
      this.touchBase(base, true);
    };
    for (const s of plan.stages) {
      if (!s.reachable || !s.dispatched) continue;
      if (s.baseKind === 'image' && s.baseImage) {
        const base = this.bases.get(s.baseImage) as ResolvedBase;
        const name = `${s.fromStep?.name ?? `FROM ${s.baseImage}`}${base.digest ? `@${base.digest}` : ''}`;
        this.fromNames.set(s.index, name);
        fromFor(base, name);
      }
      for (const i of s.instructions) {
        if (i.kind === 'COPY' && i.from?.kind === 'image' && !emitted.has(i.from.image)) {
          const base = this.bases.get(i.from.image) as ResolvedBase;
          fromFor(base, `FROM ${base.name}${base.digest ? `@${base.digest}` : ''}`);
        }
      }
    }
    this.fromEnd = Math.max(end, start + 10);
    this.t = start;
  }

  /** BuildKit keeps what it downloaded for a base in its cache (`docker system df` counts it). */
  private touchBase(base: ResolvedBase, downloaded = false): void {
    if (base.local) return;
    const key = baseKey(base.image.id);
    const existing = findRecord(this.ctx, key);
    if (existing) {
      touch(this.ctx, existing);
      return;
    }
    if (!downloaded) return;
    const size = base.image.layers.reduce((sum, id) => sum + this.ctx.layer(id).size, 0);
    putRecord(this.ctx, {
      key,
      diffId: base.image.layers.join(','),
      size,
      created: this.ctx.now,
      lastUsed: this.ctx.now,
      usageCount: 1,
      description: `pulled from ${base.name}@${base.digest ?? ''}`,
      shared: false,
      kind: 'base',
      step: `FROM ${base.name}`,
    });
  }

  // ---- stages -----------------------------------------------------------------------------

  private startStage(stage: Stage): StageResult {
    if (stage.baseKind === 'stage' && stage.baseStage !== undefined) {
      const from = this.results.get(stage.baseStage);
      if (!from) throw new BuildFailure(`stage ${stage.base} was not built`);
      return { stage, layers: [...from.layers], trees: [...from.trees], rows: from.rows.map((r) => ({ ...r })), key: from.key, size: from.size };
    }
    if (stage.baseKind === 'scratch' || !stage.baseImage) {
      return { stage, layers: [], trees: [], rows: [], key: 'scratch', size: 0 };
    }
    const base = this.bases.get(stage.baseImage) as ResolvedBase;
    const image = base.image;
    return {
      stage,
      layers: [...image.layers],
      trees: image.layers.map((id) => this.ctx.layer(id).files),
      rows: image.history.map((h) => {
        const { created, ...entry } = h;
        return { entry, created, layer: !h.emptyLayer };
      }),
      key: `image:${image.id}`,
      size: 0,
    };
  }

  private async buildStage(plan: DockerfilePlan, stage: Stage): Promise<void> {
    const state = this.startStage(stage);
    let missed = false;
    let firstMiss = true;
    for (const instruction of stage.instructions) {
      if (instruction.kind === 'ONBUILD') continue;
      const layerStep = instruction.kind === 'RUN' || instruction.kind === 'COPY' || instruction.kind === 'ADD' || (instruction.kind === 'WORKDIR' && instruction.createsLayer);
      if (!layerStep) {
        if (instruction.history) state.rows.push({ entry: { createdBy: instruction.history.createdBy, comment: 'buildkit.dockerfile.v0', emptyLayer: true }, layer: false });
        continue;
      }
      const report = await this.step(plan, state, instruction, missed, firstMiss);
      if (!report.cached) {
        missed = true;
        if (report.cause) firstMiss = false;
      }
      this.reports.push(report);
    }
    this.results.set(stage.index, state);
  }

  private opFor(instruction: Instruction): { op: unknown; selection?: CopySelection; inputs?: string } {
    switch (instruction.kind) {
      case 'WORKDIR':
        return { op: { mkdir: instruction.workdir } };
      case 'RUN': {
        const env: Record<string, string> = {};
        for (const e of instruction.env) {
          const eq = e.indexOf('=');
          env[e.slice(0, eq)] = fnv(e.slice(eq + 1));
        }
        const mounts = instruction.mounts.map((m) => {
          if (m.type === 'bind' && m.from === '' && this.context) {
            const sel = selectSources(sourceFs(treeStack(this.context.files)), [m.source || '/']);
            return { ...m, content: sel.ok ? sel.selection.checksum : 'missing' };
          }
          return m;
        });
        return {
          op: { run: instruction.args, env: instruction.env, cwd: instruction.workdir, user: instruction.user, network: instruction.network, mounts, script: instruction.script ?? null },
          inputs: JSON.stringify(env),
        };
      }
      case 'COPY':
      case 'ADD':
        return this.copyOp(instruction);
      default:
        return { op: null };
    }
  }

  private copyOp(i: CopyInstruction | AddInstruction): { op: unknown; selection: CopySelection; inputs: string } {
    for (const src of i.sources) {
      if (/^(https?|git):\/\//.test(src) || src.startsWith('git@')) {
        throw new BuildFailure(`failed to load cache key: Get "${src}": dial tcp: lookup ${src.replace(/^[a-z]+:\/\//, '').split(/[/:]/)[0]}: no such host`, { startLine: i.startLine, endLine: i.endLine }, 'build.add-url', { url: src });
      }
    }
    if (i.sources.length + i.contents.length > 1 && !i.destPath.endsWith('/') && !i.sources.some((s) => /[*?[]/.test(s))) {
      throw new BuildFailure(`When using ${i.kind} with more than one source file, the destination must be a directory and end with a /`, { startLine: i.startLine, endLine: i.endLine });
    }
    let source: TreeStack;
    let from = 'context';
    if (i.kind === 'COPY' && i.from?.kind === 'stage') {
      const result = this.results.get(i.from.stage);
      if (!result) throw new BuildFailure(`stage ${i.from.name || i.from.stage} was not built`, { startLine: i.startLine, endLine: i.endLine });
      source = { lowers: result.trees, upper: null };
      // BuildKit keys a copy from another stage on the content it takes, not on the whole stage.
      from = `stage:${i.from.name || i.from.stage}`;
    } else if (i.kind === 'COPY' && i.from?.kind === 'image') {
      const base = this.bases.get(i.from.image) as ResolvedBase;
      source = { lowers: base.image.layers.map((id) => this.ctx.layer(id).files), upper: null };
      from = `image:${base.image.id}`;
    } else {
      source = treeStack(this.context?.files ?? {});
    }
    let selection: CopySelection = { entries: [], checksum: '', matched: 0 };
    if (i.sources.length > 0) {
      const selected = selectSources(sourceFs(source), i.sources);
      if (!selected.ok) {
        const id = sha256Hex(`${this.req.contextDir}:${this.ctx.state.userName}`);
        const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-a${id.slice(17, 20)}-${id.slice(20, 32)}`;
        const snapshot = BigInt(`0x${id.slice(32, 64)}`).toString(36).padStart(25, '0').slice(-25);
        throw new BuildFailure(
          `failed to compute cache key: failed to calculate checksum of ref ${uuid}::${snapshot}: "${selected.missing}": not found`,
          { startLine: i.startLine, endLine: i.endLine },
          'build.copy-missing',
          { path: selected.missing.slice(1) || '/', from },
        );
      }
      selection = selected.selection;
    }
    if (i.contents.length > 0) {
      const extra = heredocSelection(i.contents, this.ctx.now);
      selection = { entries: [...selection.entries, ...extra.entries], checksum: sha256Hex(selection.checksum + extra.checksum), matched: selection.matched + extra.matched };
    }
    return {
      op: { copy: i.kind, from, sources: i.sources, dest: i.destPath, chown: i.chown ?? '', chmod: i.chmod ?? '', link: i.link, content: selection.checksum },
      selection,
      inputs: from,
    };
  }

  private async step(plan: DockerfilePlan, state: StageResult, instruction: Instruction, parentMissed: boolean, firstMiss: boolean): Promise<StepReport> {
    const { ctx, req } = this;
    const stepText = sourceText(instruction);
    const name = instruction.step?.name ?? instruction.source;
    let prepared: ReturnType<Builder['opFor']>;
    try {
      prepared = this.opFor(instruction);
    } catch (error) {
      // BuildKit shows the step that could not compute its cache key as failed.
      if (error instanceof BuildFailure && error.eventKind !== 'build.failed') {
        const v = this.vertex(name, this.t, 0);
        v.error = error.message;
      }
      throw error;
    }
    const { op, selection, inputs } = prepared;
    const key = cacheKey(state.key, op);
    const parent = state.key;
    const record = req.noCache ? undefined : findRecord(ctx, key);
    const layerOk = record && (!record.diffId || this.layerAvailable(record.diffId));
    const historyEntry = { createdBy: instruction.history?.createdBy ?? stepText, comment: 'buildkit.dockerfile.v0' };
    if (record && layerOk) {
      this.vertex(name, this.t, 0, { cached: true });
      touch(ctx, record);
      if (record.diffId) {
        const layer = ctx.layer(record.diffId);
        state.layers.push(record.diffId);
        state.trees.push(layer.files);
        state.size += layer.size;
      }
      state.rows.push({ entry: record.diffId ? historyEntry : { ...historyEntry, emptyLayer: true }, at: record.created, layer: !!record.diffId });
      state.key = key;
      return { stage: state.stage.index, text: stepText, kind: instruction.kind, cached: true, size: record.size, layer: !!record.diffId, instruction };
    }

    // The step runs.
    const start = this.t;
    const upper: FileTree = {};
    let duration = 30;
    let logs: string[] = [];
    if (instruction.kind === 'WORKDIR') {
      const fs = sourceFsWritable(state.trees, upper, ctx.now);
      if (!fs.getNode(instruction.workdir)) fs.makeDir(instruction.workdir, true);
      duration = 40 + Math.round(160 * jitter(`${stepText}${ctx.now}`));
    } else if (instruction.kind === 'COPY' || instruction.kind === 'ADD') {
      const sel = selection as CopySelection;
      const chmod = instruction.chmod !== undefined ? parseInt(instruction.chmod, 8) : undefined;
      applyCopy(sel, {
        stack: { lowers: state.trees, upper },
        dest: instruction.destPath,
        multiple: sel.matched > 1 || instruction.sources.some((s) => /[*?[]/.test(s)) && sel.matched > 1,
        ...(chmod !== undefined && !Number.isNaN(chmod) ? { chmod } : {}),
        now: ctx.now,
      });
      duration = 20 + Math.round(treeSize(upper) / 50e3);
    } else if (instruction.kind === 'RUN') {
      const result = await runStep({
        ctx,
        run: instruction,
        lowers: state.trees,
        mountSource: (from) => this.mountSource(plan, from),
      });
      duration = result.duration;
      logs = result.lines;
      if (result.startError || result.exitCode !== 0) {
        const v = this.vertex(name, start, duration);
        v.logs = logs.map((text, i) => ({ t: start + Math.round(((i + 1) / (logs.length + 1)) * duration), text }));
        const process = `process ${goQuote(instruction.args.join(' '))} did not complete successfully: ${result.startError ?? `exit code: ${result.exitCode}`}`;
        v.error = process;
        this.t = v.end;
        throw new BuildFailure(process, { startLine: instruction.startLine, endLine: instruction.endLine }, result.stopped ? 'build.run-stopped' : 'build.failed', {
          step: stepText,
          exitCode: result.exitCode,
        });
      }
      Object.assign(upper, result.upper);
    }
    const v = this.vertex(name, start, duration);
    v.logs = logs.map((text, i) => ({ t: start + Math.round(((i + 1) / (logs.length + 1)) * duration), text }));
    this.t = v.end + 10;

    const empty = Object.keys(upper).length === 0;
    let diffId: string | undefined;
    let size = 0;
    if (!empty) {
      const layer = layerFromTree(ctx, upper);
      diffId = layer.diffId;
      size = layer.size;
      state.layers.push(diffId);
      state.trees.push(layer.files);
      state.size += size;
    }
    state.rows.push({ entry: empty ? { ...historyEntry, emptyLayer: true } : historyEntry, at: v.end, rel: true, layer: !empty });
    const cause = !parentMissed && firstMiss ? this.missCause(parent, this.origin(state), stepText, instruction, upper, inputs) : undefined;
    const newRecord: StepCacheRecord = {
      key,
      ...(diffId ? { diffId } : {}),
      size,
      created: 0,
      lastUsed: ctx.now,
      usageCount: 1,
      description: name,
      shared: false,
      parent,
      origin: this.origin(state),
      step: stepText,
      ...(inputs !== undefined ? { inputs } : {}),
      duration,
      kind: 'regular',
    };
    this.pendingRecords.push({ record: newRecord, relEnd: v.end });
    state.key = key;
    return { stage: state.stage.index, text: stepText, kind: instruction.kind, cached: false, ...(cause ? { cause } : {}), size, layer: !empty, instruction };
  }

  /** Which Dockerfile and stage a record belongs to. */
  private origin(state: StageResult): string {
    return `${this.req.dockerfilePath}#${state.stage.name || state.stage.index}`;
  }

  private layerAvailable(diffId: string): boolean {
    try {
      this.ctx.layer(diffId);
      return true;
    } catch {
      return false;
    }
  }

  private mountSource(plan: DockerfilePlan, from: string): TreeStack | undefined {
    if (from === '') return treeStack(this.context?.files ?? {});
    const stage = plan.stages.find((s) => s.name === from.toLowerCase() || String(s.index) === from);
    if (stage) {
      const result = this.results.get(stage.index);
      return result ? { lowers: result.trees, upper: null } : undefined;
    }
    const base = this.bases.get(from) ?? this.lookupBase(from);
    return base ? { lowers: base.image.layers.map((id) => this.ctx.layer(id).files), upper: null } : undefined;
  }

  /** Why the first step of a stage that missed the cache missed, compared with its last build. */
  private missCause(parent: string, origin: string, stepText: string, instruction: Instruction, upper: FileTree, inputs: string | undefined): MissCause {
    if (this.req.noCache) return { cause: 'no-cache' };
    const before = siblings(this.ctx, parent).filter((r) => r.kind !== 'base' && r.origin === origin);
    const same = before.find((r) => r.step === stepText);
    if (!same) {
      const was = before[0];
      return was?.step ? { cause: 'instruction-changed', was: was.step } : { cause: 'new' };
    }
    if ((instruction.kind === 'COPY' || instruction.kind === 'ADD') && same.inputs === inputs) {
      return { cause: 'files-changed', changed: this.changedFiles(same, upper) };
    }
    if (instruction.kind === 'COPY' || instruction.kind === 'ADD') return { cause: 'source-changed' };
    if (instruction.kind === 'RUN' && same.inputs && inputs) {
      const a = JSON.parse(same.inputs) as Record<string, string>;
      const b = JSON.parse(inputs) as Record<string, string>;
      const changed = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]);
      return { cause: 'env-changed', changed: changed.slice(0, 3).join(', ') };
    }
    return { cause: 'new' };
  }

  private changedFiles(previous: StepCacheRecord, upper: FileTree): string {
    const old: FileTree = previous.diffId && this.layerAvailable(previous.diffId) ? this.ctx.layer(previous.diffId).files : {};
    const names: string[] = [];
    const paths = new Set([...Object.keys(old), ...Object.keys(upper)]);
    for (const path of [...paths].sort()) {
      const a = old[path];
      const b = upper[path];
      if (a?.type === 'dir' || b?.type === 'dir') continue;
      const same = a && b && a.type === b.type && JSON.stringify({ ...a, mtime: 0 }) === JSON.stringify({ ...b, mtime: 0 });
      if (!same) names.push(basename(path));
    }
    if (names.length === 0) return '';
    if (names.length <= 2) return names.join(' and ');
    return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
  }

  // ---- export -----------------------------------------------------------------------------

  private export(target: StageResult, warnings: string, findings: Finding[]): BuildOutcome {
    const { ctx, req } = this;
    const stage = target.stage;
    const newBytes = this.reports.filter((r) => !r.cached && r.layer && r.stage === stage.index).reduce((s, r) => s + r.size, 0);
    const exportStart = this.t;
    const exportLayers = newBytes > 0 ? 80 + Math.round(newBytes / 100e3) : 10;
    // The names given (-t) do not move the timeline: the same build gives the same image ID.
    const totalBefore = exportStart + exportLayers + 100;
    const buildStart = ctx.now - totalBefore;

    // History: relative times become absolute; metadata rows take the time of the row before.
    const history: HistoryEntry[] = [];
    let previous: string | undefined;
    let newest = -Infinity;
    for (const row of target.rows) {
      let created = row.created;
      if (created === undefined && row.at !== undefined) created = new Date(row.rel ? buildStart + row.at : row.at).toISOString();
      if (created === undefined) created = previous ?? new Date(ctx.now).toISOString();
      previous = created;
      if (row.layer) newest = Math.max(newest, Date.parse(created));
      history.push({ created, ...row.entry });
    }
    const config: ImageConfig = JSON.parse(JSON.stringify(stage.config)) as ImageConfig;
    if (Object.keys(req.labels).length > 0) config.Labels = { ...(config.Labels ?? {}), ...req.labels };
    const created = Number.isFinite(newest) ? new Date(newest).toISOString() : new Date(ctx.now).toISOString();
    const draft = { config, layers: target.layers, history, created, ...(stage.author ? { author: stage.author } : {}) };
    const id = computeImageId(draft);
    const existing = ctx.state.images[id];
    if (!existing && Object.keys(ctx.state.images).length >= ctx.limits.maxImages) {
      throw limitReached(`Baleia limit: your host already has ${ctx.limits.maxImages} images. Remove some with docker rmi or docker image prune before building more.`);
    }
    const image: Image = existing ?? { id, ...draft, repoDigests: [], architecture: 'amd64' };
    ctx.state.images[id] = image;

    const v = this.vertex('exporting to image', exportStart, exportLayers + 20 + 10 * req.tags.length);
    v.statuses.push({ id: 'exporting layers', start: exportStart, end: exportStart + exportLayers });
    let t = exportStart + exportLayers;
    v.statuses.push({ id: `writing image ${id}`, start: t, end: t + 10 });
    t += 10;
    const tagged: string[] = [];
    for (const ref of req.tags) {
      const canonical = canonicalString(ref);
      v.statuses.push({ id: `naming to ${canonical}`, start: t, end: t + 10 });
      t += 10;
      const previousId = setTag(ctx, ref, id);
      tagged.push(familiarString(ref));
      if (previousId && previousId !== id && ctx.state.images[previousId] && !Object.values(ctx.state.tags).includes(previousId)) {
        this.emit('image.dangling', ['F04'], { id: previousId.slice(7, 19), ref: familiarString(ref) });
      }
    }
    v.end = t;
    this.t = t + 60;
    this.commitRecords(buildStart);
    this.explainBuild(target, id, !!existing, tagged);
    const dockerWarnings = findings.filter((f) => f.source === 'docker');
    if (dockerWarnings.length > 0) this.emit('build.warnings', ['F22'], { count: dockerWarnings.length, rule: dockerWarnings[0]?.rule ?? '' });
    const stdout = req.progress === 'quiet' ? `${id}\n` : '';
    return this.finish({ stdout, stderr: warnings, exitCode: 0, imageId: id });
  }

  private commitRecords(buildStart: number): void {
    for (const { record, relEnd } of this.pendingRecords) {
      record.created = buildStart + relEnd;
      putRecord(this.ctx, record);
    }
    this.pendingRecords.length = 0;
  }

  // ---- output -----------------------------------------------------------------------------

  private emit(kind: string, facts: `F${string}`[], data: EngineEvent['data']): void {
    this.events.push(event(kind, facts, data));
  }

  private progressText(errorLogs: boolean): string {
    const mode = this.req.progress;
    if (mode === 'quiet') return '';
    const total = this.t + 60;
    const screen = mode === 'plain' ? renderPlain(this.vertices) : renderTty(this.vertices, total);
    return screen + (errorLogs ? renderErrorLogs(this.vertices, mode === 'plain' ? 'plain' : 'tty') : '');
  }

  /** Prints the progress, then `after` (warnings, the error), and hands events to the host. */
  private finish(outcome: BuildOutcome, failed = false): BuildOutcome {
    const stderr = this.progressText(failed) + outcome.stderr;
    for (const e of this.events) this.ctx.emit(e);
    return { ...outcome, stderr };
  }

  private fail(message: string, location?: { startLine: number; endLine: number }, warnings = ''): BuildOutcome {
    // Steps that finished before the failure stay in the cache, as BuildKit keeps them.
    this.commitRecords(this.ctx.now - (this.t + 60));
    const error = dockerfileError('dispatch', message, location?.startLine, location?.endLine);
    const tail = location && this.text ? formatDockerfileFailure(this.text, error, this.filename) : `ERROR: failed to solve: ${message}\n`;
    return this.finish({ stdout: '', stderr: warnings + tail, exitCode: 1 }, true);
  }

  private check(text: string, opts: Parameters<typeof checkDockerfile>[1] & object, ignoreText: string | undefined): BuildOutcome {
    const result = checkDockerfile(text, opts);
    // The check resolves the bases (for their config) like a build, then reads nothing else.
    const parsedOk = !(result.error && (result.error.phase === 'parse' || result.error.phase === 'empty' || result.error.phase === 'limit'));
    if (parsedOk) {
      const start = this.t;
      let end = start;
      const seen = new Set<string>();
      for (const [image] of this.bases) {
        if (seen.has(image)) continue;
        seen.add(image);
        const v = this.vertex(`[internal] load metadata for ${image}`, start, (this.bases.get(image) as ResolvedBase).local ? 20 : 500 + Math.round(300 * jitter(image + this.ctx.now)));
        end = Math.max(end, v.end);
      }
      this.t = end + 10;
      this.vertexIgnore(ignoreText);
    }
    const docker = result.findings.filter((f) => f.source === 'docker');
    this.emit('build.check', ['F22', 'F24', 'F25', 'F26', 'F27'], {
      warnings: docker.length,
      advice: result.findings.length - docker.length,
      rule: result.findings[0]?.rule ?? '',
      error: result.error ? result.error.message : '',
    });
    return this.finish({ stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode });
  }

  // ---- explanations -----------------------------------------------------------------------

  private explainBuild(target: StageResult, id: string, sameImage: boolean, tags: string[]): void {
    const reports = this.reports;
    const cached = reports.filter((r) => r.cached).length;
    const ran = reports.length - cached;
    const short = id.slice(7, 19);
    const size = target.layers.reduce((s, d) => s + this.ctx.layer(d).size, 0);
    const seconds = ((this.t + 60) / 1000).toFixed(1);
    if (reports.length > 0 && ran === 0) {
      this.emit('build.all-cached', ['F26', 'F06', 'F04'], { steps: cached, id: short, same: sameImage, tag: tags[0] ?? '' });
    } else if (cached === 0 && reports.length > 0 && reports.every((r) => !r.cause || r.cause.cause === 'new')) {
      this.emit('build.first-build', ['F26', 'F05'], { steps: ran });
    }
    // The first miss of each stage, and what it cost.
    const byStage = new Map<number, StepReport[]>();
    for (const r of reports) byStage.set(r.stage, [...(byStage.get(r.stage) ?? []), r]);
    for (const [, list] of byStage) {
      const first = list.findIndex((r) => !r.cached);
      if (first < 0) continue;
      const miss = list[first] as StepReport;
      const before = list.slice(0, first).filter((r) => r.cached).length;
      const rerun = list.length - first;
      if (miss.cause && miss.cause.cause !== 'new') {
        this.emit('build.cache-miss', ['F26', 'F06'], {
          step: miss.text,
          cause: miss.cause.cause,
          changed: miss.cause.changed ?? '',
          was: miss.cause.was ?? '',
          rerun,
          cachedBefore: before,
          later: rerun - 1,
        });
      }
      // F26: a dependency install that ran again only because it comes after `COPY . .`.
      const copyAll = list.findIndex((r) => (r.kind === 'COPY' || r.kind === 'ADD') && isCopyAll(r.instruction));
      if (copyAll >= 0 && copyAll >= first) {
        const install = list.slice(copyAll + 1).find((r) => r.kind === 'RUN' && !r.cached && INSTALL.test(r.text));
        if (install && cached + ran > 0 && (miss.cause?.cause === 'files-changed' || before > 0)) {
          const match = INSTALL.exec(install.text)?.[0] ?? install.text;
          this.emit('build.install-after-copy', ['F26'], { install: install.text, copy: (list[copyAll] as StepReport).text, manifest: manifestFor_(match) });
        }
      }
    }
    const layers = reports.filter((r) => r.stage === target.stage.index && !r.cached && r.layer);
    if (layers.length > 0) {
      const biggest = layers.reduce((a, b) => (b.size > a.size ? b : a));
      this.emit('build.layers', ['F05', 'F25'], { layers: layers.length, step: biggest.text, size: biggest.size });
    }
    const empty = target.stage.instructions.filter((i) => i.history?.emptyLayer && i.kind !== 'ONBUILD');
    if (empty.length > 0) this.emit('build.empty-layers', ['F05', 'F22'], { count: empty.length, example: (empty[0]?.history?.createdBy ?? '').slice(0, 60) });
    const built = [...this.results.values()];
    if (built.length > 1) {
      const others = built.filter((r) => r !== target);
      const biggest = others.reduce((a, b) => (stageSize(this.ctx, b) > stageSize(this.ctx, a) ? b : a));
      this.emit('build.multi-stage', ['F27'], {
        stages: built.length,
        target: target.stage.name || `stage-${target.stage.index}`,
        finalSize: size,
        other: biggest.stage.name || `stage-${biggest.stage.index}`,
        otherSize: stageSize(this.ctx, biggest),
        smaller: size < stageSize(this.ctx, biggest),
      });
    }
    this.emit('build.completed', ['F23', 'F16', 'F04'], { id: short, tag: tags[0] ?? '', tagged: tags.length > 0, cached, ran, seconds, size, same: sameImage });
  }
}

/** The instruction as the student wrote it, on one line (what explanations quote). */
function sourceText(i: Instruction): string {
  const text = i.source.replace(/\\?\n\s*/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

function stageSize(ctx: HostContext, result: StageResult): number {
  return result.layers.reduce((s, d) => s + ctx.layer(d).size, 0);
}

function isCopyAll(i: Instruction): boolean {
  return (i.kind === 'COPY' || i.kind === 'ADD') && !('from' in i && i.from) && i.sources.some((s) => s === '.' || s === './' || s === '/' || s === '*');
}

function baseKey(imageId: string): string {
  return `sha256:${sha256Hex(`baleia-base:${imageId}`)}`;
}

function readContextIgnore(text: string | undefined): (path: string) => boolean {
  if (text === undefined) return () => false;
  let fn: ((path: string) => boolean) | undefined;
  return (path) => {
    if (!fn) {
      // Imported lazily: the plan only asks when a COPY names a path.
      fn = ignoreMatcher(text);
    }
    return fn(path);
  };
}

function ignoreMatcher(text: string): (path: string) => boolean {
  const ignore = parseDockerIgnore(text);
  return (path) => ignore.ignores(path.replace(/^\/+/, ''));
}

function sourceFsWritable(lowers: FileTree[], upper: FileTree, now: number): MachineFs {
  return new MachineFs({ root: { lowers, upper }, now: () => now });
}

/** Runs `docker build` on the student's host. */
export async function buildImage(ctx: HostContext, req: BuildRequest, fs: MachineFs): Promise<BuildOutcome> {
  return new Builder(ctx, req).run(fs);
}
