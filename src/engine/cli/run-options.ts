// Flags shared by docker run and docker create, turned into engine options, and the image
// lookup with its implicit pull ("Unable to find image 'nginx:latest' locally").
import { DockerError, invalid } from '../errors';
import type { CommandIO } from '../io';
import type { Image } from '../model/image';
import type { CreateContainerOptions } from '../ops/create-container';
import { parsePublish } from '../ops/create-container';
import { findImage } from '../ops/image-store';
import { pullImage } from '../ops/pull-image';
import { resolvePath } from '../fs/paths';
import { hostFs } from '../runtime/machines';
import { familiarString, parseImageRef, withDefaultTag } from '../registry/reference';
import { parseRamInBytes } from '../format/size';
import { flagBool, flagList, flagNumber, flagString, type Invocation } from './invocation';

/** A client-side failure of run/create: printed as `docker: <message>` with the help hint. */
export class ClientError extends Error {}

export function createOptionsFromFlags(inv: Invocation): CreateContainerOptions {
  const { cmd } = inv;
  const restart = flagString(cmd, 'restart');
  if (flagBool(cmd, 'rm') && restart !== undefined && restart !== 'no') {
    throw new ClientError('conflicting options: cannot specify both --restart and --rm');
  }
  for (const spec of flagList(cmd, 'publish')) {
    try {
      parsePublish(spec);
    } catch (error) {
      if (error instanceof DockerError) throw new ClientError(error.message);
      throw error;
    }
  }
  const env = [...flagList(cmd, 'env')];
  const host = hostFs(inv.ctx);
  for (const file of flagList(cmd, 'env-file')) {
    const path = resolvePath(inv.hostCwd, file);
    let text: string;
    try {
      text = host.readText(path);
    } catch {
      throw new ClientError(`open ${file}: no such file or directory`);
    }
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      if (trimmed && !trimmed.startsWith('#')) env.push(trimmed);
    }
  }
  const memoryText = flagString(cmd, 'memory');
  const memory = typeof cmd.flags.memory === 'number' ? cmd.flags.memory : memoryText ? parseRamInBytes(memoryText) : undefined;
  const swapText = flagString(cmd, 'memory-swap');
  const memorySwap = swapText === '-1' ? -1 : swapText ? parseRamInBytes(swapText) : undefined;
  const cpus = flagNumber(cmd, 'cpus');
  const options: CreateContainerOptions = {
    imageText: cmd.args[0] ?? '',
    command: cmd.args.slice(1),
    env,
    publish: flagList(cmd, 'publish'),
    publishAll: flagBool(cmd, 'publish-all'),
    volumes: flagList(cmd, 'volume'),
    mounts: flagList(cmd, 'mount'),
    autoRemove: flagBool(cmd, 'rm'),
    tty: flagBool(cmd, 'tty'),
    interactive: flagBool(cmd, 'interactive'),
    labels: flagList(cmd, 'label'),
    expose: flagList(cmd, 'expose'),
    hostCwd: inv.hostCwd,
    hostEnv: inv.hostEnv,
  };
  const name = flagString(cmd, 'name');
  if (name !== undefined) options.name = name;
  const entrypoint = flagString(cmd, 'entrypoint');
  if (entrypoint !== undefined) options.entrypoint = entrypoint;
  const workdir = flagString(cmd, 'workdir');
  if (workdir !== undefined) {
    if (!workdir.startsWith('/')) throw invalid(`the working directory '${workdir}' is invalid, it needs to be an absolute path`, 'run.bad-workdir');
    options.workdir = workdir;
  }
  const user = flagString(cmd, 'user');
  if (user !== undefined) options.user = user;
  if (memory !== undefined) {
    if (memory > 0 && memory < 6 * 1024 * 1024) throw invalid('Minimum memory limit allowed is 6MB', 'run.memory-too-low', ['F13']);
    options.memory = memory;
  }
  if (memorySwap !== undefined) options.memorySwap = memorySwap;
  if (cpus !== undefined) {
    if (cpus > 2) throw invalid(`range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available`, 'run.too-many-cpus', ['F13']);
    options.nanoCpus = Math.round(cpus * 1e9);
  }
  if (restart !== undefined) options.restart = restart;
  const hostname = flagString(cmd, 'hostname');
  if (hostname !== undefined) options.hostname = hostname;
  const network = flagString(cmd, 'network');
  if (network !== undefined) options.network = network;
  return options;
}

export interface ImageLookup {
  image: Image;
  pulled: boolean;
}

/**
 * Finds the image for run/create, pulling it when missing (the default --pull=missing).
 * Pull progress goes to stderr, after "Unable to find image ... locally".
 */
export function imageForRun(inv: Invocation, imageText: string): ImageLookup {
  const parsed = parseImageRef(imageText);
  if (!parsed.ok) throw new ClientError(parsed.error);
  const ref = withDefaultTag(parsed.ref);
  const pullPolicy = flagString(inv.cmd, 'pull') ?? 'missing';
  if (!['missing', 'always', 'never'].includes(pullPolicy)) throw new ClientError(`invalid pull option: '${pullPolicy}': must be one of "always", "missing" or "never"`);
  const local = findImage(inv.ctx, imageText);
  if (local && pullPolicy !== 'always') return { image: local, pulled: false };
  if (pullPolicy === 'never') throw invalid(`No such image: ${familiarString(ref)}`, 'image.not-found');
  const quiet = flagBool(inv.cmd, 'quiet');
  if (!quiet && !local) inv.io.err(`Unable to find image '${familiarString(ref)}' locally\n`);
  const result = pullImage(inv.ctx, ref);
  if (!quiet) inv.io.err(result.lines.map((line) => `${line}\n`).join(''));
  return { image: result.image, pulled: true };
}

/** How docker run prints its own failures: `docker: <msg>` + the help hint. */
export function printRunFailure(io: CommandIO, typed: string, message: string): void {
  io.err(`docker: ${message}\n\nRun '${typed} --help' for more information\n`);
}
