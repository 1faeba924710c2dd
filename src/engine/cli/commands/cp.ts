// docker cp: copies between the host and a container's filesystem (running or not).
import { DockerError, invalid, notFound } from '../../errors';
import { event } from '../../events';
import { humanSize } from '../../format/size';
import { basename, resolvePath } from '../../fs/paths';
import type { MachineFs } from '../../fs/machine-fs';
import { nodeSize } from '../../model/file-tree';
import { findContainer } from '../../ops/containers';
import { containerFs, hostFs } from '../../runtime/machines';
import { printDaemonError, type Invocation } from '../invocation';

function splitSpec(spec: string): { container?: string; path: string } {
  const colon = spec.indexOf(':');
  if (colon > 0 && !spec.startsWith('/') && !spec.startsWith('.')) return { container: spec.slice(0, colon), path: spec.slice(colon + 1) };
  return { path: spec };
}

/** docker cp streams a tar archive and reports its size: a 512-byte header per entry, data in 512-byte blocks. */
function copyTree(from: MachineFs, src: string, to: MachineFs, dest: string): number {
  const node = from.getNode(src);
  if (!node) throw notFound(`Could not find the file ${src} in container`, 'cp.missing');
  if (node.type === 'dir') {
    if (!to.getNode(dest)) to.makeDir(dest, true);
    let bytes = 512;
    for (const child of from.list(src)) bytes += copyTree(from, `${src === '/' ? '' : src}/${child}`, to, `${dest}/${child}`);
    return bytes;
  }
  if (node.type === 'file') {
    to.putRaw(dest, { ...node });
    return 512 + Math.ceil(nodeSize(node) / 512) * 512;
  }
  if (node.type === 'symlink') to.putRaw(dest, { ...node });
  return 512;
}

export function cp(inv: Invocation): number {
  const [srcSpec = '', destSpec = ''] = inv.cmd.args;
  const src = splitSpec(srcSpec);
  const dest = splitSpec(destSpec);
  try {
    if ((src.container === undefined) === (dest.container === undefined)) {
      throw invalid('copying between containers is not supported', 'cp.both');
    }
    const container = findContainer(inv.ctx, (src.container ?? dest.container)!);
    const cfs = containerFs(inv.ctx, container);
    const host = hostFs(inv.ctx);
    const fromFs = src.container ? cfs : host;
    const toFs = src.container ? host : cfs;
    const srcPath = src.container ? resolvePath(container.config.workingDir || '/', src.path) : resolvePath(inv.hostCwd, src.path);
    let destPath = dest.container ? resolvePath(container.config.workingDir || '/', dest.path) : resolvePath(inv.hostCwd, dest.path);
    if (!fromFs.getNode(srcPath)) {
      if (src.container) throw notFound(`Could not find the file ${src.path} in container ${src.container}`, 'cp.missing');
      inv.io.err(`lstat ${srcPath}: no such file or directory\n`);
      return 1;
    }
    if (toFs.getNode(destPath)?.type === 'dir') destPath = `${destPath === '/' ? '' : destPath}/${basename(srcPath)}`;
    const bytes = copyTree(fromFs, srcPath, toFs, destPath) + 1024;
    inv.io.err(`Successfully copied ${humanSize(bytes)} to ${dest.container ? `${dest.container}:${destPath}` : destPath}\n`);
    inv.ctx.emit(event('container.cp', ['F10', 'F13'], { name: container.name, direction: src.container ? 'from' : 'to', path: src.container ? srcPath : destPath }));
    return 0;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    printDaemonError(inv.io, error);
    return 1;
  }
}
