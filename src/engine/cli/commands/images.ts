// docker images / docker image ls: one row per tag, dangling images as <none> (F19).
import { timeAgo } from '../../format/duration';
import { shortId } from '../../format/ids';
import { humanSize } from '../../format/size';
import { goTimeString } from '../../format/time';
import type { HostContext } from '../../host-context';
import type { Image } from '../../model/image';
import { imageSize, isDangling, tagsOf } from '../../ops/image-store';
import { familiarName, parseImageRef, refFromCanonical } from '../../registry/reference';
import { IMAGE_LIST } from '../../format/docker-format';
import { renderFormatted } from '../format-output';
import { flagBool, flagList, flagString, type Invocation } from '../invocation';
import { parseFilters } from './ps';


export function imageCreatedMs(image: Image): number {
  return Date.parse(image.created);
}

interface ImageRow {
  ID: string;
  Repository: string;
  Tag: string;
  Digest: string;
  CreatedSince: string;
  CreatedAt: string;
  Size: string;
  VirtualSize: string;
  SharedSize: string;
  UniqueSize: string;
  Containers: string;
}

function rowsFor(ctx: HostContext, image: Image, noTrunc: boolean): ImageRow[] {
  const base = {
    ID: noTrunc ? image.id : shortId(image.id),
    CreatedSince: timeAgo((ctx.now - imageCreatedMs(image)) / 1000),
    CreatedAt: goTimeString(imageCreatedMs(image)),
    Size: humanSize(imageSize(ctx, image)),
    VirtualSize: humanSize(imageSize(ctx, image)),
    SharedSize: 'N/A',
    UniqueSize: 'N/A',
    Containers: 'N/A',
  };
  const tags = tagsOf(ctx, image.id).map(refFromCanonical);
  const digestFor = (repository: string) => image.repoDigests.find((digest) => digest.startsWith(`${repository}@`))?.split('@')[1] ?? '<none>';
  if (tags.length === 0) {
    const repository = image.repoDigests[0]?.split('@')[0];
    return [{ ...base, Repository: repository ?? '<none>', Tag: '<none>', Digest: repository ? digestFor(repository) : '<none>' }];
  }
  return tags.map((ref) => ({ ...base, Repository: familiarName(ref), Tag: ref.tag ?? '<none>', Digest: digestFor(familiarName(ref)) }));
}

const FILTER_KEYS = new Set(['dangling', 'label', 'before', 'since', 'reference', 'until']);

export function images(inv: Invocation): number {
  const { ctx, cmd, io } = inv;
  const filters = parseFilters(flagList(cmd, 'filter'), FILTER_KEYS);
  const noTrunc = flagBool(cmd, 'no-trunc');
  const repoFilter = cmd.args[0];
  let list = Object.values(ctx.state.images).sort((a, b) => imageCreatedMs(b) - imageCreatedMs(a) || (a.id < b.id ? -1 : 1));
  const dangling = filters.get('dangling')?.[0];
  if (dangling !== undefined) list = list.filter((image) => isDangling(ctx, image.id) === (dangling === 'true' || dangling === '1'));
  let rows = list.flatMap((image) => rowsFor(ctx, image, noTrunc));
  if (repoFilter !== undefined) {
    const parsed = parseImageRef(repoFilter);
    const wantedRepo = parsed.ok ? familiarName(parsed.ref) : repoFilter;
    const wantedTag = parsed.ok ? parsed.ref.tag : undefined;
    rows = rows.filter((row) => row.Repository === wantedRepo && (wantedTag === undefined || row.Tag === wantedTag));
  }
  for (const reference of filters.get('reference') ?? []) {
    const pattern = new RegExp(`^${reference.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    rows = rows.filter((row) => pattern.test(row.Repository) || pattern.test(`${row.Repository}:${row.Tag}`));
  }
  if (flagBool(cmd, 'quiet')) {
    const ids = rows.map((row) => row.ID);
    io.out(ids.map((id) => `${id}\n`).join(''));
    return 0;
  }
  const digests = flagBool(cmd, 'digests');
  const defaultTable = digests ? IMAGE_LIST.defaultTable.replace('{{.Tag}}\t', '{{.Tag}}\t{{.Digest}}\t') : IMAGE_LIST.defaultTable;
  return renderFormatted(inv, flagString(cmd, 'format'), rows, IMAGE_LIST, defaultTable);
}
