// The PORTS column of docker ps and the lines of docker port (docker/cli formatter.DisplayablePorts).
import type { Container, PortBinding } from '../model/host-state';

interface PortEntry {
  privatePort: number;
  proto: string;
  binding?: PortBinding;
}

function entries(container: Container): PortEntry[] {
  const result: PortEntry[] = [];
  const keys = new Set([...container.config.exposedPorts, ...Object.keys(container.ports)]);
  for (const key of keys) {
    const [port = '0', proto = 'tcp'] = key.split('/');
    const bindings = container.ports[key] ?? [];
    if (bindings.length === 0) result.push({ privatePort: Number(port), proto });
    for (const binding of bindings) result.push({ privatePort: Number(port), proto, binding });
  }
  return result;
}

function hostAddress(ip: string): string {
  return ip.includes(':') ? `[${ip}]` : ip;
}

/** `0.0.0.0:8080->80/tcp, [::]:8080->80/tcp`; unpublished ports collapse into ranges (80-81/tcp). */
export function displayPorts(container: Container): string {
  if (container.state.status !== 'running' && container.state.status !== 'paused') return '';
  const all = entries(container);
  const unpublished = all.filter((entry) => !entry.binding).sort((a, b) => a.proto.localeCompare(b.proto) || a.privatePort - b.privatePort);
  const published = all.filter((entry) => entry.binding);
  const parts: string[] = [];
  let i = 0;
  while (i < unpublished.length) {
    const first = unpublished[i]!;
    let last = first;
    while (i + 1 < unpublished.length && unpublished[i + 1]!.proto === first.proto && unpublished[i + 1]!.privatePort === last.privatePort + 1) last = unpublished[++i]!;
    parts.push(first === last ? `${first.privatePort}/${first.proto}` : `${first.privatePort}-${last.privatePort}/${first.proto}`);
    i++;
  }
  // docker groups mappings by host IP, IPv4 before IPv6, in order of appearance.
  const v4 = published.filter((entry) => !entry.binding!.hostIp.includes(':'));
  const v6 = published.filter((entry) => entry.binding!.hostIp.includes(':'));
  for (const entry of [...v4, ...v6]) {
    parts.push(`${hostAddress(entry.binding!.hostIp)}:${entry.binding!.hostPort}->${entry.privatePort}/${entry.proto}`);
  }
  return parts.join(', ');
}

/** Lines of `docker port web [80]`: `80/tcp -> 0.0.0.0:8080`. */
export function portLines(container: Container, filter?: string): string[] {
  const lines: string[] = [];
  const wanted = filter === undefined ? undefined : filter.includes('/') ? filter : `${filter}/tcp`;
  const keys = Object.keys(container.ports).sort((a, b) => Number(a.split('/')[0]) - Number(b.split('/')[0]));
  for (const key of keys) {
    if (wanted !== undefined && key !== wanted) continue;
    for (const binding of container.ports[key] ?? []) {
      const address = `${hostAddress(binding.hostIp)}:${binding.hostPort}`;
      lines.push(wanted !== undefined ? address : `${key} -> ${address}`);
    }
  }
  return lines;
}
