// docker build (= docker buildx build, BuildKit) and docker builder prune (= docker buildx
// prune) on the simulated host, which has the buildx plugin and its `default` docker builder.
import { DockerError } from '../../errors';
import { event } from '../../events';
import { humanSize4 } from '../../format/size';
import { timeAgo } from '../../format/duration';
import { resolvePath } from '../../fs/paths';
import { buildImage, type BuildRequest, type ProgressMode } from '../../build/builder';
import { records, type StepCacheRecord } from '../../build/cache';
import { hostFs } from '../../runtime/machines';
import { parseImageRef, withDefaultTag, type ImageRef } from '../../registry/reference';
import { flagBool, flagList, flagString, type Invocation } from '../invocation';

/** Flags buildx accepts that the simulated builder has nothing to do with (they change nothing here). */
const WARNED: Record<string, string> = {
  isolation: 'isolation flag is deprecated with BuildKit.',
  'security-opt': 'security-opt flag is deprecated. "RUN --security=insecure" should be used with BuildKit.',
  squash: 'experimental flag squash is removed with BuildKit. You should squash inside build using a multi-stage Dockerfile for efficiency.',
};

/** buildx's listToMap: `K=V`, or `K` alone taking the value from the environment when set. */
function listToMap(values: string[], env?: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq < 0) {
      if (env && env[value] !== undefined) out[value] = env[value] as string;
      continue;
    }
    out[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return out;
}

function notSimulated(inv: Invocation, what: string, instead: string): number {
  inv.io.err(`baleia: ${what} is not simulated here; ${instead}\n`);
  return 1;
}

export async function build(inv: Invocation): Promise<number> {
  const { ctx, cmd, io } = inv;
  const contextArg = cmd.args[0] ?? '.';
  for (const [flag, message] of Object.entries(WARNED)) {
    if (cmd.flags[flag] !== undefined) io.err(`WARN[0000] ${message}\n`);
  }

  let progress: ProgressMode = 'tty';
  const progressFlag = flagString(cmd, 'progress') ?? 'auto';
  if (progressFlag === 'plain' || progressFlag === 'rawjson') progress = 'plain';
  else if (progressFlag === 'quiet') progress = 'quiet';
  else if (progressFlag !== 'auto' && progressFlag !== 'tty') {
    io.err(`ERROR: invalid progress mode ${progressFlag}\n`);
    return 1;
  }
  if (flagBool(cmd, 'quiet')) {
    if (progressFlag !== 'auto' && progressFlag !== 'quiet') {
      io.err(`ERROR: progress=${progressFlag} and quiet cannot be used together\n`);
      return 1;
    }
    progress = 'quiet';
  }

  const builder = flagString(cmd, 'builder');
  if (builder !== undefined && builder !== '' && builder !== 'default') {
    io.err(`ERROR: no builder "${builder}" found\n`);
    return 1;
  }
  const call = flagBool(cmd, 'check') ? 'check' : (flagString(cmd, 'call') ?? 'build');
  if (call !== 'build' && call !== 'check') return notSimulated(inv, `docker build --call=${call}`, 'docker build --check runs the build checks.');
  if (flagBool(cmd, 'push')) return notSimulated(inv, 'docker build --push', 'build the image, then send it with docker push.');
  if (flagList(cmd, 'output').length > 0) return notSimulated(inv, 'docker build --output', 'the image goes to your local image store (docker images).');
  for (const platform of flagList(cmd, 'platform')) {
    if (!/^linux\/(amd64|x86_64)$/.test(platform)) {
      io.err(`ERROR: failed to solve: baleia: this host builds for linux/amd64 only (the course images have no ${platform} variant)\n`);
      return 1;
    }
  }
  if (contextArg === '-' || flagString(cmd, 'file') === '-') {
    return notSimulated(inv, 'reading the Dockerfile from standard input', 'write a Dockerfile in a folder and run docker build -t name folder.');
  }
  if (/^(https?:\/\/|git@|github\.com\/)/.test(contextArg)) {
    return notSimulated(inv, 'building from a URL or Git repository', 'the sandbox has no internet; build a folder of your host instead.');
  }

  const tags: ImageRef[] = [];
  for (const tag of flagList(cmd, 'tag')) {
    const parsed = parseImageRef(tag);
    if (!parsed.ok) {
      io.err(`ERROR: invalid tag ${JSON.stringify(tag)}: ${parsed.error}\n`);
      return 1;
    }
    tags.push(withDefaultTag(parsed.ref));
  }

  const fs = hostFs(ctx);
  const contextDir = resolvePath(inv.hostCwd, contextArg);
  const node = fs.getNode(contextDir);
  if (!node) {
    io.err(`ERROR: unable to prepare context: path ${JSON.stringify(contextArg)} not found\n`);
    ctx.emit(event('build.no-context', ['F23'], { path: contextArg }));
    return 1;
  }
  if (node.type !== 'dir') {
    io.err(`ERROR: unable to prepare context: context must be a directory: ${contextDir}\n`);
    return 1;
  }
  const file = flagString(cmd, 'file');
  const dockerfilePath = file ? resolvePath(inv.hostCwd, file) : `${contextDir === '/' ? '' : contextDir}/Dockerfile`;

  const target = flagString(cmd, 'target');
  const request: BuildRequest = {
    contextDir,
    dockerfilePath,
    tags,
    buildArgs: listToMap(flagList(cmd, 'build-arg'), inv.hostEnv),
    ...(target ? { target } : {}),
    noCache: flagBool(cmd, 'no-cache'),
    pull: flagBool(cmd, 'pull'),
    progress,
    check: call === 'check',
    labels: listToMap(flagList(cmd, 'label')),
  };
  let outcome;
  try {
    outcome = await buildImage(ctx, request, fs);
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    io.err(`ERROR: ${error.message}\n`);
    return 1;
  }
  io.err(outcome.stderr);
  io.out(outcome.stdout);
  const iidfile = flagString(cmd, 'iidfile');
  if (iidfile && outcome.imageId) {
    try {
      fs.writeText(resolvePath(inv.hostCwd, iidfile), outcome.imageId);
    } catch {
      io.err(`ERROR: writing image ID file: open ${iidfile}: no such file or directory\n`);
      return 1;
    }
  }
  return outcome.exitCode;
}

