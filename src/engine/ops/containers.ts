// Finding and naming containers as the daemon does (moby daemon/container.go, namesgenerator).
import { conflict, invalid, notFound } from '../errors';
import type { HostContext } from '../host-context';
import type { Container } from '../model/host-state';
import { randomInt } from '../util/rng';
import { ADJECTIVES, SURNAMES } from './name-words';

/** Full ID, then exact name, then a unique ID prefix; names never match by prefix. */
export function findContainer(ctx: HostContext, text: string): Container {
  if (text === '') throw invalid('container name cannot be empty', 'container.empty-name');
  const containers = Object.values(ctx.state.containers);
  const byId = ctx.state.containers[text];
  if (byId) return byId;
  const name = text.startsWith('/') ? text.slice(1) : text;
  const byName = containers.find((container) => container.name === name);
  if (byName) return byName;
  if (/^[a-f0-9]+$/.test(text)) {
    const matches = containers.filter((container) => container.id.startsWith(text));
    if (matches.length > 1) throw notFound(`multiple IDs found with provided prefix: ${text}`, 'container.ambiguous');
    if (matches.length === 1) return matches[0]!;
  }
  throw notFound(`No such container: ${text}`, 'container.not-found');
}

export function tryFindContainer(ctx: HostContext, text: string): Container | undefined {
  try {
    return findContainer(ctx, text);
  } catch {
    return undefined;
  }
}

const VALID_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function checkContainerName(ctx: HostContext, name: string, exceptId?: string): string {
  if (!VALID_NAME.test(name)) {
    throw invalid(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`, 'container.bad-name');
  }
  const bare = name.startsWith('/') ? name.slice(1) : name;
  const owner = Object.values(ctx.state.containers).find((container) => container.name === bare && container.id !== exceptId);
  if (owner) {
    throw conflict(
      `Conflict. The container name "/${bare}" is already in use by container "${owner.id}". You have to remove (or rename) that container to be able to reuse that name.`,
      'container.name-taken',
      ['F13'],
    );
  }
  return bare;
}

/** `<adjective>_<surname>`, retrying with a digit as the daemon does, never boring_wozniak. */
export function generateName(ctx: HostContext, id: string): string {
  const taken = new Set(Object.values(ctx.state.containers).map((container) => container.name));
  for (let attempt = 0; attempt < 6; attempt++) {
    let name = `${ADJECTIVES[randomInt(ctx.rng, ADJECTIVES.length)]}_${SURNAMES[randomInt(ctx.rng, SURNAMES.length)]}`;
    if (name === 'boring_wozniak') continue;
    if (attempt > 0) name += String(randomInt(ctx.rng, 10));
    if (!taken.has(name)) return name;
  }
  return id.slice(0, 12);
}

export function isRunning(container: Container): boolean {
  return container.state.status === 'running' || container.state.status === 'paused' || container.state.status === 'restarting';
}
