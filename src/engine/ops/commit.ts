// docker commit: a container's writable layer saved as a new image layer on top of its
// image's layers (F15). The original image is untouched (F04, F14); volumes are not included.
import { invalid, limitReached } from '../errors';
import { event } from '../events';
import type { HostContext } from '../host-context';
import type { FileTree } from '../model/file-tree';
import type { Container } from '../model/host-state';
import type { Image, ImageConfig } from '../model/image';
import { isWithin } from '../fs/paths';
import { computeImageId } from '../registry/catalog';
import { layerFromTree } from './image-layers';

export interface CommitOptions {
  message?: string;
  author?: string;
  /** Dockerfile instructions from -c, applied to the new image's config. */
  changes: string[];
}

const ALLOWED_CHANGES = new Set(['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'ONBUILD', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

function jsonOrShell(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
    } catch {
      /* not JSON: shell form, as the Dockerfile parser does */
    }
  }
  return ['/bin/sh', '-c', trimmed];
}

function splitPairs(text: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const pattern = /([^\s=]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;
  if (!text.includes('=')) {
    const [key = '', ...rest] = text.trim().split(/\s+/);
    return [[key, rest.join(' ')]];
  }
  for (const match of text.matchAll(pattern)) {
    let value = match[2] ?? '';
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    pairs.push([match[1]!, value]);
  }
  return pairs;
}

/** Applies one -c instruction (`CMD ["nginx"]`, `ENV A=1`, `EXPOSE 80`...). */
export function applyChange(config: ImageConfig, change: string): void {
  const match = /^\s*(\S+)\s*(.*)$/s.exec(change);
  const keyword = (match?.[1] ?? '').toUpperCase();
  const rest = match?.[2] ?? '';
  if (!ALLOWED_CHANGES.has(keyword)) throw invalid(`${match?.[1] ?? change} is not a valid change command`, 'commit.bad-change');
  switch (keyword) {
    case 'CMD':
      config.Cmd = jsonOrShell(rest);
      break;
    case 'ENTRYPOINT':
      config.Entrypoint = jsonOrShell(rest);
      config.Cmd = null;
      break;
    case 'ENV':
      for (const [key, value] of splitPairs(rest)) {
        config.Env = [...(config.Env ?? []).filter((entry) => !entry.startsWith(`${key}=`)), `${key}=${value}`];
      }
      break;
    case 'EXPOSE':
      config.ExposedPorts = { ...(config.ExposedPorts ?? {}) };
      for (const port of rest.trim().split(/\s+/).filter(Boolean)) config.ExposedPorts[port.includes('/') ? port : `${port}/tcp`] = {};
      break;
    case 'LABEL':
      config.Labels = { ...(config.Labels ?? {}) };
      for (const [key, value] of splitPairs(rest)) config.Labels[key] = value;
      break;
    case 'USER':
      config.User = rest.trim();
      break;
    case 'WORKDIR':
      config.WorkingDir = rest.trim();
      break;
    case 'STOPSIGNAL':
      config.StopSignal = rest.trim();
      break;
    case 'VOLUME': {
      config.Volumes = { ...(config.Volumes ?? {}) };
      const paths = rest.trim().startsWith('[') ? jsonOrShell(rest).filter((path) => path !== '/bin/sh' && path !== '-c') : rest.trim().split(/\s+/);
      for (const path of paths) config.Volumes[path] = {};
      break;
    }
    case 'ONBUILD':
      config.OnBuild = [...(config.OnBuild ?? []), rest.trim()];
      break;
    default:
      break;
  }
}

export function commitContainer(ctx: HostContext, container: Container, options: CommitOptions): Image {
  if (Object.keys(ctx.state.images).length >= ctx.limits.maxImages) {
    throw limitReached(`Baleia limit: your host already has ${ctx.limits.maxImages} images. Remove some with docker rmi or docker image prune.`);
  }
  const base = ctx.image(container.imageId);
  const mounted = container.mounts.map((mount) => mount.destination);
  const files: FileTree = {};
  for (const [path, node] of Object.entries(container.upper)) {
    if (mounted.some((target) => isWithin(path, target))) continue;
    files[path] = node;
  }
  const config: ImageConfig = structuredClone(base.config);
  const env = container.config.env;
  if (env.length > 0) config.Env = [...env];
  config.Cmd = container.config.cmd;
  config.Entrypoint = container.config.entrypoint;
  if (container.config.workingDir) config.WorkingDir = container.config.workingDir;
  if (container.config.user) config.User = container.config.user;
  if (container.config.exposedPorts.length > 0) config.ExposedPorts = Object.fromEntries(container.config.exposedPorts.map((port) => [port, {}]));
  if (Object.keys(container.config.labels).length > 0) config.Labels = { ...container.config.labels };
  for (const change of options.changes) applyChange(config, change);
  if (config.Entrypoint === null) delete config.Entrypoint;
  if (config.Cmd === null) delete config.Cmd;

  const created = new Date(ctx.now).toISOString();
  const empty = Object.keys(files).length === 0;
  const layers = [...base.layers];
  let size = 0;
  if (!empty) {
    const layer = layerFromTree(ctx, files);
    layers.push(layer.diffId);
    size = layer.size;
  }
  const historyEntry = {
    created,
    createdBy: [container.path, ...container.args].join(' '),
    ...(options.author ? { author: options.author } : {}),
    ...(options.message ? { comment: options.message } : {}),
    ...(empty ? { emptyLayer: true } : {}),
  };
  const draft = {
    config,
    layers,
    history: [...base.history, historyEntry],
    created,
    ...(options.author ? { author: options.author } : {}),
  };
  const image: Image = {
    id: computeImageId(draft),
    ...draft,
    ...(options.message ? { comment: options.message } : {}),
    parent: base.id,
    repoDigests: [],
  };
  ctx.state.images[image.id] = ctx.state.images[image.id] ?? image;
  ctx.emit(event('image.committed', ['F15', 'F04', 'F14'], { container: container.name, id: image.id.slice(7, 19), files: Object.keys(files).length, bytes: size, base: base.id.slice(7, 19) }));
  return image;
}
