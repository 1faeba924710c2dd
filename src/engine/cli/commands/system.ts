// docker system df (and -v), system prune, info, version.
import { event } from '../../events';
import { timeAgo } from '../../format/duration';
import { containerCommand, shortId, truncateCommand } from '../../format/ids';
import { humanSize, humanSize4 } from '../../format/size';
import { formatTable, formatTableSections } from '../../format/table';
import type { HostContext } from '../../host-context';
import { treeSize } from '../../model/file-tree';
import type { Image } from '../../model/image';
import { isRunning } from '../../ops/containers';
import { containersUsing, isDangling, tagsOf } from '../../ops/image-store';
import { removeContainerNow } from '../../ops/lifecycle';
import { containersUsingVolume, removeVolume, volumeSize } from '../../ops/volumes';
import { removeNetwork, containersOn } from '../../ops/networks';
import { familiarName, refFromCanonical } from '../../registry/reference';
import { flagBool, type Invocation } from '../invocation';
import { imageCreatedMs } from './images';
import { containerStatusText, imageColumn } from './ps';
import { confirm } from './prune';
import { removeImage } from './rmi';

function reclaimableText(reclaimable: number, total: number): string {
  if (total <= 0) return humanSize4(reclaimable);
  return `${humanSize4(reclaimable)} (${Math.floor((reclaimable * 100) / total)}%)`;
}

interface ImageUsage {
  image: Image;
  size: number;
  shared: number;
  containers: number;
}

function imageUsage(ctx: HostContext): { usages: ImageUsage[]; uniqueTotal: number } {
  const images = Object.values(ctx.state.images);
  const layerUsers = new Map<string, number>();
  for (const image of images) for (const diffId of new Set(image.layers)) layerUsers.set(diffId, (layerUsers.get(diffId) ?? 0) + 1);
  let uniqueTotal = 0;
  for (const diffId of layerUsers.keys()) uniqueTotal += ctx.layer(diffId).size;
  const usages = images.map((image) => {
    let size = 0;
    let shared = 0;
    for (const diffId of image.layers) {
      const layerSize = ctx.layer(diffId).size;
      size += layerSize;
      if ((layerUsers.get(diffId) ?? 0) > 1) shared += layerSize;
    }
    return { image, size, shared, containers: containersUsing(ctx, image.id).length };
  });
  return { usages, uniqueTotal };
}

