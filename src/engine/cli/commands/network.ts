// docker network ls | create | rm | connect | disconnect | prune.
import { DockerError } from '../../errors';
import { shortId } from '../../format/ids';
import { findContainer } from '../../ops/containers';
import { connectNetwork, containersOn, createNetwork, disconnectNetwork, removeNetwork, requireNetwork } from '../../ops/networks';
import { NETWORK_LIST } from '../../format/docker-format';
import { renderFormatted } from '../format-output';
import { eachArgument, flagBool, flagList, flagString, printDaemonError, type Invocation } from '../invocation';
import { confirm } from './prune';


export function networkLs(inv: Invocation): number {
  const { ctx, cmd, io } = inv;
  const networks = Object.values(ctx.state.networks).sort((a, b) => a.name.localeCompare(b.name));
  const noTrunc = flagBool(cmd, 'no-trunc');
  if (flagBool(cmd, 'quiet')) {
    io.out(networks.map((network) => `${noTrunc ? network.id : shortId(network.id)}\n`).join(''));
    return 0;
  }
  const rows = networks.map((network) => ({
    ID: noTrunc ? network.id : shortId(network.id),
    Name: network.name,
    Driver: network.driver,
    Scope: 'local',
    IPv6: 'false',
    Internal: String(network.internal),
    Labels: Object.entries(network.labels).map(([key, value]) => `${key}=${value}`).join(','),
    CreatedAt: new Date(network.created).toISOString(),
  }));
  return renderFormatted(inv, flagString(cmd, 'format'), rows, NETWORK_LIST);
}

export function networkCreate(inv: Invocation): number {
  try {
    const labels: Record<string, string> = {};
    for (const label of flagList(inv.cmd, 'label')) {
      const eq = label.indexOf('=');
      labels[eq === -1 ? label : label.slice(0, eq)] = eq === -1 ? '' : label.slice(eq + 1);
    }
    const subnet = flagList(inv.cmd, 'subnet')[0];
    const driver = flagString(inv.cmd, 'driver');
    const network = createNetwork(inv.ctx, inv.cmd.args[0] ?? '', {
      internal: flagBool(inv.cmd, 'internal'),
      labels,
      ...(driver !== undefined && { driver }),
      ...(subnet !== undefined && { subnet }),
    });
    inv.io.out(`${network.id}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    printDaemonError(inv.io, error);
    return 1;
  }
}

export function networkRm(inv: Invocation): Promise<number> {
  return eachArgument(inv, (name) => removeNetwork(inv.ctx, name));
}

export function networkConnect(inv: Invocation): number {
  const [networkName = '', containerName = ''] = inv.cmd.args;
  try {
    connectNetwork(inv.ctx, requireNetwork(inv.ctx, networkName), findContainer(inv.ctx, containerName), flagList(inv.cmd, 'alias'));
    return 0;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    printDaemonError(inv.io, error);
    return 1;
  }
}

export function networkDisconnect(inv: Invocation): number {
  const [networkName = '', containerName = ''] = inv.cmd.args;
  try {
    disconnectNetwork(inv.ctx, requireNetwork(inv.ctx, networkName), findContainer(inv.ctx, containerName));
    return 0;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    printDaemonError(inv.io, error);
    return 1;
  }
}

export function networkPrune(inv: Invocation): number {
  if (!confirm(inv, 'WARNING! This will remove all custom networks not used by at least one container.')) return 0;
  const removed: string[] = [];
  for (const network of Object.values(inv.ctx.state.networks)) {
    if (network.builtin || containersOn(inv.ctx, network).length > 0) continue;
    removeNetwork(inv.ctx, network.id);
    removed.push(network.name);
  }
  if (removed.length > 0) inv.io.out(`Deleted Networks:\n${removed.map((name) => `${name}\n`).join('')}`);
  return 0;
}
