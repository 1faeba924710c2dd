// What /host shows: a student's host at a glance, as plain data (images and the layers they
// share, containers with status, ports and writable layer, volumes and who mounts them).
// Renderers (the PNG picture, the text summary) only read this.
import { containerStatusText, imageColumn } from '../engine/cli/commands/ps';
import { displayPorts } from '../engine/cli/ports';
import type { HostContext } from '../engine/host-context';
import { treeSize } from '../engine/model/file-tree';
import type { ContainerStatus, HostState } from '../engine/model/host-state';
import { familiarTagsOf, imageSize } from '../engine/ops/image-store';
import { reconcile } from '../engine/ops/lifecycle';
import type { Baleia, StudentRef } from './baleia';

export interface LayerView {
  diffId: string;
  /** First 12 hex characters of the DiffID. */
  short: string;
  size: number;
  /** How many of the host's images use this layer (2 or more: stored once, shared). */
  usedBy: number;
}

export interface ImageView {
  id: string;
  shortId: string;
  /** `nginx:latest`, or `<none>:<none>` for a dangling image. */
  names: string[];
  size: number;
  layers: LayerView[];
  containers: number;
}

export interface MountView {
  type: 'volume' | 'bind' | 'tmpfs';
  /** Volume name (short for anonymous ones) or host path for binds. */
  source: string;
  destination: string;
  readOnly: boolean;
}

export interface ContainerView {
  name: string;
  shortId: string;
  image: string;
  status: ContainerStatus;
  /** `Up 5 minutes`, `Exited (0) 2 seconds ago`: as docker ps shows it. */
  statusText: string;
  /** `8080->80/tcp` (host IPs left out: they are the same on every line). */
  ports: string[];
  writableBytes: number;
  writableFiles: number;
  mounts: MountView[];
}

export interface VolumeView {
  name: string;
  /** Anonymous volumes are 64 hex characters: shown by their first 12. */
  shown: string;
  anonymous: boolean;
  size: number;
  mountedBy: string[];
}

export interface HostView {
  userName: string;
  /** Where the student's prompt is: the host, or inside a container. */
  insideContainer: string | null;
  images: ImageView[];
  containers: ContainerView[];
  volumes: VolumeView[];
  totals: {
    /** Every distinct layer counted once, as the disk holds them. */
    imageBytes: number;
    /** What the images would take if nothing were shared. */
    imageBytesUnshared: number;
    sharedLayers: number;
    running: number;
    writableBytes: number;
    volumeBytes: number;
  };
}

const STATUS_ORDER: Record<ContainerStatus, number> = { running: 0, restarting: 1, paused: 2, created: 3, exited: 4, dead: 5 };

function portsOf(text: string): string[] {
  if (text === '') return [];
  const parts = text.split(', ').map((part) => part.replace(/^(?:\d+\.\d+\.\d+\.\d+|\[[^\]]*\]):/, ''));
  return [...new Set(parts)];
}

export function buildHostView(ctx: HostContext): HostView {
  const state: HostState = ctx.state;
  const layerSize = (diffId: string): number => {
    try {
      return ctx.layer(diffId).size;
    } catch {
      return 0;
    }
  };
  const usage = new Map<string, number>();
  for (const image of Object.values(state.images)) for (const diffId of new Set(image.layers)) usage.set(diffId, (usage.get(diffId) ?? 0) + 1);

  const containers = Object.values(state.containers);
  const images: ImageView[] = Object.values(state.images)
    .map((image) => {
      const names = familiarTagsOf(ctx, image.id);
      return {
        id: image.id,
        shortId: image.id.replace(/^sha256:/, '').slice(0, 12),
        names: names.length > 0 ? names : ['<none>:<none>'],
        size: imageSize(ctx, image),
        layers: image.layers.map((diffId) => ({ diffId, short: diffId.replace(/^sha256:/, '').slice(0, 12), size: layerSize(diffId), usedBy: usage.get(diffId) ?? 1 })),
        containers: containers.filter((container) => container.imageId === image.id).length,
      };
    })
    .sort((a, b) => (a.names[0] ?? '').localeCompare(b.names[0] ?? ''));

  const mountedBy = new Map<string, string[]>();
  const containerViews: ContainerView[] = containers
    .map((container) => {
      for (const mount of container.mounts) {
        if (mount.type === 'volume' && mount.name) mountedBy.set(mount.name, [...(mountedBy.get(mount.name) ?? []), container.name]);
      }
      return {
        name: container.name,
        shortId: container.id.slice(0, 12),
        image: imageColumn(ctx, container),
        status: container.state.status,
        statusText: containerStatusText(ctx, container),
        ports: portsOf(displayPorts(container)),
        writableBytes: treeSize(container.upper),
        writableFiles: Object.keys(container.upper).length,
        mounts: container.mounts.map((mount) => ({
          type: mount.type,
          source: mount.type === 'volume' && mount.name ? (/^[0-9a-f]{64}$/.test(mount.name) ? mount.name.slice(0, 12) : mount.name) : mount.source,
          destination: mount.destination,
          readOnly: !mount.rw,
        })),
      };
    })
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name));

  const volumes: VolumeView[] = Object.values(state.volumes)
    .map((volume) => ({
      name: volume.name,
      shown: volume.anonymous ? volume.name.slice(0, 12) : volume.name,
      anonymous: volume.anonymous,
      size: treeSize(volume.files),
      mountedBy: (mountedBy.get(volume.name) ?? []).sort(),
    }))
    .sort((a, b) => Number(a.anonymous) - Number(b.anonymous) || a.name.localeCompare(b.name));

  const session = state.session;
  const inside = session && session.containerId ? (state.containers[session.containerId]?.name ?? null) : null;
  return {
    userName: state.userName,
    insideContainer: inside,
    images,
    containers: containerViews,
    volumes,
    totals: {
      imageBytes: [...usage.keys()].reduce((sum, diffId) => sum + layerSize(diffId), 0),
      imageBytesUnshared: images.reduce((sum, image) => sum + image.layers.reduce((s, layer) => s + layer.size, 0), 0),
      sharedLayers: [...usage.values()].filter((count) => count > 1).length,
      running: containerViews.filter((container) => container.status === 'running').length,
      writableBytes: containerViews.reduce((sum, container) => sum + container.writableBytes, 0),
      volumeBytes: volumes.reduce((sum, volume) => sum + volume.size, 0),
    },
  };
}

/** The /host use case: the student's host as it is now (time applied), as a view. */
export async function viewHostSummary(baleia: Baleia, student: StudentRef): Promise<HostView> {
  const { ctx } = await baleia.viewHost(student);
  // Moves time forward on this loaded copy only (a timed container may have exited since
  // the last command); nothing is saved.
  reconcile(ctx);
  return buildHostView(ctx);
}
