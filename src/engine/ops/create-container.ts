// docker create (and the first half of docker run): a container is the image's read-only
// layers plus a new empty writable layer and its own settings: name, ID, ports, env, volumes.
import { invalid, limitReached, notFound } from '../errors';
import { event } from '../events';
import type { HostContext } from '../host-context';
import type { Container, ContainerMount, PortBinding } from '../model/host-state';
import type { Image } from '../model/image';
import { resolvePath } from '../fs/paths';
import { walk, lookup } from '../fs/tree-stack';
import { hostFs, homeDir } from '../runtime/machines';
import { checkContainerName, generateName } from './containers';
import { createVolume, volumeMountpoint } from './volumes';
import type { FileTree } from '../model/file-tree';

export interface CreateContainerOptions {
  /** What the user typed for the image. */
  imageText: string;
  name?: string;
  /** Words after the image: they replace the image's CMD. */
  command: string[];
  /** --entrypoint: replaces ENTRYPOINT and clears CMD; '' resets it. */
  entrypoint?: string;
  env: string[];
  publish: string[];
  publishAll: boolean;
  volumes: string[];
  mounts: string[];
  workdir?: string;
  user?: string;
  memory?: number;
  memorySwap?: number;
  nanoCpus?: number;
  restart?: string;
  autoRemove: boolean;
  tty: boolean;
  interactive: boolean;
  hostname?: string;
  network?: string;
  labels: string[];
  expose: string[];
  /** The host shell's cwd and variables (relative binds, `-e NAME` without a value). */
  hostCwd: string;
  hostEnv: Record<string, string>;
}

export interface PortSpec {
  containerPort: string;
  proto: string;
  hostIp: string;
  hostPort: string;
}

/** Parses `-p` like the CLI (nat.ParsePortSpec); throws the client-side message on bad input. */
export function parsePublish(spec: string): PortSpec[] {
  let rest = spec;
  let proto = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    proto = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
    if (!['tcp', 'udp', 'sctp'].includes(proto)) throw invalid(`invalid proto: ${proto}`, 'run.bad-proto');
  }
  let hostIp = '';
  let hostPort = '';
  let containerPort = rest;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
    const parts = rest.split(':');
    hostPort = parts.length > 1 ? parts[0]! : '';
    containerPort = parts[parts.length - 1]!;
  } else {
    const parts = rest.split(':');
    if (parts.length === 2) [hostPort = '', containerPort = ''] = parts;
    else if (parts.length === 3) [hostIp = '', hostPort = '', containerPort = ''] = parts;
    else if (parts.length > 3) throw invalid(`invalid publish opts format (should be name=value but got '${spec}')`, 'run.bad-publish');
  }
  const range = (text: string, what: string): [number, number] => {
    const match = /^(\d+)(?:-(\d+))?$/.exec(text);
    if (!match) throw invalid(`invalid ${what}: ${text}`, 'run.bad-port');
    const start = Number(match[1]);
    const end = match[2] === undefined ? start : Number(match[2]);
    if (start > 65535 || end > 65535 || end < start) throw invalid(`invalid ${what}: ${text}`, 'run.bad-port');
    return [start, end];
  };
  if (containerPort === '') throw invalid(`no port specified: ${spec}<empty>`, 'run.bad-port');
  const [cStart, cEnd] = range(containerPort, 'containerPort');
  let hStart = 0;
  let hEnd = 0;
  if (hostPort !== '') [hStart, hEnd] = range(hostPort, 'hostPort');
  if (hostPort !== '' && hEnd - hStart !== cEnd - cStart && hStart !== hEnd) {
    throw invalid(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`, 'run.bad-port');
  }
  const specs: PortSpec[] = [];
  for (let port = cStart; port <= cEnd; port++) {
    const offset = port - cStart;
    const host = hostPort === '' ? '' : hStart === hEnd ? String(hStart) : String(hStart + offset);
    specs.push({ containerPort: String(port), proto, hostIp, hostPort: host });
  }
  return specs;
}

interface VolumeSpec {
  kind: 'volume' | 'bind' | 'tmpfs';
  source?: string;
  target: string;
  readonly: boolean;
  nocopy: boolean;
  fromMountFlag: boolean;
  raw: string;
}

const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const VOLUME_MODES = new Set(['ro', 'rw', 'z', 'Z', 'nocopy', 'shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate', 'consistent', 'cached', 'delegated']);

function parseVolumeFlag(spec: string, hostCwd: string, home: string): VolumeSpec {
  const parts = spec.split(':');
  if (parts.length > 3 || parts.some((part) => part === '')) throw invalid(`invalid volume specification: '${spec}'`, 'run.bad-volume');
  if (parts.length === 1) {
    const target = parts[0]!;
    if (!target.startsWith('/')) throw invalid(`invalid volume specification: '${spec}'`, 'run.bad-volume');
    return { kind: 'volume', target, readonly: false, nocopy: false, fromMountFlag: false, raw: spec };
  }
  let [source = '', target = '', modeText = ''] = parts;
  const modes = modeText ? modeText.split(',') : [];
  for (const mode of modes) if (!VOLUME_MODES.has(mode)) throw invalid(`invalid mode: ${modeText}`, 'run.bad-volume-mode');
  if (!target.startsWith('/')) {
    throw invalid(
      `invalid volume specification: '${spec}': invalid mount config for type "${source.startsWith('/') || source.startsWith('.') ? 'bind' : 'volume'}": invalid mount path: '${target}' mount path must be absolute`,
      'run.bad-volume',
    );
  }
  const isPath = source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
  if (isPath) {
    // The CLI makes relative bind sources absolute against the current directory.
    if (source.startsWith('~')) source = home + source.slice(1);
    source = resolvePath(hostCwd, source);
    return { kind: 'bind', source, target, readonly: modes.includes('ro'), nocopy: false, fromMountFlag: false, raw: spec };
  }
  if (!VOLUME_NAME.test(source)) {
    throw invalid(
      `create ${source}: "${source}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
      'run.bad-volume-name',
    );
  }
  return { kind: 'volume', source, target, readonly: modes.includes('ro'), nocopy: modes.includes('nocopy'), fromMountFlag: false, raw: spec };
}

