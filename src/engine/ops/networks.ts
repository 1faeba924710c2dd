// User-defined networks: containers on one reach each other by name (embedded DNS); the
// default bridge only by IP.
import { conflict, forbidden, invalid, limitReached, notFound } from '../errors';
import { event } from '../events';
import type { HostContext } from '../host-context';
import type { Container, Network } from '../model/host-state';

export function findNetwork(ctx: HostContext, text: string): Network | undefined {
  const networks = Object.values(ctx.state.networks);
  return networks.find((network) => network.id === text) ?? networks.find((network) => network.name === text) ?? (text.length > 0 ? networks.find((network) => network.id.startsWith(text)) : undefined);
}

export function requireNetwork(ctx: HostContext, text: string): Network {
  const network = findNetwork(ctx, text);
  if (!network) throw notFound(`network ${text} not found`, 'network.not-found');
  return network;
}

export function createNetwork(ctx: HostContext, name: string, options: { driver?: string; internal?: boolean; labels?: Record<string, string>; subnet?: string }): Network {
  if (findNetwork(ctx, name)?.name === name) throw conflict(`network with name ${name} already exists`, 'network.exists');
  if (options.driver && options.driver !== 'bridge') throw notFound(`plugin "${options.driver}" not found`, 'network.driver');
  if (Object.keys(ctx.state.networks).length >= ctx.limits.maxNetworks + 3) throw limitReached(`Baleia limit: at most ${ctx.limits.maxNetworks} networks of your own. Remove some with docker network rm.`);
  const used = new Set(Object.values(ctx.state.networks).map((network) => network.subnet));
  let octet = 18;
  while (used.has(`172.${octet}.0.0/16`)) octet++;
  const subnet = options.subnet ?? `172.${octet}.0.0/16`;
  if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(subnet)) throw invalid(`invalid CIDR address: ${subnet}`, 'network.bad-subnet');
  const id = ctx.newId();
  const network: Network = {
    id,
    name,
    driver: 'bridge',
    created: ctx.now,
    subnet,
    gateway: subnet.replace(/\.0\/\d+$/, '.1'),
    builtin: false,
    internal: options.internal ?? false,
    labels: options.labels ?? {},
  };
  ctx.state.networks[id] = network;
  ctx.emit(event('network.created', ['F10'], { name }));
  return network;
}

export function containersOn(ctx: HostContext, network: Network): Container[] {
  return Object.values(ctx.state.containers).filter((container) => container.networks[network.name] !== undefined);
}

export function removeNetwork(ctx: HostContext, text: string): void {
  const network = requireNetwork(ctx, text);
  if (network.builtin) throw forbidden(`${network.name} is a pre-defined network and cannot be removed`, 'network.builtin');
  const active = containersOn(ctx, network).filter((container) => container.state.status === 'running');
  if (active.length > 0) throw forbidden(`error while removing network: network ${network.name} has active endpoints (name:"${active[0]!.name}" id:"${active[0]!.id.slice(0, 12)}")`, 'network.in-use');
  for (const container of containersOn(ctx, network)) delete container.networks[network.name];
  delete ctx.state.networks[network.id];
  ctx.emit(event('network.removed', ['F10'], { name: network.name }));
}

export function connectNetwork(ctx: HostContext, network: Network, container: Container, aliases: string[]): void {
  if (container.networks[network.name]) throw forbidden(`endpoint with name ${container.name} already exists in network ${network.name}`, 'network.already-connected');
  container.networks[network.name] = { ipAddress: '', macAddress: '', aliases };
  if (container.state.status === 'running') {
    const prefix = network.subnet.split('.').slice(0, 3).join('.');
    const used = new Set(Object.values(ctx.state.containers).map((other) => other.networks[network.name]?.ipAddress));
    let host = 2;
    while (used.has(`${prefix}.${host}`)) host++;
    container.networks[network.name] = { ipAddress: `${prefix}.${host}`, macAddress: `02:42:ac:${prefix.split('.')[1]!.padStart(2, '0')}:00:${host.toString(16).padStart(2, '0')}`, aliases };
  }
  ctx.emit(event('network.connected', ['F10'], { network: network.name, container: container.name }));
}

export function disconnectNetwork(ctx: HostContext, network: Network, container: Container): void {
  if (!container.networks[network.name]) throw forbidden(`container ${container.id} is not connected to network ${network.name}`, 'network.not-connected');
  delete container.networks[network.name];
  ctx.emit(event('network.disconnected', ['F10'], { network: network.name, container: container.name }));
}
