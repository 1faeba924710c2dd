// Volumes: storage that lives outside any container's writable layer, so it outlives them.
import { conflict, invalid, limitReached, notFound } from '../errors';
import { event } from '../events';
import type { HostContext } from '../host-context';
import { treeSize } from '../model/file-tree';
import type { Container, Volume } from '../model/host-state';

const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function volumeMountpoint(name: string): string {
  return `/var/lib/docker/volumes/${name}/_data`;
}

export function createVolume(
  ctx: HostContext,
  name: string,
  anonymous: boolean,
  labels: Record<string, string> | null = anonymous ? { 'com.docker.volume.anonymous': '' } : null,
): Volume {
  if (!anonymous && !VOLUME_NAME.test(name)) {
    throw invalid(
      `create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
      'volume.bad-name',
    );
  }
  if (Object.keys(ctx.state.volumes).length >= ctx.limits.maxVolumes) {
    throw limitReached(`Baleia limit: your host already has ${ctx.limits.maxVolumes} volumes. Remove unused ones with docker volume prune -a or docker volume rm.`);
  }
  const volume: Volume = { name, created: ctx.now, anonymous, labels, options: null, files: {} };
  ctx.state.volumes[name] = volume;
  ctx.emit(event(anonymous ? 'volume.created-anonymous' : 'volume.created', ['F29', 'F33'], { volume: anonymous ? name.slice(0, 12) : name }));
  return volume;
}

export function findVolume(ctx: HostContext, name: string): Volume {
  const volume = ctx.state.volumes[name];
  if (!volume) throw notFound(`get ${name}: no such volume`, 'volume.not-found');
  return volume;
}

export function containersUsingVolume(ctx: HostContext, name: string): Container[] {
  return Object.values(ctx.state.containers).filter((container) => container.mounts.some((mount) => mount.type === 'volume' && mount.name === name));
}

export function volumeSize(volume: Volume): number {
  return treeSize(volume.files);
}

export function removeVolume(ctx: HostContext, name: string, force = false): void {
  const volume = findVolume(ctx, name);
  const users = containersUsingVolume(ctx, name);
  if (users.length > 0 && !force) {
    throw conflict(`remove ${name}: volume is in use - [${users.map((container) => container.id).join(', ')}]`, 'volume.in-use', ['F29', 'F30']);
  }
  const files = Object.keys(volume.files).length;
  delete ctx.state.volumes[name];
  ctx.emit(event('volume.removed', ['F29'], { volume: volume.anonymous ? name.slice(0, 12) : name, files }));
}
