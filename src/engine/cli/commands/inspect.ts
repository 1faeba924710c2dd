// docker inspect and the typed inspects (container, image, volume, network): JSON, or -f.
import { executeTemplate, parseTemplate, TemplateError } from '../../format/go-template';
import { toDockerJson } from '../../format/json';
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

function printObjects(inv: Invocation, objects: object[], format: string | undefined): number {
  if (format === undefined || format === '' || format === 'json') {
    inv.io.out(`${toDockerJson(objects)}\n`);
    return 0;
  }
  const template = parseTemplate(format.replace(/\\t/g, '\t').replace(/\\n/g, '\n'));
  if (template instanceof TemplateError) {
    inv.io.err(`template parsing error: ${template.message}\n`);
    return 1;
  }
  for (const object of objects) {
    const result = executeTemplate(template, object, { rawMaps: true });
    if (!result.ok) {
      inv.io.err(`${result.error.message}\n`);
      return 1;
    }
    inv.io.out(`${result.output}\n`);
  }
  return 0;
}

function inspectKinds(inv: Invocation, kinds: Kind[], typed: boolean): number {
  const found: object[] = [];
  const errors: string[] = [];
  for (const name of inv.cmd.args) {
    let object: object | undefined;
    for (const kind of kinds) {
      object = lookup(inv.ctx, kind, name);
      if (object) break;
    }
    if (object) found.push(object);
    else errors.push(typed ? missing(kinds[0]!, name) : `Error: No such object: ${name}`);
  }
  inv.ctx.emit(event('inspect.done', kinds.includes('image') && kinds.length === 1 ? ['F01', 'F05'] : ['F10', 'F13'], { count: found.length }));
  const format = flagString(inv.cmd, 'format');
  let code = 0;
  if (found.length > 0 || format === undefined) code = printObjects(inv, found, format);
  for (const error of errors) inv.io.err(`${error}\n`);
  return errors.length > 0 ? 1 : code;
}

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