export function systemDf(inv: Invocation): number {
  const { ctx, io } = inv;
  const { usages, uniqueTotal } = imageUsage(ctx);
  const active = usages.filter((usage) => usage.containers > 0);
  const imageReclaimable = Math.max(0, uniqueTotal - active.reduce((sum, usage) => sum + usage.size - usage.shared, 0));
  const containers = Object.values(ctx.state.containers);
  const containerSize = containers.reduce((sum, container) => sum + treeSize(container.upper), 0);
  const containerReclaimable = containers.filter((container) => !isRunning(container)).reduce((sum, container) => sum + treeSize(container.upper), 0);
  const volumes = Object.values(ctx.state.volumes);
  const volumeTotal = volumes.reduce((sum, volume) => sum + volumeSize(volume), 0);
  const volumeActive = volumes.filter((volume) => containersUsingVolume(ctx, volume.name).length > 0);
  const volumeReclaimable = volumes.filter((volume) => containersUsingVolume(ctx, volume.name).length === 0).reduce((sum, volume) => sum + volumeSize(volume), 0);
  const cache = ctx.state.buildCache;
  const cacheSize = cache.reduce((sum, record) => sum + (record.shared ? 0 : record.size), 0);
  ctx.emit(event('system.df', ['F06', 'F29'], { images: usages.length, shared: usages.reduce((sum, usage) => sum + usage.shared, 0) }));

  if (!flagBool(inv.cmd, 'verbose')) {
    io.out(
      formatTable([
        ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'],
        ['Images', String(usages.length), String(active.length), humanSize4(uniqueTotal), reclaimableText(imageReclaimable, uniqueTotal)],
        ['Containers', String(containers.length), String(containers.filter(isRunning).length), humanSize4(containerSize), reclaimableText(containerReclaimable, containerSize)],
        ['Local Volumes', String(volumes.length), String(volumeActive.length), humanSize4(volumeTotal), reclaimableText(volumeReclaimable, volumeTotal)],
        ['Build Cache', String(cache.length), '0', humanSize4(cacheSize), reclaimableText(cacheSize, cacheSize)],
      ]),
    );
    return 0;
  }
  const imageRows = usages
    .sort((a, b) => imageCreatedMs(b.image) - imageCreatedMs(a.image))
    .map((usage) => {
      const first = tagsOf(ctx, usage.image.id)[0];
      const ref = first ? refFromCanonical(first) : undefined;
      return [
        ref ? familiarName(ref) : '<none>',
        ref?.tag ?? '<none>',
        shortId(usage.image.id),
        timeAgo((ctx.now - imageCreatedMs(usage.image)) / 1000),
        humanSize(usage.size),
        humanSize4(usage.shared),
        humanSize4(usage.size - usage.shared),
        String(usage.containers),
      ];
    });
  const containerRows = containers
    .sort((a, b) => b.created - a.created)
    .map((container) => [
      container.id.slice(0, 12),
      imageColumn(ctx, container),
      truncateCommand(containerCommand(container.path, container.args)),
      String(container.mounts.filter((mount) => mount.type === 'volume').length),
      humanSize(treeSize(container.upper)),
      timeAgo((ctx.now - container.created) / 1000),
      containerStatusText(ctx, container),
      container.name,
    ]);
  const volumeRows = volumes
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
    .map((volume) => [volume.name, String(containersUsingVolume(ctx, volume.name).length), humanSize4(volumeSize(volume))]);
  const cacheRows = cache.map((record) => [
    record.key.slice(7, 32),
    'regular',
    humanSize4(record.size),
    timeAgo((ctx.now - record.created) / 1000),
    timeAgo((ctx.now - record.lastUsed) / 1000),
    String(record.usageCount),
    String(record.shared),
  ]);
  io.out(
    formatTableSections([
      { title: 'Images space usage:', rows: [['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE', 'SHARED SIZE', 'UNIQUE SIZE', 'CONTAINERS'], ...imageRows] },
      { title: 'Containers space usage:', rows: [['CONTAINER ID', 'IMAGE', 'COMMAND', 'LOCAL VOLUMES', 'SIZE', 'CREATED', 'STATUS', 'NAMES'], ...containerRows] },
      { title: 'Local Volumes space usage:', rows: [['VOLUME NAME', 'LINKS', 'SIZE'], ...volumeRows] },
      { title: `Build cache usage: ${humanSize4(cacheSize)}`, rows: [['CACHE ID', 'CACHE TYPE', 'SIZE', 'CREATED', 'LAST USED', 'USAGE', 'SHARED'], ...cacheRows] },
    ]),
  );
  return 0;
}

export function systemPrune(inv: Invocation): number {
  const { ctx, io, cmd } = inv;
  const all = flagBool(cmd, 'all');
  const volumes = flagBool(cmd, 'volumes');
  const items = [
    '  - all stopped containers',
    '  - all networks not used by at least one container',
    ...(volumes ? ['  - anonymous volumes not used by at least one container'] : []),
    all ? '  - all images without at least one container associated to them' : '  - all dangling images',
    all ? '  - all build cache' : '  - unused build cache',
  ];
  if (!confirm(inv, `WARNING! This will remove:\n${items.join('\n')}\n`)) return 0;
  let reclaimed = 0;
  const deletedContainers: string[] = [];
  for (const container of Object.values(ctx.state.containers)) {
    if (isRunning(container)) continue;
    reclaimed += treeSize(container.upper);
    removeContainerNow(ctx, container, false, 'rm');
    deletedContainers.push(container.id);
  }
  if (deletedContainers.length > 0) io.out(`Deleted Containers:\n${deletedContainers.map((id) => `${id}\n`).join('')}\n`);
  const deletedNetworks: string[] = [];
  for (const network of Object.values(ctx.state.networks)) {
    if (network.builtin || containersOn(ctx, network).length > 0) continue;
    removeNetwork(ctx, network.id);
    deletedNetworks.push(network.name);
  }
  if (deletedNetworks.length > 0) io.out(`Deleted Networks:\n${deletedNetworks.map((name) => `${name}\n`).join('')}\n`);
  if (volumes) {
    const deletedVolumes: string[] = [];
    for (const volume of Object.values(ctx.state.volumes)) {
      if (!volume.anonymous || containersUsingVolume(ctx, volume.name).length > 0) continue;
      reclaimed += volumeSize(volume);
      removeVolume(ctx, volume.name);
      deletedVolumes.push(volume.name);
    }
    if (deletedVolumes.length > 0) io.out(`Deleted Volumes:\n${deletedVolumes.map((name) => `${name}\n`).join('')}\n`);
  }
  const imageLines: string[] = [];
  for (const image of Object.values(ctx.state.images)) {
    if (containersUsing(ctx, image.id).length > 0) continue;
    if (!all && !isDangling(ctx, image.id)) continue;
    imageLines.push(...removeImage(ctx, image.id, true).map((line) => line.replace(/^Untagged:/, 'untagged:').replace(/^Deleted:/, 'deleted:')));
  }
  if (imageLines.length > 0) io.out(`Deleted Images:\n${imageLines.map((line) => `${line}\n`).join('')}\n`);
  const cacheBytes = ctx.state.buildCache.reduce((sum, record) => sum + record.size, 0);
  if (ctx.state.buildCache.length > 0) {
    io.out(`Deleted build cache objects:\n${ctx.state.buildCache.map((record) => `${record.key.slice(7, 32)}\n`).join('')}\n`);
    ctx.state.buildCache = [];
    reclaimed += cacheBytes;
  }
  io.out(`Total reclaimed space: ${humanSize4(reclaimed)}\n`);
  return 0;
}

