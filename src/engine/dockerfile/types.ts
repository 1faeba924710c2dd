// The typed, expanded Dockerfile the builder executes (plan.ts produces it).
import type { ImageConfig } from '../model/image';
import type { HealthConfig } from './instructions';
import type { Heredoc } from './parse';

/** How BuildKit names a build step (a progress vertex). */
export interface StepInfo {
  /** 1-based position among the stage's steps. */
  index: number;
  /** Steps the stage announces: FROM (unless scratch or another stage) + RUN/COPY/ADD/WORKDIR. */
  total: number;
  /** `[2/5] `, `[build 2/4] `, `[stage-1 2/2] ` (index right-aligned to the width of total). */
  prefix: string;
  /** `WORKDIR /app`: keyword upper-cased, variables expanded (unset ones kept for RUN). */
  text: string;
  /** prefix + text: `[2/5] WORKDIR /app`. For FROM the builder appends `@sha256:<digest>`. */
  name: string;
}

/** One `docker history` row the instruction adds (BuildKit's commitToHistory). */
export interface HistoryRecord {
  /** `RUN /bin/sh -c npm install # buildkit`, `CMD ["node" "server.js"]`, `EXPOSE map[3000/tcp:{}]`. */
  createdBy: string;
  /** Metadata-only step (0B in `docker history`). */
  emptyLayer: boolean;
}

export interface InstructionBase {
  /** The keyword as written (`RUN`, `run`). */
  keyword: string;
  startLine: number;
  endLine: number;
  /** The instruction's text as written (continuations joined), trimmed. */
  source: string;
  /** Present for steps BuildKit shows in progress output (FROM, RUN, COPY, ADD, WORKDIR other than /). */
  step?: StepInfo;
  /** Absent for ONBUILD, which adds no history row. */
  history?: HistoryRecord;
  /** Replayed from the base image's ONBUILD triggers (located at the stage's FROM line). */
  onBuild: boolean;
}

export interface RunMount {
  type: 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';
  /** Stage name or image the mount reads from (bind/cache), '' for the build context. */
  from: string;
  source: string;
  target: string;
  readOnly: boolean;
  /** tmpfs size in bytes, 0 = unlimited. */
  sizeLimit: number;
  /** cache/secret id ('' = default). */
  id: string;
  sharing: '' | 'shared' | 'private' | 'locked';
  required: boolean;
  mode?: number;
  uid?: number;
  gid?: number;
  env?: string;
}

export interface RunInstruction extends InstructionBase {
  kind: 'RUN';
  form: 'shell' | 'exec';
  /** The argv BuildKit executes: `['/bin/sh', '-c', 'npm install']`, `['npm', 'ci']`. */
  args: string[];
  /**
   * `RUN <<EOF` whose body starts with `#!`: BuildKit mounts the body as an executable file
   * at this path and runs it (args is then `[path]`).
   */
  script?: { path: string; content: string };
  heredocs: Heredoc[];
  mounts: RunMount[];
  network: 'default' | 'none' | 'host';
  /** The environment the command runs with: base image Env, ENV and ARG values, as `K=V`. */
  env: string[];
  workdir: string;
  user: string;
}

export interface CopyContent {
  /** File name inside the destination (the heredoc's name). */
  path: string;
  /** Heredoc body; variables already expanded when the heredoc allows it. */
  data: string;
}

interface CopyLike extends InstructionBase {
  /** Source paths after variable expansion, as written (relative to the context or the source). */
  sources: string[];
  /** Inline files from heredocs (`COPY <<EOF /etc/app.conf`). */
  contents: CopyContent[];
  /** Destination after variable expansion, as written. */
  dest: string;
  /** Absolute destination, resolved against WORKDIR; keeps a trailing `/` (= copy into a directory). */
  destPath: string;
  chown?: string;
  chmod?: string;
  link: boolean;
  workdir: string;
  /** USER at this point (BuildKit copies as root unless --chown; kept for explanations). */
  user: string;
}

export type CopyFrom =
  | { kind: 'stage'; stage: number; name: string }
  | { kind: 'image'; ref: string; image: string };

export interface CopyInstruction extends CopyLike {
  kind: 'COPY';
  /** `--from=`: an earlier stage (by name or index) or an image. */
  from?: CopyFrom;
  parents: boolean;
  exclude: string[];
}

export interface AddInstruction extends CopyLike {
  kind: 'ADD';
  checksum?: string;
  keepGitDir: boolean;
  exclude: string[];
}

export interface WorkdirInstruction extends InstructionBase {
  kind: 'WORKDIR';
  /** As written, variables expanded. */
  path: string;
  /** The absolute working directory after this instruction. */
  workdir: string;
  /** BuildKit creates the directory in a layer unless the workdir is `/`. */
  createsLayer: boolean;
}

