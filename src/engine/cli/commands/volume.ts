// docker volume create | ls | inspect | rm | prune: storage that outlives containers (F29-F35).
import { DockerError } from '../../errors';
import { humanSize4 } from '../../format/size';
import { createVolume, containersUsingVolume, removeVolume, volumeSize } from '../../ops/volumes';
import { VOLUME_LIST } from '../../format/docker-format';
import { renderFormatted } from '../format-output';
import { eachArgument, flagBool, flagList, flagString, printDaemonError, type Invocation } from '../invocation';
import { parseFilters } from './ps';
import { confirm } from './prune';

export function volumeCreate(inv: Invocation): number {
  const { ctx, cmd, io } = inv;
  const name = cmd.args[0] ?? flagString(cmd, 'name');
  try {
    const labels: Record<string, string> = {};
    for (const label of flagList(cmd, 'label')) {
      const eq = label.indexOf('=');
      labels[eq === -1 ? label : label.slice(0, eq)] = eq === -1 ? '' : label.slice(eq + 1);
    }
    if (name !== undefined && ctx.state.volumes[name]) {
      io.out(`${name}\n`);
      return 0;
    }
    const volume = createVolume(ctx, name ?? ctx.newId(), false, labels);
    volume.options = {};
    io.out(`${volume.name}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    printDaemonError(io, error);
    return 1;
  }
}

const FILTERS = new Set(['dangling', 'driver', 'label', 'name']);

/** Natural order, as docker sorts volume names. */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export function volumeLs(inv: Invocation): number {
  const { ctx, cmd, io } = inv;
  const filters = parseFilters(flagList(cmd, 'filter'), FILTERS);
  let volumes = Object.values(ctx.state.volumes).sort((a, b) => naturalCompare(a.name, b.name));
  const dangling = filters.get('dangling')?.[0];
  if (dangling !== undefined) volumes = volumes.filter((volume) => (containersUsingVolume(ctx, volume.name).length === 0) === (dangling === 'true' || dangling === '1'));
  for (const name of filters.get('name') ?? []) volumes = volumes.filter((volume) => volume.name.includes(name));
  if (flagBool(cmd, 'quiet')) {
    io.out(volumes.map((volume) => `${volume.name}\n`).join(''));
    return 0;
  }
  const rows = volumes.map((volume) => ({
    Name: volume.name,
    Driver: 'local',
    Scope: 'local',
    Mountpoint: `/var/lib/docker/volumes/${volume.name}/_data`,
    Labels: Object.entries(volume.labels ?? {}).map(([key, value]) => `${key}=${value}`).join(','),
    Links: String(containersUsingVolume(ctx, volume.name).length),
    Size: humanSize4(volumeSize(volume)),
  }));
  return renderFormatted(inv, flagString(cmd, 'format'), rows, VOLUME_LIST);
}

export async function volumeRm(inv: Invocation): Promise<number> {
  // -f only silences "no such volume"; a volume in use is never removed.
  if (!flagBool(inv.cmd, 'force')) return eachArgument(inv, (name) => removeVolume(inv.ctx, name));
  return eachArgument(inv, (name) => {
    if (inv.ctx.state.volumes[name]) removeVolume(inv.ctx, name);
  });
}

export function volumePrune(inv: Invocation): number {
  const { ctx, cmd, io } = inv;
  const all = flagBool(cmd, 'all');
  const message = all
    ? 'WARNING! This will remove all local volumes not used by at least one container.'
    : 'WARNING! This will remove anonymous local volumes not used by at least one container.';
  if (!confirm(inv, message)) return 0;
  const removed: string[] = [];
  let reclaimed = 0;
  for (const volume of Object.values(ctx.state.volumes).sort((a, b) => naturalCompare(a.name, b.name))) {
    if (!all && !volume.anonymous) continue;
    if (containersUsingVolume(ctx, volume.name).length > 0) continue;
    reclaimed += volumeSize(volume);
    removeVolume(ctx, volume.name);
    removed.push(volume.name);
  }
  if (removed.length > 0) io.out(`Deleted Volumes:\n${removed.map((name) => `${name}\n`).join('')}\n`);
  io.out(`Total reclaimed space: ${humanSize4(reclaimed)}\n`);
  return 0;
}