export function version(inv: Invocation): number {
  inv.io.out(`Client: Docker Engine - Community
 Version:           28.2.2
 API version:       1.50
 Go version:        go1.24.3
 Git commit:        e6534b4
 Built:             Fri May 30 12:07:35 2025
 OS/Arch:           linux/amd64
 Context:           default

Server: Docker Engine - Community
 Engine:
  Version:          28.2.2
  API version:      1.50 (minimum version 1.24)
  Go version:       go1.24.3
  Git commit:       45873be
  Built:            Fri May 30 12:07:35 2025
  OS/Arch:          linux/amd64
  Experimental:     false
 containerd:
  Version:          1.7.27
  GitCommit:        05044ec0a9a75232cad458027ca83437aae3f4da
 runc:
  Version:          1.2.5
  GitCommit:        v1.2.5-0-g59923ef
 docker-init:
  Version:          0.19.0
  GitCommit:        de40ad0
`);
  return 0;
}

export function info(inv: Invocation): number {
  const { ctx } = inv;
  const containers = Object.values(ctx.state.containers);
  inv.io.out(`Client: Docker Engine - Community
 Version:    28.2.2
 Context:    default
 Debug Mode: false
 Plugins:
  buildx: Docker Buildx (Docker Inc.)
    Version:  v0.24.0
    Path:     /usr/libexec/docker/cli-plugins/docker-buildx

Server:
 Containers: ${containers.length}
  Running: ${containers.filter((c) => c.state.status === 'running').length}
  Paused: ${containers.filter((c) => c.state.status === 'paused').length}
  Stopped: ${containers.filter((c) => !isRunning(c)).length}
 Images: ${Object.keys(ctx.state.images).length}
 Server Version: 28.2.2
 Storage Driver: overlay2
  Backing Filesystem: extfs
  Supports d_type: true
  Using metacopy: false
  Native Overlay Diff: true
  userxattr: false
 Logging Driver: json-file
 Cgroup Driver: systemd
 Cgroup Version: 2
 Plugins:
  Volume: local
  Network: bridge host ipvlan macvlan null overlay
  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog
 Swarm: inactive
 Runtimes: io.containerd.runc.v2 runc
 Default Runtime: runc
 Init Binary: docker-init
 containerd version: 05044ec0a9a75232cad458027ca83437aae3f4da
 runc version: v1.2.5-0-g59923ef
 init version: de40ad0
 Security Options:
  apparmor
  seccomp
   Profile: builtin
  cgroupns
 Kernel Version: 6.8.0-49-generic
 Operating System: Ubuntu 24.04.2 LTS
 OSType: linux
 Architecture: x86_64
 CPUs: 2
 Total Memory: 3.823GiB
 Name: baleia
 ID: ${ctx.state.networks[Object.keys(ctx.state.networks)[0]!]?.id.slice(0, 36).toUpperCase().replace(/(.{8})(.{4})(.{4})(.{4})(.{12}).*/, '$1-$2-$3-$4-$5')}
 Docker Root Dir: /var/lib/docker
 Debug Mode: false
 Experimental: false
 Insecure Registries:
  ::1/128
  127.0.0.0/8
 Live Restore Enabled: false

`);
  return 0;
}
