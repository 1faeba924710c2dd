// docker ps: running containers; -a all of them (F19). Newest first.
import { invalid } from '../../errors';
import { timeAgo } from '../../format/duration';
import { containerCommand, shortId, truncateCommand } from '../../format/ids';
import { humanSize } from '../../format/size';
import { goTimeString } from '../../format/time';
import { containerStatus } from '../../format/duration';
import type { HostContext } from '../../host-context';
import { treeSize } from '../../model/file-tree';
import type { Container } from '../../model/host-state';
import { findImage, imageSize } from '../../ops/image-store';
import { isRunning } from '../../ops/containers';
import { familiarString, parseImageRef } from '../../registry/reference';
import { CONTAINER_LIST } from '../../format/docker-format';
import { precheckPsFormat, renderFormatted } from '../format-output';
import { flagBool, flagList, flagNumber, flagString, type Invocation } from '../invocation';
import { displayPorts } from '../ports';

/** IMAGE column: what was typed, or the old image's ID once that name points elsewhere. */
export function imageColumn(ctx: HostContext, container: Container, noTrunc = false): string {
  const typed = container.config.image;
  const current = findImage(ctx, typed);
  if (current && current.id === container.imageId && !/^(sha256:)?[a-f0-9]{12,64}$/.test(typed)) {
    const parsed = parseImageRef(typed);
    return parsed.ok ? familiarString(parsed.ref) : typed;
  }
  return noTrunc ? container.imageId : shortId(container.imageId);
}

export function containerStatusText(ctx: HostContext, container: Container): string {
  return containerStatus({
    status: container.state.status,
    exitCode: container.state.exitCode,
    startedAt: container.state.startedAt || null,
    finishedAt: container.state.finishedAt || null,
    now: ctx.now,
  });
}

function sizeText(ctx: HostContext, container: Container): string {
  const writable = treeSize(container.upper);
  const image = ctx.state.images[container.imageId];
  const virtual = writable + (image ? imageSize(ctx, image) : 0);
  return `${humanSize(writable)} (virtual ${humanSize(virtual)})`;
}

function psRow(ctx: HostContext, container: Container, noTrunc: boolean) {
  const labels = Object.entries(container.config.labels).map(([key, value]) => `${key}=${value}`).join(',');
  return {
    ID: noTrunc ? container.id : container.id.slice(0, 12),
    Image: imageColumn(ctx, container, noTrunc),
    Command: truncateCommand(containerCommand(container.path, container.args), noTrunc),
    CreatedAt: goTimeString(container.created),
    RunningFor: timeAgo((ctx.now - container.created) / 1000),
    Ports: displayPorts(container),
    State: container.state.status,
    Status: containerStatusText(ctx, container),
    Size: sizeText(ctx, container),
    Names: container.name,
    Labels: labels,
    Mounts: container.mounts.map((mount) => (mount.type === 'volume' ? (mount.name!.length === 64 && !noTrunc ? `${mount.name!.slice(0, 16)}…` : mount.name!) : mount.source)).join(','),
    Networks: Object.keys(container.networks).join(','),
    LocalVolumes: String(container.mounts.filter((mount) => mount.type === 'volume').length),
    Platform: 'linux/amd64',
  };
}

const EMPTY_ROW = {
  ID: '', Image: '', Command: '""', CreatedAt: '', RunningFor: '', Ports: '', State: '', Status: '', Size: '', Names: '',
  Labels: '', Mounts: '', Networks: '', LocalVolumes: '0', Platform: '',
};

const FILTER_KEYS = new Set(['status', 'name', 'id', 'ancestor', 'label', 'exited', 'volume', 'network', 'before', 'since', 'publish', 'expose', 'health', 'isolation', 'is-task']);

function matchesFilters(ctx: HostContext, container: Container, filters: Map<string, string[]>): boolean {
  for (const [key, values] of filters) {
    const any = (test: (value: string) => boolean) => values.some(test);
    switch (key) {
      case 'status':
        if (!any((value) => container.state.status === value)) return false;
        break;
      case 'name':
        if (!any((value) => new RegExp(value).test(container.name))) return false;
        break;
      case 'id':
        if (!any((value) => container.id.startsWith(value))) return false;
        break;
      case 'ancestor':
        if (!any((value) => findImage(ctx, value)?.id === container.imageId || container.config.image === value)) return false;
        break;
      case 'label':
        if (!any((value) => {
          const [name = '', expected] = value.split('=');
          const actual = container.config.labels[name];
          return actual !== undefined && (expected === undefined || actual === expected);
        })) return false;
        break;
      case 'exited':
        if (container.state.status !== 'exited' || !any((value) => Number(value) === container.state.exitCode)) return false;
        break;
      case 'volume':
        if (!any((value) => container.mounts.some((mount) => mount.name === value || mount.destination === value))) return false;
        break;
      case 'network':
        if (!any((value) => container.networks[value] !== undefined)) return false;
        break;
      case 'publish':
        if (!any((value) => Object.values(container.ports).some((bindings) => bindings.some((binding) => binding.hostPort === value.split('/')[0])))) return false;
        break;
      case 'expose':
        if (!any((value) => container.config.exposedPorts.includes(value.includes('/') ? value : `${value}/tcp`))) return false;
        break;
      case 'before':
      case 'since': {
        const other = Object.values(ctx.state.containers).find((candidate) => candidate.name === values[0] || candidate.id.startsWith(values[0] ?? '-'));
        if (!other) throw invalid(`No such container: ${values[0]}`, 'container.not-found');
        if (key === 'before' ? container.created >= other.created : container.created <= other.created) return false;
        break;
      }
      default:
        break;
    }
  }
  return true;
}

export function parseFilters(specs: string[], allowed: Set<string>): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const key = spec.slice(0, eq).trim().toLowerCase();
    const value = spec.slice(eq + 1);
    if (!allowed.has(key)) throw invalid(`invalid filter '${key}'`, 'filter.invalid');
    filters.set(key, [...(filters.get(key) ?? []), value]);
  }
  return filters;
}

export function ps(inv: Invocation): number {
  const { ctx, cmd, io } = inv;
  const format = flagString(cmd, 'format');
  if (!precheckPsFormat(inv, format, EMPTY_ROW)) return 1;
  const noTrunc = flagBool(cmd, 'no-trunc');
  const filters = parseFilters(flagList(cmd, 'filter'), FILTER_KEYS);
  const last = flagBool(cmd, 'latest') ? 1 : flagNumber(cmd, 'last') ?? -1;
  const all = flagBool(cmd, 'all') || last > 0 || filters.has('status') || filters.has('exited');
  let containers = Object.values(ctx.state.containers)
    .filter((container) => all || isRunning(container))
    .filter((container) => matchesFilters(ctx, container, filters))
    .sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
  if (last > 0) containers = containers.slice(0, last);
  const rows = containers.map((container) => psRow(ctx, container, noTrunc));
  if (flagBool(cmd, 'quiet')) {
    io.out(rows.map((row) => `${row.ID}\n`).join(''));
    return 0;
  }
  const size = flagBool(cmd, 'size');
  const defaultTable = `${CONTAINER_LIST.defaultTable}${size ? '\t{{.Size}}' : ''}`;
  return renderFormatted(inv, format, rows, CONTAINER_LIST, defaultTable);
}
