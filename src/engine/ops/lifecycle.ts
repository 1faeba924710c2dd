// A container's lifecycle (F21): created → running ⇄ paused → exited → removed. Stopping
// keeps the writable layer (F11, F20); removing deletes it; volumes outlive it (F29).
import { conflict, DockerError, invalid } from '../errors';
import { event } from '../events';
import type { HostContext } from '../host-context';
import { treeSize } from '../model/file-tree';
import type { Container, PortBinding } from '../model/host-state';
import { fillTemplate, runMainProcess, type StartOptions, type StartOutcome } from '../runtime/main-process';
import { randomInt } from '../util/rng';
import { isRunning } from './containers';
import { removeVolume } from './volumes';

function appendLogs(ctx: HostContext, container: Container, entries: Container['logs']): void {
  container.logs.push(...entries);
  const excess = container.logs.length - ctx.limits.maxLogLines;
  if (excess > 0) container.logs.splice(0, excess);
}

function sameHostIp(a: string, b: string): boolean {
  const any = (ip: string) => ip === '' || ip === '0.0.0.0' || ip === '::';
  return a === b || any(a) || any(b);
}

/** Publishes ports (random ones for `-p 80` and -P) or throws "port is already allocated". */
function allocatePorts(ctx: HostContext, container: Container): Record<string, PortBinding[]> {
  const taken: Array<{ ip: string; port: string }> = [];
  for (const other of Object.values(ctx.state.containers)) {
    if (other.id === container.id || !isRunning(other)) continue;
    for (const bindings of Object.values(other.ports)) for (const binding of bindings) taken.push({ ip: binding.hostIp, port: binding.hostPort });
  }
  const requested: Record<string, PortBinding[]> = structuredClone(container.hostConfig.portBindings);
  if (container.hostConfig.publishAllPorts) {
    for (const port of container.config.exposedPorts) requested[port] ??= [{ hostIp: '', hostPort: '' }];
  }
  const ports: Record<string, PortBinding[]> = {};
  for (const [key, bindings] of Object.entries(requested)) {
    ports[key] = [];
    for (const binding of bindings) {
      let hostPort = binding.hostPort;
      if (hostPort === '') {
        do hostPort = String(32768 + randomInt(ctx.rng, 28000));
        while (taken.some((entry) => entry.port === hostPort));
      } else if (taken.some((entry) => entry.port === hostPort && sameHostIp(entry.ip, binding.hostIp))) {
        const ip = binding.hostIp || '0.0.0.0';
        throw new DockerError(
          'System',
          `driver failed programming external connectivity on endpoint ${container.name} (${ctx.newId()}): Bind for ${ip}:${hostPort} failed: port is already allocated`,
          'container.port-taken',
          ['F13'],
        );
      }
      taken.push({ ip: binding.hostIp, port: hostPort });
      // Docker publishes on IPv4 and IPv6 when no address is given.
      if (binding.hostIp === '') ports[key].push({ hostIp: '0.0.0.0', hostPort }, { hostIp: '::', hostPort });
      else ports[key].push({ hostIp: binding.hostIp, hostPort });
    }
  }
  return ports;
}

function assignAddresses(ctx: HostContext, container: Container): void {
  for (const [name, endpoint] of Object.entries(container.networks)) {
    const network = Object.values(ctx.state.networks).find((candidate) => candidate.name === name);
    if (!network) continue;
    const prefix = network.subnet.split('.').slice(0, 3).join('.');
    const used = new Set(
      Object.values(ctx.state.containers).flatMap((other) => (other.id === container.id ? [] : [other.networks[name]?.ipAddress ?? ''])),
    );
    let host = 2;
    while (used.has(`${prefix}.${host}`)) host++;
    endpoint.ipAddress = `${prefix}.${host}`;
    endpoint.macAddress = `02:42:ac:${prefix.split('.').slice(1).map((part) => Number(part).toString(16).padStart(2, '0')).join(':')}:${host.toString(16).padStart(2, '0')}`;
  }
}

function releaseAddresses(container: Container): void {
  container.ports = {};
  for (const endpoint of Object.values(container.networks)) {
    endpoint.ipAddress = '';
    endpoint.macAddress = '';
  }
}

/** Whether Docker's restart policy brings the container back after its process ended by itself. */
function restartApplies(container: Container, exitCode: number): boolean {
  const policy = container.hostConfig.restartPolicy;
  if (policy.name === 'always' || policy.name === 'unless-stopped') return true;
  if (policy.name === 'on-failure') return exitCode !== 0 && (policy.maximumRetryCount === 0 || container.restartCount < policy.maximumRetryCount);
  return false;
}