/** Parses `--mount type=volume,src=x,dst=/p,readonly`; throws the CLI's flag error text. */
export function parseMountFlag(spec: string, hostCwd: string): VolumeSpec {
  let kind: VolumeSpec['kind'] = 'volume';
  let source: string | undefined;
  let target: string | undefined;
  let readonly = false;
  let nocopy = false;
  for (const field of spec.split(',')) {
    const eq = field.indexOf('=');
    const key = (eq === -1 ? field : field.slice(0, eq)).toLowerCase();
    const value = eq === -1 ? undefined : field.slice(eq + 1);
    switch (key) {
      case 'type':
        if (value !== 'volume' && value !== 'bind' && value !== 'tmpfs') throw invalid(`invalid argument "${spec}" for "--mount" flag: invalid value for 'type': ${value ?? ''}`, 'run.bad-mount');
        kind = value;
        break;
      case 'source':
      case 'src':
        source = value;
        break;
      case 'target':
      case 'destination':
      case 'dst':
        target = value;
        break;
      case 'readonly':
      case 'ro':
        readonly = value === undefined || value === 'true' || value === '1';
        break;
      case 'volume-nocopy':
        nocopy = value === undefined || value === 'true' || value === '1';
        break;
      default:
        if (!['consistency', 'bind-propagation', 'volume-driver', 'volume-label', 'volume-opt', 'tmpfs-size', 'tmpfs-mode', 'bind-recursive', 'volume-subpath'].includes(key)) {
          throw invalid(`invalid argument "${spec}" for "--mount" flag: unexpected key '${key}' in '${field}'`, 'run.bad-mount');
        }
    }
  }
  if (!target) throw invalid(`invalid argument "${spec}" for "--mount" flag: target is required`, 'run.bad-mount');
  if (kind === 'bind' && source) source = resolvePath(hostCwd, source);
  return { kind, ...(source !== undefined && { source }), target, readonly, nocopy, fromMountFlag: true, raw: spec };
}

/** Path and Args a container runs: ENTRYPOINT + CMD, with run's overrides (§7.2). */
export function resolveCommand(image: Image, command: string[], entrypointFlag: string | undefined) {
  const entrypoint = entrypointFlag !== undefined ? (entrypointFlag === '' ? [] : [entrypointFlag]) : image.config.Entrypoint ?? [];
  const cmd = command.length > 0 ? command : entrypointFlag !== undefined ? [] : image.config.Cmd ?? [];
  return { entrypoint, cmd, argv: [...entrypoint, ...cmd] };
}

function mergeEnv(imageEnv: string[], extra: string[], hostEnv: Record<string, string>): string[] {
  const env = new Map<string, string>();
  for (const entry of imageEnv) env.set(entry.split('=')[0]!, entry);
  for (const entry of extra) {
    const eq = entry.indexOf('=');
    if (eq === -1) {
      // `-e NAME` copies the variable from the client's environment, or drops it.
      const value = hostEnv[entry];
      if (value !== undefined) env.set(entry, `${entry}=${value}`);
      else env.delete(entry);
    } else {
      env.set(entry.slice(0, eq), entry);
    }
  }
  return [...env.values()];
}

