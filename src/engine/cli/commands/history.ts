// docker history: one row per build step, newest first; steps that made no layer show 0B (F05).
import { event } from '../../events';
import { shortId, truncateCreatedBy } from '../../format/ids';
import { humanSize } from '../../format/size';
import { historyCreated } from '../../format/time';
import { findImage, noSuchImageName } from '../../ops/image-store';
import { HISTORY_LIST, HISTORY_TABLE_NON_HUMAN } from '../../format/docker-format';
import { renderFormatted } from '../format-output';
import { flagBool, flagString, type Invocation } from '../invocation';


export function history(inv: Invocation): number {
  const { ctx, cmd, io } = inv;
  const name = cmd.args[0] ?? '';
  const image = findImage(ctx, name);
  if (!image) {
    io.err(`Error response from daemon: No such image: ${noSuchImageName(name)}\n`);
    return 1;
  }
  const human = cmd.flags.human === undefined ? true : flagBool(cmd, 'human');
  const noTrunc = flagBool(cmd, 'no-trunc');
  // Which local image each history row is the top of (itself, and parents from docker commit).
  const tops = new Map<number, string>();
  let current: typeof image | undefined = image;
  while (current) {
    tops.set(current.history.length - 1, current.id);
    current = current.parent ? ctx.state.images[current.parent] : undefined;
  }
  let layerIndex = image.layers.length;
  const rows = [];
  for (let i = image.history.length - 1; i >= 0; i--) {
    const entry = image.history[i]!;
    let size = 0;
    if (!entry.emptyLayer) {
      layerIndex--;
      const diffId = image.layers[layerIndex];
      size = diffId ? ctx.layer(diffId).size : 0;
    }
    const top = tops.get(i);
    const createdMs = Date.parse(entry.created);
    rows.push({
      ID: top ? (noTrunc ? top : shortId(top)) : '<missing>',
      CreatedSince: historyCreated(createdMs, ctx.now, human),
      CreatedAt: new Date(createdMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      CreatedBy: truncateCreatedBy(entry.createdBy, noTrunc),
      Size: human ? humanSize(size) : String(size),
      Comment: entry.comment ?? '',
    });
  }
  ctx.emit(event('image.history', ['F05', 'F25'], { image: name, steps: rows.length, layers: image.layers.length }));
  if (flagBool(cmd, 'quiet')) {
    io.out(rows.map((row) => `${row.ID}\n`).join(''));
    return 0;
  }
  return renderFormatted(inv, flagString(cmd, 'format'), rows, HISTORY_LIST, human ? HISTORY_LIST.defaultTable : HISTORY_TABLE_NON_HUMAN);
}

