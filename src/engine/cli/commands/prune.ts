// The prune commands ask before deleting, as docker does; only y/Y confirms.
import { event } from '../../events';
import { humanSize4 } from '../../format/size';
import { treeSize } from '../../model/file-tree';
import { isRunning } from '../../ops/containers';
import { removeContainerNow } from '../../ops/lifecycle';
import { containersUsing, isDangling, imageSize } from '../../ops/image-store';
import { removeImage } from './rmi';
import { flagBool, type Invocation } from '../invocation';

/** Prints the warning and the prompt; `-f` skips it; the answer comes from stdin. */
export function confirm(inv: Invocation, warning: string): boolean {
  if (flagBool(inv.cmd, 'force')) return true;
  inv.io.out(`${warning}\nAre you sure you want to continue? [y/N] `);
  const answer = inv.stdin.split('\n')[0]?.trim() ?? '';
  if (answer === 'y' || answer === 'Y') return true;
  if (inv.stdin === '') inv.io.out('\n');
  inv.ctx.emit(event('prune.not-confirmed', [], { hint: '-f' }));
  return false;
}

export function containerPrune(inv: Invocation): number {
  const { ctx, io } = inv;
  if (!confirm(inv, 'WARNING! This will remove all stopped containers.')) return 0;
  const removed: string[] = [];
  let reclaimed = 0;
  for (const container of Object.values(ctx.state.containers).sort((a, b) => b.created - a.created)) {
    if (isRunning(container)) continue;
    reclaimed += treeSize(container.upper);
    removeContainerNow(ctx, container, false, 'rm');
    removed.push(container.id);
  }
  if (removed.length > 0) io.out(`Deleted Containers:\n${removed.map((id) => `${id}\n`).join('')}\n`);
  io.out(`Total reclaimed space: ${humanSize4(reclaimed)}\n`);
  return 0;
}

export function imagePrune(inv: Invocation): number {
  const { ctx, io } = inv;
  const all = flagBool(inv.cmd, 'all');
  const warning = all
    ? 'WARNING! This will remove all images without at least one container associated to them.'
    : 'WARNING! This will remove all dangling images.';
  if (!confirm(inv, warning)) return 0;
  const lines: string[] = [];
  let reclaimed = 0;
  for (const image of Object.values(ctx.state.images)) {
    if (containersUsing(ctx, image.id).length > 0) continue;
    if (!all && !isDangling(ctx, image.id)) continue;
    const size = imageSize(ctx, image);
    const removed = removeImage(ctx, image.id, true);
    lines.push(...removed.map((line) => line.replace(/^Untagged:/, 'untagged:').replace(/^Deleted:/, 'deleted:')));
    reclaimed += size;
  }
  if (lines.length > 0) io.out(`Deleted Images:\n${lines.map((line) => `${line}\n`).join('')}\n`);
  io.out(`Total reclaimed space: ${humanSize4(reclaimed)}\n`);
  return 0;
}
