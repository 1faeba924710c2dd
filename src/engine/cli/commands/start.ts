// docker start: runs a created or stopped container again, in the same writable layer (F20).
import { DockerError } from '../../errors';
import { event } from '../../events';
import { findContainer } from '../../ops/containers';
import { startContainer } from '../../ops/lifecycle';
import { flagBool, printDaemonError, type Invocation } from '../invocation';

export async function start(inv: Invocation): Promise<number> {
  const { ctx, io, cmd } = inv;
  const attach = flagBool(cmd, 'attach');
  const interactive = flagBool(cmd, 'interactive');
  const failed: string[] = [];
  for (const arg of cmd.args) {
    try {
      const container = findContainer(ctx, arg);
      const outcome = await startContainer(ctx, container, { attach: attach || interactive, interactive, tty: container.config.tty });
      if (outcome.kind === 'failed') {
        io.err(`Error response from daemon: ${outcome.message}\n`);
        failed.push(arg);
        continue;
      }
      if (attach || interactive) {
        for (const entry of outcome.output) (entry.stream === 'stdout' ? io.out : io.err).call(io, entry.text);
        if (outcome.session) {
          ctx.state.session = { containerId: container.id, mode: 'attach', program: outcome.session.program, cwd: container.config.workingDir || '/', env: {}, user: container.config.user };
          ctx.emit(event('session.attached', ['F07', 'F20'], { name: container.name, program: outcome.session.program }));
        }
        if (outcome.exited) return outcome.exitCode;
      } else io.out(`${arg}\n`);
    } catch (error) {
      if (!(error instanceof DockerError)) throw error;
      printDaemonError(io, error);
      failed.push(arg);
    }
  }
  if (failed.length > 0) {
    io.err(`Error: failed to start containers: ${failed.join(', ')}\n`);
    return 1;
  }
  return 0;
}