// ---------------------------------------------------------------------------------------------
// docker builder prune

/**
 * Go's text/tabwriter with buildx's settings (minwidth 1, tabwidth 8, padding 1, tabs as
 * padding): each cell is padded with tabs to the column's width rounded up to a tab stop.
 * The text after a line's last tab is not a cell.
 */
export function tabPad(lines: string[][]): string {
  const widths: number[] = [];
  for (const cells of lines) {
    cells.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 1, cell.length + 1);
    });
  }
  let out = '';
  for (const cells of lines) {
    cells.forEach((cell, i) => {
      out += cell;
      if (i === cells.length - 1) return;
      const cellw = Math.ceil((widths[i] as number) / 8) * 8;
      out += '\t'.repeat(Math.ceil((cellw - cell.length) / 8));
    });
    out += '\n';
  }
  return out;
}

function parseUntil(value: string): number | undefined {
  let total = 0;
  let rest = value;
  const re = /^(\d+(?:\.\d+)?)(h|m|s|ms)/;
  if (rest === '') return undefined;
  while (rest !== '') {
    const m = re.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * ({ h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as Record<string, number>)[m[2] as string]!;
    rest = rest.slice(m[0].length);
  }
  return total;
}

export function builderPrune(inv: Invocation): number {
  const { ctx, cmd, io } = inv;
  const all = flagBool(cmd, 'all');
  let keepNewerThan: number | undefined;
  for (const filter of flagList(cmd, 'filter')) {
    const [key = '', value = ''] = filter.split('=', 2);
    if (key === 'until' || key === 'unused-for') {
      const ms = parseUntil(value);
      if (ms === undefined) {
        io.err(`ERROR: "${key}" filter expects a duration (e.g., '24h'): time: invalid duration "${value}"\n`);
        return 1;
      }
      keepNewerThan = ms;
    }
  }
  if (!flagBool(cmd, 'force')) {
    const warning = all
      ? 'WARNING! This will remove all build cache. Are you sure you want to continue?'
      : 'WARNING! This will remove all dangling build cache. Are you sure you want to continue?';
    io.out(`${warning} [y/N] `);
    const answer = (inv.stdin.split('\n')[0] ?? '').trim().toLowerCase();
    if (answer !== 'y') {
      if (inv.stdin === '') io.out('\n');
      ctx.emit(event('prune.not-confirmed', [], { hint: '-f' }));
      return 0;
    }
  }
  const list = records(ctx);
  const removed: StepCacheRecord[] = [];
  const kept: StepCacheRecord[] = [];
  for (const record of list) {
    if (keepNewerThan !== undefined && ctx.now - record.lastUsed < keepNewerThan) kept.push(record);
    else removed.push(record);
  }
  ctx.state.buildCache = kept;
  removed.sort((a, b) => a.lastUsed - b.lastUsed || a.created - b.created);
  const row = (r: StepCacheRecord): string[] => [
    r.key.slice(7, 32).padEnd(40),
    'true ',
    humanSize4(r.size).padEnd(10),
    timeAgo((ctx.now - r.lastUsed) / 1000),
  ];
  let out = '';
  if (flagBool(cmd, 'verbose')) {
    for (const r of removed) {
      out += tabPad([
        ['ID:', r.key.slice(7, 32)],
        ['Created at:', new Date(r.created).toISOString().replace('T', ' ').replace('Z', ' +0000 UTC')],
        ['Mutable:', 'false'],
        ['Reclaimable:', 'true'],
        ['Shared:', String(r.shared)],
        ['Size:', humanSize4(r.size)],
        ['Description:', r.description],
        ['Usage count:', String(r.usageCount)],
        ['Last used:', timeAgo((ctx.now - r.lastUsed) / 1000)],
        ['Type:', 'regular'],
      ]);
      out += '\n';
    }
  } else if (removed.length > 0) {
    // buildx flushes its table after every row, so only the first row is aligned with the header.
    out += tabPad([['ID', 'RECLAIMABLE', 'SIZE', 'LAST ACCESSED'], row(removed[0] as StepCacheRecord)]);
    for (const r of removed.slice(1)) out += tabPad([row(r)]);
  }
  const total = removed.reduce((sum, r) => sum + r.size, 0);
  out += tabPad([['Total:', humanSize4(total)]]);
  io.out(out);
  ctx.emit(event('build.pruned', ['F06', 'F26'], { records: removed.length, bytes: total }));
  return 0;
}
