// What a container changed in its writable layer, as `docker diff` and `docker commit` see it.
import type { HostContext } from '../host-context';
import type { Container } from '../model/host-state';
import { lookup } from '../fs/tree-stack';
import { isWithin } from '../fs/paths';

export interface Change {
  kind: 'A' | 'C' | 'D';
  path: string;
}

/** Paths under volumes and bind mounts never appear: they are not in the writable layer. */
export function writableLayerChanges(ctx: HostContext, container: Container): Change[] {
  const image = ctx.image(container.imageId);
  const lowers = { lowers: image.layers.map((diffId) => ctx.layer(diffId).files), upper: null };
  const mounted = container.mounts.map((mount) => mount.destination);
  const changes: Change[] = [];
  for (const [path, node] of Object.entries(container.upper)) {
    if (mounted.some((target) => isWithin(path, target) && path !== target)) continue;
    if (node.type === 'whiteout') changes.push({ kind: 'D', path });
    else changes.push({ kind: lookup(lowers, path) ? 'C' : 'A', path });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
