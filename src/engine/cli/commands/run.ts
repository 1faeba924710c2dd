// docker run = create + start (+ attach unless -d).
import { DockerError } from '../../errors';
import { event } from '../../events';
import { createContainer } from '../../ops/create-container';
import { reconcile, startContainer } from '../../ops/lifecycle';
import type { Container } from '../../model/host-state';
import { flagBool, typedCommand, type Invocation } from '../invocation';
import { ClientError, createOptionsFromFlags, imageForRun, printRunFailure } from '../run-options';

/** An attached run of a process that takes a while returns when it ends: shift its times back. */
function finishAttachedTimedRun(inv: Invocation, container: Container): void {
  const process = container.process;
  if (!process || process.kind !== 'timed' || process.until === undefined) return;
  const shift = process.until - inv.ctx.now;
  container.created -= shift;
  container.state.startedAt -= shift;
  for (const entry of container.logs) entry.t -= shift;
  process.until = inv.ctx.now;
}

export async function run(inv: Invocation): Promise<number> {
  const { ctx, io, cmd } = inv;
  const typed = typedCommand(cmd);
  const detach = flagBool(cmd, 'detach');
  const interactive = flagBool(cmd, 'interactive');
  const tty = flagBool(cmd, 'tty');
  let container: Container;
  try {
    const options = createOptionsFromFlags(inv);
    const { image } = imageForRun(inv, options.imageText);
    container = createContainer(ctx, image, options);
  } catch (error) {
    if (error instanceof ClientError || error instanceof DockerError) {
      const prefix = error instanceof DockerError ? 'Error response from daemon: ' : '';
      if (error instanceof DockerError) io.errors.push({ code: error.code, message: error.message, facts: error.facts });
      printRunFailure(io, typed, `${prefix}${error.message}`);
      return 125;
    }
    throw error;
  }
  if (detach) io.out(`${container.id}\n`);
  let outcome;
  try {
    outcome = await startContainer(ctx, container, { attach: !detach, interactive, tty, ...(inv.stdin ? { stdin: inv.stdin } : {}) });
  } catch (error) {
    if (error instanceof DockerError) {
      printRunFailure(io, typed, `Error response from daemon: ${error.message}`);
      io.errors.push({ code: error.code, message: error.message, facts: error.facts });
      return 125;
    }
    throw error;
  }
  if (outcome.kind === 'failed') {
    printRunFailure(io, typed, `Error response from daemon: ${outcome.message}`);
    if (container.hostConfig.autoRemove) delete ctx.state.containers[container.id];
    return outcome.exitCode;
  }
  if (detach) return 0;

  for (const entry of outcome.output) (entry.stream === 'stdout' ? io.out : io.err).call(io, entry.text);
  if (outcome.session) {
    ctx.state.session = {
      containerId: container.id,
      mode: 'attach',
      program: outcome.session.program,
      cwd: container.config.workingDir || '/',
      env: {},
      user: container.config.user,
    };
    ctx.emit(event('session.attached', ['F07', 'F10'], { name: container.name, program: outcome.session.program }));
    return 0;
  }
  if (outcome.reason === 'timed') {
    finishAttachedTimedRun(inv, container);
    reconcile(ctx);
    return container.state.exitCode;
  }
  if (!outcome.exited) {
    // A real terminal would stay attached to this server until Ctrl-C; the chat cannot.
    ctx.emit(event('run.attached-server', ['F07', 'F38'], { name: container.name, program: container.process?.program ?? container.path }));
    return 0;
  }
  return outcome.exitCode;
}