const SELF_ENDED = new Set(['finished', 'shell-eof', 'oneshot', 'missing-env']);

/** Marks a container exited (its process ended or was stopped). Removes it if --rm. */
export function markExited(ctx: HostContext, container: Container, exitCode: number, at: number, why: string): void {
  if (SELF_ENDED.has(why) && restartApplies(container, exitCode)) {
    // The daemon restarts it again and again: ps shows "Restarting (code) ...".
    container.state = { ...container.state, status: 'restarting', pid: 0, exitCode, finishedAt: at };
    container.restartCount++;
    container.process = null;
    ctx.emit(event('container.restarting', ['F21'], { name: container.name, exitCode, policy: container.hostConfig.restartPolicy.name }));
    return;
  }
  container.state = { ...container.state, status: 'exited', pid: 0, exitCode, finishedAt: at };
  container.process = null;
  releaseAddresses(container);
  ctx.emit(event('container.exited', ['F21', 'F11'], { name: container.name, exitCode, why, writableFiles: Object.keys(container.upper).length }));
  if (container.hostConfig.autoRemove) removeContainerNow(ctx, container, true, 'auto');
}

export async function startContainer(ctx: HostContext, container: Container, options: StartOptions): Promise<StartOutcome> {
  if (container.state.status === 'paused') throw invalid('cannot start a paused container, try unpause instead', 'container.start-paused');
  if (container.state.status === 'running') {
    return { kind: 'started', output: [], exited: false, exitCode: 0, session: null, reason: 'server' };
  }
  const previous = container.state.status;
  container.ports = allocatePorts(ctx, container);
  assignAddresses(ctx, container);
  container.state = {
    ...container.state,
    status: 'running',
    pid: ctx.state.nextPid,
    startedAt: ctx.now,
    exitCode: 0,
    error: '',
  };
  ctx.state.nextPid += 17;
  const outcome = await runMainProcess(ctx, container, options);
  if (outcome.kind === 'failed') {
    container.state = { ...container.state, status: previous === 'created' ? 'created' : 'exited', pid: 0, exitCode: outcome.exitCode, error: outcome.message };
    releaseAddresses(container);
    ctx.emit(event('container.start-failed', ['F07', 'F22'], { name: container.name, command: container.path, exitCode: outcome.exitCode }));
    return outcome;
  }
  appendLogs(ctx, container, outcome.output);
  ctx.emit(event(previous === 'created' ? 'container.started' : 'container.restarted', ['F07', 'F21'], { name: container.name, reason: outcome.reason, program: container.process?.program ?? container.path }));
  if (outcome.exited) markExited(ctx, container, outcome.exitCode, ctx.now, outcome.reason);
  return outcome;
}

/** Moves time forward: containers whose process was due to end have exited by now. */
export function reconcile(ctx: HostContext): void {
  for (const container of Object.values(ctx.state.containers)) {
    const process = container.process;
    if (container.state.status !== 'running' || process?.kind !== 'timed' || process.until === undefined || process.until > ctx.now) continue;
    const exitCode = process.exitCode ?? 0;
    const duration = process.duration ?? 0;
    if (duration > 0 && restartApplies(container, exitCode)) {
      // A restart policy runs the same process again each time it ends.
      while (process.until <= ctx.now && restartApplies(container, exitCode)) {
        container.restartCount++;
        container.state.startedAt = process.until;
        process.until += duration;
      }
      if (process.until > ctx.now) continue;
    }
    markExited(ctx, container, exitCode, process.until, 'finished');
  }
}

export interface StopResult {
  exitCode: number;
  /** Seconds Docker waited before SIGKILL (the process ignored the stop signal). */
  waited: number;
}

export function stopContainer(ctx: HostContext, container: Container, timeoutSeconds = 10): StopResult | null {
  if (!isRunning(container)) return null;
  const spec = container.process ? ctx.ports.catalog.programs[container.process.program] : undefined;
  const honours = container.process?.stopsOnSignal ?? true;
  const exitCode = honours ? spec?.stopExitCode ?? 0 : 137;
  if (honours && spec) {
    appendLogs(ctx, container, spec.stopLogs.map((line) => ({ t: ctx.now, stream: line.stream, text: `${fillTemplate(line.text, ctx, container, ctx.now)}\n` })));
  }
  ctx.emit(event('container.stopped', ['F11', 'F20', 'F21'], { name: container.name, exitCode, ignoredSignal: !honours, timeout: timeoutSeconds, writableFiles: Object.keys(container.upper).length }));
  markExited(ctx, container, exitCode, ctx.now, honours ? 'stopped' : 'killed-after-timeout');
  return { exitCode, waited: honours ? 0 : timeoutSeconds };
}

