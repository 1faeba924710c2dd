// Everything one student's simulated Docker host holds, as plain JSON-serialisable data.
// Layer contents are not here: images list DiffIDs, and layers are stored once (the official
// catalogue in memory, student-made layers in the store).
import type { FileTree } from './file-tree';
import type { Image } from './image';

export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'dead';

export interface PortBinding {
  hostIp: string;
  hostPort: string;
}

export interface ContainerMount {
  type: 'volume' | 'bind' | 'tmpfs';
  /** Volume name (named or 64-hex anonymous). */
  name?: string;
  /** Host path for binds; the volume's mountpoint for volumes. */
  source: string;
  destination: string;
  rw: boolean;
  /** `z` for -v named volumes, '' for anonymous and binds, `ro` for read-only binds. */
  mode: string;
  propagation: string;
}

export interface ContainerConfig {
  hostname: string;
  user: string;
  env: string[];
  cmd: string[] | null;
  entrypoint: string[] | null;
  workingDir: string;
  exposedPorts: string[];
  labels: Record<string, string>;
  tty: boolean;
  openStdin: boolean;
  stopSignal?: string;
  /** What the user typed for the image (`nginx`, `redis:8`). */
  image: string;
  /** `-v /path` and the image's VOLUMEs, as Config.Volumes shows them. */
  volumes: string[];
}

export interface ContainerHostConfig {
  binds: string[];
  portBindings: Record<string, PortBinding[]>;
  publishAllPorts: boolean;
  memory: number;
  memorySwap: number;
  nanoCpus: number;
  restartPolicy: { name: string; maximumRetryCount: number };
  autoRemove: boolean;
  /** `--mount` entries, as HostConfig.Mounts shows them. */
  mounts: Array<{ Type: string; Source?: string; Target: string; ReadOnly?: boolean }>;
  networkMode: string;
}

export interface LogEntry {
  /** Milliseconds since the epoch. */
  t: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** What the container's main process is doing, so time can move it forward. */
export interface ContainerProcess {
  /** server: runs until stopped; timed: exits at `until`; waiting: an idle shell (e.g. -t, -dit). */
  kind: 'server' | 'timed' | 'waiting';
  /** Program basename whose behaviour applies (`nginx`, `sleep`, `bash`). */
  program: string;
  until?: number;
  /** How long one run of a timed process lasts (a restart policy repeats it). */
  duration?: number;
  exitCode?: number;
  /** Whether it honours the stop signal (sleep and sh as PID 1 ignore SIGTERM). */
  stopsOnSignal: boolean;
  /** A student's own web app (node/python script) and what it answers. */
  app?: {
    port: number;
    /** The address it binds: 127.0.0.1 cannot be reached through a published port. */
    host: string;
    body: string;
    contentType: string;
    status: number;
    routes: Array<{ method: string; path: string; status: number; body: string; contentType: string }>;
  };
}

export interface Container {
  id: string;
  name: string;
  created: number;
  imageId: string;
  path: string;
  args: string[];
  config: ContainerConfig;
  hostConfig: ContainerHostConfig;
  mounts: ContainerMount[];
  state: {
    status: ContainerStatus;
    pid: number;
    exitCode: number;
    error: string;
    startedAt: number;
    finishedAt: number;
    oomKilled: boolean;
  };
  /** The writable layer: what `docker diff` shows and `docker commit` saves. */
  upper: FileTree;
  logs: LogEntry[];
  process: ContainerProcess | null;
  /** Ports actually published while running (random host ports for `-p 80` and `-P`). */
  ports: Record<string, PortBinding[]>;
  /** Network name → IP address (`bridge` → 172.17.0.2); empty address while stopped. */
  networks: Record<string, { ipAddress: string; macAddress: string; aliases: string[] }>;
  restartCount: number;
}

export interface Volume {
  name: string;
  created: number;
  anonymous: boolean;
  labels: Record<string, string> | null;
  options: Record<string, string> | null;
  /** Content, rooted at the volume's `_data` directory. */
  files: FileTree;
}

export interface Network {
  id: string;
  name: string;
  driver: 'bridge' | 'host' | 'null';
  created: number;
  subnet: string;
  gateway: string;
  /** Built-in networks (bridge, host, none) cannot be removed. */
  builtin: boolean;
  internal: boolean;
  labels: Record<string, string>;
}

/** A cached build step: BuildKit's cache key → the layer (or config change) it produced. */
export interface BuildCacheRecord {
  key: string;
  /** DiffID of the layer this step made, absent for metadata-only steps. */
  diffId?: string;
  size: number;
  created: number;
  lastUsed: number;
  usageCount: number;
  description: string;
  shared: boolean;
}

/** Where the student's next line runs: the host shell, or inside a container after -it. */
export interface ShellSession {
  /** The container the prompt belongs to, or null for the host. */
  containerId: string | null;
  /** attach: `docker run -it` / `start -ai` (exit stops the container); exec: `docker exec -it`. */
  mode: 'host' | 'attach' | 'exec';
  /** Program that reads the lines (bash, sh, ash, python3, node...). */
  program: string;
  cwd: string;
  /** Variables the student set or exported, kept between lines like a real shell. */
  env: Record<string, string>;
  user: string;
  /** Lines typed in this shell: ash and bash save them to their history file on exit. */
  history?: string[];
}

export interface HostState {
  schema: 1;
  /** The student's name on the host and their namespace in the class registry. */
  userName: string;
  createdAt: number;
  /** State of the seeded random generator (container IDs, names, volume names). */
  rng: number;
  images: Record<string, Image>;
  /** Canonical reference (`docker.io/library/nginx:latest`) → image ID. */
  tags: Record<string, string>;
  containers: Record<string, Container>;
  volumes: Record<string, Volume>;
  networks: Record<string, Network>;
  /** The host's writable layer: the student's home directory and anything they create. */
  hostFiles: FileTree;
  buildCache: BuildCacheRecord[];
  /** The host shell (cwd, variables) and, when attached, the container session stacked on it. */
  hostShell: ShellSession;
  session: ShellSession | null;
  /** Next PID handed to a container's main process. */
  nextPid: number;
}
