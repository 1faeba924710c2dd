// docker attach: connects the terminal to the container's main process. An interactive shell
// takes over the prompt; a server's live output cannot be followed in a chat.
import { conflict, DockerError } from '../../errors';
import { event } from '../../events';
import { findContainer } from '../../ops/containers';
import { printDaemonError, type Invocation } from '../invocation';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'python3', 'python', 'node']);

export function attach(inv: Invocation): number {
  try {
    const container = findContainer(inv.ctx, inv.cmd.args[0] ?? '');
    if (container.state.status === 'paused') throw conflict('You cannot attach to a paused container, unpause it first', 'attach.paused');
    if (container.state.status !== 'running') throw conflict('You cannot attach to a stopped container, start it first', 'attach.stopped', ['F21']);
    const program = container.process?.program ?? '';
    if (container.process?.kind === 'waiting' && SHELLS.has(program) && container.config.tty && container.config.openStdin) {
      inv.ctx.state.session = { containerId: container.id, mode: 'attach', program, cwd: container.config.workingDir || '/', env: {}, user: container.config.user };
      inv.ctx.emit(event('session.attached', ['F07', 'F10'], { name: container.name, program }));
      return 0;
    }
    inv.ctx.emit(event('attach.follow', ['F07'], { name: container.name }));
    return 0;
  } catch (error) {
    if (!(error instanceof DockerError)) throw error;
    inv.io.err(`${error.message}\n`);
    if (error.kind === 'NotFound') {
      inv.io.chunks.pop();
      printDaemonError(inv.io, error);
    }
    return 1;
  }
}