const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15, STOP: 19, WINCH: 28 };

export function killContainer(ctx: HostContext, container: Container, signal = 'KILL', typed = container.name): void {
  if (!isRunning(container)) {
    throw conflict(`cannot kill container: ${typed}: container ${container.id} is not running`, 'container.kill-not-running', ['F21']);
  }
  const name = signal.toUpperCase().replace(/^SIG/, '');
  const number = /^\d+$/.test(name) ? Number(name) : SIGNALS[name];
  if (number === undefined) throw invalid(`Invalid signal: ${signal}`, 'container.bad-signal');
  if (number === 9) {
    ctx.emit(event('container.killed', ['F21'], { name: container.name }));
    markExited(ctx, container, 137, ctx.now, 'killed');
    return;
  }
  const stopSignal = (container.config.stopSignal ?? 'SIGTERM').replace(/^SIG/, '');
  if ((number === 15 || number === 2 || number === 3 || SIGNALS[stopSignal] === number) && (container.process?.stopsOnSignal ?? true)) {
    markExited(ctx, container, number === 15 || SIGNALS[stopSignal] === number ? 0 : 128 + number, ctx.now, 'signalled');
  }
}

export function pauseContainer(ctx: HostContext, container: Container): void {
  if (container.state.status === 'paused') throw conflict(`Container ${container.id} is already paused`, 'container.already-paused');
  if (container.state.status !== 'running') throw conflict(`container ${container.id} is not running`, 'container.pause-not-running');
  container.state.status = 'paused';
  ctx.emit(event('container.paused', ['F21'], { name: container.name }));
}

export function unpauseContainer(ctx: HostContext, container: Container): void {
  if (container.state.status !== 'paused') throw conflict(`Container ${container.id} is not paused`, 'container.not-paused');
  container.state.status = 'running';
  ctx.emit(event('container.unpaused', ['F21'], { name: container.name }));
}

/** Deletes a container and its writable layer; anonymous volumes too with -v (and --rm). */
export function removeContainerNow(ctx: HostContext, container: Container, removeAnonymousVolumes: boolean, how: 'rm' | 'force' | 'auto'): void {
  const lostFiles = Object.keys(container.upper).filter((path) => container.upper[path]?.type === 'file').length;
  const lostBytes = treeSize(container.upper);
  delete ctx.state.containers[container.id];
  if (ctx.state.session?.containerId === container.id) ctx.state.session = null;
  const kept: string[] = [];
  for (const mount of container.mounts) {
    if (mount.type !== 'volume' || !mount.name) continue;
    const volume = ctx.state.volumes[mount.name];
    if (!volume) continue;
    if (volume.anonymous && removeAnonymousVolumes) {
      const stillUsed = Object.values(ctx.state.containers).some((other) => other.mounts.some((m) => m.name === mount.name));
      if (!stillUsed) removeVolume(ctx, mount.name);
    } else kept.push(volume.anonymous ? mount.name.slice(0, 12) : mount.name);
  }
  ctx.emit(
    event('container.removed', lostFiles > 0 ? ['F11', 'F12', 'F34'] : kept.length > 0 ? ['F11', 'F29'] : ['F11', 'F21'], {
      name: container.name,
      how,
      lostFiles,
      lostBytes,
      keptVolumes: kept.join(', '),
    }),
  );
}

export function removeContainer(ctx: HostContext, container: Container, options: { force: boolean; volumes: boolean; typed: string }): void {
  if (container.state.status === 'paused' && !options.force) {
    throw conflict(`cannot remove container "${options.typed}": container is paused and must be unpaused first`, 'container.remove-paused', ['F21']);
  }
  if (isRunning(container) && !options.force) {
    throw conflict(
      `cannot remove container "${options.typed}": container is running: stop the container before removing or force remove`,
      'container.remove-running',
      ['F11', 'F21'],
    );
  }
  if (isRunning(container)) {
    container.process = null;
    container.state = { ...container.state, status: 'exited', pid: 0, exitCode: 137, finishedAt: ctx.now };
  }
  removeContainerNow(ctx, container, options.volumes, options.force ? 'force' : 'rm');
}
