// The official-image catalogue (data/images/) as a zod schema. The catalogue is content:
// layer trees, configs, histories and how each image's programs behave when a container
// runs them. The engine turns it into Layers and Images (registry/catalog.ts).
import { z } from 'zod';

/** A file in a layer: a string is a text file (mode 0644); objects say more. */
export const FileSpecSchema = z.union([
  z.string(),
  z.object({
    content: z.string().default(''),
    mode: z.number().int().optional(),
    /** Real size of a binary whose content is only a stand-in. */
    size: z.number().int().nonnegative().optional(),
  }).strict(),
  z.object({ dir: z.literal(true), mode: z.number().int().optional() }).strict(),
  z.object({ symlink: z.string().min(1) }).strict(),
  z.object({ whiteout: z.literal(true) }).strict(),
]);

export const LayerSpecSchema = z.object({
  /** Uncompressed size in bytes, as `docker history` shows it. */
  size: z.number().int().nonnegative(),
  /** Compressed blob size in bytes, what `docker pull` downloads. */
  compressedSize: z.number().int().nonnegative(),
  /** Absolute paths to files. Parent directories are implied. */
  files: z.record(z.string().regex(/^\/[^\0]*[^/]$/), FileSpecSchema).default({}),
  /** Absolute paths of executables this layer ships (ELF stand-ins with mode 0755). */
  executables: z.array(z.string().regex(/^\/.+/)).default([]),
}).strict();

const EmptyObjectMap = z.record(z.string(), z.object({}).strict());

export const ImageConfigSchema = z.object({
  User: z.string().optional(),
  ExposedPorts: EmptyObjectMap.optional(),
  Env: z.array(z.string()).optional(),
  Entrypoint: z.array(z.string()).nullable().optional(),
  Cmd: z.array(z.string()).nullable().optional(),
  Volumes: EmptyObjectMap.optional(),
  WorkingDir: z.string().optional(),
  Labels: z.record(z.string(), z.string()).optional(),
  StopSignal: z.string().optional(),
  ArgsEscaped: z.boolean().optional(),
  OnBuild: z.array(z.string()).optional(),
  Shell: z.array(z.string()).optional(),
}).strict();

export const HistorySpecSchema = z.object({
  created: z.string(),
  createdBy: z.string(),
  comment: z.string().optional(),
  /** Key into `layers` for steps that made a filesystem layer; absent for empty-layer steps. */
  layer: z.string().optional(),
}).strict();

export const ImageSpecSchema = z.object({
  /** Repository as users type it: `nginx`, `node`, `python`. */
  repository: z.string().regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/),
  /** Every tag that points at this image (`latest`, `1.29`, `1.29.0`, `bookworm`, ...). */
  tags: z.array(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/)).min(1),
  created: z.string(),
  config: ImageConfigSchema,
  /** Oldest first. Steps with `layer` contribute, in order, the image's layers. */
  history: z.array(HistorySpecSchema).min(1),
}).strict();

/** A log line a program writes. Placeholders: {{date}} {{time}} {{iso}} {{pid}} {{hostname}}. */
const LogLineSchema = z.object({ stream: z.enum(['stdout', 'stderr']), text: z.string() }).strict();

export const ProgramSpecSchema = z.object({
  /**
   * server: stays up until stopped (nginx, redis-server, ...).
   * wrapper: an entrypoint script that writes its logs and then runs its arguments
   *          (docker-entrypoint.sh); with no arguments it behaves like `exit`.
   * interactive: a shell or REPL that exits 0 at once without -i, and prompts with -it.
   * oneshot: writes its startLogs and exits with exitCode (hello-world's /hello).
   */
  kind: z.enum(['server', 'wrapper', 'interactive', 'oneshot']),
  /** Exit code of a oneshot program. */
  exitCode: z.number().int().default(0),
  /** Lines written when it starts. */
  startLogs: z.array(LogLineSchema).default([]),
  /** Lines written when `docker stop` asks it to stop. */
  stopLogs: z.array(LogLineSchema).default([]),
  /** Exit code after a graceful stop (servers); 137 means it ignores the stop signal. */
  stopExitCode: z.number().int().default(0),
  /** TCP ports it listens on inside the container. */
  listens: z.array(z.number().int().min(1).max(65535)).default([]),
  /** Serves files over HTTP (nginx, httpd). */
  http: z.object({
    root: z.string(),
    index: z.string().default('index.html'),
    server: z.string(),
  }).strict().optional(),
  /** What `curl` prints when it reaches a non-HTTP port (stderr), e.g. "curl: (52) Empty reply from server". */
  curlError: z.string().optional(),
  /** Refuses to start unless one of these variables is set and non-empty. */
  requiresEnv: z.object({
    anyOf: z.array(z.string()).min(1),
    logs: z.array(LogLineSchema).min(1),
    exitCode: z.number().int().default(1),
  }).strict().optional(),
  /** Interactive programs: banner printed on attach and prompt (e.g. ">>> "). */
  banner: z.string().optional(),
  prompt: z.string().optional(),
}).strict();

export const CatalogSchema = z.object({
  layers: z.record(z.string(), LayerSpecSchema),
  images: z.array(ImageSpecSchema).min(1),
  /** Behaviour by executable basename (`nginx`, `redis-server`, `docker-entrypoint.sh`, `python3`). */
  programs: z.record(z.string(), ProgramSpecSchema),
  /** The student's own Linux host: a layer key whose files make the host's root filesystem. */
  hostLayer: z.string(),
}).strict();

export type FileSpec = z.infer<typeof FileSpecSchema>;
export type LayerSpec = z.infer<typeof LayerSpecSchema>;
export type ImageSpec = z.infer<typeof ImageSpecSchema>;
export type ProgramSpec = z.infer<typeof ProgramSpecSchema>;
export type Catalog = z.infer<typeof CatalogSchema>;