export interface EnvInstruction extends InstructionBase {
  kind: 'ENV';
  pairs: { key: string; value: string }[];
  /** Written as `ENV key value`. */
  legacy: boolean;
}

export interface ArgInstruction extends InstructionBase {
  kind: 'ARG';
  /** value: --build-arg, else the expanded default, else the global (pre-FROM) value; undefined if none. */
  args: { key: string; value?: string }[];
}

export interface LabelInstruction extends InstructionBase {
  kind: 'LABEL';
  labels: { key: string; value: string }[];
}

export interface CmdInstruction extends InstructionBase {
  kind: 'CMD';
  form: 'shell' | 'exec';
  /** The image's Cmd after this instruction (shell form wrapped: `['/bin/sh', '-c', 'node app.js']`). */
  args: string[];
}

export interface EntrypointInstruction extends InstructionBase {
  kind: 'ENTRYPOINT';
  form: 'shell' | 'exec';
  /** The image's Entrypoint; null for `ENTRYPOINT []`. */
  args: string[] | null;
  /** ENTRYPOINT resets a Cmd inherited from the base unless this stage set CMD before. */
  resetsCmd: boolean;
}

export interface ExposeInstruction extends InstructionBase {
  kind: 'EXPOSE';
  /** Port keys added, sorted as Go prints them: `80/tcp`, `53/udp`. */
  ports: string[];
}

export interface VolumeInstruction extends InstructionBase {
  kind: 'VOLUME';
  volumes: string[];
}

export interface UserInstruction extends InstructionBase {
  kind: 'USER';
  user: string;
}

export interface StopSignalInstruction extends InstructionBase {
  kind: 'STOPSIGNAL';
  signal: string;
}

/** The healthcheck as written (its test has no variables to expand), with its history row. */
export interface HealthcheckInstruction extends InstructionBase, HealthConfig {
  kind: 'HEALTHCHECK';
}

export interface ShellInstruction extends InstructionBase {
  kind: 'SHELL';
  shell: string[];
}

export interface OnbuildInstruction extends InstructionBase {
  kind: 'ONBUILD';
  /** The trigger as stored in the image config (`RUN npm install`). */
  expression: string;
}

export interface MaintainerInstruction extends InstructionBase {
  kind: 'MAINTAINER';
  maintainer: string;
}

export type Instruction =
  | RunInstruction
  | CopyInstruction
  | AddInstruction
  | WorkdirInstruction
  | EnvInstruction
  | ArgInstruction
  | LabelInstruction
  | CmdInstruction
  | EntrypointInstruction
  | ExposeInstruction
  | VolumeInstruction
  | UserInstruction
  | StopSignalInstruction
  | HealthcheckInstruction
  | ShellInstruction
  | OnbuildInstruction
  | MaintainerInstruction;

export interface Stage {
  /** Position among the Dockerfile's FROM instructions (what `COPY --from=0` means). */
  index: number;
  /** Lower-cased `AS` name; '' when unnamed. */
  name: string;
  /** The name in step prefixes: `build`, `stage-1`, or '' in a single-stage build. */
  stepName: string;
  /** The keyword as written (`FROM`, `from`). */
  keyword: string;
  startLine: number;
  endLine: number;
  source: string;
  /** A `# name description` comment above the FROM. */
  comment: string;
  /** The base as written (`node:${NODE_VERSION}-alpine`). */
  baseRaw: string;
  /** The base after global ARG expansion (`node:22-alpine`, `build`, `scratch`). */
  base: string;
  baseKind: 'scratch' | 'stage' | 'image';
  /** For baseKind 'stage': the stage it continues from. */
  baseStage?: number;
  /** For baseKind 'image': `docker.io/library/node:22-alpine`. */
  baseImage?: string;
  /** `--platform` after expansion and normalisation (`linux/arm64`); undefined when absent. */
  platform?: string;
  /** The stage is built for this build (it is the target or the target depends on it). */
  reachable: boolean;
  /** This stage becomes the image (the last stage, or --target). */
  isTarget: boolean;
  /** Whether the planner expanded this stage (always in --check mode, otherwise when reachable). */
  dispatched: boolean;
  /** The FROM step; absent for `FROM scratch` and `FROM <earlier stage>`. */
  fromStep?: StepInfo;
  instructions: Instruction[];
  /** Image config after the stage's instructions (starting from the base's config). */
  config: ImageConfig;
  /** MAINTAINER value, when set. */
  author?: string;
}

/** What the build needs from a base image to plan the Dockerfile. */
export interface BaseImageInfo {
  config: ImageConfig;
  os?: string;
  architecture?: string;
}
