// docker inspect and the typed inspects (container, image, volume, network): JSON, or -f.
import { renderInspect, type InspectEntry } from '../../format/docker-format';
import type { HostContext } from '../../host-context';
import { tryFindContainer } from '../../ops/containers';
import { findImage, noSuchImageName } from '../../ops/image-store';
import { findNetwork } from '../../ops/networks';
import { event } from '../../events';
import { containerInspect, imageInspect, networkInspect, volumeInspect } from '../inspect-json';
import { flagString, type Invocation } from '../invocation';

type Kind = 'container' | 'image' | 'volume' | 'network';

function lookup(ctx: HostContext, kind: Kind, name: string): object | undefined {
  switch (kind) {
    case 'container': {
      const container = tryFindContainer(ctx, name);
      return container && containerInspect(ctx, container);
    }
    case 'image': {
      const image = findImage(ctx, name);
      return image && imageInspect(ctx, image);
    }
    case 'volume': {
      const volume = ctx.state.volumes[name];
      return volume && volumeInspect(volume);
    }
    case 'network': {
      const network = findNetwork(ctx, name);
      return network && networkInspect(ctx, network);
    }
  }
}

function missing(kind: Kind, name: string): string {
  switch (kind) {
    case 'container':
      return `Error response from daemon: No such container: ${name}`;
    case 'image':
      return `Error response from daemon: No such image: ${noSuchImageName(name)}`;
    case 'volume':
      return `Error response from daemon: get ${name}: no such volume`;
    case 'network':
      return `Error response from daemon: network ${name} not found`;
  }
}

function inspectKinds(inv: Invocation, kinds: Kind[], typed: boolean): number {
  const entries: InspectEntry[] = [];
  let found = 0;
  for (const name of inv.cmd.args) {
    let object: object | undefined;
    let kind: Kind | undefined;
    for (const candidate of kinds) {
      object = lookup(inv.ctx, candidate, name);
      if (object) {
        kind = candidate;
        break;
      }
    }
    if (object && kind) {
      entries.push({ value: object, typeName: TYPE_NAMES[kind] });
      found++;
    } else entries.push({ error: typed ? missing(kinds[0]!, name) : `Error: No such object: ${name}` });
  }
  inv.ctx.emit(event('inspect.done', kinds.length === 1 && kinds[0] === 'image' ? ['F01', 'F05'] : ['F10', 'F13'], { count: found }));
  const output = renderInspect(flagString(inv.cmd, 'format'), entries);
  inv.io.out(output.stdout);
  inv.io.err(output.stderr);
  return output.exitCode;
}

const TYPE_NAMES: Record<Kind, string> = {
  container: '*types.ContainerJSON',
  image: '*image.InspectResponse',
  volume: '*volume.Volume',
  network: '*network.Inspect',
};

export function inspect(inv: Invocation): number {
  const type = flagString(inv.cmd, 'type');
  if (type !== undefined && !['container', 'image', 'volume', 'network', ''].includes(type)) {
    inv.io.err(`"${type}" is not a valid value for --type\n`);
    return 1;
  }
  const kinds: Kind[] = type ? [type as Kind] : ['container', 'image', 'network', 'volume'];
  return inspectKinds(inv, kinds, false);
}

export const containerInspectCommand = (inv: Invocation) => inspectKinds(inv, ['container'], true);
export const imageInspectCommand = (inv: Invocation) => inspectKinds(inv, ['image'], true);
export const volumeInspectCommand = (inv: Invocation) => inspectKinds(inv, ['volume'], true);
export const networkInspectCommand = (inv: Invocation) => inspectKinds(inv, ['network'], true);