/** Copies what the image has at `target` into an empty volume (Docker's copy-on-first-mount). */
function seedVolume(ctx: HostContext, image: Image, target: string, files: FileTree): number {
  const stack = { lowers: image.layers.map((diffId) => ctx.layer(diffId).files), upper: null };
  const root = lookup(stack, target);
  if (!root || root.type !== 'dir') return 0;
  let copied = 0;
  for (const path of walk(stack, target, 5_000)) {
    const node = lookup(stack, path);
    if (!node) continue;
    files[path.slice(target.length)] = { ...node };
    copied++;
  }
  return copied;
}

export function createContainer(ctx: HostContext, image: Image, options: CreateContainerOptions): Container {
  if (Object.keys(ctx.state.containers).length >= ctx.limits.maxContainers) {
    throw limitReached(
      `Baleia limit: your host already has ${ctx.limits.maxContainers} containers. Remove stopped ones with docker container prune or docker rm.`,
    );
  }
  const { entrypoint, cmd, argv } = resolveCommand(image, options.command, options.entrypoint);
  if (argv.length === 0) throw invalid('no command specified', 'container.no-command', ['F22']);
  const name = options.name !== undefined ? checkContainerName(ctx, options.name) : undefined;

  const publishSpecs = options.publish.flatMap(parsePublish);
  const restart = parseRestart(options.restart);
  const network = options.network === undefined || options.network === 'default'
    ? undefined
    : Object.values(ctx.state.networks).find((candidate) => candidate.name === options.network || candidate.id.startsWith(options.network!));
  if (options.network !== undefined && options.network !== 'default' && !network) {
    throw notFound(`network ${options.network} not found`, 'network.not-found');
  }

  const home = homeDir(ctx);
  const volumeSpecs = [
    ...options.volumes.map((spec) => parseVolumeFlag(spec, options.hostCwd, home)),
    ...options.mounts.map((spec) => parseMountFlag(spec, options.hostCwd)),
  ];
  const host = hostFs(ctx);
  for (const spec of volumeSpecs) {
    if (spec.kind === 'bind' && spec.fromMountFlag && !host.getNode(spec.source!)) {
      throw invalid(`invalid mount config for type "bind": bind source path does not exist: ${spec.source}`, 'run.bind-missing');
    }
  }

  const id = ctx.newId();
  const imageVolumes = Object.keys(image.config.Volumes ?? {});
  const anonymousTargets = volumeSpecs.filter((spec) => spec.kind === 'volume' && !spec.source).map((spec) => spec.target);
  const coveredTargets = new Set(volumeSpecs.map((spec) => spec.target));
  const mounts: ContainerMount[] = [];
  const createdVolumes: string[] = [];

  const mountVolume = (spec: VolumeSpec | undefined, target: string, source: string | undefined) => {
    const anonymous = source === undefined;
    const volumeName = source ?? ctx.newId();
    let volume = ctx.state.volumes[volumeName];
    if (!volume) {
      volume = createVolume(ctx, volumeName, anonymous);
      createdVolumes.push(volumeName);
    }
    if (!spec?.nocopy && Object.keys(volume.files).length === 0) {
      const copied = seedVolume(ctx, image, target, volume.files);
      if (copied > 0) ctx.emit(event('volume.seeded', ['F33', 'F29'], { volume: anonymous ? volumeName.slice(0, 12) : volumeName, target, files: copied }));
    }
    mounts.push({
      type: 'volume',
      name: volumeName,
      source: volumeMountpoint(volumeName),
      destination: target,
      rw: !spec?.readonly,
      mode: anonymous ? '' : 'z',
      propagation: '',
    });
    return volumeName;
  };

  for (const spec of volumeSpecs) {
    if (spec.kind === 'volume') mountVolume(spec, spec.target, spec.source);
    else if (spec.kind === 'bind') {
      if (!host.getNode(spec.source!)) host.makeDir(spec.source!, true);
      mounts.push({ type: 'bind', source: spec.source!, destination: spec.target, rw: !spec.readonly, mode: spec.readonly ? 'ro' : '', propagation: 'rprivate' });
    } else {
      mounts.push({ type: 'tmpfs', source: '', destination: spec.target, rw: true, mode: '', propagation: '' });
    }
  }
  for (const target of imageVolumes) {
    if (!coveredTargets.has(target)) {
      const volumeName = mountVolume(undefined, target, undefined);
      ctx.emit(event('volume.anonymous-from-image', ['F32', 'F35'], { volume: volumeName.slice(0, 12), target }));
    }
  }

  const exposed = new Set(Object.keys(image.config.ExposedPorts ?? {}));
  for (const port of options.expose) exposed.add(port.includes('/') ? port : `${port}/tcp`);
  const portBindings: Record<string, PortBinding[]> = {};
  for (const spec of publishSpecs) {
    const key = `${spec.containerPort}/${spec.proto}`;
    exposed.add(key);
    (portBindings[key] ??= []).push({ hostIp: spec.hostIp, hostPort: spec.hostPort });
  }

  const labels: Record<string, string> = { ...(image.config.Labels ?? {}) };
  for (const label of options.labels) {
    const eq = label.indexOf('=');
    if (eq === -1) labels[label] = '';
    else labels[label.slice(0, eq)] = label.slice(eq + 1);
  }

  const networkName = network?.name ?? 'bridge';
  // Docker's creation times have nanoseconds; keep ours strictly increasing so listings keep their order.
  const created = Math.max(ctx.now, ...Object.values(ctx.state.containers).map((other) => other.created + 1));
  const container: Container = {
    id,
    name: name ?? generateName(ctx, id),
    created,
    imageId: image.id,
    path: argv[0]!,
    args: argv.slice(1),
    config: {
      hostname: options.hostname ?? id.slice(0, 12),
      user: options.user ?? image.config.User ?? '',
      env: mergeEnv(image.config.Env ?? [], options.env, options.hostEnv),
      cmd: cmd.length > 0 ? cmd : null,
      entrypoint: entrypoint.length > 0 ? entrypoint : null,
      workingDir: options.workdir ? resolvePath(image.config.WorkingDir || '/', options.workdir) : image.config.WorkingDir ?? '',
      exposedPorts: [...exposed].sort(),
      labels,
      tty: options.tty,
      openStdin: options.interactive,
      ...(image.config.StopSignal !== undefined && { stopSignal: image.config.StopSignal }),
      image: options.imageText,
      volumes: [...new Set([...imageVolumes, ...anonymousTargets])],
    },
    hostConfig: {
      binds: volumeSpecs.filter((spec) => !spec.fromMountFlag && spec.source !== undefined).map((spec) => (spec.kind === 'bind' ? `${spec.source}:${spec.raw.split(':').slice(1).join(':')}` : spec.raw)),
      portBindings,
      publishAllPorts: options.publishAll,
      memory: options.memory ?? 0,
      memorySwap: options.memorySwap ?? (options.memory ? options.memory * 2 : 0),
      nanoCpus: options.nanoCpus ?? 0,
      restartPolicy: restart,
      autoRemove: options.autoRemove,
      mounts: volumeSpecs
        .filter((spec) => spec.fromMountFlag)
        .map((spec) => ({ Type: spec.kind, ...(spec.source !== undefined && { Source: spec.source }), Target: spec.target, ...(spec.readonly && { ReadOnly: true }) })),
      networkMode: networkName === 'bridge' ? 'bridge' : networkName,
    },
    mounts,
    state: { status: 'created', pid: 0, exitCode: 0, error: '', startedAt: 0, finishedAt: 0, oomKilled: false },
    upper: {},
    logs: [],
    process: null,
    ports: {},
    networks: { [networkName]: { ipAddress: '', macAddress: '', aliases: [] } },
    restartCount: 0,
  };
  ctx.state.containers[id] = container;
  ctx.emit(
    event('container.created', ['F07', 'F13'], {
      name: container.name,
      id: id.slice(0, 12),
      image: options.imageText,
      volumes: mounts.filter((mount) => mount.type === 'volume').length,
      newVolumes: createdVolumes.length,
      ports: publishSpecs.length,
      memory: options.memory ?? 0,
    }),
  );
  return container;
}

export function parseRestart(text: string | undefined): { name: string; maximumRetryCount: number } {
  if (text === undefined || text === '' || text === 'no') return { name: 'no', maximumRetryCount: 0 };
  const [policy = '', count] = text.split(':');
  if (!['always', 'unless-stopped', 'on-failure'].includes(policy)) throw invalid(`invalid restart policy: ${text}`, 'run.bad-restart');
  if (count !== undefined && policy !== 'on-failure') throw invalid(`invalid restart policy: maximum retry count can only be used with 'on-failure'`, 'run.bad-restart');
  return { name: policy, maximumRetryCount: count === undefined ? 0 : Number(count) };
}
