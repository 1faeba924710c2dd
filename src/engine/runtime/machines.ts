// Builds the filesystem a machine sees: the student's host, or a container (its image's
// read-only layers, its writable layer, its volumes and bind mounts).
import { MachineFs, type MountSpec } from '../fs/machine-fs';
import type { TreeStack } from '../fs/tree-stack';
import type { HostContext } from '../host-context';
import type { FileTree } from '../model/file-tree';
import type { Container } from '../model/host-state';
import type { ShellFlavour } from './shell';

/** Programs only Baleia's host has (they live above the catalogue's Ubuntu layer). */
const BALEIA_HOST_TOOLS: FileTree = {
  '/usr': { type: 'dir', mode: 0o755 },
  '/usr/bin': { type: 'dir', mode: 0o755 },
  '/usr/bin/starter': { type: 'file', mode: 0o755, content: '#!/bin/sh\n# starter: lays out Baleia starter projects (simulated by Baleia)\n' },
};

export function hostStack(ctx: HostContext): TreeStack {
  return { lowers: [ctx.ports.catalog.hostLayer.files, BALEIA_HOST_TOOLS], upper: ctx.state.hostFiles };
}

export function hostFs(ctx: HostContext): MachineFs {
  return new MachineFs({ root: hostStack(ctx), now: () => ctx.now, limits: { maxFileBytes: ctx.limits.maxFileBytes } });
}

export function homeDir(ctx: HostContext): string {
  return `/home/${ctx.state.userName}`;
}

/** Files Docker bind-mounts into every container (hostname, hosts, resolv.conf). */
function runtimeFiles(container: Container): FileTree {
  const ip = Object.values(container.networks)[0]?.ipAddress;
  const hosts = ['127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback'];
  if (ip) hosts.push(`${ip}\t${container.config.hostname}`);
  return {
    '/etc': { type: 'dir', mode: 0o755 },
    '/etc/hostname': { type: 'file', mode: 0o644, content: `${container.config.hostname}\n` },
    '/etc/hosts': { type: 'file', mode: 0o644, content: `${hosts.join('\n')}\n` },
    '/etc/resolv.conf': { type: 'file', mode: 0o644, content: 'nameserver 8.8.8.8\nnameserver 8.8.4.4\n' },
  };
}

export function containerStack(ctx: HostContext, container: Container): TreeStack {
  const image = ctx.image(container.imageId);
  const lowers = image.layers.map((diffId) => ctx.layer(diffId).files);
  lowers.push(runtimeFiles(container));
  return { lowers, upper: container.upper };
}

export function containerMounts(ctx: HostContext, container: Container): MountSpec[] {
  const mounts: MountSpec[] = [];
  for (const mount of container.mounts) {
    if (mount.type === 'volume' && mount.name) {
      const volume = ctx.state.volumes[mount.name];
      if (!volume) continue;
      mounts.push({ target: mount.destination, stack: { lowers: [], upper: volume.files }, source: '/', readonly: !mount.rw });
    } else if (mount.type === 'bind') {
      mounts.push({ target: mount.destination, stack: hostStack(ctx), source: mount.source, readonly: !mount.rw });
    } else if (mount.type === 'tmpfs') {
      // tmpfs lives in memory only while the container runs: nothing of it is kept.
      mounts.push({ target: mount.destination, stack: { lowers: [], upper: {} }, source: '/', readonly: false });
    }
  }
  return mounts;
}

export function containerFs(ctx: HostContext, container: Container): MachineFs {
  return new MachineFs({
    root: containerStack(ctx, container),
    mounts: containerMounts(ctx, container),
    now: () => ctx.now,
    limits: { maxFileBytes: ctx.limits.maxFileBytes },
  });
}

/** Which shell `/bin/sh` is on this machine: busybox ash, dash, or bash. */
export function shellFlavourOf(fs: MachineFs, program = 'sh'): ShellFlavour {
  if (program === 'bash') return 'bash';
  try {
    const resolved = fs.resolve(`/bin/${program === 'ash' ? 'ash' : 'sh'}`);
    if (resolved.endsWith('busybox')) return 'ash';
    if (resolved.endsWith('bash')) return 'bash';
    return 'dash';
  } catch {
    return 'dash';
  }
}

/** Finds an executable as the kernel would: absolute/relative paths as given, else $PATH. */
export function findExecutable(fs: MachineFs, name: string, pathVar: string, cwd: string): string | undefined {
  if (name.includes('/')) {
    const path = name.startsWith('/') ? name : `${cwd === '/' ? '' : cwd}/${name}`;
    const node = fs.getNode(path);
    return node?.type === 'file' ? path : undefined;
  }
  for (const dir of pathVar.split(':')) {
    if (!dir) continue;
    const path = `${dir}/${name}`;
    const node = fs.getNode(path);
    if (node?.type === 'file' && (node.mode & 0o111) !== 0) return path;
  }
  return undefined;
}
